/**
 * schema.org (JSON-LD) and OpenGraph descriptions of a site page, so that search engines and link
 * previews show the site's name, place and size rather than the map's generic title.
 */
import type { Lang } from '../data/model.ts';
import { formatNum, isMissing } from './facts.ts';

export interface SiteForMeta {
	id: string;
	geometry: GeoJSON.Geometry;
	properties: Record<string, unknown>;
}

/** A short description: kind of site, place and the areas that are recorded. */
export function siteDescription(site: SiteForMeta, lang: Lang, categoryLabel: string): string {
	const p = site.properties;
	const parts = [`${categoryLabel}${p.municipality ? (lang === 'de' ? ` in ${p.municipality}` : ` in ${p.municipality}`) : ''}${p.district ? ` (${p.district})` : ''}`];
	if (typeof p.gross_area_ha === 'number') parts.push(`${lang === 'de' ? 'Bruttofläche' : 'gross area'} ${formatNum(lang, p.gross_area_ha)} ha`);
	if (typeof p.free_area_ha === 'number') parts.push(`${lang === 'de' ? 'frei' : 'free'} ${formatNum(lang, p.free_area_ha)} ha`);
	return `${parts.join(', ')}. ${lang === 'de' ? 'Standortkarte Nordthüringen' : 'Nordthüringen Location Map'}.`;
}

/** JSON-LD of a schema.org Place; only recorded values are stated. */
export function siteJsonLd(site: SiteForMeta, opts: { url: string; description: string; anchor: [number, number] | null; lang: Lang }): Record<string, unknown> {
	const p = site.properties;
	const area = (key: string, name: string) =>
		typeof p[key] === 'number' ? [{ '@type': 'PropertyValue', name, value: p[key], unitCode: 'HAR', unitText: 'ha' }] : [];
	return {
		'@context': 'https://schema.org',
		'@type': 'Place',
		'@id': opts.url,
		url: opts.url,
		name: String(p.name ?? site.id),
		description: opts.description,
		inLanguage: opts.lang,
		...(opts.anchor && !(p.approx === true) ? { geo: { '@type': 'GeoCoordinates', longitude: opts.anchor[0], latitude: opts.anchor[1] } } : {}),
		address: {
			'@type': 'PostalAddress',
			...(isMissing(p.municipality) ? {} : { addressLocality: String(p.municipality) }),
			addressRegion: 'Thüringen',
			addressCountry: 'DE'
		},
		...(isMissing(p.district) ? {} : { containedInPlace: { '@type': 'AdministrativeArea', name: String(p.district) } }),
		additionalProperty: [...area('gross_area_ha', 'gross area'), ...area('net_area_ha', 'net area'), ...area('free_area_ha', 'free area')]
	};
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no value can close the script element. */
export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

