/**
 * What the site finder, the site pages and the comparison need before any script runs, read through
 * the API in-process (so the pages show exactly what the API and its exports say).
 */
import distance from '@turf/distance';
import { representativePoint } from '../../data/representative-point.ts';
import { api } from '../api/instance.ts';
import { provenanceIn } from '../../data/model.ts';
import type { Lang, Provenance } from '../../data/model.ts';
import { SITE_THEME_ID } from '../../sites/finder-state.ts';

export interface SiteFeature {
	type: 'Feature';
	id: string;
	geometry: GeoJSON.Geometry;
	properties: Record<string, unknown>;
}

export class ApiFailure extends Error {
	readonly status: number;
	readonly detail: string;
	readonly parameter: string | null;
	constructor(status: number, detail: string, parameter: string | null) {
		super(detail);
		this.status = status;
		this.detail = detail;
		this.parameter = parameter;
	}
}

async function json<T>(path: string): Promise<T> {
	const res = await api.request(path);
	const body = (await res.json()) as T & { detail?: string; parameter?: string };
	if (!res.ok) throw new ApiFailure(res.status, body.detail ?? `${path}: ${res.status}`, body.parameter ?? null);
	return body;
}

interface FeaturesPage {
	features: SiteFeature[];
	attribution: string[];
	next_cursor: string | null;
}

/** Every feature of a theme that passes the filters, following the API's pages. */
export async function loadFeatures(theme: string, filters: URLSearchParams = new URLSearchParams()): Promise<{ features: SiteFeature[]; attribution: string[] }> {
	const features: SiteFeature[] = [];
	const attribution = new Set<string>();
	let cursor: string | null = null;
	do {
		const q = new URLSearchParams(filters);
		q.set('theme', theme);
		q.set('limit', '500');
		if (cursor) q.set('cursor', cursor);
		const page: FeaturesPage = await json<FeaturesPage>(`/api/features?${q}`);
		features.push(...page.features);
		page.attribution.forEach((a) => attribution.add(a));
		cursor = page.next_cursor;
	} while (cursor);
	return { features, attribution: [...attribution] };
}

interface ThemesResponse {
	data_version: string;
	themes: { id: string; sources: Provenance[]; editions?: { level: string; asOf: string }[] }[];
}

/** The map's basics: data version (tile cache key), region extent and the attribution line in `lang`. */
export async function loadMapBasics(lang: Lang = 'de') {
	const [themes, regions] = await Promise.all([
		json<ThemesResponse>('/api/themes'),
		json<{ regions: { bbox: [number, number, number, number] }[] }>('/api/regions?level=district')
	]);
	const bbox = regions.regions.reduce<[number, number, number, number]>(
		(acc, r) => [Math.min(acc[0], r.bbox[0]), Math.min(acc[1], r.bbox[1]), Math.max(acc[2], r.bbox[2]), Math.max(acc[3], r.bbox[3])],
		[180, 90, -180, -90]
	);
	const sources = [...new Map(themes.themes.flatMap((t) => t.sources).map((p) => [p.id, provenanceIn(p, lang)])).values()];
	const siteSources = (themes.themes.find((t) => t.id === SITE_THEME_ID)?.sources ?? []).map((p) => provenanceIn(p, lang));
	return {
		dataVersion: themes.data_version,
		regionBbox: bbox,
		attribution: [...new Set(sources.map((p) => p.attribution))].join(' · '),
		siteSources
	};
}

export interface Nearby {
	id: string;
	name: string;
	distance_km: number;
	detail?: string;
}

export interface RegionFacts {
	ags: string;
	name: string;
	level: string;
	broadband: { as_of: string; metric: string; value: number; source: Provenance | null }[];
	gpDensity: { year: number; value: number; source: Provenance | null } | null;
	sources: Provenance[];
}

interface RegionResponse {
	ags: string;
	level: string;
	name: string;
	broadband: { audience: string; as_of: string; metric: string; value: number | null; source_id: string }[];
	indicators: { code: string; year: number; value: number; source_id: string }[];
	sources: Provenance[];
}

/** Broadband (newest edition, private households) and GP density of a municipality or district. */
export async function loadRegionFacts(ags: string): Promise<RegionFacts | null> {
	try {
		const r = await json<RegionResponse>(`/api/regions/${ags}`);
		const byId = new Map(r.sources.map((s) => [s.id, s]));
		const editions = [...new Set(r.broadband.filter((b) => b.value !== null).map((b) => b.as_of))].sort();
		const newest = editions[editions.length - 1];
		const broadband = r.broadband
			.filter((b) => b.as_of === newest && b.value !== null && (b.audience === 'private' || b.audience === 'all'))
			.map((b) => ({ as_of: b.as_of, metric: b.metric, value: b.value as number, source: byId.get(b.source_id) ?? null }));
		const gp = r.indicators.filter((i) => i.code === 'q_hausarzt_bev').sort((a, b) => b.year - a.year)[0];
		return {
			ags: r.ags,
			name: r.name,
			level: r.level,
			broadband: [...new Map(broadband.map((b) => [b.metric, b])).values()],
			gpDensity: gp ? { year: gp.year, value: gp.value, source: byId.get(gp.source_id) ?? null } : null,
			sources: r.sources
		};
	} catch (e) {
		if (e instanceof ApiFailure && e.status === 404) return null;
		throw e;
	}
}

/** The point distances are measured from: the site's point, or a point on its polygon (the same as the API's). */
export function anchorOf(geometry: GeoJSON.Geometry): [number, number] | null {
	try {
		return representativePoint(geometry);
	} catch {
		return null;
	}
}

/**
 * The n features of the given categories nearest to a point (straight line), e.g. hospitals around a
 * site; only those categories, as the theme may also hold schools, doctors and shops.
 */
export async function nearestOf(target: { theme: string; categories: readonly string[] }, from: [number, number], n: number, lang: Lang = 'de'): Promise<{ nearby: Nearby[]; attribution: string[] }> {
	const { features, attribution } = await loadFeatures(target.theme, new URLSearchParams({ category: target.categories.join(','), lang }));
	const nearby = features
		.map((f) => {
			const at = anchorOf(f.geometry);
			return at ? { id: f.id, name: String(f.properties.name), distance_km: Math.round(distance(from, at, { units: 'kilometers' }) * 10) / 10, detail: typeof f.properties.address === 'string' ? f.properties.address : undefined } : null;
		})
		.filter((x): x is NonNullable<typeof x> => x !== null)
		.sort((a, b) => a.distance_km - b.distance_km)
		.slice(0, n);
	return { nearby, attribution };
}

export interface SiteDetail {
	feature: SiteFeature;
	source: Provenance | null;
}

/** One feature with the API's computed facts and its source lines in `lang`; null when there is none with this id. */
export async function loadSite(id: string, lang: Lang = 'de'): Promise<SiteDetail | null> {
	try {
		const body = await json<SiteFeature & { source: Provenance | null }>(`/api/features/${encodeURIComponent(id)}?lang=${lang}`);
		const { source, ...feature } = body;
		return { feature, source };
	} catch (e) {
		if (e instanceof ApiFailure && (e.status === 404 || e.status === 400)) return null;
		throw e;
	}
}
