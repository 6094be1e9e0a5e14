import type { PageServerLoad } from './$types';
import { loadAppData } from '$lib/server/page/load-app-data.ts';

export const load: PageServerLoad = () => loadAppData();
