import type { PageServerLoad } from './$types';
import { loadMapPage } from '$lib/server/page/load-app-data.ts';

export const load: PageServerLoad = ({ locals }) => loadMapPage(locals);
