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
	/**
	 * English forms of the lines that are this project's own wording (a compilation, editorial text);
	 * absent for official sources, whose names are proper names and stay as published.
	 */
	en?: Partial<Pick<Provenance, 'attribution' | 'licence' | 'edition'>>;
}

/** A source as one visitor sees it: its own wording in the visitor's language, the other form left out. */
export function provenanceIn(p: Provenance, lang: Lang): Provenance {
	const { en, ...rest } = p;
	if (lang !== 'en' || !en) return rest;
	const english = Object.fromEntries(Object.entries(en).filter(([, v]) => typeof v === 'string' && v !== ''));
	return { ...rest, ...english };
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

/** Thrown by every importer; names the file, the line (1-based, if any), the column and the problem. */
export class ImportError extends Error {
	readonly file: string;
	readonly line: number | undefined;
	readonly problem: string;
	readonly column: string | undefined;
	constructor(file: string, problem: string, line?: number, column?: string) {
		super(`${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
		this.name = 'ImportError';
		this.file = file;
		this.line = line;
		this.problem = problem;
		this.column = column;
	}
}

/** One problem found in a source file. */
export interface ImportProblem {
	file: string;
	line?: number;
	column?: string;
	problem: string;
}

/**
 * Every problem of every file of one import run: the person updating the data fixes them all at
 * once instead of re-running once per problem. Still an ImportError, so callers that stop on the
 * first one keep working (file and line are the first problem's).
 */
export class ImportErrors extends ImportError {
	readonly problems: readonly ImportProblem[];
	constructor(problems: readonly ImportProblem[]) {
		const first = problems[0] ?? { file: '<sources>', problem: 'import failed' };
		super(first.file, first.problem, first.line, first.column);
		this.name = 'ImportErrors';
		this.problems = problems;
		const files = new Set(problems.map((p) => p.file)).size;
		this.message = [
			`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}:`,
			...problems.map((p) => `  ${p.file}${p.line !== undefined ? `:${p.line}` : ''}${p.column !== undefined ? ` [${p.column}]` : ''}: ${p.problem}`)
		].join('\n');
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
	/** municipality files: the boundary edition the codes belong to (set by the coverage check) */
	boundaryEdition?: string;
}

export interface IndicatorRecord {
	/** 5-digit district or 8-digit municipality AGS */
	ags: string;
	/** state (Thuringia, ags "16") and country (Germany, ags "DE") are reference lines */
	level: 'district' | 'municipality' | 'state' | 'country';
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
