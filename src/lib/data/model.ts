/**
 * The data model shared by the pipeline (scripts/), the API (src/lib/server) and the UI.
 * Every dataset the product shows carries a Provenance so that source, edition and licence
 * travel with it into tiles, API responses and exports.
 */

export type Lang = 'de' | 'en';
export type I18nText = Record<Lang, string>;

export interface Provenance {
	/** stable id, e.g. "vg250-2016", "breitbandatlas-privat-2021-06" */
	id: string;
	title: I18nText;
	publisher: string;
	/** edition or as-of date as the publisher names it, e.g. "2016", "2021-06", "2024-10-01" */
	edition: string;
	licence: string;
	/** the exact attribution line to show */
	attribution: string;
	url?: string;
	/** how this project derived it (script, filter), shown in data notes */
	derivation?: string;
}

/** How a point's position was obtained; anything but 'exact'/'site' is shown as "Lage ungefähr". */
export type PositionQuality = 'exact' | 'site' | 'stop' | 'approx' | 'municipality';

export const APPROXIMATE_POSITIONS: ReadonlySet<PositionQuality> = new Set(['approx', 'municipality']);

/** District AGS (5 digits) of the three districts of Nordthüringen. */
export const REGION_DISTRICTS = ['16062', '16064', '16065'] as const;
export type DistrictAgs = (typeof REGION_DISTRICTS)[number];

export function isRegionAgs(ags: string): boolean {
	return REGION_DISTRICTS.some((d) => ags.startsWith(d));
}

/** A seed file: a GeoJSON FeatureCollection with a provenance foreign member. */
export interface SeedCollection<P = Record<string, unknown>> {
	type: 'FeatureCollection';
	provenance: Provenance | Provenance[];
	features: Array<GeoJSON.Feature<GeoJSON.Geometry, P>>;
}

/** A seed table without geometry (district figures, goals). */
export interface SeedTable<R = Record<string, unknown>> {
	provenance: Provenance | Provenance[];
	rows: R[];
}

// ---- Official-file imports -------------------------------------------------------------

/** Thrown by every importer; names the file, the line (1-based, if any) and the problem. */
export class ImportError extends Error {
	readonly file: string;
	readonly line: number | undefined;
	readonly problem: string;
	constructor(file: string, problem: string, line?: number) {
		super(`${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
		this.name = 'ImportError';
		this.file = file;
		this.line = line;
		this.problem = problem;
	}
}

export interface ImportResult<T> {
	source: Provenance & { file: string };
	records: T[];
	warnings: string[];
}

/**
 * Broadband technology keys used across the product.
 * all = all technologies (district "300", municipality "alle Technologien"),
 * wired = "100" / "leitungsgebundene", wireless = "200" / "drahtlose"/"funkbasierte".
 */
export type BroadbandTech = 'all' | 'wired' | 'wireless' | 'dsl' | 'catv' | 'ftth' | 'lte' | '5g';

export interface BroadbandRecord {
	/** 5-digit district or 8-digit municipality AGS valid at the edition's date */
	ags: string;
	level: 'district' | 'municipality';
	audience: 'private' | 'business';
	/** YYYY-MM, e.g. "2018-12", "2021-06" */
	asOf: string;
	/** share in percent keyed `${tech}_${mbit}`, e.g. all_50, all_1000, ftth_1000; null = not published */
	values: Record<string, number | null>;
}

export interface IndicatorRecord {
	/** 5-digit district or 8-digit municipality AGS */
	ags: string;
	level: 'district' | 'municipality';
	name: string;
	year: number;
	/** indicator code, e.g. "q_bip_et" (INKAR) or "unemployed" (BA) */
	code: string;
	label: string;
	value: number;
}

export interface MunicipalityStats {
	ags: string;
	name: string;
	areaKm2: number;
	population: number;
	densityPerKm2: number;
	zip: string;
	center: [number, number];
}

/** One answer of /api/search, as the API sends it and the search box shows it. */
export interface SearchHit {
	ref: string;
	kind: string;
	label: string;
	detail: string;
	lon: number;
	lat: number;
	theme: string | null;
}
