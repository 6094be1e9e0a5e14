import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StyleSpecification, LayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { validateStyleMin, expression, latest } from '@maplibre/maplibre-gl-style-spec';
import type { StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle, SOURCE_ID, FONT, MARKER_SPACE_IMAGE } from '../../src/lib/map/style.ts';
import {
	parseBasemapSetting,
	composeStyle,
	fallbackStyle,
	basemapSourceIds,
	splitThemeLayers,
	isStyle,
	BASEMAP_DE_GREY_STYLE,
	BASEMAP_PREFIX,
	NOTE_SOURCE
} from '../../src/lib/map/basemap.ts';
import { protomapsStyle, spriteBaseUrl, PROTOMAPS_SOURCE } from '../../src/lib/map/protomaps.ts';
import { buildBasemapSprite } from '../../scripts/lib/basemap-sprite.ts';
import { activeColouring } from '../../src/lib/themes/registry.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';

const visible: ThemeId[] = ['gewerbe', 'breitband', 'verkehr'];
const themeStyle = buildStyle({
	tilesUrl: 'pmtiles://http://localhost/tiles/standortkarte.pmtiles',
	lang: 'de',
	visibleThemes: new Set(visible),
	colouring: activeColouring(visible, null),
	broadband: { edition: '2021-06', metric: 'all_100', level: 'district' },
	attribution: 'A · B'
});
const standIn = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'basemap-style-fixture.json'), 'utf8')) as StyleSpecification;
const FONT_URL = 'http://localhost/_app/immutable/assets/noto-sans-latin-400-normal.woff2';

const ids = (s: StyleSpecification) => s.layers.map((l) => l.id);
const validate = (s: StyleSpecification) => validateStyleMin(s).map((e) => e.message);

describe('NT_BASEMAP', () => {
	it('defaults to basemap.de grey with its attribution', () => {
		for (const v of [undefined, '', ' basemap.de-grau ']) {
			const s = parseBasemapSetting(v);
			expect(s.mode).toBe('basemap.de-grau');
			expect(s.styleUrl).toBe(BASEMAP_DE_GREY_STYLE);
			expect(s.attribution).toMatch(/GeoBasis-DE/);
		}
	});

	it('none contacts no other server', () => {
		expect(parseBasemapSetting('none')).toEqual({ mode: 'none', styleUrl: null, attribution: null, archiveUrl: null });
	});

	it('pmtiles points at the project tile endpoint only when an archive exists', () => {
		expect(parseBasemapSetting('pmtiles', true)).toMatchObject({ mode: 'pmtiles', styleUrl: null, archiveUrl: '/tiles/basemap.pmtiles' });
		expect(parseBasemapSetting('pmtiles', false).archiveUrl).toBeNull();
	});

	it('takes any other http(s) value as a style URL and refuses the rest by name', () => {
		expect(parseBasemapSetting('https://tiles.example.org/styles/grey.json')).toMatchObject({ mode: 'url', styleUrl: 'https://tiles.example.org/styles/grey.json' });
		expect(() => parseBasemapSetting('basemap.de-bunt')).toThrow(/NT_BASEMAP.*basemap\.de-bunt/);
		expect(() => parseBasemapSetting('file:///etc/style.json')).toThrow(/http or https/);
	});
});

describe('composed style (basemap.de and style URLs)', () => {
	const styleUrl = 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_gry.json';
	const composed = composeStyle(themeStyle, standIn, { styleUrl, attribution: '© basemap.de / BKG', fontUrl: FONT_URL });
	const order = ids(composed);

	it('is a valid MapLibre style with unique layer ids', () => {
		expect(validate(composed)).toEqual([]);
		expect(new Set(order).size).toBe(order.length);
	});

	it('keeps the theme source and takes the basemap source under a prefixed id, with absolute URLs and attribution', () => {
		expect(composed.sources[SOURCE_ID]).toEqual(themeStyle.sources[SOURCE_ID]);
		expect(basemapSourceIds(composed)).toEqual([`${BASEMAP_PREFIX}smarttiles_de`]);
		expect(composed.sources[`${BASEMAP_PREFIX}smarttiles_de`]).toEqual({
			type: 'vector',
			url: 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/tiles/v2/bm_web_de_3857/bm_web_de_3857.json',
			attribution: '© basemap.de / BKG'
		});
		for (const l of composed.layers) {
			if ('source' in l && l.id.startsWith(BASEMAP_PREFIX)) expect(l.source).toBe(`${BASEMAP_PREFIX}smarttiles_de`);
		}
	});

	it("uses the basemap's glyphs and sprite, and draws the theme font from the app's own file", () => {
		expect(composed.glyphs).toBe('https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/fonts/v2/{fontstack}/{range}.pbf');
		expect(composed.sprite).toBe('https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/sprites/v2/bm_web_gry_sprite');
		expect(composed['font-faces']).toEqual(Object.fromEntries(FONT.map((f) => [f, FONT_URL])));
		// every theme label names a font the style declares, so none of them is asked of the basemap's
		// server (symbol layers without text, the marker spaces, ask for no glyphs at all)
		const themeSymbols = composed.layers.filter((l): l is SymbolLayerSpecification => l.type === 'symbol' && !l.id.startsWith(BASEMAP_PREFIX));
		for (const l of themeSymbols) {
			if (l.layout?.['text-field'] !== undefined) expect(l.layout['text-font'], l.id).toEqual(FONT);
		}
		expect(themeSymbols.filter((l) => l.layout?.['text-field'] === undefined).map((l) => l.id)).toEqual(['verkehr-space']);
	});

	it('stacks basemap ground < theme areas < basemap labels < theme points and labels', () => {
		const at = (id: string) => order.indexOf(id);
		expect(at(`${BASEMAP_PREFIX}Hintergrund`)).toBe(0);
		expect(at(`${BASEMAP_PREFIX}Strasse`)).toBeLessThan(at('neighbours-fill'));
		expect(at(`${BASEMAP_PREFIX}Gewaesserflaeche`)).toBeLessThan(at('breitband-fill'));
		expect(at('districts-line')).toBeLessThan(at(`${BASEMAP_PREFIX}Ortsname`));
		expect(at(`${BASEMAP_PREFIX}Strassenname`)).toBeLessThan(at('gewerbe-circle'));
		const lastBasemap = Math.max(...order.map((id, i) => (id.startsWith(BASEMAP_PREFIX) ? i : -1)));
		const { points } = splitThemeLayers(themeStyle.layers);
		for (const p of points) if (order.includes(p.id)) expect(at(p.id), p.id).toBeGreaterThan(lastBasemap);
	});

	it('drops the built-in background and place names, veils the neighbours and lets the basemap show through the colours', () => {
		expect(order).not.toContain('background');
		expect(order).not.toContain('places-label');
		const byId = new Map(composed.layers.map((l) => [l.id, l as LayerSpecification & { paint?: Record<string, unknown> }]));
		expect(byId.get('neighbours-fill')!.paint!['fill-opacity']).toBeLessThan(1);
		expect(byId.get('breitband-fill')!.paint!['fill-opacity']).toEqual(['case', ['boolean', ['feature-state', 'hover'], false], 0.8, 0.55]);
		// theme layers not touched by the composition are the very same objects' content
		expect(byId.get('gewerbe-circle')).toEqual(themeStyle.layers.find((l) => l.id === 'gewerbe-circle'));
	});

	it('leaves the map position to the app (the basemap style centre and zoom are not taken over)', () => {
		expect(composed.center).toBeUndefined();
		expect(composed.zoom).toBeUndefined();
	});

	it('tells a style from something else a portal may answer', () => {
		expect(isStyle(standIn)).toBe(true);
		expect(isStyle({ version: 8, sources: {} })).toBe(false);
		expect(isStyle('<html>')).toBe(false);
	});
});

describe('fallback (basemap unreachable) and none', () => {
	it('is the built-in overview plus a note in the attribution', () => {
		const fb = fallbackStyle(themeStyle, 'Grundkarte nicht erreichbar – vereinfachte Übersicht');
		expect(validate(fb)).toEqual([]);
		expect(ids(fb).slice(0, -1)).toEqual(ids(themeStyle));
		expect(fb.sources[SOURCE_ID]).toEqual(themeStyle.sources[SOURCE_ID]);
		expect(fb.sources[NOTE_SOURCE]).toMatchObject({ type: 'geojson', attribution: 'Grundkarte nicht erreichbar – vereinfachte Übersicht' });
		expect(fb.layers.at(-1)).toMatchObject({ id: NOTE_SOURCE, source: NOTE_SOURCE });
		expect(fb.glyphs).toBeUndefined();
		expect(fb.sprite).toBeUndefined();
	});

	it('none draws the built-in overview alone: one source, no URL outside the app', () => {
		expect(Object.keys(themeStyle.sources)).toEqual([SOURCE_ID]);
		expect(JSON.stringify(themeStyle)).not.toMatch(/https?:\/\/(?!localhost)/);
	});
});

describe('self-hosted Protomaps basemap (pmtiles)', () => {
	const fonts = { regular: '/f/400.woff2', medium: '/f/500.woff2', italic: '/f/400i.woff2' };
	const PAGE = 'http://localhost/?view=entdecken';
	// The sheet the build makes, and its URL as the app's bundle names it (see scripts/lib/vite-basemap-sprite.ts).
	const sheet = buildBasemapSprite()[0]!.index;
	const spriteNames = Object.keys(sheet);
	const SPRITE = spriteBaseUrl('../assets/basemap-sprite-0123456789.json', 'http://localhost/_app/immutable/chunks/protomaps.js');
	const base = protomapsStyle('pmtiles://http://localhost/tiles/basemap.pmtiles', fonts, { url: SPRITE, names: spriteNames });
	const composed = composeStyle(themeStyle, base, { styleUrl: 'http://localhost/tiles/basemap.pmtiles', attribution: null, fontUrl: FONT_URL });
	const basemapLayers = composed.layers.filter((l) => l.id.startsWith(BASEMAP_PREFIX));
	const iconImage = (l: LayerSpecification | undefined) => (l?.layout as { 'icon-image'?: unknown } | undefined)?.['icon-image'];
	const layer = (id: string) => composed.layers.find((l) => l.id === `${BASEMAP_PREFIX}${id}`);

	/**
	 * Every image name an icon-image value can ask for, read from its expression: a plain name, the
	 * outputs of a zoom step, and the list a guard checks its result against. Anything else is
	 * "unbounded" (could ask for any name).
	 */
	function askedFor(value: unknown): Set<string> | 'unbounded' {
		if (typeof value === 'string') return new Set(value === '' ? [] : [value]);
		if (!Array.isArray(value)) return 'unbounded';
		if (value[0] === 'step') {
			const out = new Set<string>();
			for (let i = 2; i < value.length; i += 2) {
				const sub = askedFor(value[i]);
				if (sub === 'unbounded') return sub;
				for (const n of sub) out.add(n);
			}
			return out;
		}
		const [op, test, then, otherwise] = value as [unknown, unknown, unknown, unknown];
		if (op === 'case' && value.length === 4 && otherwise === '' && Array.isArray(test) && test[0] === 'in' && JSON.stringify(test[1]) === JSON.stringify(then)) {
			const list = test[2] as [string, string[]];
			if (list[0] === 'literal') return new Set(list[1]);
		}
		return 'unbounded';
	}

	/** What MapLibre would draw as the layer's icon for one feature at one zoom ('' = none). */
	function iconFor(id: string, zoom: number, properties: Record<string, string>): string {
		// The reference entry is typed as plain JSON; it is the property's specification all the same.
		const spec = latest.layout_symbol['icon-image'] as unknown as StylePropertySpecification;
		const parsed = expression.createPropertyExpression(iconImage(layer(id)), 'layout', spec);
		if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
		const image = parsed.value.evaluate({ zoom }, { type: 'Point', properties } as never) as { name: string } | string | null;
		return typeof image === 'string' ? image : (image?.name ?? '');
	}

	it('is valid and reads the archive from the project through the pmtiles protocol', () => {
		expect(validate(composed)).toEqual([]);
		expect(composed.sources[`${BASEMAP_PREFIX}${PROTOMAPS_SOURCE}`]).toMatchObject({ type: 'vector', url: 'pmtiles://http://localhost/tiles/basemap.pmtiles', attribution: expect.stringMatching(/OpenStreetMap/) });
	});

	it('needs no glyph server: every font is a file the project serves', () => {
		expect(composed.glyphs).toBeUndefined();
		expect(composed['font-faces']).toMatchObject({ 'Noto Sans Regular': fonts.regular, 'Noto Sans Medium': fonts.medium, 'Noto Sans Italic': fonts.italic, 'Noto Sans': FONT_URL });
	});

	it('takes its icons from the sprite the project serves: an absolute URL on the page’s own origin, among the app’s immutable assets', () => {
		expect(typeof composed.sprite).toBe('string');
		const url = new URL(composed.sprite as string);
		expect(url.origin).toBe(new URL(PAGE).origin);
		expect(url.pathname).toBe('/_app/immutable/assets/basemap-sprite-0123456789');
	});

	it('asks only for images the sprite has: every icon-image of the basemap is a name in the sheet or guarded by the sheet’s names', () => {
		const withIcons = basemapLayers.filter((l) => iconImage(l) !== undefined);
		expect(withIcons.map((l) => l.id).sort()).toEqual([`${BASEMAP_PREFIX}places_locality`, `${BASEMAP_PREFIX}roads_oneway`, `${BASEMAP_PREFIX}roads_shields`]);
		for (const l of withIcons) {
			const names = askedFor(iconImage(l));
			expect(names, l.id).not.toBe('unbounded');
			for (const n of names as Set<string>) expect(spriteNames, `${l.id} asks for ${n}`).toContain(n);
		}
		// The theme layers' only icon stays the marker space the app draws itself.
		const themeIcons = new Set(composed.layers.filter((l) => !l.id.startsWith(BASEMAP_PREFIX)).map(iconImage).filter((v) => v !== undefined));
		expect([...themeIcons]).toEqual([MARKER_SPACE_IMAGE]);
	});

	it('draws town dots, capitals, one-way arrows and road shields from the sheet, and no icon where the sheet has none', () => {
		expect(iconFor('places_locality', 6, { capital: 'yes' })).toBe('capital');
		expect(iconFor('places_locality', 6, {})).toBe('townspot');
		expect(iconFor('places_locality', 9, {})).toBe('');
		expect(iconFor('roads_oneway', 16, { oneway: 'yes' })).toBe('arrow');
		expect(iconFor('roads_shields', 10, { network: 'DE:BAB', shield_text: 'A38' })).toBe('generic_shield-3char');
		expect(iconFor('roads_shields', 10, { network: 'US:I', shield_text: '95' })).toBe('US:I-2char');
		// A shield the sheet has no image for (an empty number) is drawn without one instead of warning.
		expect(iconFor('roads_shields', 10, { network: 'DE:BS', shield_text: '' })).toBe('');
		for (const n of ['capital', 'townspot', 'arrow', 'generic_shield-3char', 'US:I-2char']) expect(sheet[n], n).toBeDefined();
	});

	it('keeps the labels and drops only the icons when the sprite lacks their images', () => {
		const bare = protomapsStyle('pmtiles://http://localhost/tiles/basemap.pmtiles', fonts, { url: SPRITE, names: ['townspot'] });
		const find = (id: string) => bare.layers.find((l) => l.id === id);
		expect(find('roads_oneway')).toBeUndefined();
		const shields = find('roads_shields')!.layout as Record<string, unknown>;
		expect(shields['text-field']).toBeDefined();
		expect(askedFor(shields['icon-image'])).toEqual(new Set(['townspot']));
		expect(askedFor(iconImage(find('places_locality')))).toEqual(new Set(['townspot']));
		expect(validate(bare)).toEqual([]);
	});

	it('draws roads, water, land use and German place names under the theme points', () => {
		const order = ids(composed);
		for (const id of ['water', 'landuse_park', 'roads_major', 'places_locality']) expect(order, id).toContain(`${BASEMAP_PREFIX}${id}`);
		expect(order.indexOf(`${BASEMAP_PREFIX}roads_major`)).toBeLessThan(order.indexOf('breitband-fill'));
		expect(order.indexOf(`${BASEMAP_PREFIX}places_locality`)).toBeLessThan(order.indexOf('gewerbe-circle'));
		expect(JSON.stringify(composed.layers.find((l) => l.id === `${BASEMAP_PREFIX}places_locality`))).toContain('name:de');
	});
});

describe('the style the map is created with (map-start mapStyle)', () => {
	// The browser skips MapLibre's own style check (validateStyle: false) to start sooner, so the
	// complete style, with the selection ring and the fallback's note, is checked here in every mode.
	const opts = {
		tilesUrl: 'pmtiles://http://localhost/tiles/standortkarte.pmtiles',
		lang: 'en' as const,
		visibleThemes: new Set<ThemeId>(visible),
		colouring: activeColouring(visible, null),
		broadband: { edition: '2021-06', metric: 'all_100', level: 'district' as const },
		attribution: 'A · B'
	};
	const selection: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { kind: 'click' }, geometry: { type: 'Point', coordinates: [10.8, 51.5] } }] };

	it('is valid with no basemap, as the fallback and composed with a basemap', async () => {
		const { mapStyle } = await import('../../src/lib/map/map-start.ts');
		const none = mapStyle(opts, parseBasemapSetting('none'), null, selection);
		const fallback = mapStyle(opts, parseBasemapSetting('basemap.de-grau'), null, selection);
		const composed = mapStyle(opts, parseBasemapSetting('basemap.de-grau'), { style: standIn, styleUrl: BASEMAP_DE_GREY_STYLE }, selection);
		for (const style of [none, fallback, composed]) {
			expect(validate(style)).toEqual([]);
			expect(ids(style).slice(-2)).toEqual(['selection-ring', 'selection-space']);
		}
		expect(ids(fallback)).toContain(NOTE_SOURCE);
		expect(ids(none)).not.toContain(NOTE_SOURCE);
		expect(basemapSourceIds(composed).length).toBeGreaterThan(0);
	});
});
