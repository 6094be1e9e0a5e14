import { describe, expect, it } from 'vitest';
import { validateStyleMin, expression, featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { buildStyle, themeFeatureZooms, themeLayerIds, themeLiveLayerIds, themeLayerFilter, themeOfLayer, choroplethColor, broadbandProperty, areaFillLayerId, layerVisible, SOURCE_ID, MARKER_SPACE_IMAGE, MARKER_SPACE_PX } from '../../src/lib/map/style.ts';
import { liveSourceId } from '../../src/lib/map/live.ts';
import type { LiveOverlay } from '../../src/lib/map/live.ts';
import { layerAdditions } from '../../src/lib/map/layer-sync.ts';
import { THEMES, BASE_LAYERS, getTheme, activeColouring, colouringThemes } from '../../src/lib/themes/registry.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';
import { classColor, classify } from '../../src/lib/map/classes.ts';

const opts = (visible: ThemeId[]) => ({
	tilesUrl: 'pmtiles://http://localhost/tiles/standortkarte.pmtiles',
	lang: 'de' as const,
	visibleThemes: new Set(visible),
	broadband: { edition: '2021-06', metric: 'all_100', level: 'district' as const },
	colouring: activeColouring(visible, null),
	attribution: 'A · B'
});

describe('style from the theme registry', () => {
	const style = buildStyle(opts(['gewerbe']));
	const byId = new Map(style.layers.map((l) => [l.id, l]));

	it('has unique layer ids and one vector source carrying the attribution', () => {
		expect(byId.size).toBe(style.layers.length);
		expect(Object.keys(style.sources)).toEqual([SOURCE_ID]);
		expect(style.sources[SOURCE_ID]).toMatchObject({ type: 'vector', attribution: 'A · B' });
	});

	it('needs no glyph server and no sprite (labels are drawn from the bundled font)', () => {
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
	});

	it('gives every theme its layers on its own source-layer (area colouring on the base polygons)', () => {
		for (const theme of THEMES) {
			for (const id of themeLayerIds(theme)) {
				const layer = byId.get(id);
				expect(layer, id).toBeDefined();
				const expected = id === areaFillLayerId(theme) ? theme.areaFill!.sourceLayer : theme.sourceLayer;
				expect((layer as { 'source-layer'?: string })['source-layer'], id).toBe(expected);
			}
		}
	});

	it('colours the municipalities by density for Wohnen, under the district lines and only where a value exists', () => {
		const wohnen = getTheme('wohnen')!;
		const spec = wohnen.areaFill!;
		expect(spec.sourceLayer).toBe(BASE_LAYERS.municipalities);
		expect(spec.colors.length).toBe(spec.breaks.length);
		expect([...spec.breaks].sort((a, b) => a - b)).toEqual(spec.breaks);
		const id = areaFillLayerId(wohnen);
		const layer = byId.get(id) as { type: string; filter: unknown; paint: { 'fill-color': unknown[] } };
		expect(layer.type).toBe('fill');
		expect(layer.filter).toEqual(['has', 'density']);
		// ['case', ['has', p], ['step', ['get', p], c0, b1, c1, …], transparent]
		expect(layer.paint['fill-color'][2]).toEqual(['step', ['get', 'density'], '#f3eefb', 30, '#dccdf3', 50, '#bfa5e8', 75, '#9f7bdb', 120, '#7b52c7', 200, '#553c9a']);
		const order = style.layers.map((l) => l.id);
		expect(order.indexOf(id)).toBeLessThan(order.indexOf('districts-line'));
		expect(order.indexOf(id)).toBeGreaterThan(order.indexOf('municipalities-line') - 1);
		expect((byId.get(id) as { layout: { visibility: string } }).layout.visibility).toBe('none');
		const shown = new Map(buildStyle(opts(['wohnen'])).layers.map((l) => [l.id, l]));
		expect((shown.get(id) as { layout: { visibility: string } }).layout.visibility).toBe('visible');
	});

	it('shows exactly the visible themes', () => {
		for (const theme of THEMES) {
			for (const id of themeLayerIds(theme)) {
				const visibility = (byId.get(id) as { layout?: { visibility?: string } }).layout?.visibility;
				expect(visibility, id).toBe(theme.id === 'gewerbe' ? 'visible' : 'none');
			}
		}
	});

	it('colours the areas by one theme at a time: the chosen one if visible, else the first visible', () => {
		const planen: ThemeId[] = ['breitband', 'daseinsvorsorge', 'wohnen'];
		expect(colouringThemes(planen)).toEqual(['breitband', 'wohnen', 'daseinsvorsorge']);
		expect(colouringThemes(['tourismus', 'verkehr'])).toEqual([]);
		expect(activeColouring(planen, null)).toBe('breitband');
		expect(activeColouring(planen, 'wohnen')).toBe('wohnen');
		expect(activeColouring(['daseinsvorsorge'], 'wohnen')).toBe('daseinsvorsorge');
		expect(activeColouring(['tourismus'], 'wohnen')).toBeNull();

		const layers = new Map(buildStyle({ ...opts(planen), colouring: 'wohnen' }).layers.map((l) => [l.id, l]));
		const vis = (id: string) => (layers.get(id) as { layout: { visibility: string } }).layout.visibility;
		expect(vis('wohnen-area')).toBe('visible');
		expect(vis('daseinsvorsorge-area')).toBe('none');
		expect(vis('breitband-fill')).toBe('none');
		expect(vis('breitband-line')).toBe('none');
		// Points stay on whatever colours the areas.
		expect(vis('daseinsvorsorge-circle')).toBe('visible');
		expect(vis('wohnen-circle')).toBe('visible');
		expect(layerVisible(getTheme('breitband')!, 'breitband-fill', new Set(planen), 'breitband')).toBe(true);
		expect(layerVisible(getTheme('breitband')!, 'breitband-fill', new Set(['wohnen']), 'breitband')).toBe(false);
	});

	it('draws the base layers from the archive', () => {
		const sourceLayers = new Set(style.layers.map((l) => (l as { 'source-layer'?: string })['source-layer']).filter(Boolean));
		for (const name of [BASE_LAYERS.districts, BASE_LAYERS.municipalities, BASE_LAYERS.neighbours, BASE_LAYERS.labels]) {
			expect(sourceLayers.has(name), name).toBe(true);
		}
	});

	it('colours every category of a point theme by the registry', () => {
		const tourism = getTheme('tourismus')!;
		const paint = (byId.get('tourismus-circle') as { paint: { 'circle-color': unknown[] } }).paint['circle-color'];
		for (const c of tourism.categories!) {
			const i = paint.indexOf(c.value);
			expect(i, c.value).toBeGreaterThan(0);
			expect(paint[i + 1]).toBe(c.color);
		}
	});

	it('builds the choropleth steps from breaks and colours', () => {
		const theme = getTheme('breitband')!;
		const prop = broadbandProperty('2021-06', 'all_100');
		expect(prop).toBe('bb_2021_06_all_100');
		const expr = choroplethColor(theme, prop) as unknown[];
		// ['case', ['has', p], ['step', ['get', p], c0, 20, c1, 40, c2, …], transparent]
		const step = expr[2] as unknown[];
		expect(step[0]).toBe('step');
		expect(step[2]).toBe(theme.choropleth!.colors[0]);
		expect(step.slice(3)).toEqual(theme.choropleth!.breaks.slice(1).flatMap((b, i) => [b, theme.choropleth!.colors[i + 1]]));
		expect(theme.choropleth!.colors.length).toBe(theme.choropleth!.breaks.length);
	});

	it('colours by the classes over the region from the data build when the page has them', () => {
		const classes = classify([80.5, 82.58, 86.64], getTheme('breitband')!.choropleth!.colors)!;
		const style = buildStyle({ ...opts(['breitband']), broadband: { edition: '2021-06', metric: 'all_100', level: 'district', classes } });
		const fill = style.layers.find((l) => l.id === 'breitband-fill') as { paint: Record<string, unknown> };
		expect(fill.paint['fill-color']).toEqual(classColor('bb_2021_06_all_100', classes));
		// breaks at the second and third district's values: three colours for three districts
		expect(JSON.stringify(fill.paint['fill-color'])).toContain('82.58');
		expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
	});

	it('is a valid MapLibre style', () => {
		expect(validateStyleMin(buildStyle(opts(['gewerbe', 'breitband', 'verkehr', 'tourismus']))).map((e) => e.message)).toEqual([]);
	});

	it('places the town names first, largest first, so the district towns are named at the start view', () => {
		const last = style.layers[style.layers.length - 1] as { id: string; minzoom?: number; layout: Record<string, unknown> };
		expect(last.id).toBe('places-label');
		expect(last.minzoom).toBeLessThanOrEqual(8);
		expect(last.layout['symbol-sort-key']).toEqual(['-', 0, ['get', 'population']]);
	});

	it('names stations from zoom 12 and other stops only from zoom 14, and draws stops lighter than stations', () => {
		const all = new Map(buildStyle(opts(['verkehr'])).layers.map((l) => [l.id, l]));
		const field = (all.get('verkehr-symbol') as { layout: { 'text-field': unknown[] } }).layout['text-field'];
		const evalAt = (zoom: number, category: string) => {
			const e = expression.createExpression(field, { type: 'string', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
			if (e.result !== 'success') throw new Error(JSON.stringify(e.value));
			return String(e.value.evaluate({ zoom }, { type: 'Point', properties: { category, name: 'Haltestelle X' } } as never));
		};
		// Not even a letter: one beside each of hundreds of stops flooded the map as the names did.
		expect(evalAt(12.5, 'bus')).toBe('');
		expect(evalAt(13.9, 'bus')).toBe('');
		expect(evalAt(14, 'bus')).toBe('Haltestelle X');
		expect(evalAt(12, 'station')).toBe('Haltestelle X');
		const opacity = (all.get('verkehr-circle') as { paint: { 'circle-opacity': unknown[] } }).paint['circle-opacity'];
		expect(opacity).toEqual(['match', ['get', 'category'], 'station', 0.95, 0.55]);
	});
});

describe('live overlay, layers on demand and label collision', () => {
	const live: LiveOverlay = {
		content_version: '7',
		themes: {
			gewerbe: {
				hidden: ['commercial:changed', 'commercial:deleted'],
				features: [{ type: 'Feature', id: 'commercial:changed', geometry: { type: 'Polygon', coordinates: [[[10.6, 51.3], [10.61, 51.3], [10.61, 51.305], [10.6, 51.3]]] }, properties: { fid: 'commercial:changed', name: 'X', category: 'commercial_area' } }]
			}
		}
	};
	const withLive = buildStyle({ ...opts(['gewerbe', 'verkehr', 'tourismus']), live });
	const byId = new Map(withLive.layers.map((l) => [l.id, l as LayerSpecification & { filter?: unknown; source?: string; layout?: Record<string, unknown> }]));
	/** Evaluates a layer's filter for a feature at a zoom. */
	const passes = (layerId: string, props: Record<string, unknown>, type: 'Point' | 'Polygon' = 'Point', zoom = 12) => {
		const f = byId.get(layerId)!.filter;
		if (f === undefined) return true;
		const e = featureFilter(f as never, 'layers[0].filter');
		return e.filter({ zoom }, { type: type === 'Point' ? 1 : 3, properties: props, geometry: [] } as never);
	};

	it('is a valid style with a GeoJSON source of the live entries, keyed by their ids', () => {
		expect(validateStyleMin(withLive).map((e) => e.message)).toEqual([]);
		expect(withLive.sources[liveSourceId('gewerbe')]).toMatchObject({ type: 'geojson', promoteId: 'fid', data: { features: live.themes.gewerbe!.features } });
		expect(Object.keys(withLive.sources)).toEqual([SOURCE_ID, liveSourceId('gewerbe')]);
	});

	it('hides the tile features the overlay replaced or removed, in every layer of that theme only', () => {
		const gewerbe = getTheme('gewerbe')!;
		for (const id of themeLayerIds(gewerbe).filter((id) => byId.has(id))) {
			expect(passes(id, { fid: 'commercial:deleted', category: 'commercial_area' }, id.includes('shapes') ? 'Polygon' : 'Point'), id).toBe(false);
			expect(passes(id, { fid: 'commercial:changed', category: 'commercial_area' }, id.includes('shapes') ? 'Polygon' : 'Point'), id).toBe(false);
			expect(passes(id, { fid: 'commercial:other', category: 'commercial_area' }, id.includes('shapes') ? 'Polygon' : 'Point'), id).toBe(true);
		}
		// Another theme's features with such an id are not touched.
		expect(passes('tourismus-circle', { fid: 'commercial:deleted', category: 'castle', highlight: true })).toBe(true);
		// The filter MapView sets on updates is the builder's own.
		expect(themeLayerFilter(gewerbe, 'gewerbe-circle', { ...opts(['gewerbe']), live })).toEqual(byId.get('gewerbe-circle')!.filter);
		expect(themeLayerFilter(gewerbe, 'gewerbe-circle', opts(['gewerbe']))).toEqual(['==', ['geometry-type'], 'Point']);
	});

	it('draws the live entries with copies of the tile layers, each right above its original', () => {
		const gewerbe = getTheme('gewerbe')!;
		const order = withLive.layers.map((l) => l.id);
		for (const id of themeLiveLayerIds(gewerbe)) {
			const copy = byId.get(id)!;
			const original = byId.get(id.replace(/^live:/, ''))!;
			expect(copy.source).toBe(liveSourceId('gewerbe'));
			expect(copy).not.toHaveProperty('source-layer');
			expect(copy.paint).toEqual(original.paint);
			expect(order.indexOf(id)).toBe(order.indexOf(original.id) + 1);
			expect(themeOfLayer(id)?.id).toBe('gewerbe');
		}
		// Live sites are polygons drawn as areas and points drawn as markers, never the other way round.
		expect(passes('live:gewerbe-shapes', { fid: 'a', category: 'commercial_area' }, 'Polygon')).toBe(true);
		expect(passes('live:gewerbe-circle', { fid: 'a', category: 'commercial_area' }, 'Polygon')).toBe(false);
		expect(passes('live:gewerbe-circle', { fid: 'a', category: 'commercial_area' }, 'Point')).toBe(true);
		// No live copies without an overlay.
		expect(buildStyle(opts(['gewerbe'])).layers.some((l) => l.id.startsWith('live:'))).toBe(false);
	});

	it('holds only the themes asked for, and the map can add the others at their place later', () => {
		const small = buildStyle({ ...opts(['gewerbe']), include: new Set(['gewerbe']) });
		const full = buildStyle({ ...opts(['gewerbe', 'tourismus']), include: new Set(['gewerbe', 'tourismus']) });
		expect(small.layers.some((l) => l.id.startsWith('tourismus-'))).toBe(false);
		expect(small.layers.length).toBeLessThan(buildStyle(opts(['gewerbe'])).layers.length);
		const have = new Set(small.layers.map((l) => l.id));
		const adds = layerAdditions(full.layers.map((l) => l.id), (id) => have.has(id), 'selection-ring');
		expect(adds.map((a) => a.id).sort()).toEqual(full.layers.map((l) => l.id).filter((id) => !have.has(id)).sort());
		// Applying them as MapLibre would (insert before `before`, or on top) gives exactly the full order.
		const applied = [...small.layers.map((l) => l.id), 'selection-ring'];
		for (const { id, before } of adds) applied.splice(before ? applied.indexOf(before) : applied.length, 0, id);
		expect(applied).toEqual([...full.layers.map((l) => l.id), 'selection-ring']);
	});

	it('lets markers keep labels off them, higher-priority themes placed first, stations before stops', () => {
		const order = withLive.layers.map((l) => l.id);
		for (const theme of ['gewerbe', 'verkehr', 'tourismus'] as const) {
			const layout = byId.get(`${theme}-symbol`)!.layout!;
			expect(layout['icon-image']).toBe(MARKER_SPACE_IMAGE);
			expect(layout['icon-allow-overlap']).toBe(true);
			expect(layout['icon-ignore-placement']).toBe(false);
			expect(layout['text-optional']).toBe(true);
			// Every label layer lies above every marker layer.
			expect(order.indexOf(`${theme}-symbol`)).toBeGreaterThan(order.indexOf('verkehr-circle'));
			expect(order.indexOf(`${theme}-symbol`)).toBeGreaterThan(order.indexOf('tourismus-circle'));
		}
		// MapLibre places symbols from the top layer down: stops (lowest priority) are placed last and
		// so never over another theme's marker; sites win over sights.
		expect(order.indexOf('verkehr-symbol')).toBeLessThan(order.indexOf('tourismus-symbol'));
		expect(order.indexOf('tourismus-symbol')).toBeLessThan(order.indexOf('gewerbe-symbol'));
		expect(byId.get('verkehr-symbol')!.layout!['symbol-sort-key']).toEqual(['match', ['get', 'category'], 'station', 0, 1]);
		// The marker space covers the marker: a major station at zoom 13 has radius 9 (+ stroke).
		const size = expression.createExpression(byId.get('verkehr-symbol')!.layout!['icon-size'], { type: 'number', 'property-type': 'data-driven', expression: { interpolated: true, parameters: ['zoom', 'feature'] } } as never);
		if (size.result !== 'success') throw new Error('icon-size');
		expect(size.value.evaluate({ zoom: 13 }, { type: 'Point', properties: { category: 'station' } } as never) * MARKER_SPACE_PX).toBeCloseTo(21, 0);
	});

	it('keeps stop names off every stop marker from zoom 14 with a marker-space layer the map adds only there', () => {
		const order = withLive.layers.map((l) => l.id);
		const space = byId.get('verkehr-space')! as LayerSpecification & { minzoom?: number; filter?: unknown; layout: Record<string, unknown> };
		// Placed (top down) after the labels of the themes that win over stops, before any stop name.
		expect(order.indexOf('verkehr-space')).toBe(order.indexOf('verkehr-symbol') + 1);
		expect(order.indexOf('verkehr-space')).toBeLessThan(order.indexOf('tourismus-symbol'));
		expect(space.minzoom).toBe(14);
		expect(space.filter).toEqual(byId.get('verkehr-symbol')!.filter);
		expect(space.layout).toMatchObject({ 'icon-image': MARKER_SPACE_IMAGE, 'icon-allow-overlap': true, 'icon-ignore-placement': false, 'icon-padding': 0 });
		expect(space.layout['icon-size']).toEqual(byId.get('verkehr-symbol')!.layout!['icon-size']);
		expect(space.layout['text-field']).toBeUndefined();
		expect(themeLayerIds(getTheme('verkehr')!)).toContain('verkehr-space');
		expect(themeOfLayer('verkehr-space')?.id).toBe('verkehr');
		// Other themes have few markers: their label layers' own marker space is enough.
		expect(order.filter((id) => id.endsWith('-space'))).toEqual(['verkehr-space']);

		// Not at start (zoomed out): the map adds it when it first shows zoom 14, at its place.
		const start = buildStyle({ ...opts(['verkehr']), deepestZoom: 9.2 });
		const close = buildStyle({ ...opts(['verkehr']), deepestZoom: 14 });
		expect(start.layers.some((l) => l.id === 'verkehr-space')).toBe(false);
		expect(close.layers.length).toBe(start.layers.length + 1);
		const have = new Set(start.layers.map((l) => l.id));
		expect(layerAdditions(close.layers.map((l) => l.id), (id) => have.has(id), 'selection-ring')).toEqual([{ id: 'verkehr-space', before: close.layers[close.layers.map((l) => l.id).indexOf('verkehr-space') + 1]!.id }]);

		// A name stands far enough off its own marker that this layer's marker space does not push it
		// away: station radius 9 + stroke 1.5 and the text padding of 2 px, at text size 12.
		const offset = expression.createExpression(byId.get('verkehr-symbol')!.layout!['text-radial-offset'], { type: 'number', 'property-type': 'data-driven', expression: { interpolated: true, parameters: ['zoom', 'feature'] } } as never);
		if (offset.result !== 'success') throw new Error('text-radial-offset');
		const size = expression.createExpression(space.layout['icon-size'], { type: 'number', 'property-type': 'data-driven', expression: { interpolated: true, parameters: ['zoom', 'feature'] } } as never);
		if (size.result !== 'success') throw new Error('icon-size');
		const at = (category: string) => offset.value.evaluate({ zoom: 14 }, { type: 'Point', properties: { category } } as never) * 12;
		const half = (category: string) => (size.value.evaluate({ zoom: 14 }, { type: 'Point', properties: { category } } as never) * MARKER_SPACE_PX) / 2;
		for (const category of ['station', 'bus', 'tram']) expect(at(category), category).toBeGreaterThanOrEqual(half(category) + 2);
		expect(at('bus')).toBeCloseTo(0.9 * 12, 5);
	});
});

describe('what the tiles of each zoom carry (themeFeatureZooms) against what the layers draw', () => {
	const all = THEMES.map((t) => t.id);
	const shown = new Set(THEMES.flatMap((t) => (t.categories ?? []).filter((c) => c.defaultOff).map((c) => c.value)));
	const style = buildStyle({ ...opts(all), shownCategories: shown });
	type Layer = LayerSpecification & { filter?: unknown; 'source-layer'?: string; minzoom?: number; maxzoom?: number };
	const ZOOMS = [6, 7, 8, 9, 10, 11, 12, 13, 14];

	/** Whether any of the theme's tile layers draws the feature at zoom z (layer zoom range and filter). */
	const drawn = (sourceLayer: string, f: GeoJSON.Feature, z: number) =>
		(style.layers as Layer[]).some((l) => {
			if (l['source-layer'] !== sourceLayer || z < (l.minzoom ?? 0) || z >= (l.maxzoom ?? 24)) return false;
			if (l.filter === undefined) return true;
			const type = f.geometry.type === 'Point' ? 1 : f.geometry.type === 'Polygon' ? 3 : 2;
			return featureFilter(l.filter as never, 'filter').filter({ zoom: z }, { type, properties: f.properties ?? {}, geometry: [] } as never);
		});
	const inRange = (r: { minZoom: number; maxZoom: number } | undefined, z: number) => !r || (z >= r.minZoom && z <= r.maxZoom);
	const point = (properties: Record<string, unknown>): GeoJSON.Feature => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [10.8, 51.5] } });
	const area = (properties: Record<string, unknown>): GeoJSON.Feature => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [[[10.8, 51.5], [10.81, 51.5], [10.81, 51.51], [10.8, 51.5]]] } });

	for (const theme of THEMES) {
		const samples: GeoJSON.Feature[] = [
			...(theme.categories ?? []).flatMap((c) => [point({ category: c.value, fid: 'x' }), point({ category: c.value, fid: 'x', highlight: true }), area({ category: c.value, fid: 'x' })]),
			...ZOOMS.map((k) => point({ cluster_z: k, point_count: 5 }))
		];
		it(`${theme.id}: never leaves out of a tile what a layer draws at its zoom`, () => {
			for (const f of samples) for (const z of ZOOMS) if (drawn(theme.sourceLayer, f, z)) expect(inRange(themeFeatureZooms(theme, f), z), `${JSON.stringify(f.properties)} at z${z}`).toBe(true);
		});
	}

	it('leaves the single stops and their clusters of other zooms out of the wide views’ tiles', () => {
		const verkehr = getTheme('verkehr')!;
		const bus = point({ category: 'bus', fid: 'x' });
		expect(verkehr.clusterBelowZoom).toBe(11);
		for (const z of [6, 8, 10]) {
			expect(drawn('verkehr', bus, z)).toBe(false);
			expect(inRange(themeFeatureZooms(verkehr, bus), z)).toBe(false);
		}
		expect(inRange(themeFeatureZooms(verkehr, bus), 11)).toBe(true);
		const cluster8 = point({ cluster_z: 8, point_count: 12 });
		expect(ZOOMS.filter((z) => inRange(themeFeatureZooms(verkehr, cluster8), z))).toEqual([8]);
		// stations are drawn at every zoom, and so is any point of an unclustered theme
		expect(themeFeatureZooms(verkehr, point({ category: 'station', fid: 'x' }))).toBeUndefined();
		expect(themeFeatureZooms(getTheme('gewerbe')!, point({ category: 'commercial_area', fid: 'x' }))).toBeUndefined();
	});
});
