/**
 * The site finder's pure parts: filters generated from the registry, their URL (forgiving parsing,
 * canonical writing), the export link of exactly the listed sites, sorting with missing values last,
 * the comparison selection, how facts read ("nicht erfasst"), staleness, the inquiry checks, and the
 * JSON-LD that must never close its script element.
 */
import { describe, expect, it } from 'vitest';
import {
	apiParams,
	compareUrl,
	exportUrl,
	filterDefs,
	finderSearch,
	parseFinderState,
	parseIds,
	siteTheme,
	sitePath,
	sortSites,
	toggleCompare,
	MAX_COMPARE
} from '../../src/lib/sites/finder-state.ts';
import { factText, formatValue, groupedFacts, isStale, lastUpdated, priceText, valuesDiffer } from '../../src/lib/sites/facts.ts';
import { errorsFromApi, validateInquiry } from '../../src/lib/sites/inquiry.ts';
import type { InquiryValues } from '../../src/lib/sites/inquiry.ts';
import { jsonForScript, siteJsonLd } from '../../src/lib/sites/structured-data.ts';
import { anchorInBox } from '../../src/lib/sites/geometry.ts';
import { SITE_CATEGORIES } from '../../src/lib/themes/registry.ts';

const theme = siteTheme();
// Test fixtures: invented names and values, never shown as data.
const sites = [
	{ id: 'a', properties: { name: 'Beta fixture', gross_area_ha: 10, ags_district: '16062', district: 'Nordhausen' } },
	{ id: 'b', properties: { name: 'alpha fixture', gross_area_ha: null, ags_district: '16065', district: 'Kyffhäuserkreis' } },
	{ id: 'c', properties: { name: 'Gamma fixture', gross_area_ha: 80, ags_district: '16062', district: 'Nordhausen' } }
];
const defs = filterDefs(theme, sites);

describe('filters from the registry', () => {
	it('has a range for every numeric filter field, a choice for every enum and a flag for every yes/no', () => {
		for (const f of theme.fields.filter((f) => f.filter && !f.computed)) {
			const def = defs.find((d) => d.key === f.key);
			expect(def, f.key).toBeDefined();
			expect(def!.kind).toBe(f.filter);
		}
		expect(defs.find((d) => d.key === 'gross_area_ha')!.kind).toBe('range');
		expect(defs.find((d) => d.key === 'rail_siding')!.kind).toBe('flag');
		expect(defs.find((d) => d.key === 'land_use')!.options.map((o) => o.value)).toContain('GE_GI');
	});

	it('offers only site categories (no research institutions) and names districts by name', () => {
		expect(defs.find((d) => d.key === 'category')!.options.map((o) => o.value)).toEqual(SITE_CATEGORIES);
		const districts = defs.find((d) => d.key === 'ags_district')!;
		expect(districts.options).toEqual([
			{ value: '16065', label: { de: 'Kyffhäuserkreis', en: 'Kyffhäuserkreis' } },
			{ value: '16062', label: { de: 'Nordhausen', en: 'Nordhausen' } }
		]);
	});
});

describe('finder state in the URL', () => {
	it('reads the API-style parameters and writes them back canonically', () => {
		const s = parseFinderState(new URLSearchParams('gross_area_ha_min=5&free_area_ha_max=2,5&land_use=GE&land_use=GI&rail_siding=true&sort=gross_area_ha:desc&lang=en&scope=view&map=10/51.4/10.8&cmp=x,y'), defs, theme);
		expect(s.ranges).toEqual({ gross_area_ha: { min: 5, max: null }, free_area_ha: { min: null, max: 2.5 } });
		expect(s.enums.land_use).toEqual(['GE', 'GI']);
		expect(s.flags.rail_siding).toBe(true);
		expect(s.sort).toEqual({ key: 'gross_area_ha', dir: 'desc' });
		expect(s.lang).toBe('en');
		expect(s.scope).toBe('view');
		expect(s.cmp).toEqual(['x', 'y']);
		expect(finderSearch(s)).toBe('?gross_area_ha_min=5&free_area_ha_max=2.5&land_use=GE%2CGI&rail_siding=true&sort=gross_area_ha%3Adesc&scope=view&map=10%2F51.4%2F10.8&cmp=x%2Cy&lang=en');
	});

	it('filters dates by range with ISO dates only', () => {
		expect(defs.find((d) => d.key === 'available_from')).toMatchObject({ kind: 'range', format: 'date' });
		const s = parseFinderState(new URLSearchParams('available_from_max=2027-06-30&available_from_min=2027-02-30'), defs, theme);
		expect(s.ranges.available_from).toEqual({ min: null, max: '2027-06-30' });
		expect(finderSearch(s)).toBe('?available_from_max=2027-06-30');
	});

	it('drops what it cannot use instead of failing, and swaps reversed bounds', () => {
		const s = parseFinderState(new URLSearchParams('gross_area_ha_min=abc&net_area_ha_min=9&net_area_ha_max=3&land_use=XX&divisible=maybe&sort=evil&unknown=1&map=x'), defs, theme);
		expect(s.ranges).toEqual({ net_area_ha: { min: 3, max: 9 } });
		expect(s.enums).toEqual({});
		expect(s.flags).toEqual({});
		expect(s.sort).toEqual({ key: 'name', dir: 'asc' });
		expect(s.map).toBeNull();
		expect(finderSearch(s)).toBe('?net_area_ha_min=3&net_area_ha_max=9');
	});

	it('asks the API for site categories only unless the user chose some', () => {
		const none = parseFinderState(new URLSearchParams(''), defs, theme);
		expect(apiParams(none).get('category')).toBe(SITE_CATEGORIES.join(','));
		const chosen = parseFinderState(new URLSearchParams('category=kali_site'), defs, theme);
		expect(apiParams(chosen).get('category')).toBe('kali_site');
	});

	it('exports exactly the listed sites: same filters, plus the view box only when the list is limited to the view', () => {
		const s = parseFinderState(new URLSearchParams('gross_area_ha_min=5&lang=en'), defs, theme);
		const all = new URL(exportUrl(s, 'csv', [10, 51, 11, 52]), 'http://x');
		expect(all.pathname).toBe('/api/export');
		expect(Object.fromEntries(all.searchParams)).toEqual({ theme: 'gewerbe', format: 'csv', gross_area_ha_min: '5', category: SITE_CATEGORIES.join(','), lang: 'en' });
		const inView = new URL(exportUrl({ ...s, scope: 'view' }, 'geojson', [10, 51, 11, 52]), 'http://x');
		expect(inView.searchParams.get('bbox')).toBe('10.00000,51.00000,11.00000,52.00000');
		expect(inView.searchParams.get('format')).toBe('geojson');
	});

	it('sorts by a value with missing values last in both directions', () => {
		const asc = sortSites(sites, { key: 'gross_area_ha', dir: 'asc' }, 'de').map((s) => s.id);
		const desc = sortSites(sites, { key: 'gross_area_ha', dir: 'desc' }, 'de').map((s) => s.id);
		expect(asc).toEqual(['a', 'c', 'b']);
		expect(desc).toEqual(['c', 'a', 'b']);
		expect(sortSites(sites, { key: 'name', dir: 'asc' }, 'de').map((s) => s.id)).toEqual(['b', 'a', 'c']);
	});

	it('keeps at most four sites in the comparison and builds readable links', () => {
		let ids: string[] = [];
		for (const id of ['a', 'b', 'c', 'd', 'e']) ids = toggleCompare(ids, id);
		expect(ids).toEqual(['a', 'b', 'c', 'd']);
		expect(toggleCompare(ids, 'b')).toEqual(['a', 'c', 'd']);
		expect(parseIds('a,a,b,,c,d,e')).toEqual(['a', 'b', 'c', 'd']);
		expect(MAX_COMPARE).toBe(4);
		expect(compareUrl(['commercial:x', 'commercial:y'], 'en')).toBe('/vergleich?ids=commercial:x,commercial:y&lang=en');
		expect(sitePath('commercial:industriegebiet-goldene-aue', 'de')).toBe('/standorte/commercial:industriegebiet-goldene-aue');
		expect(sitePath('commercial:x', 'en', ['commercial:a', 'commercial:b'])).toBe('/standorte/commercial:x?cmp=commercial:a,commercial:b&lang=en');
	});
});

describe('how facts read', () => {
	const field = (key: string) => theme.fields.find((f) => f.key === key)!;

	it('says "nicht erfasst / not recorded" for missing values and translates options', () => {
		expect(formatValue('de', null, field('gross_area_ha'))).toBe('nicht erfasst');
		expect(formatValue('en', undefined)).toBe('not recorded');
		expect(formatValue('de', 12.5, field('gross_area_ha'))).toBe('12,5 ha');
		expect(formatValue('en', 'GE_GI', field('land_use'))).toBe('GE/GI – commercial and industrial area');
		expect(formatValue('de', 'planned', field('fibre'))).toBe('geplant');
		expect(formatValue('en', true)).toBe('yes');
	});

	it('reads the price as one fact', () => {
		expect(priceText('de', { price_kind: 'on_request' })).toBe('auf Anfrage');
		expect(priceText('de', { price_eur_m2: 12, price_max_eur_m2: 18 })).toBe('12–18 €/m²');
		expect(priceText('en', { price_eur_m2: 12 })).toBe('12 €/m²');
		expect(priceText('en', {})).toBe('not recorded');
		expect(factText('de', field('available_from'), { available_from: '2027-03-01' }, theme)).toBe('1. März 2027');
	});

	it('groups the facts by the registry sections, without contact, computed or record fields', () => {
		const groups = groupedFacts(theme, 'commercial_area');
		const keys = groups.flatMap((g) => g.fields.map((f) => f.key));
		expect(groups.map((g) => g.group)).toEqual(['basics', 'area', 'planning', 'price', 'utilities', 'access']);
		expect(keys).toContain('noise_night_db');
		expect(keys).not.toContain('contact_email');
		expect(keys).not.toContain('station_km');
		expect(keys).not.toContain('updated_at');
		expect(keys).not.toContain('price_max_eur_m2');
	});

	it('marks a listing stale after 12 months', () => {
		const now = new Date('2026-12-02T08:00:00Z');
		expect(isStale(new Date('2025-12-01T08:00:00Z'), now)).toBe(true);
		expect(isStale(new Date('2025-12-03T08:00:00Z'), now)).toBe(false);
		expect(lastUpdated({ updated_at: '2026-01-15T10:00:00Z' })?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
		expect(lastUpdated({ updated_at: 'garbage' })).toBeNull();
	});

	it('counts missing as a value of its own when highlighting differences', () => {
		expect(valuesDiffer(['1 ha', '1 ha'])).toBe(false);
		expect(valuesDiffer([null, undefined])).toBe(false);
		expect(valuesDiffer([null, 3])).toBe(true);
	});

	it('finds sites in the map view, polygons by any corner', () => {
		expect(anchorInBox({ type: 'Point', coordinates: [10.5, 51.5] }, [10, 51, 11, 52])).toBe(true);
		expect(anchorInBox({ type: 'Point', coordinates: [12, 51.5] }, [10, 51, 11, 52])).toBe(false);
		expect(anchorInBox({ type: 'Polygon', coordinates: [[[10.9, 51.9], [11.5, 51.9], [11.5, 52.5], [10.9, 51.9]]] }, [10, 51, 11, 52])).toBe(true);
	});
});

describe('inquiry checks', () => {
	const good: InquiryValues = { site: 's', name: 'N', company: 'C', email: 'n@example.org', phone: '', message: 'Ten chars!!', consent: true, lang: 'de', honeypot: '' };

	it('accepts a complete inquiry and names each bad field', () => {
		expect(validateInquiry(good)).toEqual({});
		const errors = validateInquiry({ ...good, name: ' ', email: 'nope', phone: 'abc', message: 'short', consent: false });
		expect(Object.keys(errors).sort()).toEqual(['consent', 'email', 'message', 'name', 'phone']);
		expect(errors.email!.key).toBe('errEmail');
		expect(errors.message).toEqual({ key: 'errTooShort', vars: { min: 10 } });
		expect(validateInquiry({ ...good, company: 'x'.repeat(201) }).company).toEqual({ key: 'errTooLong', vars: { max: 200 } });
	});

	it("maps the API's per-field answer onto the form, keeping its German and English wording", () => {
		const errors = errorsFromApi({
			error: 'invalid_fields',
			detail: '2 field(s) invalid: email, site_id',
			fields: [
				{ field: 'email', code: 'invalid_email', message: { de: 'E-Mail: keine gültige E-Mail-Adresse.', en: 'E-mail: not a valid e-mail address.' } },
				{ field: 'site_id', code: 'unknown_site', message: { de: 'Standort: unbekannt.', en: 'Site: unknown.' } }
			]
		});
		expect(Object.keys(errors)).toEqual(['email']);
		expect(errors.email!.key).toBe('errEmail');
		expect(errors.email!.text?.de).toBe('E-Mail: keine gültige E-Mail-Adresse.');
	});
});

describe('structured data', () => {
	it('states only recorded values, leaves out the position when it is approximate, and cannot close its script', () => {
		const site = { id: 'commercial:x', geometry: { type: 'Point' as const, coordinates: [10.8, 51.5] }, properties: { name: 'X </script><script>alert(1)</script>', municipality: 'Nordhausen', gross_area_ha: 80, approx: true } };
		const ld = siteJsonLd(site, { url: 'https://example.org/standorte/commercial:x', description: 'd', anchor: [10.8, 51.5], lang: 'de' });
		expect(ld['@type']).toBe('Place');
		expect(ld.geo).toBeUndefined();
		expect(ld.additionalProperty).toEqual([{ '@type': 'PropertyValue', name: 'gross area', value: 80, unitCode: 'HAR', unitText: 'ha' }]);
		const exact = siteJsonLd({ ...site, properties: { ...site.properties, approx: false } }, { url: 'u', description: 'd', anchor: [10.8, 51.5], lang: 'en' });
		expect(exact.geo).toEqual({ '@type': 'GeoCoordinates', longitude: 10.8, latitude: 51.5 });
		const json = jsonForScript(ld);
		expect(json).not.toContain('</script>');
		expect(JSON.parse(json).name).toBe(site.properties.name);
	});
});
