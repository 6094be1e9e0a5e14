import { error, redirect } from '@sveltejs/kit';
import type { Lang } from '$lib/data/model.ts';
import type { PageServerLoad } from './$types';
import { ApiFailure, loadFeatures, loadSite } from '$lib/server/page/load-sites.ts';
import type { SiteDetail } from '$lib/server/page/load-sites.ts';
import { compareUrl, parseIds, toggleCompare, SITE_THEME_ID } from '$lib/sites/finder-state.ts';
import { SITE_CATEGORIES } from '$lib/themes/registry.ts';

export const load: PageServerLoad = async ({ url }) => {
	const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	const ids = parseIds(url.searchParams.get('ids'));
	// The "add a site" form posts its choice as `add`; the shareable address holds only ids.
	const add = url.searchParams.get('add');
	if (add !== null) redirect(303, compareUrl(add && !ids.includes(add) ? toggleCompare(ids, add) : ids, lang));
	try {
		const [details, all] = await Promise.all([
			Promise.all(ids.map((id) => loadSite(id, lang))),
			loadFeatures(SITE_THEME_ID, new URLSearchParams({ category: SITE_CATEGORIES.join(',') }))
		]);
		const sites = details.filter((d): d is SiteDetail => d !== null && d.feature.properties.theme === SITE_THEME_ID && SITE_CATEGORIES.includes(String(d.feature.properties.category)));
		const found = new Set(sites.map((s) => s.feature.id));
		return {
			lang,
			ids: sites.map((s) => s.feature.id),
			unknown: ids.filter((id) => !found.has(id)),
			sites: sites.map((s) => ({ ...s.feature, source: s.source })),
			choices: all.features.filter((f) => !found.has(f.id)).map((f) => ({ id: f.id, name: String(f.properties.name), municipality: String(f.properties.municipality ?? '') })).sort((a, b) => a.name.localeCompare(b.name, 'de')),
			pageUrl: `${url.origin}${compareUrl(sites.map((s) => s.feature.id), lang)}`
		};
	} catch (e) {
		if (e instanceof ApiFailure) error(e.status >= 500 ? 503 : e.status, e.detail);
		throw e;
	}
};
