import type { PageServerLoad } from './$types';
import { loadBroadband } from '$lib/server/page/load-planning.ts';

export const load: PageServerLoad = ({ url }) => loadBroadband(url);
