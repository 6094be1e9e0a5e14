/**
 * Published back-office edits on the main map without a rebuild or restart: an editor publishes a
 * polygon site through the back-office API, and the map page that is already open draws it after
 * it regains focus (pixel check at the site and the rendered live layer), a freshly opened page
 * draws it from the start, its card opens, and after unpublishing it is gone again. Then a normal
 * production start (without the test hooks) does not hand out `window.__ntMap`. The account and
 * the site are test fixtures in the test server's temporary content database.
 */
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, boxOf, openPage, pagesPerTest, saveArtifact, screenshotPixels, waitForMap } from './browser.ts';
import type { RecordedPage } from './browser.ts';
import { createEditor } from './editor-account.ts';
import { siteColoured } from './map-helpers.ts';
import { startAppServer } from './app-server.ts';
import type { TestMap } from './map-helpers.ts';
import { launchBrowser } from './browser.ts';

const page = pagesPerTest();
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 500 });

const EDITOR = { email: 'live-editor-fixture@example.org', password: 'fixture-password-live-e2e' };
// A square of about 700 m × 550 m in open country north of Mühlhausen, away from every site.
const CENTRE = { lon: 10.605, lat: 51.3025 };
const SQUARE: GeoJSON.Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[10.6, 51.3],
			[10.61, 51.3],
			[10.61, 51.305],
			[10.6, 51.305],
			[10.6, 51.3]
		]
	]
};
const NAME = 'Testfläche Live Fixture E2E';
// Only the sites, at zoom 14 on the square: the map's centre is the site.
const VIEW = `/?themes=gewerbe&map=14/${CENTRE.lat}/${CENTRE.lon}`;


/** A same-site request to the back-office API, as the editor's browser would send it. */
async function adminRequest(method: string, pathname: string, cookie: string | null, body?: unknown): Promise<Response> {
	const headers: Record<string, string> = { origin: baseUrl() };
	if (cookie) headers.cookie = cookie;
	if (body !== undefined) headers['content-type'] = 'application/json';
	return fetch(new URL(pathname, baseUrl()), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function login(): Promise<string> {
	const res = await adminRequest('POST', '/api/admin/login', null, EDITOR);
	expect(res.status).toBe(200);
	return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function centrePixels(rec: RecordedPage): Promise<number> {
	const box = await boxOf(rec.page, '[data-testid="map"]');
	return siteColoured(await screenshotPixels(rec.page, { x: box.x + box.width / 2 - 60, y: box.y + box.height / 2 - 60, width: 120, height: 120 }));
}

/** Ids the map draws from its live source at the map's centre. */
function liveIdsAtCentre(rec: RecordedPage): Promise<string[]> {
	return rec.page.evaluate(() => {
		const map = (window as unknown as { __ntMap: TestMap }).__ntMap;
		const layers = ['live:gewerbe-shapes', 'live:gewerbe-circle'].filter((id) => map.getLayer(id));
		const c = map.project([map.getCenter().lng, map.getCenter().lat]);
		return layers.length ? map.queryRenderedFeatures([c.x, c.y], { layers }).map((f) => String(f.properties.fid)) : [];
	});
}

/** The page asks for new edits when its window gets focus (and every minute). */
function focus(rec: RecordedPage): Promise<void> {
	return rec.page.evaluate(() => void window.dispatchEvent(new Event('focus')));
}

describe('published edits on the main map', () => {
	it('appear on an open map and on a new one without a rebuild, open their card, and go when unpublished', async () => {
		await createEditor(EDITOR);
		const open = await page(VIEW);
		const before = await centrePixels(open);
		expect(before).toBeLessThan(500);

		const cookie = await login();
		const created = await adminRequest('POST', '/api/admin/items', cookie, { layer: 'sites', name: NAME, category: 'commercial_area', geometry: SQUARE, values: {} });
		expect(created.status).toBe(201);
		const id = ((await created.json()) as { item: { id: string } }).item.id;
		expect((await adminRequest('POST', `/api/admin/items/${id}/publish`, cookie)).status).toBe(200);

		// The open map: a focus later the site is drawn where it lies.
		await poll(async () => {
			await focus(open);
			return liveIdsAtCentre(open);
		}).toContain(id);
		await poll(() => centrePixels(open)).toBeGreaterThan(before + 5_000);
		await saveArtifact(open.page, 'live-map-published');

		// A new page has it from the first frame (the page carries the edits).
		const fresh = await page(VIEW);
		expect(await liveIdsAtCentre(fresh)).toContain(id);
		expect(await centrePixels(fresh)).toBeGreaterThan(before + 5_000);
		// Its card opens like any other site's.
		const box = await boxOf(fresh.page, '[data-testid="map"]');
		await fresh.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		await poll(() => fresh.page.getByTestId('feature-card').textContent()).toContain(NAME);

		// Unpublished: gone from the open map at the next focus, and from new pages.
		expect((await adminRequest('POST', `/api/admin/items/${id}/unpublish`, cookie)).status).toBe(200);
		await poll(async () => {
			await focus(open);
			return liveIdsAtCentre(open);
		}).not.toContain(id);
		await poll(() => centrePixels(open)).toBeLessThan(before + 500);
		const after = await page(VIEW);
		expect(await liveIdsAtCentre(after)).not.toContain(id);
		expect(await centrePixels(after)).toBeLessThan(before + 500);
		expect(open.consoleErrors).toEqual([]);
	});
});

describe('test hooks', () => {
	it('a production start without PUBLIC_NT_TEST_HOOKS does not expose the map to scripts', async () => {
		const server = await startAppServer({ ...inject('dataEnv'), PUBLIC_NT_TEST_HOOKS: '' });
		const browser = await launchBrowser();
		try {
			const rec = await openPage(browser, '/', { baseUrl: server.baseUrl });
			await waitForMap(rec);
			expect(await rec.page.evaluate(() => 'isStyleLoaded' in ((window as unknown as { __ntMap?: object }).__ntMap ?? {}))).toBe(false);
			// The same page from the test server (hooks on) does hand it out: the check above can fail.
			const hooked = await openPage(browser, '/');
			await waitForMap(hooked);
			expect(await hooked.page.evaluate(() => 'isStyleLoaded' in ((window as unknown as { __ntMap?: object }).__ntMap ?? {}))).toBe(true);
			await rec.close();
			await hooked.close();
		} finally {
			await browser.close();
			await server.stop();
		}
	});
});
