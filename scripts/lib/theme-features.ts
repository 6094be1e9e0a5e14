/**
 * Assembles each theme's features from the seed and the (optional) official imports. The theme
 * registry says what a theme is; this module says where its features come from.
 */
import type { BroadbandRecord, IndicatorRecord, MunicipalityStats, Provenance } from '../../src/lib/data/model.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';
import { choroplethTheme } from '../../src/lib/themes/registry.ts';
import { classify } from '../../src/lib/map/classes.ts';
import type { StartClasses } from '../../src/lib/map/classes.ts';
import { BROADBAND_METRICS, broadbandProperty, isBroadbandMetric, parseBroadbandProperty } from '../../src/lib/themes/broadband.ts';
import type { BroadbandMetric } from '../../src/lib/themes/broadband.ts';
import type { Seed } from './seed.ts';
import { provenanceList } from './seed.ts';
import type { PublishedContent } from './content-source.ts';
import { assembleOsm, type OsmData } from '../osm/assemble.ts';

type Props = Record<string, unknown>;

export interface BuiltFeature {
	/** numeric id: MVT feature id (hover state) and database primary key */
	fid: number;
	/** stable string id, e.g. "tourism:kyffhaeuser-denkmal" */
	id: string;
	theme: ThemeId;
	category: string | null;
	name: string;
	geometry: GeoJSON.Geometry;
	props: Props;
	approx: boolean;
	sourceId: string;
}

export interface OfficialData {
	sources: Provenance[];
	broadband: { record: BroadbandRecord; sourceId: string }[];
	indicators: { record: IndicatorRecord; sourceId: string }[];
	municipalityStats?: { stats: MunicipalityStats[]; sourceId: string };
	boundaries2021?: { districts: GeoJSON.FeatureCollection; municipalities: GeoJSON.FeatureCollection; sourceId: string };
	/** OpenStreetMap extract (scripts/importers/osm.ts) */
	osm?: OsmData;
}

/** Seed columns of the broadband speed classes the choropleth offers, mapped onto the keys imports use. */
const SEED_BROADBAND_KEYS: Record<string, BroadbandMetric> = {
	ge50: 'all_50',
	ge100: 'all_100',
	ge1000: 'all_1000',
	ftth_ge1000: 'ftth_1000'
};

function firstSourceId(fc: { provenance: Provenance | Provenance[] }): string {
	const p = provenanceList(fc.provenance)[0];
	if (!p) throw new Error('seed collection without provenance');
	return p.id;
}

function str(v: unknown): string | null {
	return typeof v === 'string' && v.length > 0 ? v : null;
}

class FeatureSink {
	readonly features: BuiltFeature[] = [];
	private readonly ids = new Set<string>();

	add(f: Omit<BuiltFeature, 'fid'>): void {
		if (this.ids.has(f.id)) throw new Error(`duplicate feature id ${f.id}`);
		this.ids.add(f.id);
		this.features.push({ ...f, fid: this.features.length + 1 });
	}
}

function pointFeatures(
	sink: FeatureSink,
	theme: ThemeId,
	fc: Seed['tourism'],
	category: (p: Props) => string | null,
	extra: (p: Props) => Props = () => ({})
): void {
	const sourceId = firstSourceId(fc);
	for (const f of fc.features) {
		const p = f.properties ?? {};
		const id = str(p.id);
		const name = str(p.name);
		if (!id || !name) throw new Error(`seed feature without id/name in theme ${theme}`);
		sink.add({
			id,
			theme,
			category: category(p),
			name,
			geometry: f.geometry,
			props: { ...p, ...extra(p) },
			approx: p.approx === true,
			sourceId: str(p.source_id) ?? sourceId
		});
	}
}

/** Rail products that make a stop a railway station when the station list lacks it. */
const RAIL_MODES = new Set(['rail', 'regional', 'regionalExpress', 'national', 'nationalExpress', 'suburban']);

/** Municipality shares already carried onto one boundary edition (scripts/lib/broadband-planning.ts). */
export interface HarmonisedBroadband {
	boundary: string;
	values: { ags: string; audience: string; asOf: string; metric: string; value: number | null; method: string | null; sourceId: string }[];
}

export function assembleThemeFeatures(
	seed: Seed,
	official: OfficialData | null,
	harmonised: HarmonisedBroadband | null = null,
	content: PublishedContent | null = null
): BuiltFeature[] {
	const features = assembleFromSeed(seed, official, harmonised);
	if (!content) return features;
	// The back office owns these ids: its published state replaces the seed's, the rest is left out.
	const kept = features.filter((f) => !content.owned.has(f.id));
	const added: Omit<BuiltFeature, 'fid'>[] = content.features.map((f) => ({ ...f }));
	return [...kept, ...added].map((f, i) => ({ ...f, fid: i + 1 }));
}

function assembleFromSeed(seed: Seed, official: OfficialData | null, harmonised: HarmonisedBroadband | null): BuiltFeature[] {
	const sink = new FeatureSink();

	pointFeatures(sink, 'gewerbe', seed.commercial, (p) => (p.kali_region === true ? 'kali_site' : 'commercial_area'), (p) => ({
		listing: p.gross_area_ha === undefined && p.free_area_ha === undefined ? 'no_listing_data' : 'published'
	}));
	pointFeatures(sink, 'gewerbe', seed.research, () => 'research');

	pointFeatures(sink, 'verkehr', seed.stations, () => 'station');
	const stationIds = new Set(seed.stations.features.map((f) => String(f.properties?.id ?? '').replace(/^station:/, '')));
	const stopsSource = firstSourceId(seed.stops);
	for (const f of seed.stops.features) {
		const p = f.properties ?? {};
		const mode = str(p.mode) ?? 'other';
		const rawId = String(p.id ?? '').replace(/^stop:/, '');
		const isRail = RAIL_MODES.has(mode);
		// Railway stations come from the station list; keep a rail stop only if that list misses it.
		if (isRail && stationIds.has(rawId)) continue;
		const category = isRail ? 'station' : mode === 'tram' || mode === 'bus' ? mode : 'other';
		sink.add({
			id: String(p.id),
			theme: 'verkehr',
			category,
			name: String(p.name),
			geometry: f.geometry,
			props: p,
			approx: false,
			sourceId: str(p.source_id) ?? stopsSource
		});
	}

	const stats = new Map(official?.municipalityStats?.stats.map((s) => [s.ags, s]) ?? []);
	pointFeatures(
		sink,
		'wohnen',
		seed.places,
		(p) => (typeof p.population === 'number' && p.population >= 10000 ? 'town' : 'place'),
		(p) => {
			const s = stats.get(String(p.ags_municipality ?? ''));
			return s ? { density: s.densityPerKm2, municipality_population: s.population } : {};
		}
	);

	pointFeatures(sink, 'daseinsvorsorge', seed.hospitals, () => 'hospital');
	// The curated sights are the highlights: never clustered, enriched by their OSM object if one matches.
	const osm = official?.osm ? assembleOsm(seed, official.osm) : null;
	pointFeatures(sink, 'tourismus', seed.tourism, (p) => str(p.category), (p) => ({ highlight: true, ...(osm?.curated.get(String(p.id)) ?? {}) }));
	for (const f of osm?.features ?? []) sink.add(f);

	for (const f of broadbandPolygons(seed, official, harmonised)) sink.add(f);
	return sink.features;
}

/**
 * Broadband choropleth polygons: the districts with the seed's headline figures (and imported
 * district files), plus municipalities from imported files, each on the boundary edition its
 * codes belong to (2016 codes before the 2019 Thuringian mergers, 2021 codes after).
 */
function broadbandPolygons(seed: Seed, official: OfficialData | null, harmonised: HarmonisedBroadband | null): Omit<BuiltFeature, 'fid'>[] {
	const values = new Map<string, Props>();
	const editions = new Map<string, Set<string>>();
	const sourceOf = new Map<string, string>();
	/** ags → source id per edition: each value keeps the file it came from */
	const editionSources = new Map<string, Map<string, string>>();
	const put = (ags: string, asOf: string, metric: string, value: number | null | undefined, sourceId: string) => {
		if (value === null || value === undefined || !Number.isFinite(value)) return;
		const v = values.get(ags) ?? {};
		v[broadbandProperty(asOf, metric)] = value;
		values.set(ags, v);
		const e = editions.get(ags) ?? new Set<string>();
		e.add(asOf);
		editions.set(ags, e);
		if (!sourceOf.has(ags)) sourceOf.set(ags, sourceId);
		const bySource = editionSources.get(ags) ?? new Map<string, string>();
		// an imported file replaces the curated headline figure of the same edition
		if (!bySource.has(asOf) || bySource.get(asOf)!.endsWith('-headlines')) bySource.set(asOf, sourceId);
		editionSources.set(ags, bySource);
	};

	const seedSource = provenanceList(seed.districtFigures.provenance)[0]?.id ?? 'facts';
	const districtNames = new Map(((seed.region as { districts?: { ags: string; name: string }[] }).districts ?? []).map((d) => [d.ags, d.name]));
	for (const row of districtBroadbandRows(seed)) {
		for (const [key, metric] of Object.entries(SEED_BROADBAND_KEYS)) {
			put(row.ags, row.as_of, metric, row[key as keyof DistrictBroadbandRow] as number | undefined, seedSource);
		}
	}
	// On today's municipalities the map shows the carried-over values, never the old codes.
	const onToday = harmonised?.boundary === '2021' && !!official?.boundaries2021;
	const converted = new Set<string>();
	for (const { record, sourceId } of official?.broadband ?? []) {
		if (record.audience !== 'private' || (onToday && record.level === 'municipality')) continue;
		for (const metric of BROADBAND_METRICS) put(record.ags, record.asOf, metric, record.values[metric], sourceId);
	}
	if (onToday) {
		for (const v of harmonised!.values) {
			if (v.audience !== 'private' || !isBroadbandMetric(v.metric)) continue;
			put(v.ags, v.asOf, v.metric, v.value, v.sourceId);
			if (v.value !== null && v.method?.startsWith('converted')) converted.add(v.ags);
		}
	}

	const out: Omit<BuiltFeature, 'fid'>[] = [];
	const polygonSets: { fc: GeoJSON.FeatureCollection; level: 'district' | 'municipality'; boundary: string; sourceId: string }[] = [
		{ fc: seed.districts, level: 'district', boundary: '2016', sourceId: firstSourceId(seed.districts) },
		{ fc: seed.municipalities, level: 'municipality', boundary: '2016', sourceId: firstSourceId(seed.municipalities) }
	];
	if (official?.boundaries2021) {
		const today = { fc: official.boundaries2021.municipalities, level: 'municipality' as const, boundary: '2021', sourceId: official.boundaries2021.sourceId };
		// With carried-over values every municipality is drawn on its 2021 outline (a municipality that
		// kept its code may have grown); otherwise only codes created by the 2019 mergers need it.
		if (onToday) polygonSets.splice(1, 0, today);
		else polygonSets.push(today);
	}
	// A code still on the detailed 2016 boundaries is drawn there unless the 2021 set came first.
	const drawn = new Set<string>();
	for (const set of polygonSets) {
		for (const f of set.fc.features) {
			const p = f.properties ?? {};
			const ags = String(p.ags);
			const v = values.get(ags);
			if (!v || drawn.has(`${set.level}:${ags}`)) continue;
			drawn.add(`${set.level}:${ags}`);
			const eds = [...(editions.get(ags) ?? [])].sort();
			const name = (set.level === 'district' ? districtNames.get(ags) : undefined) ?? String(p.name);
			out.push({
				id: `broadband:${set.level}:${ags}`,
				theme: 'breitband',
				category: set.level,
				name,
				geometry: f.geometry,
				props: {
					ags,
					name,
					level: set.level,
					boundary_edition: set.boundary,
					ags_district: ags.slice(0, 5),
					editions: eds.join(','),
					// "edition=source id" per edition, read by the API to cite every value's own file
					edition_sources: eds.map((e) => `${e}=${editionSources.get(ags)?.get(e) ?? set.sourceId}`).join(','),
					...(set.level === 'municipality' ? { converted: converted.has(ags) } : {}),
					...v
				},
				approx: false,
				sourceId: editionSources.get(ags)?.get(eds[eds.length - 1] ?? '') ?? sourceOf.get(ags) ?? set.sourceId
			});
		}
	}
	return out;
}

interface DistrictBroadbandRow {
	ags: string;
	as_of: string;
	ge50?: number;
	ge100?: number;
	ge1000?: number;
	ftth_ge1000?: number;
}

/** The seed keeps the facts' shape; accept both a top-level `broadband` list and nested tables. */
export function districtBroadbandRows(seed: Seed): DistrictBroadbandRow[] {
	const f = seed.districtFigures as unknown as Record<string, unknown>;
	const candidates = [f.broadband, (f.broadband_households_pct as { rows?: unknown })?.rows, f.rows];
	for (const c of candidates) {
		if (Array.isArray(c) && c.some((r) => typeof r === 'object' && r !== null && 'as_of' in r && 'ge50' in r)) {
			return c as DistrictBroadbandRow[];
		}
	}
	return [];
}

export function broadbandEditions(features: BuiltFeature[]): { level: string; asOf: string }[] {
	const seen = new Map<string, { level: string; asOf: string }>();
	for (const f of features) {
		if (f.theme !== 'breitband') continue;
		for (const e of String(f.props.editions ?? '').split(',')) {
			if (!e) continue;
			seen.set(`${f.props.level}|${e}`, { level: String(f.props.level), asOf: e });
		}
	}
	return [...seen.values()].sort((a, b) => (a.asOf + a.level).localeCompare(b.asOf + b.level));
}

/**
 * The colour classes of the choropleth theme's values over all areas of the region, per level and
 * property: what the map computes from the values it shows when the whole region is in view (its
 * start view). Written into the database, the page starts the map with them, so the first picture
 * already tells the districts apart and needs no second colouring (and no second reading of the
 * tiles) a moment later. Values are keyed by area code, as the map counts an area once.
 */
export function choroplethStartClasses(features: BuiltFeature[]): StartClasses {
	const theme = choroplethTheme();
	if (!theme) return {};
	const values: Record<string, Record<string, Map<string, number>>> = {};
	for (const f of features) {
		if (f.theme !== theme.id) continue;
		const level = String(f.props.level ?? '');
		for (const [key, v] of Object.entries(f.props)) {
			if (!parseBroadbandProperty(key) || typeof v !== 'number') continue;
			((values[level] ??= {})[key] ??= new Map()).set(String(f.props.ags), v);
		}
	}
	const out: StartClasses = {};
	for (const [level, byProperty] of Object.entries(values)) {
		for (const [property, byArea] of Object.entries(byProperty)) {
			const classes = classify([...byArea.values()], theme.choropleth.colors);
			if (classes) (out[level] ??= {})[property] = classes;
		}
	}
	return out;
}
