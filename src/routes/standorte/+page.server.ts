import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ApiFailure, loadFeatures, loadMapBasics } from '$lib/server/page/load-sites.ts';
import { SITE_CATEGORIES } from '$lib/themes/registry.ts';
import { apiParams, filterDefs, parseFinderState, siteTheme, sortSites, SITE_THEME_ID } from '$lib/sites/finder-state.ts';

export const load: PageServerLoad = async ({ url }) => {
	const theme = siteTheme();
	try {
		const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
		const [basics, all] = await Promise.all([loadMapBasics(lang), loadFeatures(SITE_THEME_ID, new URLSearchParams({ category: SITE_CATEGORIES.join(',') }))]);
		const defs = filterDefs(theme, all.features);
		const state = parseFinderState(url.searchParams, defs, theme);
		let filtered: Awaited<ReturnType<typeof loadFeatures>> = { features: [], attribution: [] };
		let filterError: { detail: string; parameter: string | null } | null = null;
		try {
			// the list's source lines in the page's language
			filtered = await loadFeatures(SITE_THEME_ID, new URLSearchParams([...apiParams(state), ['lang', lang]]));
		} catch (e) {
			// A filter the API refuses (e.g. a field the registry no longer has) is shown, not a crash.
			if (!(e instanceof ApiFailure) || e.status !== 400) throw e;
			filterError = { detail: e.detail, parameter: e.parameter };
		}
		// The placeholders of the range inputs show what the data span.
		const spans: Record<string, [number, number]> = {};
		for (const def of defs.filter((d) => d.kind === 'range')) {
			const values = all.features.map((f) => f.properties[def.key]).filter((v): v is number => typeof v === 'number');
			if (values.length) spans[def.key] = [Math.min(...values), Math.max(...values)];
		}
		return {
			...basics,
			defs,
			state,
			spans,
			total: all.features.length,
			sites: sortSites(filtered.features, state.sort, state.lang),
			listAttribution: filtered.attribution,
			filterError
		};
	} catch (e) {
		if (e instanceof ApiFailure) error(e.status >= 500 ? 503 : e.status, e.detail);
		throw e;
	}
};
