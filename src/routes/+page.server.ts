import type { PageServerLoad } from './$types';
import { loadAppData } from '$lib/server/page/load-app-data.ts';
import { basemapSetting } from '$lib/server/basemap.ts';

export const load: PageServerLoad = async () => ({ ...(await loadAppData()), basemap: basemapSetting() });
