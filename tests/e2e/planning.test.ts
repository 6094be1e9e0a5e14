/**
 * The planner pages in real Chromium: /breitband (edition and speed class switch, change mode,
 * sort, export, funding thresholds, shareable URL) and /ziele (every goal with its data or its
 * honest "no data" card, export), both in German and English, with an axe scan including WCAG 2.2
 * AA. Expected numbers are checked by hand against the official files (see
 * tests/unit/broadband-harmonise.test.ts for Bleicherode), never taken from the page under test.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, saveArtifact } from './browser.ts';
import type { RecordedPage } from './browser.ts';

const officialSources = Boolean(process.env.NT_SOURCES);
/** the machine is shared: give the page time to navigate and draw */
const SLOW = { timeout: 20_000 };

let browser: Browser | undefined;
const pages: RecordedPage[] = [];
beforeAll(async () => {
	browser = await launchBrowser();
});
afterEach(async () => {
	while (pages.length) await pages.pop()!.close();
});
afterAll(async () => {
	await browser?.close();
});

async function visit(pathname: string, viewport?: { width: number; height: number }): Promise<RecordedPage> {
	const rec = await openPage(browser!, pathname, viewport ? { viewport } : {});
	pages.push(rec);
	// the pages hydrate before their pickers react; the charts are drawn once hydrated
	await rec.page.waitForFunction(() => document.querySelector('h1') !== null);
	await rec.page.waitForLoadState('networkidle');
	return rec;
}

function expectClean(rec: RecordedPage): void {
	expect(rec.pageErrors, 'page errors').toEqual([]);
	expect(rec.consoleErrors, 'console errors').toEqual([]);
	expect(rec.failedRequests, 'failed requests').toEqual([]);
}

const param = (rec: RecordedPage, name: string) => new URL(rec.page.url()).searchParams.get(name);

async function columnTexts(rec: RecordedPage, index: number): Promise<string[]> {
	return rec.page.locator(`[data-testid="bb-table"] tbody tr`).evaluateAll((rows, i) => rows.map((r) => (r.children[i] as HTMLElement).innerText.trim()), index);
}

describe.runIf(officialSources)('/breitband with the official files', { timeout: 180_000 }, () => {
	it('switches edition and speed class through the URL and shows the converted values of merged municipalities', async () => {
		const rec = await visit('/breitband');
		await expect.poll(() => rec.page.getByTestId('bb-summary').innerText(), SLOW).toMatch(/Stand 2021-06/);
		expect(await rec.page.locator('[data-testid="bb-table"] tbody tr').count()).toBe(73);
		await rec.page.getByTestId('bb-edition').selectOption('2018-12');
		await expect.poll(() => param(rec, 'edition'), SLOW).toBe('2018-12');
		await expect.poll(() => rec.page.getByTestId('bb-summary').innerText(), SLOW).toMatch(/Stand 2018-12/);
		await rec.page.getByTestId('bb-metric').selectOption('all_50');
		await expect.poll(() => param(rec, 'metric'), SLOW).toBe('all_50');
		// Bleicherode (formed 2019): 78.06 % by hand from the nine old municipalities and their inhabitants
		const bleicherode = rec.page.locator('[data-testid="bb-table"] tr[data-ags="16062066"]');
		await expect.poll(() => bleicherode.innerText(), SLOW).toMatch(/78,1 %/);
		expect(await bleicherode.innerText()).toMatch(/umgerechnet \(Einwohner\)/);
		// the map is drawn: one path per municipality
		await expect.poll(() => rec.page.locator('[data-testid="bb-map"] svg path').count(), SLOW).toBeGreaterThanOrEqual(73);
		await saveArtifact(rec.page, 'breitband-2018-all50');
		expectClean(rec);
	});

	it('change mode compares two editions in percentage points and survives a reload', async () => {
		const rec = await visit('/breitband?lang=en');
		await rec.page.getByTestId('bb-compare').selectOption('2018-12');
		await expect.poll(() => param(rec, 'mode'), SLOW).toBe('change');
		expect(param(rec, 'compare')).toBe('2018-12');
		await expect.poll(() => rec.page.locator('#map-title').innerText(), SLOW).toMatch(/Change between editions.*2018-12 → 2021-06/);
		await expect.poll(() => rec.page.getByRole('columnheader', { name: /Change \(percentage points\)/ }).count(), SLOW).toBeGreaterThan(0);
		const changes = await columnTexts(rec, 5);
		expect(changes.filter((c) => /^[+−±]\d/.test(c)).length).toBeGreaterThan(60);
		await rec.page.reload();
		await expect.poll(() => rec.page.getByTestId('bb-mode-change').isChecked(), SLOW).toBe(true);
		expectClean(rec);
	});

	it('sorts by any column, both ways, and keeps the order in the link', async () => {
		const rec = await visit('/breitband');
		await rec.page.getByTestId('bb-sort-name').click();
		await expect.poll(() => param(rec, 'sort'), SLOW).toBe('name');
		const asc = await columnTexts(rec, 0);
		expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, 'de')));
		await rec.page.getByTestId('bb-sort-name').click();
		await expect.poll(() => param(rec, 'dir'), SLOW).toBe('desc');
		const desc = await columnTexts(rec, 0);
		expect(desc).toEqual([...asc].reverse());
		expect(await rec.page.locator('th[aria-sort="descending"]').count()).toBe(1);
		// the default order is the region rank: the largest gap first
		const ranked = await visit('/breitband?sort=rank_region');
		const shares = (await columnTexts(ranked, 2)).filter((t) => t !== '–').map((t) => Number(t.replace(' %', '').replace(',', '.')));
		expect(shares).toEqual([...shares].sort((a, b) => a - b));
	});

	it('funding thresholds switch to the gap below 30 Mbit/s', async () => {
		const rec = await visit('/breitband');
		await rec.page.getByTestId('bb-funding').getByRole('link', { name: /30 Mbit\/s/ }).click();
		await expect.poll(() => param(rec, 'metric'), SLOW).toBe('all_30');
		expect(param(rec, 'mode')).toBe('gap');
		await expect.poll(() => rec.page.locator('#map-title').innerText(), SLOW).toMatch(/Anteil nicht versorgt, ≥ 30 Mbit\/s/);
	});

	it('exports CSV with every value and GeoJSON with the municipalities', async () => {
		const rec = await visit('/breitband?edition=2018-12&metric=all_50');
		const [csv] = await Promise.all([rec.page.waitForEvent('download'), rec.page.getByTestId('bb-export-csv').click()]);
		const text = readFileSync((await csv.path())!, 'utf8');
		expect(text.split('\r\n')[0]).toMatch(/^ags,name,district,boundary_edition,population,audience,edition,metric,share_pct,/);
		expect(text).toMatch(/16062066,Bleicherode,Landkreis Nordhausen,2021,\d+,private,2018-12,all_50,78\.06,21\.94,/);
		const [geo] = await Promise.all([rec.page.waitForEvent('download'), rec.page.getByTestId('bb-export-geojson').click()]);
		const fc = JSON.parse(readFileSync((await geo.path())!, 'utf8')) as { features: unknown[]; selection: { edition: string; metric: string } };
		expect(fc.features).toHaveLength(73);
		expect(fc.selection).toMatchObject({ edition: '2018-12', metric: 'all_50' });
	});
});

describe.runIf(!officialSources)('/breitband with the built-in data only', () => {
	it('says that municipality values are not imported yet', async () => {
		const rec = await visit('/breitband');
		expect(await rec.page.getByTestId('bb-no-data').innerText()).toMatch(/noch nicht eingelesen/);
		expectClean(rec);
	});
});

describe('/ziele', { timeout: 180_000 }, () => {
	it('shows every goal with its data or an honest no-data card naming the official source', async () => {
		const rec = await visit('/ziele');
		const cards = rec.page.getByTestId('goal-card');
		expect(await cards.count()).toBe(5);
		for (const goal of ['migration', 'unemployment', 'employment', 'training', 'productivity']) {
			const indicators = rec.page.locator(`[data-goal="${goal}"] [data-testid="goal-indicator"]`);
			expect(await indicators.count(), goal).toBeGreaterThan(0);
			for (const ind of await indicators.all()) {
				if ((await ind.getAttribute('data-status')) === 'no_data') {
					expect(await ind.getByTestId('goal-no-data').innerText()).toMatch(/nicht erfasst\. .*Amtliche Quelle: .{10,}/);
				} else {
					expect(await ind.locator('[data-testid="goal-table"] tbody tr').count()).toBe(3);
					await expect.poll(() => ind.locator('[data-testid="goal-chart"] svg').count(), SLOW).toBeGreaterThan(0);
				}
			}
		}
		// net migration is in none of the files at hand
		expect(await rec.page.locator('[data-indicator="net_migration_per_1000"]').getAttribute('data-status')).toBe('no_data');
		// apprentices per 1,000 employees in Nordhausen: 32.6 (2016) → 37.2 (2022), in the goal's direction
		const azubi = rec.page.locator('[data-indicator="apprentices_per_1000_employees"] [data-testid="goal-table"] tr', { hasText: 'Landkreis Nordhausen' });
		expect(await azubi.innerText()).toMatch(/32,6 \(2016\)\s+37,2 \(2022\)\s+\+4,6\s+↑ in Zielrichtung/);
		await saveArtifact(rec.page, 'ziele');
		expectClean(rec);
	});

	it('exports the goals as CSV', async () => {
		const rec = await visit('/ziele?lang=en');
		const [csv] = await Promise.all([rec.page.waitForEvent('download'), rec.page.getByTestId('goals-export-csv').click()]);
		const text = readFileSync((await csv.path())!, 'utf8');
		expect(text.split('\r\n')[0]).toBe('goal,indicator,label,unit,better,area,name,year,value,baseline_year,baseline_value,latest_year,latest_value,change,in_goal_direction,series,status');
		expect(text).toMatch(/^migration,net_migration_per_1000,Net migration per 1,000 inhabitants|^migration,net_migration_per_1000,"Net migration per 1,000 inhabitants"/m);
	});
});

describe('axe-core scan of the planner pages (WCAG 2.2 AA)', { timeout: 180_000 }, () => {
	for (const path of ['/breitband', '/breitband?lang=en&compare=2018-12&mode=change', '/ziele', '/ziele?lang=en']) {
		it(`${path}: no serious or critical violations`, async () => {
			const rec = await visit(path);
			const result = await new AxeBuilder({ page: rec.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
			const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
			const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
			expect(bad, report).toEqual([]);
			expect(result.passes.length).toBeGreaterThan(10);
		});
	}
});
