/**
 * The journeys the product is built for, walked in real Chromium the way a newcomer would: a tourist
 * finds the Kyffhäuser-Denkmal and the nearest station, a planner sees which areas lag in broadband,
 * an investor gets an English link to a commercial area. Around them: share links, back/forward,
 * every theme's toggle, a click on the map for the nearest stop, phone, embed and print.
 * Expected values come from the committed seed, never from the page under test.
 */
import { describe, expect, it } from 'vitest';
import { boxOf, pagesPerTest, saveArtifact, screenshotPixels, waitForMap } from './browser.ts';
import type { RecordedPage } from './browser.ts';
import { differingPixels, mapView, nearest, renderedCount, seedPoints, visibleLayers, waitUntilStill } from './map-helpers.ts';
import type { TestMap } from './map-helpers.ts';
import { THEMES } from '../../src/lib/themes/registry.ts';
import { themeLayerIds } from '../../src/lib/map/style.ts';

const MAP = '[data-testid="map"]';
const CARD = '[data-testid="feature-card"]';
const CARD_TITLE = `${CARD} h2`;
const officialSources = Boolean(process.env.NT_SOURCES);

const visit = pagesPerTest();

/** Nothing went wrong in the page: no errors in the console, no uncaught exceptions, no failed requests. */
function expectClean(rec: RecordedPage): void {
	expect(rec.pageErrors, 'page errors').toEqual([]);
	expect(rec.consoleErrors, 'console errors').toEqual([]);
	expect(rec.consoleWarnings, 'console warnings').toEqual([]);
	expect(rec.failedRequests, 'failed requests').toEqual([]);
}

function params(rec: RecordedPage): URLSearchParams {
	return new URL(rec.page.url()).searchParams;
}

/** Parses a number as the page formats it ("86,6", "12.0", "1.234,5"). */
function parseShown(text: string, lang: 'de' | 'en'): number {
	const plain = lang === 'de' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
	return Number(plain);
}

/** The distance in a "Nächster Bahnhof: Name (12,0 km)" line. */
function shownKm(text: string, lang: 'de' | 'en'): number {
	const m = /([\d.,]+) km\)\s*$/.exec(text.trim());
	if (!m) throw new Error(`no distance in "${text}"`);
	return parseShown(m[1]!, lang);
}

describe('tourist: the Kyffhäuser-Denkmal and how to get there', () => {
	const denkmal = seedPoints('tourism').find((p) => p.name === 'Kyffhäuser-Denkmal');
	if (!denkmal) throw new Error('the tourism seed has no Kyffhäuser-Denkmal');
	const station = nearest(denkmal.coordinates, seedPoints('stations'));
	const stop = nearest(denkmal.coordinates, seedPoints('stops'));

	it('finds it by typing "kyffh", picks it with the keyboard and reads the nearest station and stop on its card', async () => {
		const rec = await visit('/');
		const search = rec.page.getByRole('combobox', { name: 'Suche' });
		await search.click();
		await search.pressSequentially('kyffh', { delay: 40 });
		const options = rec.page.getByRole('listbox', { name: 'Suche' }).getByRole('option');
		await expect.poll(() => options.count(), { timeout: 30_000 }).toBeGreaterThan(1);
		const labels = (await options.locator('.label').allTextContents()).map((s) => s.trim());
		const index = labels.indexOf('Kyffhäuser-Denkmal');
		expect(index, `search results: ${labels.join(' | ')}`).toBeGreaterThanOrEqual(0);

		// The first result is active when the list opens; walk down to the monument and choose it.
		for (let i = 0; i < index; i++) await search.press('ArrowDown');
		await expect.poll(() => search.getAttribute('aria-activedescendant')).toBe(`search-option-${index}`);
		await search.press('Enter');

		await expect.poll(() => rec.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe('Kyffhäuser-Denkmal');
		expect(params(rec).get('f')).toBe(denkmal.id);
		// The tourism theme was switched on for it, and the map flew there.
		expect(params(rec).get('themes')?.split(',')).toContain('tourismus');
		await waitUntilStill(rec.page);
		await waitForMap(rec);
		const view = await mapView(rec.page);
		expect(view.zoom).toBeGreaterThanOrEqual(12);
		expect(Math.abs(view.lon - denkmal.coordinates[0])).toBeLessThan(0.01);
		expect(Math.abs(view.lat - denkmal.coordinates[1])).toBeLessThan(0.01);

		const card = rec.page.locator(CARD);
		await expect.poll(() => card.locator('dd').allTextContents()).toEqual(expect.arrayContaining(['Kyffhäuserland', 'Kyffhäuserkreis']));
		const stationText = (await card.getByTestId('nearest-station').textContent()) ?? '';
		expect(stationText).toContain(station.point.name);
		expect(Math.abs(shownKm(stationText, 'de') - station.km)).toBeLessThanOrEqual(0.06);
		const stopText = (await card.getByTestId('nearest-stop').textContent()) ?? '';
		expect(stopText).toContain(stop.point.name);
		expect(Math.abs(shownKm(stopText, 'de') - stop.km)).toBeLessThanOrEqual(0.06);
		expect(await card.locator('.source').textContent()).toMatch(/Quelle/);
		expect(await rec.page.title()).toMatch(/^Kyffhäuser-Denkmal – /);
		await saveArtifact(rec.page, 'journey-tourist-denkmal');

		// The station's name on the card is a link to the station itself.
		await card.getByTestId('nearest-station').getByRole('button').click();
		await expect.poll(() => rec.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe(station.point.name);
		expect(params(rec).get('f')).toBe(station.point.id);
		expectClean(rec);
	});

	it('a shared link reloads the same view: theme, card, map position and language', async () => {
		const first = await visit(`/?view=entdecken&f=${encodeURIComponent(denkmal.id)}`);
		await expect.poll(() => first.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe('Kyffhäuser-Denkmal');
		await waitUntilStill(first.page);
		await first.page.getByTestId('lang-toggle').click();
		await expect.poll(() => first.page.locator('html').getAttribute('lang')).toBe('en');
		await first.page.getByTestId('share').click();
		const shared = await first.page.getByTestId('share-url').inputValue();
		const before = await mapView(first.page);
		expect(shared).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?/);

		const second = await visit(new URL(shared).pathname + new URL(shared).search);
		await expect.poll(() => second.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe('Kyffhäuser-Denkmal');
		expect(await second.page.locator('html').getAttribute('lang')).toBe('en');
		expect(await second.page.locator('[data-preset="entdecken"]').getAttribute('aria-pressed')).toBe('true');
		expect(await second.page.locator('input[data-theme="tourismus"]').isChecked()).toBe(true);
		expect(await second.page.locator('input[data-theme="gewerbe"]').isChecked()).toBe(false);
		const after = await mapView(second.page);
		expect(Math.abs(after.zoom - before.zoom)).toBeLessThan(0.02);
		expect(Math.abs(after.lon - before.lon)).toBeLessThan(1e-4);
		expect(Math.abs(after.lat - before.lat)).toBeLessThan(1e-4);
		expect(await second.page.locator(CARD).getByTestId('nearest-station').textContent()).toMatch(/^\s*Nearest railway station/);
		await saveArtifact(second.page, 'journey-shared-link-en');
		expectClean(first);
		expectClean(second);
	});
});

describe('planner: which areas lag in broadband', () => {
	it('the Planen view shows the goals and a broadband ranking, weakest first, that opens a region card', async () => {
		const rec = await visit('/');
		await rec.page.locator('[data-preset="planen"]').click();
		expect(params(rec).get('view')).toBe('planen');
		await expect.poll(() => rec.page.getByTestId('goals').locator('h3').count(), { timeout: 30_000 }).toBe(5);
		for (const id of ['breitband', 'daseinsvorsorge', 'wohnen']) expect(await rec.page.locator(`input[data-theme="${id}"]`).isChecked(), id).toBe(true);
		for (const id of ['gewerbe', 'tourismus']) expect(await rec.page.locator(`input[data-theme="${id}"]`).isChecked(), id).toBe(false);

		const level = rec.page.getByTestId('bb-level');
		const municipalityOption = level.locator('option[value="municipality"]');
		if (officialSources) {
			// With the Breitbandatlas imported, the ranking goes down to the municipalities.
			expect(await municipalityOption.isDisabled()).toBe(false);
			await level.selectOption('municipality');
			await expect.poll(() => params(rec).get('bb') ?? '').toMatch(/:municipality$/);
		} else {
			expect(await municipalityOption.isDisabled()).toBe(true);
			expect(await rec.page.locator('.broadband .hint').first().textContent()).toMatch(/Werte je Gemeinde sind nicht erfasst/);
		}
		const rows = rec.page.getByTestId('bb-ranking').locator('li');
		const count = await rows.count();
		expect(count).toBeGreaterThanOrEqual(officialSources ? 50 : 3);
		const values = (await rows.locator('.value').allTextContents()).map((t) => parseShown(t.replace('%', '').trim(), 'de'));
		expect(values.every((v) => v >= 0 && v <= 100)).toBe(true);
		expect(values).toEqual([...values].sort((a, b) => a - b));
		await waitForMap(rec);
		await saveArtifact(rec.page, `journey-planner-broadband-${officialSources ? 'municipalities' : 'districts'}`);

		// Several themes could colour the areas in this view; with the imports the planner chooses which.
		const colouring = rec.page.getByTestId('colouring');
		if (officialSources) {
			expect(await colouring.getByRole('radio').count()).toBe(3);
			expect(await visibleLayers(rec.page, ['breitband-fill', 'wohnen-area', 'daseinsvorsorge-area'])).toEqual(['breitband-fill']);
			await colouring.getByRole('radio', { name: /Hausärzte je 10\.000/ }).check();
			await expect.poll(() => params(rec).get('area')).toBe('daseinsvorsorge');
			await waitForMap(rec);
			expect(await visibleLayers(rec.page, ['breitband-fill', 'wohnen-area', 'daseinsvorsorge-area'])).toEqual(['daseinsvorsorge-area']);
			expect(await renderedCount(rec.page, ['daseinsvorsorge-area'])).toBeGreaterThan(40);
			expect(await rec.page.getByTestId('area-legend-daseinsvorsorge').locator('li').first().textContent()).toMatch(/keine Hausarztpraxis/);
			// Hospitals stay on top of the GP colours.
			expect(await visibleLayers(rec.page, ['daseinsvorsorge-circle'])).toEqual(['daseinsvorsorge-circle']);
			await saveArtifact(rec.page, 'journey-planner-gp-density');
			await colouring.getByRole('radio', { name: /Breitband/ }).check();
			await expect.poll(() => params(rec).get('area')).toBe('breitband');
			await waitForMap(rec);
		} else {
			// Only broadband has area values in the built-in data: nothing to choose.
			expect(await colouring.count()).toBe(0);
		}

		// The weakest area's name opens its card with the broadband table.
		const weakest = (await rows.first().getByRole('button').textContent())!.trim();
		await rows.first().getByRole('button').click();
		await expect.poll(() => rec.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe(weakest);
		const table = rec.page.locator(CARD).locator('table');
		expect(await table.locator('tbody tr').count()).toBe(4);
		expect(params(rec).get('f')).toMatch(/^region:16\d{3,6}$/);
		expectClean(rec);
	});
});

describe('investor: an English link to a commercial area', () => {
	const site = seedPoints('commercial').find((p) => p.properties.approx === true);
	if (!site) throw new Error('the commercial seed has no site placed approximately');

	it('switches to English, picks the site from the list of features in view and shares it', async () => {
		const rec = await visit('/');
		await rec.page.getByTestId('lang-toggle').click();
		await expect.poll(() => rec.page.locator('h1').textContent()).toBe('Nordthüringen Location Map');
		expect(await rec.page.locator('html').getAttribute('lang')).toBe('en');
		expect(params(rec).get('lang')).toBe('en');
		expect(await rec.page.locator('[data-preset="investieren"]').textContent()).toMatch(/Invest/);
		expect(await rec.page.locator('[data-preset="investieren"]').getAttribute('aria-pressed')).toBe('true');
		// The map's attribution line speaks English too (here with the note of the unreachable basemap).
		await expect.poll(() => rec.page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('Basemap unavailable');
		expect(await rec.page.locator('.maplibregl-ctrl-attrib').innerText()).not.toContain('Grundkarte');

		const item = rec.page.getByTestId('feature-list').getByRole('button', { name: new RegExp(`^\\W*${site.name.replace(/[.*+?^${}()|[\]\\"]/g, '.')}`) });
		await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
		await item.click();
		await expect.poll(() => rec.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe(site.name);
		expect(await rec.page.getByTestId('approx').textContent()).toMatch(/Approximate location/);

		await rec.page.getByTestId('share').click();
		const link = new URL(await rec.page.getByTestId('share-url').inputValue());
		expect(link.searchParams.get('lang')).toBe('en');
		expect(link.searchParams.get('f')).toBe(site.id);
		expectClean(rec);

		// The investor opens it on another machine, in a German browser: the link decides the language.
		const investor = await visit(link.pathname + link.search, { locale: 'de-DE' });
		await expect.poll(() => investor.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe(site.name);
		expect(await investor.page.locator('html').getAttribute('lang')).toBe('en');
		const card = investor.page.locator(CARD);
		expect(await card.getByTestId('approx').textContent()).toMatch(/Approximate location/);
		expect(await card.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['Municipality', 'District']));
		expect(await card.getByTestId('nearest-station').textContent()).toMatch(/Nearest railway station: .+\(\d+(\.\d)? km\)/);
		expect(await card.locator('.source').textContent()).toMatch(/^\s*Source:/);
		await saveArtifact(investor.page, 'journey-investor-link-en');
		expectClean(investor);
	});
});

describe('views and navigation', () => {
	it('back and forward walk through the views', async () => {
		const rec = await visit('/');
		const pressed = () => rec.page.locator('[data-preset][aria-pressed="true"]').getAttribute('data-preset');
		await rec.page.locator('[data-preset="entdecken"]').click();
		await rec.page.locator('[data-preset="planen"]').click();
		expect(await pressed()).toBe('planen');
		await rec.page.goBack();
		await expect.poll(pressed).toBe('entdecken');
		expect(await rec.page.locator('input[data-theme="tourismus"]').isChecked()).toBe(true);
		expect(await visibleLayers(rec.page, ['tourismus-circle'])).toEqual(['tourismus-circle']);
		await rec.page.goBack();
		await expect.poll(pressed).toBe('investieren');
		expect(await visibleLayers(rec.page, ['tourismus-circle'])).toEqual([]);
		await rec.page.goForward();
		await expect.poll(pressed).toBe('entdecken');
		expectClean(rec);
	});

	it('each theme toggle switches its layers, draws its features and changes the picture', async () => {
		// Start from no themes at all, so each theme's own pixels are measured against the bare base map.
		const rec = await visit('/?themes=');
		for (const id of THEMES.map((t) => t.id)) expect(await rec.page.locator(`input[data-theme="${id}"]`).isChecked(), id).toBe(false);
		const box = await boxOf(rec.page, MAP);
		const bare = await screenshotPixels(rec.page, box);

		for (const theme of THEMES) {
			const ids = themeLayerIds(theme);
			const toggle = rec.page.locator(`input[data-theme="${theme.id}"]`);
			expect(await visibleLayers(rec.page, ids), `${theme.id} before`).toEqual([]);
			await toggle.check();
			await waitForMap(rec);
			expect((await visibleLayers(rec.page, ids)).length, `${theme.id} layers visible`).toBeGreaterThan(0);
			expect(await renderedCount(rec.page, ids), `${theme.id} features drawn`).toBeGreaterThan(0);
			const shown = await screenshotPixels(rec.page, box);
			expect(differingPixels(bare, shown), `${theme.id} changes the picture`).toBeGreaterThan(150);
			await saveArtifact(rec.page, `theme-${theme.id}`);
			expect(params(rec).get('themes')).toBe(theme.id);
			await toggle.uncheck();
			await waitForMap(rec);
			expect(await visibleLayers(rec.page, ids), `${theme.id} after`).toEqual([]);
			expect(await renderedCount(rec.page, ids), `${theme.id} drawn after`).toBe(0);
		}
		expectClean(rec);
	});

	it('Wohnen colours the municipalities by population density once the register is imported, and says so when not', async () => {
		const rec = await visit('/?themes=wohnen');
		const area = 'wohnen-area';
		if (officialSources) {
			expect(await visibleLayers(rec.page, [area])).toEqual([area]);
			const drawn = await rec.page.evaluate(() => {
				const map = (window as unknown as { __ntMap: TestMap }).__ntMap;
				return [...new Set(map.queryRenderedFeatures({ layers: ['wohnen-area'] }).map((f) => String(f.properties.ags)))].length;
			});
			expect(drawn).toBeGreaterThan(80);
			const legend = rec.page.getByTestId('area-legend-wohnen');
			expect(await legend.locator('li').count()).toBe(6);
			expect(await rec.page.locator('.legend-title', { hasText: 'Einwohner je km²' }).textContent()).toMatch(/Stand 2018/);
			// A municipality polygon opens its card with population and density.
			const box = await boxOf(rec.page, MAP);
			const spot = await rec.page.evaluate(({ w, h }) => {
				const map = (window as unknown as { __ntMap: TestMap }).__ntMap;
				for (let y = Math.round(h * 0.3); y < h * 0.7; y += 11) {
					for (let x = Math.round(w * 0.3); x < w * 0.7; x += 11) {
						const under = map.queryRenderedFeatures([x, y], {});
						if (under.length && under.every((f) => f.layer.id === 'wohnen-area' || !/circle|symbol|cluster/.test(f.layer.id))) {
							if (under.some((f) => f.layer.id === 'wohnen-area')) return { x, y };
						}
					}
				}
				return null;
			}, { w: box.width, h: box.height });
			expect(spot).not.toBeNull();
			await rec.page.mouse.click(box.x + spot!.x, box.y + spot!.y);
			await expect.poll(() => rec.page.locator(CARD).locator('.kicker').textContent(), { timeout: 30_000 }).toMatch(/Gemeinde/);
			expect((await rec.page.locator(CARD).locator('dt').allTextContents()).join(' ')).toMatch(/Einwohner je km² \(2018\)/);
			await waitForMap(rec);
			await saveArtifact(rec.page, 'theme-wohnen-density');
		} else {
			expect(await renderedCount(rec.page, [area])).toBe(0);
			expect(await rec.page.getByTestId('area-legend-wohnen').count()).toBe(0);
			expect(await rec.page.locator('li', { has: rec.page.locator('input[data-theme="wohnen"]') }).locator('.hint').first().textContent()).toMatch(/Bevölkerungsdichte je Gemeinde ist nicht erfasst/);
		}
		expectClean(rec);
	});

	it('a click on the map where nothing is drawn answers with the nearest station and stop', async () => {
		const rec = await visit('/?view=entdecken&themes=tourismus');
		const box = await boxOf(rec.page, MAP);
		// Find a spot in the middle of the map with no clickable feature under it.
		const spot = await rec.page.evaluate(
			({ w, h }) => {
				const map = (window as unknown as { __ntMap: TestMap }).__ntMap;
				for (let y = Math.round(h * 0.35); y < h * 0.65; y += 9) {
					for (let x = Math.round(w * 0.35); x < w * 0.65; x += 9) {
						const around: [[number, number], [number, number]] = [[x - 14, y - 14], [x + 14, y + 14]];
						if (map.queryRenderedFeatures(around, { layers: ['tourismus-circle'] }).length === 0) return { x, y };
					}
				}
				return null;
			},
			{ w: box.width, h: box.height }
		);
		expect(spot, 'a free spot on the map').not.toBeNull();
		await rec.page.mouse.click(box.x + spot!.x, box.y + spot!.y);
		await expect.poll(() => rec.page.locator(CARD).getByTestId('nearest-stop').textContent(), { timeout: 30_000 }).toMatch(/Nächste Haltestelle: .+\(.*\d+(,\d)? km\)/);

		const f = params(rec).get('f') ?? '';
		expect(f).toMatch(/^point:\d+\.\d{5},\d+\.\d{5}$/);
		const [lon, lat] = f.slice(6).split(',').map(Number) as [number, number];
		const stop = nearest([lon, lat], seedPoints('stops'));
		const station = nearest([lon, lat], seedPoints('stations'));
		expect(await rec.page.locator(CARD).getByTestId('nearest-stop').textContent()).toContain(stop.point.name);
		expect(await rec.page.locator(CARD).getByTestId('nearest-station').textContent()).toContain(station.point.name);
		await waitForMap(rec);
		await saveArtifact(rec.page, 'journey-map-click-nearest-stop');
		expectClean(rec);
	});
});

describe('a slow answer never replaces a later choice', () => {
	it('a feature picked while a region card is still loading stays open when the region answers', async () => {
		const rec = await visit('/?view=planen');
		const ranking = rec.page.getByTestId('bb-ranking').getByRole('button');
		const listed = rec.page.getByTestId('feature-list').getByRole('button');
		await expect.poll(() => ranking.count(), { timeout: 60_000 }).toBeGreaterThan(0);
		await expect.poll(() => listed.count(), { timeout: 60_000 }).toBeGreaterThan(0);

		// Hold the region's answer until the feature's card is open, then let it through.
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let regionRequest: import('playwright-core').Request | undefined;
		await rec.page.route('**/api/regions/**', async (route) => {
			regionRequest = route.request();
			await held;
			await route.continue().catch(() => undefined);
		});
		await ranking.first().click();
		await expect.poll(() => regionRequest !== undefined, { timeout: 30_000 }).toBe(true);
		const name = (await listed.first().locator('.name').textContent())?.trim() ?? '';
		await listed.filter({ hasText: name }).first().click();
		const picked = params(rec).get('f') ?? '';
		expect(picked).not.toMatch(/^region:/);
		await expect.poll(() => rec.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe(name);

		release();
		// The page cancelled the region's request when the feature was picked; had it let it run, the
		// answer would have arrived now and replaced the card.
		await expect.poll(async () => regionRequest!.failure()?.errorText ?? ((await regionRequest!.response().catch(() => null)) ? 'answered' : null), { timeout: 30_000 }).toBe('net::ERR_ABORTED');
		await rec.page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
		expect(await rec.page.locator(CARD_TITLE).textContent()).toBe(name);
		expect(params(rec).get('f')).toBe(picked);
		await rec.page.unroute('**/api/regions/**');
		expectClean(rec);
	});
});

describe('phone, embed and print', () => {
	it('on a phone the panel is a bottom sheet that can be folded away', async () => {
		const rec = await visit('/?view=entdecken', { viewport: { width: 390, height: 844 } });
		const sheet = rec.page.locator('aside');
		const box = (await sheet.boundingBox())!;
		expect(box.width).toBe(390);
		expect(Math.round(box.y + box.height)).toBe(844);
		expect(box.height).toBeLessThan(844 * 0.5 + 1);
		const map = await boxOf(rec.page, MAP);
		expect(map.width).toBe(390);
		expect(map.height).toBeGreaterThan(600);
		// No horizontal scrolling on a phone.
		expect(await rec.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await saveArtifact(rec.page, 'mobile-entdecken');

		const handle = sheet.locator('button.handle');
		expect(await handle.getAttribute('aria-expanded')).toBe('true');
		await handle.click();
		expect(await handle.getAttribute('aria-expanded')).toBe('false');
		expect(await rec.page.locator('#panel-body').isVisible()).toBe(false);
		const folded = (await sheet.boundingBox())!;
		expect(folded.height).toBeLessThan(60);
		await saveArtifact(rec.page, 'mobile-folded');
		expectClean(rec);
	});

	for (const pathname of ['/embed', '/?embed=1']) {
		it(`embed mode (${pathname}) shows the map without the app's chrome and links to the full map`, async () => {
			const rec = await visit(`${pathname}${pathname.includes('?') ? '&' : '?'}f=${encodeURIComponent('tourism:kyffhaeuser-denkmal')}`, { viewport: { width: 640, height: 480 } });
			expect(await rec.page.locator('header').count()).toBe(0);
			expect(await rec.page.locator('aside').count()).toBe(0);
			const map = await boxOf(rec.page, MAP);
			expect(map.width).toBe(640);
			expect(map.height).toBe(480);
			await expect.poll(() => rec.page.locator(CARD_TITLE).textContent(), { timeout: 30_000 }).toBe('Kyffhäuser-Denkmal');
			const full = rec.page.getByRole('link', { name: /Standortkarte/ });
			const href = await full.getAttribute('href');
			expect(href).toContain('f=tourism%3Akyffhaeuser-denkmal');
			expect(href).not.toContain('embed');
			expect(await full.getAttribute('target')).toBe('_blank');
			await waitForMap(rec);
			await saveArtifact(rec.page, `embed-${pathname.includes('?') ? 'param' : 'route'}`);
			expectClean(rec);
		});
	}

	it('prints the map with its legend and the sources, without the toolbar', async () => {
		const rec = await visit('/?view=entdecken');
		await rec.page.emulateMedia({ media: 'print' });
		expect(await rec.page.locator('header').isVisible()).toBe(false);
		const footer = rec.page.locator('footer.print-only');
		expect(await footer.isVisible()).toBe(true);
		const footerText = (await footer.textContent()) ?? '';
		expect(footerText).toMatch(/GeoNames/);
		expect(footerText).toMatch(/DB InfraGO|Deutsche Bahn/);
		expect(await rec.page.locator('.legend').first().isVisible()).toBe(true);
		expect(await rec.page.locator(MAP).isVisible()).toBe(true);
		await waitForMap(rec);
		const pdf = await rec.page.pdf({ format: 'A4', printBackground: true });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(20_000);
		await saveArtifact(rec.page, 'print');
		expectClean(rec);
	});
});
