import { describe, expect, it } from 'vitest';
import { validateStyleMin, expression } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle, themeLayerIds, choroplethColor, broadbandProperty, areaFillLayerId, layerVisible, SOURCE_ID } from '../../src/lib/map/style.ts';
import { THEMES, BASE_LAYERS, getTheme, activeColouring, colouringThemes } from '../../src/lib/themes/registry.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';

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
		expect(evalAt(12.5, 'bus')).not.toBe('Haltestelle X');
		expect(evalAt(13.9, 'bus')).not.toBe('Haltestelle X');
		expect(evalAt(14, 'bus')).toBe('Haltestelle X');
		expect(evalAt(12, 'station')).toBe('Haltestelle X');
		const opacity = (all.get('verkehr-circle') as { paint: { 'circle-opacity': unknown[] } }).paint['circle-opacity'];
		expect(opacity).toEqual(['match', ['get', 'category'], 'station', 0.95, 0.55]);
	});
});
