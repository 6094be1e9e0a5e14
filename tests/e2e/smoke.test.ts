/**
 * First browser tests: the home page loads cleanly in real Chromium, the map draws the districts
 * from our own PMTiles archive, and the archive is read with Range requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { boxOf, launchBrowser, openPage, PROJECT_ROOT, saveArtifact, screenshotPixels, waitForMap } from './browser.ts';
import type { RecordedPage } from './browser.ts';
import { pixelAt } from './png.ts';
import type { RgbaImage } from './png.ts';

const MAP = '[data-testid="map"]';
/** The style's background colour (#eef1ec): what a map without any tiles shows. */
const BACKGROUND: [number, number, number] = [0xee, 0xf1, 0xec];
/** The neighbouring districts' fill (#e2e4df): tiles drew, but not our region. */
const NEIGHBOURS: [number, number, number] = [0xe2, 0xe4, 0xdf];
/** Plain white: label halos, or a canvas that never drew. */
const WHITE: [number, number, number] = [255, 255, 255];
const THEME_IDS = ['gewerbe', 'breitband', 'verkehr', 'wohnen', 'daseinsvorsorge', 'tourismus'];

/** Largest per-channel difference between a pixel and a colour. */
function distance(px: readonly number[], rgb: readonly number[]): number {
	return Math.max(Math.abs(px[0]! - rgb[0]!), Math.abs(px[1]! - rgb[1]!), Math.abs(px[2]! - rgb[2]!));
}

function shareNotBackground(img: RgbaImage): number {
	let other = 0;
	for (let i = 0; i < img.data.length; i += 4) {
		if (distance([img.data[i]!, img.data[i + 1]!, img.data[i + 2]!], BACKGROUND) > 3) other++;
	}
	return other / (img.width * img.height);
}

/** Bounding box [w, s, e, n] of the three districts, from the seed the data build reads. */
function regionBbox(): [number, number, number, number] {
	const fc = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'seed', 'districts.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
	let w = 180, s = 90, e = -180, n = -90;
	const visit = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const [x, y] = c as [number, number];
			w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
		} else if (Array.isArray(c)) c.forEach(visit);
	};
	for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
	return [w, s, e, n];
}

describe('home page', () => {
	let browser: Browser;
	let home: RecordedPage;

	beforeAll(async () => {
		browser = await launchBrowser();
		home = await openPage(browser, '/');
		await waitForMap(home);
		await saveArtifact(home.page, 'home');
	});

	afterAll(async () => {
		await home?.close();
		await browser?.close();
	});

	it('loads without console errors, page errors or failed requests', async () => {
		expect(home.consoleErrors).toEqual([]);
		expect(home.consoleWarnings).toEqual([]);
		expect(home.pageErrors).toEqual([]);
		expect(home.failedRequests).toEqual([]);
		// Browsers ask for the icon on their own; a 404 would be listed above. Ask for it here too, so
		// the check does not depend on whether headless Chromium happened to fetch it.
		const href = await home.page.locator('link[rel="icon"]').first().getAttribute('href');
		expect(href).toBeTruthy();
		const icon = await home.page.request.get(new URL(href!, home.page.url()).href);
		expect(icon.status()).toBe(200);
		expect(icon.headers()['content-type']).toMatch(/^image\//);
	});

	it('shows the title and a toggle for every theme', async () => {
		await expect.poll(() => home.page.locator('h1').textContent()).toMatch(/Standortkarte/);
		for (const id of THEME_IDS) {
			expect(await home.page.locator(`input[data-theme="${id}"]`).count(), `toggle for ${id}`).toBe(1);
		}
	});

	it('draws the districts on the map canvas', async () => {
		const box = await boxOf(home.page, MAP);
		expect(box.width).toBeGreaterThan(300);
		expect(box.height).toBeGreaterThan(300);
		const img = await screenshotPixels(home.page, box);

		// Districts, neighbours, lines and labels cover the map; a map without tiles is all background.
		expect(shareNotBackground(img)).toBeGreaterThan(0.5);

		// The centre of the region's bounding box lies near the Kyffhäuserkreis/Nordhausen border,
		// inside the region: it must be tinted by a district fill (even the faintest, 12 % over the
		// background, differs by 8 or more in some channel from each of these), not bare background.
		const [w, s, e, n] = regionBbox();
		const centre = await home.page.evaluate(
			([lon, lat]) => {
				const map = (window as unknown as { __ntMap?: { project(p: [number, number]): { x: number; y: number } } }).__ntMap;
				return map ? map.project([lon, lat]) : null;
			},
			[(w + e) / 2, (s + n) / 2] as [number, number]
		);
		// Without a handle on the map, rely on it being fitted to the region: the bbox centre is the map centre.
		const { x, y } = centre ?? { x: box.width / 2, y: box.height / 2 };
		// A 7×7 patch rather than one pixel, so that a marker or label landing exactly there does not decide.
		const cx = Math.round(x), cy = Math.round(y);
		const patch: number[][] = [];
		for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) patch.push(pixelAt(img, cx + dx, cy + dy));
		const tinted = patch.filter((px) => [BACKGROUND, NEIGHBOURS, WHITE].every((c) => distance(px, c) > 4));
		expect(tinted.length, `pixels around (${cx}, ${cy}): ${patch.slice(0, 5).map((p) => p.join(',')).join(' ')} …`).toBeGreaterThan(patch.length / 2);
	});

	it('reads the PMTiles archive with Range requests answered 206', () => {
		const archive = home.responses.filter((r) => new URL(r.url).pathname === '/tiles/standortkarte.pmtiles');
		expect(archive.length).toBeGreaterThan(1); // header + directory + tiles
		for (const r of archive) {
			expect(r.range, `${r.method} ${r.url}`).toMatch(/^bytes=\d+-\d+$/);
			expect(r.status, `${r.method} ${r.url} (${r.range})`).toBe(206);
		}
	});
});

/** The start-up marks of the page: name → start times (ms), in order. */
async function marks(page: RecordedPage['page']): Promise<Record<string, number[]>> {
	return page.evaluate(() => {
		const out: Record<string, number[]> = {};
		for (const m of performance.getEntriesByType('mark')) (out[m.name] ??= []).push(m.startTime);
		return out;
	});
}

describe('map start-up', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('creates the map before the page is live and hands that one map over to it', async () => {
		const home = await openPage(browser, '/?view=planen&lang=en');
		try {
			await waitForMap(home);
			const m = await marks(home.page);
			// One map, started from the boot the server wrote into the container before the map component
			// mounted (it is created once the basemap's style has answered or failed, here: refused).
			expect(m['nt:map-early']).toHaveLength(1);
			expect(m['nt:mount']).toHaveLength(1);
			expect(m['nt:map-early']![0]).toBeLessThan(m['nt:mount']![0]!);
			expect(m['nt:map-create']).toHaveLength(1);
			expect(m['nt:map-idle']).toHaveLength(1);
			expect(await home.page.locator('[data-testid="map"] canvas.maplibregl-canvas').count()).toBe(1);
			// It is the page's map: it carries the link's view (Planen colours broadband) and answers the page.
			const boot = JSON.parse((await home.page.locator('[data-testid="map"]').getAttribute('data-map-boot')) ?? 'null') as { lang: string; visibleThemes: string[] } | null;
			expect(boot?.lang).toBe('en');
			const layers = await home.page.evaluate(() => (window as unknown as { __ntMap: { getStyle(): { layers: { id: string }[] } } }).__ntMap.getStyle().layers.map((l) => l.id));
			for (const theme of boot!.visibleThemes) expect(layers.some((id) => id.startsWith(`${theme}-`)), `layers of ${theme}`).toBe(true);
			// Planen leaves Tourismus off: switched on, its layers join the adopted map.
			expect(layers).not.toContain('tourismus-circle');
			await home.page.locator('input[data-theme="tourismus"]').check();
			await expect.poll(() => home.page.evaluate(() => (window as unknown as { __ntMap: { getLayer(id: string): unknown } }).__ntMap.getLayer('tourismus-circle') !== undefined)).toBe(true);
			expect(home.consoleErrors).toEqual([]);
			expect(home.pageErrors).toEqual([]);
		} finally {
			await home.close();
		}
	});

	it("starts its worker and the archive's first read from the page's head, and uses both", async () => {
		const requests: { url: string; range: string | undefined }[] = [];
		const home = await openPage(browser, '/', { beforeGoto: async (page) => page.on('request', (req) => requests.push({ url: req.url(), range: req.headers()['range'] })) });
		try {
			await waitForMap(home);
			const seen = await home.page.evaluate(() => {
				const early = performance.getEntriesByName('nt:map-early')[0]!.startTime;
				const archive = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.includes('/tiles/standortkarte.pmtiles'));
				return { early, firstArchiveRead: archive[0]?.startTime ?? null, left: (window as unknown as Record<string, unknown>).__ntMapStart ?? null };
			});
			// Both begin before the map is created (nt:map-early), not when MapLibre is set up.
			expect(seen.firstArchiveRead).not.toBeNull();
			expect(seen.firstArchiveRead!).toBeLessThan(seen.early);
			// MapLibre took the started worker and the reader took the read: one of each, none left over.
			expect(requests.filter((r) => r.url.includes('maplibre-gl-worker'))).toHaveLength(1);
			expect(requests.filter((r) => r.url.includes('/tiles/standortkarte.pmtiles') && r.range === 'bytes=0-16383')).toHaveLength(1);
			expect(seen.left).toEqual({ worker: null });
			// The Content-Security-Policy allowed the inline script (a refused one is a console error).
			expect(home.consoleErrors).toEqual([]);
			expect(home.pageErrors).toEqual([]);
		} finally {
			await home.close();
		}
	});

	it('is idle in the frame in which it loaded: labels just placed are not drawn a second time', async () => {
		const home = await openPage(browser, '/?view=investieren');
		try {
			await waitForMap(home);
			const frames = await home.page.evaluate(() =>
				['nt:map-load', 'nt:map-idle'].map((name) => ((performance.getEntriesByName(name)[0] as PerformanceMark | undefined)?.detail as { frames?: number } | undefined)?.frames)
			);
			// The start view has labels (places, districts, cluster counts, sites), so its last tiles bring
			// new label buckets; MapLibre would mark that frame's placement stale and draw it once more.
			expect(frames[0]).toBeGreaterThan(0);
			expect(frames[1]).toBe(frames[0]);
			expect(home.pageErrors).toEqual([]);
		} finally {
			await home.close();
		}
	});

	it('creates its own map after a navigation inside the app', async () => {
		const info = await openPage(browser, '/daten', { noMap: true });
		try {
			await info.page.getByRole('link', { name: /zurück zur karte|zur karte/i }).first().click();
			await waitForMap(info);
			const m = await marks(info.page);
			// No boot was on the first page: the map component created the map itself, after it mounted.
			expect(m['nt:map-early']).toBeUndefined();
			expect(m['nt:map-create']).toHaveLength(1);
			expect(m['nt:map-create']![0]).toBeGreaterThan(m['nt:mount']![0]!);
			expect(await info.page.locator('[data-testid="map"] canvas.maplibregl-canvas').count()).toBe(1);
			expect(info.pageErrors).toEqual([]);
			expect(info.consoleErrors).toEqual([]);
		} finally {
			await info.close();
		}
	});
});
