/**
 * Sight cards on the public map in real Chromium: a built-in sight shows our editorial description
 * and says plainly what is not recorded; after an editor sets description, website and opening
 * hours in the back office, the card shows them in the visitor's language with "open now". The
 * account and the values are test fixtures in the test server's own temporary content database.
 */
import { describe, expect, it } from 'vitest';
import { baseUrl, pagesPerTest, saveArtifact } from './browser.ts';
import type { RecordedPage } from './browser.ts';
import { createEditor } from './editor-account.ts';

const visit = pagesPerTest();
/** Navigation and saves take a while on a busy machine: polls wait up to 30 s. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
const EDITOR = { email: 'sight-editor-fixture@example.org', password: 'fixture-password-sights' };
const STRAUSSBERG = 'tourism:burg-straussberg';
const card = (rec: RecordedPage) => rec.page.getByTestId('feature-card');

/** A phrase only the opening_hours package's own code contains (one of its warning texts). */
const READER_MARKER = 'syntax is defined as rule separator';
/** Whether the page has fetched the opening-hours reader: the scripts it loaded, searched for the package's code. */
async function loadedReader(rec: RecordedPage): Promise<boolean> {
	const scripts = await rec.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.m?js(\?|$)/.test(n)));
	expect(scripts.length).toBeGreaterThan(0);
	for (const url of scripts) {
		if (new URL(url).origin !== new URL(baseUrl()).origin) continue;
		if ((await (await fetch(url)).text()).includes(READER_MARKER)) return true;
	}
	return false;
}


describe('sight cards', () => {
	it('a built-in sight shows our description and says that opening hours and website are not recorded', async () => {
		const rec = await visit(`/?view=entdecken&f=${encodeURIComponent('tourism:kyffhaeuser-denkmal')}`);
		await card(rec).locator('h2').waitFor({ timeout: 30_000 });
		await poll(() => rec.page.getByTestId('sight-description').textContent()).toMatch(/Monumentales Kaiser-Wilhelm-Denkmal auf dem Kyffhäusergebirge/);
		expect(await rec.page.getByTestId('opening-hours').textContent()).toContain('Öffnungszeiten nicht erfasst');
		expect((await rec.page.getByTestId('sight-website').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Internetseite: nicht erfasst');
		expect(await card(rec).textContent()).toContain('redaktioneller Text der Standortkarte Nordthüringen');
		expect(await rec.page.getByTestId('nearest-station').textContent()).toMatch(/km\)/);
		await saveArtifact(rec.page, 'sight-card-built-in');
		// In English the source line is English only, also after switching language with the card open.
		const source = rec.page.getByTestId('card-source');
		expect(await source.textContent()).toMatch(/Zusammenstellung Standortkarte Nordthüringen/);
		expect(await source.textContent()).not.toMatch(/Compiled by|editorial text/);
		await rec.page.getByTestId('lang-toggle').click();
		await poll(async () => (await source.textContent())?.replace(/\s+/g, ' ')).toMatch(/Compiled by Standortkarte Nordthüringen; sources per entry.*Description: editorial text of the Standortkarte Nordthüringen/);
		expect(await source.textContent()).not.toMatch(/Zusammenstellung|Quellen je Eintrag|Einzelangaben|Beschreibung|redaktionell/);
		// the card stayed open and the focus stayed on the language button
		expect(await rec.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lang-toggle');
		await saveArtifact(rec.page, 'sight-card-built-in-en');
		// no opening hours on this card, so the large opening-hours reader was never fetched
		expect(await loadedReader(rec)).toBe(false);
	});

	it('after an editor sets description, website and opening hours, the card shows them in German and English', async () => {
		await createEditor(EDITOR);
		const before = await visit(`/?view=entdecken&f=${encodeURIComponent(STRAUSSBERG)}`);
		await card(before).locator('h2').waitFor({ timeout: 30_000 });
		expect(await before.page.getByTestId('sight-description').textContent()).toContain('Beschreibung nicht erfasst');
		expect(await before.page.getByTestId('opening-hours').textContent()).toContain('Öffnungszeiten nicht erfasst');

		const admin = await visit('/verwaltung', { noMap: true });
		await admin.page.getByLabel('E-Mail').fill(EDITOR.email);
		await admin.page.getByLabel('Passwort').fill(EDITOR.password);
		await admin.page.getByRole('button', { name: 'Anmelden' }).click();
		await admin.page.getByTestId('items').waitFor({ timeout: 30_000 });
		await admin.page.getByLabel('Ebene').selectOption('sights');
		await admin.page.getByRole('button', { name: 'Burg Straußberg' }).click();
		await admin.page.getByTestId('editor').waitFor({ timeout: 30_000 });
		// a value the package cannot read is named at its field
		await admin.page.locator('#f-opening_hours').fill('Mo-Fx 25:00');
		await admin.page.getByTestId('save').click();
		await poll(() => admin.page.locator('[data-field="opening_hours"]').textContent()).toMatch(/^Öffnungszeiten: keine gültige Angabe im OpenStreetMap-Format/);
		await admin.page.locator('#f-description_de').fill('Fixture-Beschreibung für den Browsertest.');
		await admin.page.locator('#f-description_en').fill('Fixture description for the browser test.');
		await admin.page.locator('#f-website').fill('https://example.org/fixture-burg');
		// around the clock: "open now" whatever time the test runs (times of day are checked in the unit test)
		await admin.page.locator('#f-opening_hours').fill('24/7');
		await admin.page.getByTestId('save').click();
		await poll(() => admin.page.getByTestId('editor-notice').textContent()).toMatch(/^Gespeichert \(Version \d+\)\.$/);

		const de = await visit(`/?view=entdecken&f=${encodeURIComponent(STRAUSSBERG)}`);
		await card(de).locator('h2').waitFor({ timeout: 30_000 });
		await poll(() => de.page.getByTestId('sight-description').textContent()).toContain('Fixture-Beschreibung für den Browsertest.');
		await poll(() => de.page.getByTestId('open-now').textContent()).toBe('Jetzt geöffnet (rund um die Uhr)');
		// the same hours every day read as one line
		const rows = de.page.locator('[data-testid="opening-hours"] table tr');
		expect(await rows.count()).toBe(1);
		expect(await rows.locator('th').textContent()).toBe('Täglich');
		expect(await rows.locator('td').textContent()).toBe('00:00–24:00');
		const link = de.page.getByTestId('sight-website').getByRole('link');
		expect(await link.getAttribute('href')).toBe('https://example.org/fixture-burg');
		expect(await link.getAttribute('rel')).toMatch(/\bnoopener\b/);
		await saveArtifact(de.page, 'sight-card-edited');
		// the reader came with this card
		expect(await loadedReader(de)).toBe(true);
		expect(de.consoleErrors).toEqual([]);
		expect(de.pageErrors).toEqual([]);

		const en = await visit(`/?lang=en&view=entdecken&f=${encodeURIComponent(STRAUSSBERG)}`);
		await card(en).locator('h2').waitFor({ timeout: 30_000 });
		await poll(() => en.page.getByTestId('sight-description').textContent()).toContain('Fixture description for the browser test.');
		await poll(() => en.page.getByTestId('open-now').textContent()).toBe('Open now (around the clock)');
		expect(await en.page.locator('[data-testid="opening-hours"] h3').textContent()).toBe('Opening hours');
	});
});
