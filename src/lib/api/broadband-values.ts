/**
 * Broadband values of every district and municipality, for the ranking in the layer panel. Loaded in
 * the browser only when the broadband theme is shown, so the page itself never carries the list.
 */
import { api } from './client.ts';
import type { ApiClient, ApiResult } from './client.ts';
import { choroplethTheme } from '../themes/registry.ts';

export interface BroadbandValues {
	ags: string;
	name: string;
	level: string;
	values: Record<string, number>;
}

/** All pages of the choropleth theme's features, reduced to their broadband values. */
export async function fetchBroadbandValues(signal?: AbortSignal, client: ApiClient = api): Promise<ApiResult<BroadbandValues[]>> {
	const theme = choroplethTheme();
	const out: BroadbandValues[] = [];
	if (!theme) return { ok: true, status: 200, data: out };
	let cursor: string | null = null;
	do {
		const page = await client.features(theme.id, { limit: 500, cursor }, { signal });
		if (!page.ok) return page;
		for (const f of page.data.features) {
			const p = f.properties;
			const values = Object.fromEntries(Object.entries(p).filter(([k, v]) => k.startsWith('bb_') && typeof v === 'number')) as Record<string, number>;
			out.push({ ags: String(p.ags), name: String(p.name), level: String(p.level), values });
		}
		cursor = page.data.next_cursor;
	} while (cursor);
	return { ok: true, status: 200, data: out };
}
