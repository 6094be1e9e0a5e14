import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { Lang } from '$lib/data/model.ts';
import type { Actions, PageServerLoad } from './$types';
import { ApiFailure, anchorOf, loadMapBasics, loadRegionFacts, loadSite, nearestOf } from '$lib/server/page/load-sites.ts';
import { parseIds, sitePath, SITE_THEME_ID } from '$lib/sites/finder-state.ts';
import { SITE_CATEGORIES, nearestTarget } from '$lib/themes/registry.ts';
import { st } from '$lib/i18n/sites.ts';
import { readInquiry, sendInquiry } from '$lib/server/page/inquiry.ts';

export const load: PageServerLoad = async ({ params, url }) => {
	const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	try {
		const detail = await loadSite(params.id, lang);
		if (!detail) error(404, st(lang, 'siteNotFound'));
		const p = detail.feature.properties;
		if (p.theme !== SITE_THEME_ID || !SITE_CATEGORIES.includes(String(p.category))) error(404, st(lang, 'notASite'));
		const anchor = anchorOf(detail.feature.geometry);
		const [basics, municipality, district, hospitals] = await Promise.all([
			loadMapBasics(lang),
			typeof p.ags_municipality === 'string' ? loadRegionFacts(p.ags_municipality) : Promise.resolve(null),
			typeof p.ags_district === 'string' ? loadRegionFacts(p.ags_district) : Promise.resolve(null),
			anchor ? nearestOf(nearestTarget('hospital'), anchor, 2, lang) : Promise.resolve({ nearby: [], attribution: [] })
		]);
		const pageUrl = `${url.origin}${sitePath(detail.feature.id, lang)}`;
		// Rendered here so the printed exposé carries it without any script.
		const qr = await QRCode.toString(pageUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
		return { ...basics, lang, cmp: parseIds(url.searchParams.get('cmp')), site: detail.feature, source: detail.source, anchor, municipality, district, hospitals: hospitals.nearby, aroundAttribution: hospitals.attribution, pageUrl, qr };
	} catch (e) {
		if (e instanceof ApiFailure) error(e.status >= 500 ? 503 : e.status, e.detail);
		throw e;
	}
};

export const actions: Actions = {
	/** The inquiry form without script posts here; the API stores it and names any bad field. */
	inquire: async ({ request, params, url, getClientAddress }) => {
		const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
		const form = await request.formData();
		const inquiry = readInquiry(form, params.id, lang);
		let address = 'unknown';
		try {
			address = getClientAddress();
		} catch {
			// without an address the rate limit counts such visitors together
		}
		const result = await sendInquiry(inquiry, { origin: url.origin, address });
		if (!result.ok) return fail(result.status, { values: inquiry.values, errors: result.errors, message: result.message });
		return { sent: true };
	}
};
