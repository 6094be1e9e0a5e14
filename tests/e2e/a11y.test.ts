/**
 * Accessibility in real Chromium: an axe-core scan of every view (no serious or critical findings),
 * and the map used with the keyboard alone — skip link, focus order, visible focus, a feature opened
 * from the list, the search operated with arrows and Escape.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { pagesPerTest } from './browser.ts';
import type { RecordedPage } from './browser.ts';

const open = pagesPerTest();

function visit(pathname: string, viewport?: { width: number; height: number }): Promise<RecordedPage> {
	return open(pathname, viewport ? { viewport } : {});
}

const VIEWS: { name: string; path: string; viewport?: { width: number; height: number }; noMap?: boolean; menu?: boolean }[] = [
	{ name: 'Investieren (German, default)', path: '/' },
	{ name: 'Invest (English) with a commercial site card', path: '/?lang=en&f=commercial%3Aindustriegebiet-goldene-aue' },
	{ name: 'Entdecken with a sight card', path: '/?view=entdecken&f=tourism%3Akyffhaeuser-denkmal' },
	{ name: 'Planen with goals and broadband ranking', path: '/?view=planen' },
	{ name: 'Planen, region card', path: '/?view=planen&f=region%3A16065' },
	{ name: 'phone', path: '/?view=entdecken', viewport: { width: 390, height: 844 } },
	{ name: 'phone with the menu open', path: '/?view=investieren', viewport: { width: 390, height: 844 }, menu: true },
	{ name: 'embed', path: '/embed?f=tourism%3Akyffhaeuser-denkmal' },
	{ name: 'bad link parameters named in a notice', path: '/?view=nonsense&themes=foo' },
	{ name: 'Über die Daten', path: '/daten', noMap: true },
	{ name: 'About the data (English)', path: '/daten?lang=en', noMap: true },
	{ name: 'page not found', path: '/gibt-es-nicht', noMap: true }
];

/** WCAG 2.2 AA, not only 2.1: 2.2 adds e.g. 2.5.8, targets of at least 24 × 24 px. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

describe('axe-core scan', () => {
	for (const view of VIEWS) {
		it(`${view.name}: no serious or critical violations`, async () => {
			const rec = await open(view.path, { ...(view.viewport ? { viewport: view.viewport } : {}), noMap: view.noMap ?? false });
			// Cards load after the map; scan what the user ends up seeing.
			if (view.path.includes('f=')) await rec.page.locator('[data-testid="feature-card"] h2').waitFor({ timeout: 30_000 });
			if (view.menu) await rec.page.getByTestId('menu-button').click();
			const result = await new AxeBuilder({ page: rec.page }).withTags(AXE_TAGS).analyze();
			const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
			const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
			expect(bad, report).toEqual([]);
			// The scan must have looked at something: a page with no checks passed would hide a broken run.
			expect(result.passes.length).toBeGreaterThan(10);
		});
	}
});

interface Focused {
	tag: string;
	text: string;
	id: string;
	outline: string;
	visible: boolean;
}

async function focused(page: Page): Promise<Focused> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { tag: 'body', text: '', id: '', outline: 'none', visible: false };
		const style = getComputedStyle(el);
		const box = el.getBoundingClientRect();
		return {
			tag: el.tagName.toLowerCase(),
			text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' '),
			id: el.id,
			outline: style.outlineStyle === 'none' || style.outlineWidth === '0px' ? (style.boxShadow !== 'none' ? 'shadow' : 'none') : `${style.outlineWidth} ${style.outlineStyle}`,
			visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight
		};
	});
}

describe('keyboard', () => {
	it('Tab walks skip link, views, search and tools in reading order, each with a visible focus ring', async () => {
		const rec = await visit('/');
		const order: Focused[] = [];
		for (let i = 0; i < 8; i++) {
			await rec.page.keyboard.press('Tab');
			order.push(await focused(rec.page));
		}
		expect(order.map((f) => f.text)).toEqual([
			'Zur Objektliste springen',
			'Investieren',
			'Entdecken',
			'Planen',
			'', // the search field: its name comes from a label element, not aria-label or text
			'Link teilen',
			'Drucken',
			'Switch to English'
		]);
		expect(order[4]!.id).toBe('search-input');
		for (const f of order) {
			expect(f.visible, `${f.tag} "${f.text}" on screen`).toBe(true);
			expect(f.outline, `${f.tag} "${f.text}" focus ring`).not.toBe('none');
		}
	});

	it('the map, the site finder and the back office start with the same skip link, which jumps to their content', async () => {
		const pages = [
			{ path: '/', text: 'Zur Objektliste springen', target: 'feature-list', noMap: false },
			{ path: '/standorte', text: 'Zum Inhalt springen', target: 'content', noMap: false },
			{ path: '/verwaltung', text: 'Zum Inhalt springen', target: 'content', noMap: true }
		];
		const looks: string[] = [];
		for (const p of pages) {
			const rec = await open(p.path, { noMap: p.noMap });
			// the back office is drawn in the browser: wait until its page is there (and past the login check)
			await rec.page.locator('a.nt-skip').waitFor({ state: 'attached', timeout: 30_000 });
			if (p.noMap) await rec.page.getByTestId('login').waitFor({ timeout: 30_000 });
			await rec.page.keyboard.press('Tab');
			const skip = await focused(rec.page);
			expect(skip, p.path).toMatchObject({ tag: 'a', text: p.text, visible: true });
			expect(skip.outline, p.path).not.toBe('none');
			looks.push(await rec.page.evaluate(() => {
				const s = getComputedStyle(document.activeElement!);
				const body = getComputedStyle(document.body);
				return JSON.stringify([s.position, s.left, s.top, s.zIndex, s.backgroundColor, s.padding, s.outlineColor, body.margin, body.fontFamily, body.color]);
			}));
			await rec.page.keyboard.press('Enter');
			await expect.poll(async () => (await focused(rec.page)).id, { timeout: 30_000 }).toBe(p.target);
		}
		expect(new Set(looks).size, looks.join('\n')).toBe(1);
	});

	it('the skip link jumps to the list of features in view, and Enter on an entry opens its card with focus on it', async () => {
		const rec = await visit('/?view=entdecken');
		await rec.page.keyboard.press('Tab');
		expect((await focused(rec.page)).text).toBe('Zur Objektliste springen');
		await rec.page.keyboard.press('Enter');
		await expect.poll(async () => (await focused(rec.page)).id).toBe('feature-list');
		// The next Tab lands on the first entry of the list.
		await rec.page.keyboard.press('Tab');
		const entry = await focused(rec.page);
		expect(entry.tag).toBe('button');
		const name = (await rec.page.evaluate(() => document.activeElement?.querySelector('.name')?.textContent ?? '')).trim();
		expect(name.length).toBeGreaterThan(2);
		await rec.page.keyboard.press('Enter');
		await expect.poll(async () => (await focused(rec.page)).id, { timeout: 30_000 }).toBe('card-title');
		expect((await focused(rec.page)).text).toBe(name);
		// The card's close button comes right before its heading.
		await rec.page.keyboard.press('Shift+Tab');
		const close = await focused(rec.page);
		expect(close.text).toBe('Schließen');
		await rec.page.keyboard.press('Enter');
		await expect.poll(() => rec.page.locator('[data-testid="feature-card"]').count()).toBe(0);
		expect(new URL(rec.page.url()).searchParams.get('f')).toBeNull();
	});

	it('the search is a combobox: arrows move the active option, Escape closes the list', async () => {
		const rec = await visit('/');
		const input = rec.page.locator('#search-input');
		await input.focus();
		await input.pressSequentially('nordh', { delay: 40 });
		await expect.poll(() => input.getAttribute('aria-expanded'), { timeout: 30_000 }).toBe('true');
		const listbox = rec.page.locator(`#${await input.getAttribute('aria-controls')}`);
		expect(await listbox.getAttribute('role')).toBe('listbox');
		const n = await listbox.getByRole('option').count();
		expect(n).toBeGreaterThan(1);
		expect(await input.getAttribute('aria-activedescendant')).toBe('search-option-0');
		await input.press('ArrowDown');
		expect(await input.getAttribute('aria-activedescendant')).toBe('search-option-1');
		expect(await rec.page.locator('#search-option-1').getAttribute('aria-selected')).toBe('true');
		await input.press('ArrowUp');
		await input.press('ArrowUp');
		expect(await input.getAttribute('aria-activedescendant')).toBe(`search-option-${n - 1}`);
		await input.press('Escape');
		expect(await input.getAttribute('aria-expanded')).toBe('false');
		expect(await listbox.count()).toBe(0);
	});
});
