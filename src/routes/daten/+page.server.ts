import type { PageServerLoad } from './$types';
import { loadAppData } from '$lib/server/page/load-app-data.ts';
import { basemapSetting } from '$lib/server/basemap.ts';

export const load: PageServerLoad = async () => {
	const data = await loadAppData();
	return {
		available: data.available,
		officialSources: data.officialSources,
		themes: data.themes.map((t) => ({ id: t.id, featureCount: t.featureCount, empty: t.empty, sources: t.sources })),
		basemap: basemapSetting().mode
	};
};
