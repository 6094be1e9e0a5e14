import type { PageServerLoad } from './$types';
import { loadGoals } from '$lib/server/page/load-planning.ts';

export const load: PageServerLoad = ({ url }) => loadGoals(url);
