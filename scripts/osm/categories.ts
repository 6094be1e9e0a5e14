/**
 * Which OpenStreetMap objects the map keeps and in which theme and category they land. The osmium
 * filter below and the classifier must agree: the filter only narrows the extract, the classifier
 * decides. Category values are those of the theme registry (src/lib/themes/registry.ts).
 */
import type { ThemeId } from '../../src/lib/themes/registry.ts';
import type { OsmTags } from './opl.ts';

/** osmium tags-filter expressions: everything the classifier can use (plus what they reference). */
export const OSMIUM_FILTERS = [
	'n/highway=motorway_junction',
	'w/highway=motorway,trunk,primary',
	'w/railway=rail,narrow_gauge,light_rail',
	'r/route=hiking,foot,bicycle',
	'nwr/amenity=school,kindergarten,doctors,pharmacy,fire_station,police',
	'nwr/shop=supermarket',
	'nwr/tourism=museum,viewpoint,hotel,guest_house,camp_site',
	'nwr/historic=castle,ruins',
	'n/natural=cave_entrance'
];

export type OsmGeometryKind = 'point' | 'line' | 'route';

export interface OsmClass {
	theme: ThemeId;
	category: string;
	kind: OsmGeometryKind;
}

/**
 * School kinds from tags first (`school:de`, `isced:level`, `school`), then from the name, which in
 * German-speaking countries nearly always says the kind ("Staatliche Regelschule …").
 */
const SCHOOL_KIND_PATTERNS: [string, RegExp][] = [
	['school_vocational', /berufsbild|berufsschul|berufskolleg|berufsfachschul|handelsakademie|handelsschul|\bbbs\b|\bhtl\b|fachschule/i],
	['school_special', /förder|sonderschul|\bföz\b/i],
	['school_gymnasium', /gymnasium|\bgymn\.|\bborg\b|\borg\b|\bbrg\b|\bbg\b/i],
	['school_secondary', /regelschule|gemeinschaftsschule|gesamtschule|mittelschule|realschule|hauptschule|sekundarschule|oberschule|\btgs\b/i],
	['school_primary', /grundschule|volksschule|primary/i]
];

export function schoolKind(tags: OsmTags): string {
	const de = (tags['school:de'] ?? '').toLowerCase();
	for (const [kind, re] of SCHOOL_KIND_PATTERNS) if (de && re.test(de)) return kind;
	const isced = tags['isced:level'] ?? '';
	if (/^1(;|$)/.test(isced) || tags.school === 'primary') return 'school_primary';
	if (tags.school === 'secondary' || /^2(;|$)/.test(isced)) return 'school_secondary';
	if (tags.school === 'vocational' || /^[45]/.test(isced)) return 'school_vocational';
	const name = [tags.name, tags.official_name, tags.alt_name].filter(Boolean).join(' ');
	for (const [kind, re] of SCHOOL_KIND_PATTERNS) if (re.test(name)) return kind;
	return 'school';
}

/** Federal roads (Bundesstraßen) are tagged trunk or primary and carry a "B nn" ref. */
export function isFederalRoad(tags: OsmTags): boolean {
	return (tags.highway === 'trunk' || tags.highway === 'primary') && /(^|;)\s*B\s?\d/.test(tags.ref ?? '');
}

export function classifyPoint(tags: OsmTags): OsmClass | null {
	const point = (theme: ThemeId, category: string): OsmClass => ({ theme, category, kind: 'point' });
	if (tags.highway === 'motorway_junction') return point('verkehr', 'motorway_junction');
	switch (tags.amenity) {
		case 'school': return point('daseinsvorsorge', schoolKind(tags));
		case 'kindergarten': return point('daseinsvorsorge', 'kindergarten');
		case 'doctors': return point('daseinsvorsorge', 'doctors');
		case 'pharmacy': return point('daseinsvorsorge', 'pharmacy');
		case 'fire_station': return point('daseinsvorsorge', 'fire_station');
		case 'police': return point('daseinsvorsorge', 'police');
	}
	if (tags.shop === 'supermarket') return point('daseinsvorsorge', 'supermarket');
	switch (tags.tourism) {
		case 'museum': return point('tourismus', 'museum');
		case 'viewpoint': return point('tourismus', 'viewpoint');
		case 'hotel': return point('tourismus', 'hotel');
		case 'guest_house': return point('tourismus', 'guest_house');
		case 'camp_site': return point('tourismus', 'camp_site');
	}
	if (tags.historic === 'castle') return point('tourismus', 'castle');
	if (tags.historic === 'ruins') return point('tourismus', 'ruins');
	if (tags.natural === 'cave_entrance') return point('tourismus', 'cave');
	return null;
}

/** Lines are kept only from ways; a way may also be a route member (that is decided separately). */
export function classifyLine(tags: OsmTags): OsmClass | null {
	if (tags.highway === 'motorway') return { theme: 'verkehr', category: 'motorway', kind: 'line' };
	if (isFederalRoad(tags)) return { theme: 'verkehr', category: 'federal_road', kind: 'line' };
	// Railway lines in use: the main tracks, not sidings, yards or crossovers (those carry service=*).
	if ((tags.railway === 'rail' || tags.railway === 'narrow_gauge' || tags.railway === 'light_rail') && !tags.service) {
		return { theme: 'verkehr', category: 'railway', kind: 'line' };
	}
	return null;
}

export function classifyRoute(tags: OsmTags): OsmClass | null {
	if (tags.type !== 'route' && tags.type !== 'superroute') return null;
	if (tags.route === 'hiking' || tags.route === 'foot') return { theme: 'tourismus', category: 'hiking_route', kind: 'route' };
	if (tags.route === 'bicycle') return { theme: 'tourismus', category: 'cycling_route', kind: 'route' };
	return null;
}

/** Tags copied onto the feature when present (cards show them). */
export const KEPT_TAGS = ['ref', 'opening_hours', 'website', 'wheelchair', 'operator', 'network', 'stars'] as const;
