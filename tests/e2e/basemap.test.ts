/**
 * The default basemap (basemap.de grey) in the browser. basemap.de cannot be reached from the test
 * machines, so its server is played by the test: refused (the offline case every other browser test
 * runs in too), a style whose tiles are refused, and a stand-in style that draws from our own tiles.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, pagesPerTest, saveArtifact, screenshotPixels, boxOf } from './browser.ts';
import type { RecordedPage } from './browser.ts';

const STYLE_URL = 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_gry.json';
const MAP = '[data-testid="map"]';
/** The stand-in basemap paints its background in a colour the built-in overview never uses. */
const STAND_IN_BACKGROUND = '#ff00ff';

/** A stand-in for basemap.de Web Vektor: one vector source, glyphs and sprite under the same prefix (as the real one). */
function standInStyle(tiles: string): object {
	return {
		version: 8,
		name: 'stand-in for basemap.de (test)',
		sources: { smarttiles_de: { type: 'vector', tiles: [tiles], minzoom: 6, maxzoom: 14 } },
		glyphs: '../fonts/v2/{fontstack}/{range}.pbf',
		layers: [
			{ id: 'Hintergrund', type: 'background', paint: { 'background-color': STAND_IN_BACKGROUND } },
			{ id: 'Verwaltungsgrenze', type: 'line', source: 'smarttiles_de', 'source-layer': 'municipalities', paint: { 'line-color': '#00ffff', 'line-width': 2 } }
		]
	};
}

const TILE_PREFIX = 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/tiles/v2/bm_web_de_3857/';

function expectCleanConsole(rec: RecordedPage): void {
	expect(rec.pageErrors, 'page errors').toEqual([]);
	expect(rec.consoleErrors, 'console errors').toEqual([]);
	expect(rec.consoleWarnings, 'console warnings').toEqual([]);
	expect(rec.failedRequests, 'failed requests').toEqual([]);
}

const attributionText = (page: Page) => page.locator('.maplibregl-ctrl-attrib').innerText();
const styleLayerIds = (page: Page) => page.evaluate(() => (window as unknown as { __ntMap: { getStyle(): { layers: { id: string }[] } } }).__ntMap.getStyle().layers.map((l) => l.id));

/** Share of pixels in the stand-in's magenta (through the theme's white veil over the neighbours). */
async function magentaShare(page: Page): Promise<number> {
	const img = await screenshotPixels(page, await boxOf(page, MAP));
	let n = 0;
	for (let i = 0; i < img.data.length; i += 4) {
		if (img.data[i]! > 200 && img.data[i + 2]! > 200 && img.data[i + 1]! < 170) n++;
	}
	return n / (img.width * img.height);
}

describe('basemap.de (default NT_BASEMAP)', () => {
	const visit = pagesPerTest();

	it('falls back to the built-in overview when its style is refused, says so in the attribution, and the console stays clean', { timeout: 90_000 }, async () => {
		const rec = await visit('/');
		await saveArtifact(rec.page, 'basemap-refused');
		expect(await rec.page.getAttribute(MAP, 'data-basemap')).toBe('fallback');
		expect(await attributionText(rec.page)).toContain('Grundkarte nicht erreichbar');
		expect(rec.refused.some((r) => r.includes(STYLE_URL)), rec.refused.join('\n')).toBe(true);
		const ids = await styleLayerIds(rec.page);
		expect(ids).toContain('background');
		expect(ids.filter((id) => id.startsWith('basemap:'))).toEqual([]);
		expect(await magentaShare(rec.page)).toBe(0);
		expectCleanConsole(rec);
	});

	it('drops the basemap for the built-in overview when its style loads but its tiles are refused', { timeout: 90_000 }, async () => {
		const rec = await visit('/?lang=en', {
			beforeGoto: (page) => page.route(STYLE_URL, (route) => route.fulfill({ json: standInStyle(`${TILE_PREFIX}{z}/{x}/{y}.pbf`) }))
		});
		await rec.page.waitForSelector(`${MAP}[data-basemap="fallback"]`, { timeout: 30_000 });
		await saveArtifact(rec.page, 'basemap-tiles-refused');
		expect(await attributionText(rec.page)).toContain('Basemap unavailable');
		const ids = await styleLayerIds(rec.page);
		expect(ids.filter((id) => id.startsWith('basemap:'))).toEqual([]);
		// what the map adds after loading (the selection ring) survives the change of style
		expect(ids).toContain('selection-ring');
		expect(rec.refused.some((r) => r.startsWith('GET ' + TILE_PREFIX)), rec.refused.join('\n')).toBe(true);
		expectCleanConsole(rec);
	});

	it('draws a reachable basemap beneath the themes, with its attribution and without asking its glyph server for the theme labels', { timeout: 90_000 }, async () => {
		const glyphRequests: string[] = [];
		const rec = await visit('/?view=entdecken', {
			beforeGoto: async (page) => {
				await page.route(STYLE_URL, (route) => route.fulfill({ json: standInStyle(`${TILE_PREFIX}{z}/{x}/{y}.pbf`) }));
				// The stand-in's tiles are our own archive's, fetched from the test server.
				await page.route(`${TILE_PREFIX}**`, async (route) => {
					const m = /(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(route.request().url())!;
					const res = await route.fetch({ url: `${baseUrl()}/tiles/standortkarte/${m[1]}/${m[2]}/${m[3]}.mvt` });
					await route.fulfill({ response: res });
				});
				await page.route('https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/fonts/**', (route) => {
					glyphRequests.push(route.request().url());
					return route.fulfill({ status: 404, body: '' });
				});
			}
		});
		await saveArtifact(rec.page, 'basemap-stand-in');
		expect(await rec.page.getAttribute(MAP, 'data-basemap')).toBe('basemap');
		const attribution = await attributionText(rec.page);
		expect(attribution).toContain('basemap.de / BKG');
		expect(attribution).not.toContain('Grundkarte nicht erreichbar');
		const ids = await styleLayerIds(rec.page);
		expect(ids.indexOf('basemap:Hintergrund')).toBe(0);
		expect(ids.indexOf('basemap:Verwaltungsgrenze')).toBeLessThan(ids.indexOf('districts-line'));
		expect(await magentaShare(rec.page)).toBeGreaterThan(0.02);
		expect(glyphRequests, 'theme labels must be drawn from the app font, not the basemap glyph server').toEqual([]);
		expectCleanConsole(rec);
	});
});
