/** The site finder's and back office's strings: both languages present, translated, and with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { SITE_STRINGS, st } from '../../src/lib/i18n/sites.ts';
import { ADMIN_STRINGS, at } from '../../src/lib/i18n/admin.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
// Spelled the same in both languages.
const SAME = new Set(['CSV', 'GeoJSON', 'Name', 'Status', 'Import', 'Version', 'Format', 'Details']);

describe.each([
	['site', SITE_STRINGS],
	['admin', ADMIN_STRINGS]
] as const)('%s strings', (_name, strings) => {
	const entries = Object.entries(strings) as [string, { de: string; en: string }][];

	it('have German and English, with the same placeholders', () => {
		expect(entries.filter(([, v]) => !v.de.trim() || !v.en.trim()).map(([k]) => k)).toEqual([]);
		expect(entries.filter(([, v]) => placeholders(v.de).join() !== placeholders(v.en).join()).map(([k]) => k)).toEqual([]);
	});

	it('are translated, not copied', () => {
		expect(entries.filter(([, v]) => v.de === v.en && /[a-zäöüß]{4,}/i.test(v.de) && !SAME.has(v.de)).map(([k]) => k)).toEqual([]);
	});

	it('name no developer commands', () => {
		expect(entries.filter(([, v]) => /npm |`/.test(v.de + v.en)).map(([k]) => k)).toEqual([]);
	});
});

describe('placeholders', () => {
	it('are filled in', () => {
		expect(st('en', 'resultCount', { n: 3, total: 7 })).toBe('3 of 7 sites');
		expect(at('de', 'saved', { v: 2 })).toBe('Gespeichert (Version 2).');
	});
});
