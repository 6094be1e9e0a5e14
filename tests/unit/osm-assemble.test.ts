/**
 * OpenStreetMap records → theme features: the curated sights stay the highlights and absorb the OSM
 * object that is the same place (name and distance), everything else becomes its own feature with
 * municipality, OSM reference and the OpenStreetMap source. The records below are test inputs
 * shaped like the importer's output, placed relative to a curated sight of the committed seed.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleOsm, namesMatch } from '../../scripts/osm/assemble.ts';
import { assembleThemeFeatures } from '../../scripts/lib/theme-features.ts';
import { loadSeed } from '../../scripts/lib/seed.ts';
import type { OsmRecord } from '../../scripts/importers/osm.ts';
import { buildStyle, lineFilter } from '../../src/lib/map/style.ts';
import { getTheme } from '../../src/lib/themes/registry.ts';
import { PROJECT_ROOT } from '../helpers/sources.ts';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';

const seed = loadSeed(path.join(PROJECT_ROOT, 'data', 'seed'));
const sight = seed.tourism.features.find((f) => f.properties?.id === 'tourism:barbarossahoehle')!;
const [lon, lat] = (sight.geometry as GeoJSON.Point).coordinates as [number, number];
/** metres → degrees of latitude */
const north = (m: number) => m / 111_320;

function record(id: number, name: string | null, category: string, dLat: number, props: Record<string, string | number> = {}): OsmRecord {
	return { id: `osm:node:${id}`, osmType: 'node', osmId: id, theme: 'tourismus', category, name, geometry: { type: 'Point', coordinates: [lon, lat + dLat] }, props };
}

describe('curated sights and OSM objects', () => {
	it('matches by name within the distance and never duplicates the sight', () => {
		const near = record(1, 'Barbarossahöhle', 'cave', north(150), { opening_hours: 'Apr-Oct 10:00-17:00', website: 'https://example.invalid/' });
		const far = record(2, 'Barbarossahöhle', 'cave', north(5000));
		const other = record(3, 'Aussichtspunkt Test', 'viewpoint', north(100));
		const { features, curated } = assembleOsm(seed, { records: [near, far, other], sourceId: 'openstreetmap' });
		expect(curated.get('tourism:barbarossahoehle')).toMatchObject({ osm: 'node/1', opening_hours: 'Apr-Oct 10:00-17:00', osm_distance_m: 150 });
		expect(features.map((f) => f.id).sort()).toEqual(['osm:node:2', 'osm:node:3']);
		const all = assembleThemeFeatures(seed, { sources: [], broadband: [], indicators: [], osm: { records: [near, other], sourceId: 'openstreetmap' } });
		const cave = all.find((f) => f.id === 'tourism:barbarossahoehle')!;
		expect(cave.props).toMatchObject({ highlight: true, osm: 'node/1', website: 'https://example.invalid/' });
		expect(all.filter((f) => f.name === 'Barbarossahöhle')).toHaveLength(1);
		const view = all.find((f) => f.id === 'osm:node:3')!;
		expect(view).toMatchObject({ sourceId: 'openstreetmap', props: { osm: 'node/3', detail: true, municipality: sight.properties!.municipality } });
	});

	it('names an unnamed object by its category (and number)', () => {
		const { features } = assembleOsm(seed, { records: [record(4, null, 'hotel', north(300)), { ...record(5, null, 'motorway_junction', north(300), { ref: '7' }), theme: 'verkehr' }], sourceId: 'openstreetmap' });
		expect(features.map((f) => f.name)).toEqual(['Hotel', 'Autobahnanschluss 7']);
	});

	it('compares names without accents, case or generic words', () => {
		expect(namesMatch('Schloss Sondershausen', 'Schloß Sondershausen')).toBe(true);
		expect(namesMatch('Burg Lohra', 'Lohra')).toBe(true);
		expect(namesMatch('Panorama Museum (Bauernkriegspanorama)', 'Panorama Museum')).toBe(true);
		expect(namesMatch('Burg Lohra', 'Burg Straußberg')).toBe(false);
		expect(namesMatch('Kloster Göllingen', 'Kloster Volkenroda')).toBe(false);
	});
});

describe('lines in the map style', () => {
	it('draws the line categories of a theme as lines and keeps them out of the markers', () => {
		const style = buildStyle({
			tilesUrl: 'pmtiles://x',
			lang: 'de',
			visibleThemes: new Set(['verkehr', 'tourismus']),
			colouring: null,
			broadband: { edition: '2021-06', metric: 'all_100', level: 'district' },
			attribution: ''
		});
		const byId = new Map(style.layers.map((l) => [l.id, l as unknown as { type: string; filter: unknown; layout: { visibility: string } }]));
		expect(byId.get('verkehr-lines')).toMatchObject({ type: 'line', filter: ['in', ['get', 'category'], ['literal', ['motorway', 'federal_road', 'railway']]], layout: { visibility: 'visible' } });
		// routes are off until switched on in the legend
		expect(byId.get('tourismus-lines')!.filter).toEqual(['in', ['get', 'category'], ['literal', []]]);
		const tourism = getTheme('tourismus')!;
		expect(lineFilter(tourism, new Set(['hiking_route']))).toEqual(['in', ['get', 'category'], ['literal', ['hiking_route']]]);
		expect(JSON.stringify(byId.get('verkehr-circle')!.filter)).toContain('["!",["in",["get","category"],["literal",["motorway","federal_road","railway"]]]]');
		// curated sights are never hidden in clusters
		expect(JSON.stringify(byId.get('tourismus-circle')!.filter)).toContain('["==",["get","highlight"],true]');
		const order = style.layers.map((l) => l.id);
		expect(order.indexOf('verkehr-lines')).toBeLessThan(order.indexOf('verkehr-circle'));
	});

	it('is a valid MapLibre style with routes on and off (an invalid one never loads)', () => {
		for (const shown of [new Set<string>(), new Set(['hiking_route', 'cycling_route'])]) {
			const style = buildStyle({
				tilesUrl: 'pmtiles://x',
				lang: 'en',
				visibleThemes: new Set(['verkehr', 'tourismus', 'daseinsvorsorge']),
				colouring: null,
				broadband: { edition: '2021-06', metric: 'all_100', level: 'district' },
				attribution: '',
				shownCategories: shown
			});
			expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
		}
	});
});
