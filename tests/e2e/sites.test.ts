/**
 * The investor's journey in real Chromium: filter the site finder, see the list follow the filter in
 * the URL (and back), export exactly that list, pick sites for the comparison, open a site page (facts,
 * "nicht erfasst", metadata, exposé print) and send an inquiry with per-field errors first. Plus axe
 * scans of every new page in German and English. Expected values come from the API and the seed,
 * never from the page under test.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { baseUrl, openPage, pagesPerTest, PROJECT_ROOT, saveArtifact } from './browser.ts';
import type { RecordedPage } from './browser.ts';
import { SITE_CATEGORIES } from '../../src/lib/themes/registry.ts';

/** Navigation and saves take a while on a busy machine: polls wait up to 20 s. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const visit = pagesPerTest();
const GOLDENE_AUE = 'commercial:industriegebiet-goldene-aue';
const KYFFHAEUSERHUETTE = 'commercial:industriegebiet-kyffhaeuserhuette';

const seedSites = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'seed', 'commercial.geojson'), 'utf8')) as GeoJSON.FeatureCollection).features.map(
	(f) => f.properties as { id: string; name: string; gross_area_ha?: number }
);

async function apiIds(query: string): Promise<string[]> {
	const res = await fetch(new URL(`/api/features?theme=gewerbe&limit=500&category=${SITE_CATEGORIES.join(',')}${query}`, baseUrl()));
	expect(res.status).toBe(200);
	const body = (await res.json()) as { features: { id: string }[] };
	return body.features.map((f) => f.id).sort();
}

async function listedIds(rec: RecordedPage): Promise<string[]> {
	return (await rec.page.locator('[data-testid="site-list"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))).sort();
}

function expectClean(rec: RecordedPage): void {
	expect(rec.pageErrors, 'page errors').toEqual([]);
	expect(rec.consoleErrors, 'console errors').toEqual([]);
	expect(rec.failedRequests, 'failed requests').toEqual([]);
}

describe('site finder', () => {
	it('filters by a range, keeps the filter in the URL (back/forward), and the list equals the API answer', async () => {
		const all = await apiIds('');
		expect(all.length).toBeGreaterThan(3);
		const rec = await visit('/standorte');
		expect(await listedIds(rec)).toEqual(all);
		await poll(() => rec.page.getByTestId('result-count').textContent()).toContain(`${all.length} von ${all.length} Standorten`);

		const big = await apiIds('&gross_area_ha_min=50');
		const expectedBig = seedSites.filter((s) => (s.gross_area_ha ?? -1) >= 50).map((s) => s.id).sort();
		expect(big).toEqual(expectedBig);
		expect(big.length).toBeLessThan(all.length);
		await rec.page.locator('details[data-group="area"] summary').click();
		const min = rec.page.locator('input[name="gross_area_ha_min"]');
		await min.fill('50');
		await min.press('Enter');
		await rec.page.waitForURL(/gross_area_ha_min=50/);
		await poll(() => listedIds(rec)).toEqual(big);
		await poll(() => rec.page.getByTestId('result-count').textContent()).toContain(`${big.length} von ${all.length}`);

		await rec.page.goBack();
		await poll(() => listedIds(rec)).toEqual(all);
		await rec.page.goForward();
		await poll(() => listedIds(rec)).toEqual(big);
		expectClean(rec);
	});

	it('a shared link opens with its filters and sort, and the export holds exactly the listed sites with attribution', async () => {
		const rec = await visit('/standorte?gross_area_ha_min=50&sort=gross_area_ha:desc&lang=en');
		const ids = await listedIds(rec);
		expect(ids).toEqual(await apiIds('&gross_area_ha_min=50'));
		// Sorted by gross area, largest first (figures from the seed).
		const names = await rec.page.locator('[data-testid="site-list"] li .name').allTextContents();
		const expectedOrder = seedSites.filter((s) => (s.gross_area_ha ?? -1) >= 50).sort((a, b) => b.gross_area_ha! - a.gross_area_ha!).map((s) => s.name);
		expect(names.map((n) => n.trim())).toEqual(expectedOrder);

		const csvHref = await rec.page.getByTestId('export-csv').getAttribute('href');
		const csv = await (await fetch(new URL(csvHref!, baseUrl()))).text();
		const rows = csv.trim().split(/\r\n/);
		const dataRows = rows.slice(1).filter((r) => !r.startsWith('#'));
		expect(dataRows.map((r) => r.split(',')[0]).sort()).toEqual(ids);
		expect(rows.some((r) => r.startsWith('# ') && r.includes('Standortkarte'))).toBe(true);

		const geoHref = await rec.page.getByTestId('export-geojson').getAttribute('href');
		const geo = (await (await fetch(new URL(geoHref!, baseUrl()))).json()) as { features: { id: string }[]; attribution: string[] };
		expect(geo.features.map((f) => f.id).sort()).toEqual(ids);
		expect(geo.attribution.length).toBeGreaterThan(0);
		expectClean(rec);
	});

	it('marks approximate positions and missing values, and picks two sites for the comparison', async () => {
		const rec = await visit('/standorte');
		const aue = rec.page.locator(`[data-testid="site-list"] li[data-id="${GOLDENE_AUE}"]`);
		await poll(() => aue.textContent()).toContain('Lage ungefähr');
		expect(await aue.textContent()).toContain('nicht erfasst');
		await aue.getByTestId('toggle-compare').click();
		await rec.page.waitForURL(/cmp=/);
		await rec.page.locator(`[data-testid="site-list"] li[data-id="${KYFFHAEUSERHUETTE}"]`).getByTestId('toggle-compare').click();
		await rec.page.waitForURL(/cmp=[^&]*%2C|cmp=[^&]*,/);
		await rec.page.getByTestId('open-compare').click();
		await rec.page.waitForURL(/\/vergleich\?ids=/);
		const headers = await rec.page.locator('[data-testid="compare-table"] thead th a:not(.remove)').allTextContents();
		expect(headers).toEqual(['Industriegebiet Goldene Aue', 'Industriegebiet Kyffhäuserhütte']);
		// The seed gives 80 ha and 60 ha: that row differs, the unrecorded net area does not.
		expect(await rec.page.locator('tr[data-key="gross_area_ha"]').getAttribute('data-differs')).toBe('true');
		expect(await rec.page.locator('tr[data-key="net_area_ha"]').getAttribute('data-differs')).toBe('false');
		expect(await rec.page.locator('tr[data-key="gross_area_ha"] td').allTextContents()).toEqual(['80 ha', '60 ha']);

		// On to a site page: the selection comes along, so the page links back to the same comparison.
		await rec.page.locator('[data-testid="compare-table"] thead th a:not(.remove)').first().click();
		await rec.page.waitForURL(/\/standorte\/commercial:industriegebiet-goldene-aue\?cmp=/);
		await rec.page.getByTestId('site-page').waitFor();
		expect(await rec.page.getByTestId('add-to-compare').getAttribute('href')).toBe(`/vergleich?ids=${GOLDENE_AUE},${KYFFHAEUSERHUETTE}`);
		expectClean(rec);
	});
});

describe('site page', () => {
	it('is rendered on the server with facts, metadata and computed distances', async () => {
		const res = await fetch(new URL(`/standorte/${GOLDENE_AUE}`, baseUrl()));
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('<h1');
		expect(html).toContain('Industriegebiet Goldene Aue');
		expect(html).toMatch(/<meta property="og:title" content="Industriegebiet Goldene Aue"/);
		const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
		expect(ld).not.toBeNull();
		const json = JSON.parse(ld![1]!) as { '@type': string; name: string; address: { addressLocality: string } };
		expect(json['@type']).toBe('Place');
		expect(json.name).toBe('Industriegebiet Goldene Aue');
		expect(json.address.addressLocality).toBe('Nordhausen');
		expect(html).toContain('nicht erfasst');
		expect((await fetch(new URL('/standorte/commercial:does-not-exist', baseUrl()))).status).toBe(404);
		expect((await fetch(new URL('/standorte/hospital:suedharz-klinikum-nordhausen', baseUrl()))).status).toBe(404);
	});

	it('shows the distances the API computes, the approximate-location note and the missing update date', async () => {
		const api = (await (await fetch(new URL(`/api/features/${GOLDENE_AUE}`, baseUrl()))).json()) as {
			properties: { nearest_station: { name: string }; motorway_junction_status: string; nearest_motorway_junction: { name: string } | null };
		};
		const rec = await visit(`/standorte/${GOLDENE_AUE}?lang=en`);
		expect(await rec.page.getByTestId('distance-station').textContent()).toContain(api.properties.nearest_station.name);
		// Without junctions in the data (no import, none entered) the page says so instead of guessing.
		const junction = await rec.page.getByTestId('distance-junction').textContent();
		if (api.properties.motorway_junction_status === 'recorded') expect(junction).toContain(api.properties.nearest_motorway_junction!.name);
		else expect(junction).toBe('not yet recorded');
		expect(await rec.page.getByTestId('approx').textContent()).toContain('Approximate location');
		expect(await rec.page.getByTestId('stale-warning').textContent()).toContain('not recorded');
		expect(await rec.page.getByTestId('key-facts').textContent()).toContain('80 ha');
		expect(await rec.page.getByTestId('broadband').textContent()).toMatch(/Edition \d{4}-\d{2}/);
		// our compilation's source lines in English; official names as published
		const sources = (await rec.page.locator('section.sources').textContent()) ?? '';
		expect(sources).toContain('Compiled by Standortkarte Nordthüringen; sources per entry');
		expect(sources).not.toMatch(/Zusammenstellung|Quellen je Eintrag|Einzelangaben/);
		// The entry's own source line is kept in English only (as the curated facts write it): in the
		// page's language here, so unmarked; on the German page marked as English (WCAG 3.1.2).
		const note = rec.page.getByTestId('site-source-note');
		expect(await note.textContent()).toContain('80 ha');
		expect(await note.getAttribute('lang')).toBeNull();
		await saveArtifact(rec.page, 'site-page-en');
		expectClean(rec);
		const de = await visit(`/standorte/${GOLDENE_AUE}`);
		expect(await de.page.getByTestId('site-source-note').getAttribute('lang')).toBe('en');
		expectClean(de);
	});

	it('prints as an A4 exposé: map, key facts and QR code first, details on the following page, no form', async () => {
		const rec = await visit(`/standorte/${GOLDENE_AUE}`, { viewport: { width: 794, height: 1123 } });
		await rec.page.emulateMedia({ media: 'print' });
		expect(await rec.page.locator('[data-testid="inquiry"]').isVisible()).toBe(false);
		const qr = rec.page.locator('.qr svg');
		expect(await qr.isVisible()).toBe(true);
		// The first A4 page (297 mm less margins, about 1030 CSS px) holds the map, key facts and the QR code.
		const qrBox = (await qr.boundingBox())!;
		expect(qrBox.y + qrBox.height).toBeLessThan(1030);
		expect(await rec.page.locator('.page1').evaluate((el) => getComputedStyle(el).breakAfter)).toBe('page');
		const pdf = await rec.page.pdf({ format: 'A4', printBackground: true });
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		expect(pages).toBeGreaterThanOrEqual(2);
		await saveArtifact(rec.page, 'site-expose-print');
	});

	it('the inquiry form names each bad field in the page language, then sends', async () => {
		const rec = await visit(`/standorte/${KYFFHAEUSERHUETTE}?lang=en`);
		const form = rec.page.getByTestId('inquiry');
		await form.getByLabel(/E-mail/).fill('not-an-address');
		await form.getByRole('button', { name: 'Send enquiry' }).click();
		await poll(() => form.locator('.err').count()).toBeGreaterThanOrEqual(4);
		expect(await form.locator('[data-field="email"]').textContent()).toBe('Please enter a valid e-mail address.');
		expect(await form.locator('[data-field="consent"]').textContent()).toBe('Please give your consent.');
		expect(await form.locator('[data-field="name"]').textContent()).toBe('Please fill in.');
		await poll(() => rec.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');

		// Test fixture values (no real person).
		await form.getByLabel(/^Name/).fill('Fixture Person');
		await form.getByLabel(/^Company/).fill('Fixture Company');
		await form.getByLabel(/E-mail/).fill('fixture@example.org');
		await form.getByLabel(/^Message/).fill('Is the area still available for a warehouse?');
		await form.getByRole('checkbox').check();
		await form.getByRole('button', { name: 'Send enquiry' }).click();
		await poll(() => rec.page.getByTestId('inquiry-sent').textContent()).toContain('Thank you');
		expectClean(rec);
	});

	it('the card on the main map links a commercial site to its page', async () => {
		const rec = await visit(`/?f=${encodeURIComponent(GOLDENE_AUE)}`);
		const link = rec.page.getByTestId('site-page-link');
		await link.waitFor({ timeout: 10_000 });
		expect(await link.getAttribute('href')).toBe(`/standorte/${GOLDENE_AUE}`);
		// its source line, kept in English only, is marked as English on this German page
		const note = rec.page.getByTestId('card-source-note');
		expect(await note.textContent()).toContain('80 ha');
		expect(await note.getAttribute('lang')).toBe('en');
	});
});

describe('axe-core scans of the new pages', () => {
	const PAGES = [
		{ path: '/standorte', map: true },
		{ path: `/standorte/${GOLDENE_AUE}`, map: true },
		{ path: `/vergleich?ids=${GOLDENE_AUE},${KYFFHAEUSERHUETTE}`, map: false }
	];
	for (const lang of ['de', 'en'] as const) {
		for (const p of PAGES) {
			const pathname = lang === 'en' ? `${p.path}${p.path.includes('?') ? '&' : '?'}lang=en` : p.path;
			it(`${pathname}: no serious or critical violations`, async () => {
				let rec: RecordedPage;
				if (p.map) rec = await visit(pathname);
				else {
					const { launchBrowser } = await import('./browser.ts');
					const browser = await launchBrowser();
					try {
						rec = await openPage(browser, pathname);
						await runAxe(rec, lang);
					} finally {
						await browser.close();
					}
					return;
				}
				await runAxe(rec, lang);
			});
		}
	}
});

async function runAxe(rec: RecordedPage, lang: 'de' | 'en'): Promise<void> {
	expect(await rec.page.getAttribute('html', 'lang')).toBe(lang);
	const result = await new AxeBuilder({ page: rec.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
	expect(bad, report).toEqual([]);
	expect(result.passes.length).toBeGreaterThan(10);
}
