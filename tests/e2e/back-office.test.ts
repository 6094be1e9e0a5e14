/**
 * The back office in real Chromium: an editor logs in, a wrong value is named at its field, a polygon
 * pasted as coordinates is saved and published, and the new site then appears in the API and on the
 * site finder's map (pixel check against the same view before publishing). Plus an axe scan of the
 * login page in both languages. The account and the site are test fixtures in the test server's own
 * temporary content database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { baseUrl, boxOf, launchBrowser, openPage, saveArtifact, screenshotPixels, waitForMap } from './browser.ts';
import type { Browser } from 'playwright-core';
import type { RecordedPage } from './browser.ts';
import { createEditor } from './editor-account.ts';
import { siteColoured } from './map-helpers.ts';

// The login page has no map, so pages are opened here rather than with pagesPerTest (which waits for one).
let browser: Browser | undefined;
/** Navigation and saves take a while on a busy machine: polls wait up to 20 s. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const opened: RecordedPage[] = [];
beforeAll(async () => {
	browser = await launchBrowser();
});
afterEach(async () => {
	while (opened.length) await opened.pop()!.close();
});
afterAll(async () => {
	await browser?.close();
});
async function visit(pathname: string, withMap = true): Promise<RecordedPage> {
	const rec = await openPage(browser!, pathname);
	opened.push(rec);
	if (withMap) await waitForMap(rec);
	return rec;
}
const EDITOR = { email: 'editor-fixture@example.org', password: 'fixture-password-e2e' };
// A square of about 700 m × 550 m in open country south-west of Sondershausen, where no site lies.
const CORNERS: [number, number][] = [
	[10.78, 51.33],
	[10.79, 51.33],
	[10.79, 51.335],
	[10.78, 51.335]
];
const CENTRE = { lon: 10.785, lat: 51.3325 };
const NAME = 'Testfläche Fixture E2E';


async function expectAccessible(rec: RecordedPage): Promise<void> {
	const result = await new AxeBuilder({ page: rec.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	expect(result.passes.length).toBeGreaterThan(5);
}

async function mapCentrePixels(rec: RecordedPage): Promise<number> {
	const box = await boxOf(rec.page, '[data-testid="map"]');
	const clip = { x: box.x + box.width / 2 - 80, y: box.y + box.height / 2 - 80, width: 160, height: 160 };
	return siteColoured(await screenshotPixels(rec.page, clip));
}

describe('back office', () => {
	it('an editor logs in, pastes a polygon, publishes it, and it appears in the API and on the public map', async () => {
		await createEditor(EDITOR);
		const finderView = `/standorte?scope=view&map=14/${CENTRE.lat}/${CENTRE.lon}`;
		const before = await visit(finderView);
		const pixelsBefore = await mapCentrePixels(before);

		const rec = await visit('/verwaltung', false);
		await rec.page.getByLabel('E-Mail').fill(EDITOR.email);
		await rec.page.getByLabel('Passwort').fill('wrong-password');
		await rec.page.getByRole('button', { name: 'Anmelden' }).click();
		await poll(() => rec.page.getByTestId('login-error').textContent()).toBe('E-Mail oder Passwort ist falsch.');
		await rec.page.getByLabel('Passwort').fill(EDITOR.password);
		await rec.page.getByRole('button', { name: 'Anmelden' }).click();
		await rec.page.getByTestId('items').waitFor({ timeout: 15_000 });

		await rec.page.getByTestId('new-entry').click();
		await waitForMap(rec);
		await rec.page.getByLabel('Name', { exact: true }).fill(NAME);
		await rec.page.getByTestId('geometry-paste').fill(CORNERS.map(([lon, lat]) => `${lon}, ${lat}`).join('\n'));
		await rec.page.getByTestId('geometry-apply').click();
		expect(await rec.page.getByTestId('geometry-summary').textContent()).toBe('Polygon mit 5 Punkten');
		await rec.page.locator('#f-gross_area_ha').fill('viel');
		await rec.page.getByTestId('save').click();
		await poll(() => rec.page.locator('[data-field="gross_area_ha"]').textContent()).toBe('Bruttofläche: keine Zahl.');
		expect(await rec.page.getByTestId('editor-problem').textContent()).toBe('Bitte die markierten Felder prüfen.');

		await rec.page.locator('#f-gross_area_ha').fill('3,5');
		await rec.page.getByTestId('save').click();
		await poll(() => rec.page.getByTestId('editor-notice').textContent()).toBe('Gespeichert (Version 1).');
		await rec.page.getByTestId('toggle-publish').click();
		await poll(() => rec.page.getByTestId('editor-notice').textContent()).toContain('Veröffentlicht');
		// The history in words: what each version did and which parts changed, not the stored codes.
		const history = rec.page.locator('section.history tbody');
		await poll(() => history.locator('tr').count()).toBe(2);
		const cells = async (row: number) => (await history.locator('tr').nth(row).locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
		const [published, created] = [await cells(0), await cells(1)];
		expect(published[1]).toMatch(/ · veröffentlicht$/);
		expect(published[2]).toContain('Veröffentlichung');
		expect(created[1]).toMatch(/ · angelegt$/);
		expect(created[2]).toBe('alle Angaben');
		await saveArtifact(rec.page, 'back-office-published');
		// The editor with its field messages, history and publish state (German).
		await expectAccessible(rec);

		const api = (await (await fetch(new URL('/api/features?theme=gewerbe&limit=500', baseUrl()))).json()) as { features: { geometry: GeoJSON.Geometry; properties: { name: string; gross_area_ha?: number } }[] };
		const added = api.features.find((f) => f.properties.name === NAME);
		expect(added?.geometry.type).toBe('Polygon');
		expect(added?.properties.gross_area_ha).toBe(3.5);

		const after = await visit(finderView);
		expect(await after.page.locator('[data-testid="site-list"] li .name').allTextContents()).toContain(NAME);
		const pixelsAfter = await mapCentrePixels(after);
		await saveArtifact(after.page, 'back-office-public-map');
		// The 160 × 160 px centre of the map is mostly the new area at zoom 14.
		expect(pixelsAfter).toBeGreaterThan(pixelsBefore + 4_000);
	});

	it('draws an area on the map with terra-draw (corners clicked, Enter finishes)', async () => {
		await createEditor(EDITOR);
		const rec = await visit('/verwaltung?lang=en', false);
		await rec.page.getByLabel('E-mail').fill(EDITOR.email);
		await rec.page.getByLabel('Password').fill(EDITOR.password);
		await rec.page.getByRole('button', { name: 'Log in' }).click();
		await rec.page.getByTestId('items').waitFor({ timeout: 20_000 });
		await rec.page.getByTestId('new-entry').click();
		await waitForMap(rec);
		expect(await rec.page.getByTestId('geometry-summary').textContent()).toBe('No geometry yet.');
		await rec.page.getByTestId('draw-polygon').click();
		const box = await boxOf(rec.page, '[data-testid="map"]');
		const cx = box.x + box.width / 2;
		const cy = box.y + box.height / 2;
		for (const [dx, dy] of [[-60, -40], [60, -40], [60, 40], [-60, 40]] as const) {
			await rec.page.mouse.move(cx + dx, cy + dy, { steps: 3 });
			await rec.page.mouse.click(cx + dx, cy + dy);
			await rec.page.waitForTimeout(300);
		}
		await rec.page.keyboard.press('Enter');
		await poll(() => rec.page.getByTestId('geometry-summary').textContent()).toBe('Polygon with 5 positions');
		await expectAccessible(rec);
	});

	for (const lang of ['de', 'en'] as const) {
		it(`the login page (${lang}) has no serious or critical axe findings`, async () => {
			{
				const rec = await visit(lang === 'en' ? '/verwaltung?lang=en' : '/verwaltung', false);
				await rec.page.getByTestId('login').waitFor({ timeout: 15_000 });
				expect(await rec.page.getAttribute('html', 'lang')).toBe(lang);
				const result = await new AxeBuilder({ page: rec.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
				const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
				expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
				expect(result.passes.length).toBeGreaterThan(5);
			}
		});
	}
});
