import type { PageServerLoad } from './$types';
import { api } from '$lib/server/api/instance.ts';

export interface ThemeInfo {
	id: string;
	feature_count: number;
	empty: boolean;
	editions?: { level: string; asOf: string }[];
	sources: { id: string; title: { de: string; en: string }; attribution: string; edition: string; licence: string; url?: string }[];
}

/**
 * The page is rendered with the theme summary and the region's extent from the API in-process, so
 * legend, sources and the initial view are in the HTML before any script runs.
 */
export const load: PageServerLoad = async () => {
	const [themesRes, regionsRes] = await Promise.all([api.request('/api/themes'), api.request('/api/regions?level=district')]);
	if (!themesRes.ok || !regionsRes.ok) {
		const body = (await (themesRes.ok ? regionsRes : themesRes).json()) as { detail?: string };
		return { available: false as const, error: body.detail ?? 'data unavailable' };
	}
	const themes = (await themesRes.json()) as { data_version: string; official_sources: boolean; themes: ThemeInfo[] };
	const regions = (await regionsRes.json()) as { regions: { ags: string; name: string; bbox: [number, number, number, number] }[] };
	const bbox = regions.regions.reduce<[number, number, number, number]>(
		(acc, r) => [Math.min(acc[0], r.bbox[0]), Math.min(acc[1], r.bbox[1]), Math.max(acc[2], r.bbox[2]), Math.max(acc[3], r.bbox[3])],
		[180, 90, -180, -90]
	);
	return {
		available: true as const,
		dataVersion: themes.data_version,
		officialSources: themes.official_sources,
		themes: themes.themes.map((t) => ({ id: t.id, featureCount: t.feature_count, empty: t.empty, editions: t.editions ?? [], sources: t.sources })),
		regionBbox: bbox,
		districts: regions.regions.map((r) => ({ ags: r.ags, name: r.name }))
	};
};
