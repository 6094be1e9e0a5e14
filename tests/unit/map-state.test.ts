/**
 * The map page's state module: it is what the URL says, every change goes into the address bar (a
 * history entry for what a visitor goes back to, a replaced entry for map moves), back/forward
 * restore it, and a bad link is named once and replaced by defaults.
 */
import { describe, expect, it } from 'vitest';
import { MapState } from '../../src/lib/state/map-state.svelte.ts';
import type { ThemeData } from '../../src/lib/state/map-state.svelte.ts';
import { presetThemes } from '../../src/lib/state/url-state.ts';
import { choroplethTheme } from '../../src/lib/themes/registry.ts';

function setup(search = '', themes: ThemeData[] = [], forceEmbed = false) {
	const entries: { mode: 'push' | 'replace'; url: string }[] = [];
	const map = new MapState(
		{ pathname: '/', search },
		{ history: { push: (url) => entries.push({ mode: 'push', url }), replace: (url) => entries.push({ mode: 'replace', url }) }, themes: () => themes, forceEmbed }
	);
	return { map, entries };
}

const bb = choroplethTheme()!.id;

describe('map state', () => {
	it('starts from the link and names the parameters it could not use', () => {
		const { map, entries } = setup('?view=entdecken&lang=en&map=99/1/2&themes=nix');
		expect(map.current.view).toBe('entdecken');
		expect(map.lang).toBe('en');
		expect(map.current.map).toBeNull();
		expect(map.current.themes).toEqual(presetThemes('entdecken'));
		expect(map.problems.map((p) => p.param)).toEqual(['themes', 'map']);
		map.dismissProblems();
		expect(map.problems).toEqual([]);
		expect(entries).toEqual([]);
	});

	it('views, themes, language and cards are history entries; map moves and fine-tuning replace the entry', () => {
		const { map, entries } = setup();
		map.setView('planen');
		map.toggleTheme('tourismus');
		map.select('region:16065');
		map.setLang('en');
		map.move({ zoom: 9, lat: 51.4, lon: 10.9 });
		map.setBroadband({ level: 'municipality' });
		expect(entries.map((e) => e.mode)).toEqual(['push', 'push', 'push', 'push', 'replace', 'replace']);
		const last = new URL(entries[entries.length - 1]!.url, 'http://x');
		expect(last.pathname).toBe('/');
		expect(Object.fromEntries(last.searchParams)).toMatchObject({ view: 'planen', f: 'region:16065', lang: 'en', map: '9/51.4/10.9', bb: ':all_100:municipality' });
		expect(last.searchParams.get('themes')?.split(',')).toContain('tourismus');
		map.select(null);
		expect(new URL(entries[entries.length - 1]!.url, 'http://x').searchParams.has('f')).toBe(false);
	});

	it('back and forward put the state of the entry back and answer its map position', () => {
		const { map, entries } = setup('?view=planen');
		expect(map.restore('?view=entdecken&map=10/51.5/11.1')).toEqual({ zoom: 10, lat: 51.5, lon: 11.1 });
		expect(map.current.view).toBe('entdecken');
		expect(map.restore('')).toBeNull();
		expect(map.current.view).toBe('investieren');
		// restoring follows the address bar; it must not write a new entry
		expect(entries).toEqual([]);
	});

	it('a search hit switches its theme on in the same history entry', () => {
		const { map, entries } = setup('?themes=gewerbe');
		map.selectHit({ ref: 'tourism:testort', kind: 'tourismus', label: 'Testort', detail: '', lon: 11, lat: 51, theme: 'tourismus' });
		expect(map.current.themes).toEqual(['gewerbe', 'tourismus']);
		expect(map.current.feature).toBe('tourism:testort');
		expect(entries).toHaveLength(1);
		map.selectHit({ ref: 'region:16065', kind: 'district', label: 'Testkreis', detail: '', lon: 11, lat: 51, theme: null });
		expect(map.current.themes).toEqual(['gewerbe', 'tourismus']);
		expect(map.current.feature).toBe('region:16065');
	});

	it('a category that is off by default is switched on once and off again', () => {
		const { map } = setup();
		map.showCategory('hiking_route', true);
		map.showCategory('hiking_route', true);
		expect(map.current.shown).toEqual(['hiking_route']);
		map.showCategory('hiking_route', false);
		expect(map.current.shown).toEqual([]);
	});

	it('the shared link never carries embed mode; the embed route is embedded whatever the link says', () => {
		const { map } = setup('?embed=1&view=entdecken');
		expect(map.embed).toBe(true);
		expect(map.shareUrl('https://karte.example')).toBe('https://karte.example/?view=entdecken');
		expect(map.fullMapUrl).toBe('/?view=entdecken');
		expect(setup('?view=entdecken', [], true).map.embed).toBe(true);
		expect(setup('?view=entdecken').map.embed).toBe(false);
	});

	it('only themes with colours in the data compete for the areas; the broadband edition defaults to the newest', () => {
		const themes: ThemeData[] = [
			{ id: bb, empty: false, area: null, editions: [{ level: 'district', asOf: '2024-06' }, { level: 'district', asOf: '2018-12' }, { level: 'municipality', asOf: '2024-06' }] },
			{ id: 'wohnen', empty: false, area: null, editions: [] }
		];
		const { map } = setup(`?themes=${bb},wohnen&area=wohnen`, themes);
		// Wohnen has no area values in this data, so it cannot colour the map even though the link asks for it.
		expect(map.colourOptions).toEqual([bb]);
		expect(map.colouring).toBe(bb);
		expect(map.choroplethShown).toBe(true);
		expect(map.editions).toEqual(['2018-12', '2024-06']);
		expect(map.broadband.edition).toBe('2024-06');
		map.setBroadband({ metric: 'ftth_1000' });
		expect(map.current.broadband).toEqual({ edition: '2024-06', metric: 'ftth_1000', level: 'district' });

		const withArea = setup(`?themes=${bb},wohnen&area=wohnen`, [themes[0]!, { id: 'wohnen', empty: false, area: { regions: 1, of: 1, as_of: '2022' }, editions: [] }]).map;
		expect(withArea.colouring).toBe('wohnen');
		withArea.toggleTheme(bb);
		expect(withArea.choroplethShown).toBe(false);
	});
});
