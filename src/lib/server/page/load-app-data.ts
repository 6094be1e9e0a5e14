/**
 * What the map page needs before any script runs: theme summaries with sources, the region's
 * extent and district names — read through the API in-process. Everything else (the broadband
 * ranking, cards, goals) is fetched by the browser when it is needed.
 */
import { api } from '../api/instance.ts';
import { basemapSetting } from '../basemap.ts';
import type { Provenance } from '../../data/model.ts';
import type { LiveOverlay } from '../../map/live.ts';
import type { StartClasses } from '../../map/classes.ts';

interface ThemesResponse {
	data_version: string;
	official_sources: boolean;
	themes: {
		id: string;
		feature_count: number;
		empty: boolean;
		editions?: { level: string; asOf: string }[];
		area?: { regions: number; of: number; as_of: string } | null;
		category_counts?: Record<string, number>;
		start_classes?: StartClasses;
		sources: Provenance[];
	}[];
}

async function json<T>(path: string): Promise<T> {
	const res = await api.request(path);
	const body = (await res.json()) as T & { detail?: string };
	if (!res.ok) throw new Error(body.detail ?? `${path}: ${res.status}`);
	return body;
}

/**
 * Back-office edits the tiles do not hold yet, so the map draws them from its first frame; usually
 * empty. Null when the server has no back office (the map then asks /api/live itself, later).
 */
async function liveOverlay(): Promise<LiveOverlay | null> {
	try {
		const res = await api.request('/api/live');
		return res.ok ? ((await res.json()) as LiveOverlay) : null;
	} catch {
		return null;
	}
}

export async function loadAppData() {
	try {
		const [themes, regions, live] = await Promise.all([
			json<ThemesResponse>('/api/themes'),
			json<{ regions: { ags: string; name: string; bbox: [number, number, number, number] }[] }>('/api/regions?level=district'),
			liveOverlay()
		]);
		const bbox = regions.regions.reduce<[number, number, number, number]>(
			(acc, r) => [Math.min(acc[0], r.bbox[0]), Math.min(acc[1], r.bbox[1]), Math.max(acc[2], r.bbox[2]), Math.max(acc[3], r.bbox[3])],
			[180, 90, -180, -90]
		);
		return {
			available: true,
			dataVersion: themes.data_version,
			officialSources: themes.official_sources,
			themes: themes.themes.map((t) => ({ id: t.id, featureCount: t.feature_count, empty: t.empty, editions: t.editions ?? [], area: t.area ?? null, categoryCounts: t.category_counts ?? {}, startClasses: t.start_classes ?? null, sources: t.sources })),
			regionBbox: bbox,
			// With imported boundaries a district comes in two editions; the legend names it once.
			districts: [...new Map(regions.regions.map((r) => [r.ags, { ags: r.ags, name: r.name }])).values()],
			live
		};
	} catch (e) {
		return {
			available: false,
			error: (e as Error).message.slice(0, 200),
			dataVersion: '',
			officialSources: false,
			themes: [],
			regionBbox: [0, 0, 0, 0] as [number, number, number, number],
			districts: [],
			live: null
		};
	}
}

/** The load of the pages with the main map (the map page and its embed). */
export async function loadMapPage(locals: App.Locals) {
	const data = await loadAppData();
	// the page's head starts the request for this archive (src/hooks.server.ts)
	if (data.available) locals.mapDataVersion = data.dataVersion;
	return { ...data, basemap: basemapSetting() };
}
