/**
 * After importing an OpenStreetMap extract (the real Bayreuth sample of tests/fixtures/osm, ODbL),
 * the new categories appear in the layer list and legend, are found by search and open a card with
 * the OSM number and attribution. Runs on a build and server of its own (the sample lies outside
 * the region, so the import area is set with NT_OSM_CLIP); the other browser tests keep theirs.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, saveArtifact, waitForMap, type RecordedPage } from './browser.ts';
import { startOwnServer, type OwnServer } from './own-server.ts';

let browser: Browser;
const open: RecordedPage[] = [];
/** Like pagesPerTest's visit, with a longer wait for the first drawing on a busy machine. */
async function visit(url: string): Promise<RecordedPage> {
	const rec = await openPage(browser, url);
	open.push(rec);
	await waitForMap(rec, 120_000);
	return rec;
}
const sources = mkdtempSync(path.join(tmpdir(), 'nt-e2e-osm-sources-'));
let server: OwnServer;

beforeAll(async () => {
	mkdirSync(path.join(sources, 'osm'));
	copyFileSync(path.resolve(import.meta.dirname, '../fixtures/osm/bayreuth-nord-sample.osm.pbf'), path.join(sources, 'osm', 'bayreuth-nord.osm.pbf'));
	server = await startOwnServer({ NT_SOURCES: sources, NT_OSM_CLIP: '11.4,49.9,11.7,50.1' });
	browser = await launchBrowser();
}, 240_000);

afterEach(async () => {
	while (open.length) await open.pop()!.close();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	rmSync(sources, { recursive: true, force: true });
});

describe('OpenStreetMap categories in the map', () => {
	it('lists the new categories in the legends; routes are off until switched on', async () => {
		const rec = await visit(`${server.baseUrl}/?themes=verkehr,tourismus,daseinsvorsorge`);
		const legend = (theme: string) => rec.page.getByRole('list', { name: new RegExp(`^Legende: ${theme}$`) });
		// the entries as read out: without the marker letters, which are hidden from screen readers
		const entries = (theme: string) =>
			legend(theme)
				.locator('li')
				.evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll('*'), li].flatMap((el) => [...el.childNodes].filter((n) => n.nodeType === 3 && !n.parentElement?.closest('[aria-hidden="true"]')).map((n) => n.textContent)).join('').trim()));
		await expect.poll(() => entries('Verkehr')).toEqual(expect.arrayContaining(['Autobahnanschluss', 'Autobahn', 'Bahnstrecke']));
		expect(await entries('Daseinsvorsorge')).toEqual(expect.arrayContaining(['Kindergarten, Kita', 'Feuerwehr']));
		// only what the data has: the sample has no pharmacy
		expect(await entries('Daseinsvorsorge')).not.toContain('Apotheke');
		const hiking = legend('Tourismus').getByRole('checkbox', { name: 'Wanderroute' });
		expect(await hiking.isChecked()).toBe(false);
		await hiking.check();
		await expect.poll(() => new URL(rec.page.url()).searchParams.get('show')).toBe('hiking_route');
		const filter = await rec.page.evaluate(() => (window as unknown as { __ntMap: { getFilter(id: string): unknown } }).__ntMap.getFilter('tourismus-lines'));
		expect(JSON.stringify(filter)).toContain('hiking_route');
		await saveArtifact(rec.page, 'osm-legend');
		const axe = await new AxeBuilder({ page: rec.page }).include('#layers-title').include('.themes').withTags(['wcag2a', 'wcag2aa']).analyze();
		expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
		expect(rec.pageErrors).toEqual([]);
	}, 240_000);

	it('finds a motorway junction by name and shows its number and the OpenStreetMap attribution on the card', async () => {
		const rec = await visit(`${server.baseUrl}/?themes=verkehr`);
		const search = rec.page.getByRole('combobox', { name: 'Suche' });
		await search.click();
		await search.pressSequentially('bindlacher', { delay: 40 });
		const option = rec.page.getByRole('listbox', { name: 'Suche' }).getByRole('option', { name: /Bindlacher Berg/ });
		await option.first().click();
		const card = rec.page.getByTestId('feature-card');
		await expect.poll(() => card.locator('h2').textContent()).toBe('Bindlacher Berg');
		const text = (await card.textContent()) ?? '';
		expect(text).toContain('Autobahnanschluss');
		expect(text).toMatch(/Nummer\s*40b/);
		expect(text).toContain('node/20914673');
		expect(text).toContain('© OpenStreetMap contributors (ODbL)');
		await saveArtifact(rec.page, 'osm-card');
		expect(rec.pageErrors).toEqual([]);
	}, 240_000);
});
