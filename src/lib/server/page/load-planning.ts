/**
 * Server loads of the planner pages (/breitband, /ziele): read through the API in-process, so the
 * pages and the API answer from the same code. A bad parameter in a shared link is shown as a note
 * and the default view is loaded instead of an error page.
 */
import { api } from '../api/instance.ts';
import type { broadbandView } from '../api/routes/planning.ts';
import type { GoalsView } from '../api/goals-view.ts';
import type { Lang } from '../../data/model.ts';

export type BroadbandViewData = ReturnType<typeof broadbandView>;

async function get<T>(path: string): Promise<{ ok: true; body: T } | { ok: false; status: number; detail: string; parameter?: string }> {
	const res = await api.request(path);
	const body = (await res.json()) as T & { detail?: string; parameter?: string };
	if (!res.ok) return { ok: false, status: res.status, detail: body.detail ?? String(res.status), ...(body.parameter ? { parameter: body.parameter } : {}) };
	return { ok: true, body };
}

const VIEW_PARAMS = ['edition', 'metric', 'audience', 'compare'] as const;

export async function loadBroadband(url: URL) {
	const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	const q = new URLSearchParams();
	for (const k of VIEW_PARAMS) {
		const v = url.searchParams.get(k);
		if (v) q.set(k, v);
	}
	let view = await get<BroadbandViewData>(`/api/planning/broadband?${q}`);
	let problem: string | null = null;
	if (!view.ok && view.status === 400) {
		problem = view.detail;
		view = await get<BroadbandViewData>('/api/planning/broadband');
	}
	if (!view.ok) return { lang, problem: view.detail, view: null, shapes: null };
	const shapes = view.body.available ? await get<GeoJSON.FeatureCollection>('/api/planning/broadband/shapes') : null;
	return { lang, problem, view: view.body, shapes: shapes?.ok ? shapes.body : null };
}

export async function loadGoals(url: URL) {
	const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	const goals = await get<GoalsView & { csv_format: { de: string; en: string } }>('/api/goals');
	return { lang, goals: goals.ok ? goals.body : null, problem: goals.ok ? null : goals.detail };
}
