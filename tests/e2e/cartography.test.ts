/**
 * What each view colours and names, and the chrome around the map: broadband classes that tell the
 * districts apart, town names at the start view, a quiet Entdecken, the phone header, the one-line
 * attribution, the link notice, print, the 404 page, the favicon and no developer command anywhere.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, pagesPerTest, saveArtifact, waitForMap } from './browser.ts';
import type { RecordedPage } from './browser.ts';

const visit = pagesPerTest();
const DEVELOPER = /npm run|NT_SOURCES|NT_BASEMAP/;

function expectClean(rec: RecordedPage): void {
	expect(rec.pageErrors, 'page errors').toEqual([]);
	expect(rec.consoleErrors, 'console errors').toEqual([]);
	expect(rec.consoleWarnings, 'console warnings').toEqual([]);
	expect(rec.failedRequests, 'failed requests').toEqual([]);
}

interface StyleLayer {
	id: string;
	type: string;
	layout?: { visibility?: string };
}

/** Area-colouring layers that are switched on (theme fills, not the base layers' light tints). */
async function colouredAreaLayers(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const m = (window as unknown as { __ntMap: { getStyle(): { layers: StyleLayer[] } } }).__ntMap;
		return m
			.getStyle()
			.layers.filter((l) => l.type === 'fill' && (l.id.endsWith('-fill') || l.id.endsWith('-area')) && !['neighbours-fill', 'districts-fill'].includes(l.id))
			.filter((l) => l.layout?.visibility !== 'none')
			.map((l) => l.id);
	});
}

async function placeLabels(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const m = (window as unknown as { __ntMap: { queryRenderedFeatures(o: { layers: string[] }): { properties: { name: string } }[] } }).__ntMap;
		return m.queryRenderedFeatures({ layers: ['places-label'] }).map((f) => f.properties.name);
	});
}

describe('each view colours what helps its user', () => {
	it('Entdecken colours no areas', async () => {
		const rec = await visit('/?view=entdecken');
		expect(await colouredAreaLayers(rec.page)).toEqual([]);
		expect(await rec.page.getByTestId('bb-legend').count()).toBe(0);
		expectClean(rec);
	});

	for (const view of ['investieren', 'planen'] as const) {
		it(`${view} colours broadband in classes of the values shown, one colour per district, and the legend says so`, async () => {
			const rec = await visit(`/?view=${view}`);
			expect(await colouredAreaLayers(rec.page)).toEqual(['breitband-fill']);
			const legend = rec.page.getByTestId('bb-legend');
			await legend.waitFor({ timeout: 15_000 });
			const swatches = await legend.locator('.swatch').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
			// The built-in data has the three districts' shares; each gets its own colour.
			expect(swatches.length).toBe(3);
			expect(new Set(swatches).size).toBe(3);
			expect(await rec.page.getByTestId('bb-classes-method').textContent()).toMatch(/Eine Farbe je Wert|Quantile/);
			const fill = await rec.page.evaluate(() => JSON.stringify((window as unknown as { __ntMap: { getPaintProperty(l: string, p: string): unknown } }).__ntMap.getPaintProperty('breitband-fill', 'fill-color')));
			expect(fill).toContain('"step"');
			await saveArtifact(rec.page, `cartography-${view}`);
			expectClean(rec);
		});
	}

	it('starts with those classes: the page carries them, the legend shows them before any script ran, and the map colours by them', async () => {
		const rec = await visit('/?view=investieren');
		// The server's page (no script run): the legend already names the classes of the three districts.
		const html = await (await rec.page.request.get(new URL('/?view=investieren', rec.page.url()).href)).text();
		expect(html).toContain('data-testid="bb-classes-method"');
		const boot = JSON.parse((await rec.page.getByTestId('map').getAttribute('data-map-boot')) ?? 'null') as { broadband: { classes: { classes: { from: number }[] } | null } };
		expect(boot.broadband.classes?.classes).toHaveLength(3);
		// The map was created with them (tests/unit/style.test.ts) and colours by them once it has drawn.
		const changes = await rec.page.evaluate(() => {
			const m = (window as unknown as { __ntMap: { getPaintProperty(l: string, p: string): unknown } }).__ntMap;
			return JSON.stringify(m.getPaintProperty('breitband-fill', 'fill-color'));
		});
		for (const c of boot.broadband.classes!.classes.slice(1)) expect(changes).toContain(String(c.from));
		expectClean(rec);
	});

	it('names the three district towns at the start view', async () => {
		const rec = await visit('/');
		const names = await placeLabels(rec.page);
		for (const town of [/^Nordhausen/, /^Sondershausen/, /^Mühlhausen/]) expect(names.some((n) => town.test(n)), `${town} in ${names.join(', ')}`).toBe(true);
		expectClean(rec);
	});
});

describe('chrome around the map', () => {
	it('on a phone the header is at most 64 px, its controls behind a menu button, the attribution folded to its ⓘ', async () => {
		const rec = await visit('/', { viewport: { width: 390, height: 844 } });
		const header = (await rec.page.locator('header').boundingBox())!;
		expect(header.height).toBeLessThanOrEqual(64);
		expect(await rec.page.locator('[data-preset="entdecken"]').isVisible()).toBe(false);
		const menu = rec.page.getByTestId('menu-button');
		expect(await menu.getAttribute('aria-expanded')).toBe('false');
		await menu.click();
		expect(await menu.getAttribute('aria-expanded')).toBe('true');
		await saveArtifact(rec.page, 'phone-menu-open');
		await rec.page.locator('[data-preset="entdecken"]').click();
		expect(await rec.page.locator('[data-preset="entdecken"]').getAttribute('aria-pressed')).toBe('true');
		expect(await menu.getAttribute('aria-expanded')).toBe('false');
		const attrib = rec.page.locator('.maplibregl-ctrl-attrib');
		expect(await attrib.evaluate((e) => e.classList.contains('maplibregl-compact-show'))).toBe(false);
		expect(await rec.page.locator('.maplibregl-ctrl-attrib-button').isVisible()).toBe(true);
		expectClean(rec);
	});

	it('on a wide screen the attribution is one line', async () => {
		const rec = await visit('/');
		const box = (await rec.page.locator('.maplibregl-ctrl-attrib').boundingBox())!;
		expect(box.height).toBeLessThanOrEqual(32);
		expectClean(rec);
	});

	it('names bad link parameters in a short notice and shows the defaults instead', async () => {
		const rec = await visit('/?view=nonsense&themes=foo&map=999/999/999&bb=garbage');
		const notice = await rec.page.getByTestId('link-notice').textContent();
		for (const part of ['view=nonsense', 'themes=foo', 'map=999/999/999', 'bb=garbage']) expect(notice).toContain(part);
		expect(await rec.page.locator('[data-preset="investieren"]').getAttribute('aria-pressed')).toBe('true');
		for (const theme of ['gewerbe', 'breitband', 'verkehr']) expect(await rec.page.locator(`input[data-theme="${theme}"]`).isChecked(), theme).toBe(true);
		expectClean(rec);
	});

	it('prints the whole region with the legend first and the sources on a page of their own', async () => {
		const rec = await visit('/?view=investieren&map=13/51.5/10.79');
		// The print dialog itself is the browser's; the test stands in for it and prints what the page prepared.
		await rec.page.evaluate(() => {
			window.print = () => {
				(window as unknown as { __printed: boolean }).__printed = true;
			};
		});
		await rec.page.getByTestId('print').click();
		await rec.page.waitForFunction(() => (window as unknown as { __printed?: boolean }).__printed === true, undefined, { timeout: 15_000 });
		await rec.page.emulateMedia({ media: 'print' });
		await rec.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
		await waitForMap(rec);
		const shown = await rec.page.evaluate(() => {
			const b = (window as unknown as { __ntMap: { getBounds(): { getWest(): number; getEast(): number; getSouth(): number; getNorth(): number } } }).__ntMap.getBounds();
			return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
		});
		// The region's extent in the seed: 10.185–11.475° E, 51.032–51.649° N (the east of the Kyffhäuserkreis included).
		expect(shown[0]).toBeLessThan(10.185);
		expect(shown[2]).toBeGreaterThan(11.475);
		expect(shown[1]).toBeLessThan(51.032);
		expect(shown[3]).toBeGreaterThan(51.649);
		expect(await rec.page.locator('.sources').evaluate((e) => getComputedStyle(e).breakBefore)).toBe('page');
		expect(await rec.page.locator('#feature-list').isVisible()).toBe(false);
		const text = await rec.page.locator('body').innerText();
		expect(text).not.toMatch(DEVELOPER);
		await saveArtifact(rec.page, 'print-region');
		await rec.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
		expectClean(rec);
	});

	it('shows no developer command to visitors in any view', async () => {
		for (const path of ['/', '/?view=planen', '/?view=entdecken&lang=en']) {
			const rec = await visit(path);
			expect(await rec.page.locator('body').innerText(), path).not.toMatch(DEVELOPER);
		}
	});
});

describe('pages around the map', () => {
	it('answers an unknown page with a styled 404 in the app language', async () => {
		for (const [path, heading] of [['/gibt-es-nicht', 'Seite nicht gefunden'], ['/no-such-page?lang=en', 'Page not found']] as const) {
			const res = await fetch(new URL(path, baseUrl()));
			expect(res.status).toBe(404);
			const rec = await visit(path, { noMap: true });
			expect(await rec.page.locator('h1').textContent()).toBe(heading);
			expect(await rec.page.locator('html').getAttribute('lang')).toBe(path.includes('lang=en') ? 'en' : 'de');
			expect(await rec.page.locator('header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(31, 59, 44)');
			expect(await rec.page.getByRole('link', { name: path.includes('lang=en') ? 'Back to the map' : 'Zur Karte' }).count()).toBe(1);
			await saveArtifact(rec.page, `not-found-${path.includes('lang=en') ? 'en' : 'de'}`);
		}
	});

	it('serves the favicon, also to clients that ask for /favicon.ico', async () => {
		const svg = await fetch(new URL('/favicon.svg', baseUrl()));
		expect(svg.status).toBe(200);
		expect(svg.headers.get('content-type')).toContain('image/svg+xml');
		const ico = await fetch(new URL('/favicon.ico', baseUrl()), { redirect: 'manual' });
		expect(ico.status).toBe(301);
		expect(ico.headers.get('location')).toBe('/favicon.svg');
	});

	it('"Über die Daten" tells data maintainers how to import, visitors reach it from the panel', async () => {
		const rec = await visit('/?view=planen');
		await rec.page.getByRole('link', { name: 'Über die Daten' }).first().click();
		await rec.page.waitForURL(/\/daten/);
		expect(await rec.page.locator('h1').textContent()).toBe('Über die Daten');
		const text = await rec.page.locator('main').innerText();
		expect(text).toContain('npm run data');
		expect(text).toContain('breitbandatlas/');
		expect(await rec.page.getByTestId('basemap-mode').textContent()).toBe('NT_BASEMAP=basemap.de-grau');
		await saveArtifact(rec.page, 'about-data');
		expect(rec.pageErrors).toEqual([]);
		expect(rec.consoleErrors).toEqual([]);
	});
});
