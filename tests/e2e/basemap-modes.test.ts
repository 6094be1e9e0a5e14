/**
 * NT_BASEMAP=none and NT_BASEMAP=pmtiles in the browser, each against the app started in that
 * configuration (on the data the global setup built). `none` must not contact any other server;
 * `pmtiles` draws a self-hosted Protomaps-schema archive (a test fixture made here) that the app
 * serves with Range, with fonts and the icon sprite from the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pagesPerTest, saveArtifact } from './browser.ts';
import type { RecordedPage } from './browser.ts';
import { startAppServer } from './app-server.ts';
import type { AppServer } from './app-server.ts';
import { protomapsFixtureArchive } from '../fixtures/protomaps-basemap-fixture.ts';

const MAP = '[data-testid="map"]';
/** The sprite the build draws (scripts/lib/vite-basemap-sprite.ts), among the app's immutable assets. */
const SPRITE_FILE = /\/_app\/immutable\/assets\/basemap-sprite-[0-9a-f]{10}(@2x)?\.(json|png)$/;

function expectCleanConsole(rec: RecordedPage): void {
	expect(rec.pageErrors, 'page errors').toEqual([]);
	expect(rec.consoleErrors, 'console errors').toEqual([]);
	expect(rec.consoleWarnings, 'console warnings').toEqual([]);
	expect(rec.failedRequests, 'failed requests').toEqual([]);
}

describe('NT_BASEMAP in the browser', () => {
	const visit = pagesPerTest();
	let none: AppServer;
	let pmtiles: AppServer;
	const sources = mkdtempSync(path.join(tmpdir(), 'nt-basemap-'));

	beforeAll(async () => {
		mkdirSync(path.join(sources, 'basemap'));
		writeFileSync(path.join(sources, 'basemap', 'protomaps-fixture.pmtiles'), protomapsFixtureArchive());
		[none, pmtiles] = await Promise.all([
			startAppServer({ ...inject('dataEnv'), NT_BASEMAP: 'none' }),
			startAppServer({ ...inject('dataEnv'), NT_BASEMAP: 'pmtiles', NT_SOURCES: sources })
		]);
	}, 120_000);

	afterAll(async () => {
		await Promise.all([none?.stop(), pmtiles?.stop()]);
		rmSync(sources, { recursive: true, force: true });
	});

	it('none: the built-in overview, no note, and not one request to another server', { timeout: 90_000 }, async () => {
		const rec = await visit('/', { baseUrl: none.baseUrl });
		expect(await rec.page.getAttribute(MAP, 'data-basemap')).toBe('none');
		expect(await rec.page.locator('.maplibregl-ctrl-attrib').innerText()).not.toContain('Grundkarte');
		const foreign = rec.responses.filter((r) => new URL(r.url).origin !== none.baseUrl && !r.url.startsWith('data:'));
		expect(foreign).toEqual([]);
		expect(rec.refused).toEqual([]);
		expect(rec.responses.filter((r) => SPRITE_FILE.test(new URL(r.url).pathname)), 'no sprite in this mode').toEqual([]);
		expectCleanConsole(rec);
	});

	it('pmtiles: draws the self-hosted Protomaps archive read by Range from the app, fonts and icons from the app, nothing from elsewhere', { timeout: 90_000 }, async () => {
		const rec = await visit('/?view=entdecken', { baseUrl: pmtiles.baseUrl });
		await saveArtifact(rec.page, 'basemap-pmtiles');
		expect(await rec.page.getAttribute(MAP, 'data-basemap')).toBe('basemap');
		const drawn = await rec.page.evaluate(() => {
			interface M {
				querySourceFeatures(source: string, opts: { sourceLayer: string }): { properties: Record<string, unknown> }[];
				getStyle(): { layers: { id: string }[]; sprite?: unknown };
				hasImage(id: string): boolean;
			}
			const m = (window as unknown as { __ntMap: M }).__ntMap;
			return {
				water: m.querySourceFeatures('basemap:protomaps', { sourceLayer: 'water' }).length,
				places: m.querySourceFeatures('basemap:protomaps', { sourceLayer: 'places' }).map((f) => f.properties.name),
				layers: m.getStyle().layers.map((l) => l.id),
				sprite: m.getStyle().sprite,
				// The fixture road's number "F1" asks for the two-character shield; the town dot is in the same sheet.
				images: ['generic_shield-2char', 'townspot', 'arrow'].filter((id) => m.hasImage(id))
			};
		});
		expect(drawn.water).toBeGreaterThan(0);
		expect(drawn.places).toContain('Fixture-Ort');
		expect(drawn.layers).toContain('basemap:roads_major');
		const archiveReads = rec.responses.filter((r) => r.url.includes('/tiles/basemap.pmtiles'));
		expect(archiveReads.length).toBeGreaterThan(0);
		expect(archiveReads.every((r) => r.status === 206 && r.range !== null)).toBe(true);
		// Icons: the sprite comes from the app itself, as PNG, and its images are in the map.
		expect(drawn.layers).toContain('basemap:roads_shields');
		expect(drawn.sprite).toMatch(new RegExp(`^${pmtiles.baseUrl}/_app/immutable/assets/basemap-sprite-[0-9a-f]{10}$`));
		expect(drawn.images).toEqual(['generic_shield-2char', 'townspot', 'arrow']);
		const spriteFiles = rec.responses.filter((r) => SPRITE_FILE.test(new URL(r.url).pathname));
		const sheet = spriteFiles.find((r) => r.url.endsWith('.png'));
		const index = spriteFiles.find((r) => r.url.endsWith('.json'));
		expect(sheet, 'sprite image requested').toBeDefined();
		expect(index, 'sprite index requested').toBeDefined();
		expect(new URL(sheet!.url).origin).toBe(pmtiles.baseUrl);
		expect([sheet!.status, sheet!.contentType]).toEqual([200, 'image/png']);
		expect([index!.status, index!.contentType?.split(';')[0]]).toEqual([200, 'application/json']);
		// Served like the app's other built assets: cached for good (the name changes with the sheet), not sniffed.
		const again = await rec.page.request.get(sheet!.url);
		expect(again.headers()['cache-control']).toMatch(/immutable/);
		expect(again.headers()['x-content-type-options']).toBe('nosniff');
		expect(await rec.page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('OpenStreetMap');
		const foreign = rec.responses.filter((r) => new URL(r.url).origin !== pmtiles.baseUrl && !r.url.startsWith('data:'));
		expect(foreign).toEqual([]);
		expectCleanConsole(rec);
	});
});
