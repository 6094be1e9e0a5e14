import { describe, expect, it } from 'vitest';
import { parseState, serializeState, stateToSearch, defaultState, presetThemes } from '../../src/lib/state/url-state.ts';
import type { AppState } from '../../src/lib/state/url-state.ts';

describe('URL state', () => {
	it('an empty query is the default view in German', () => {
		const s = parseState(new URLSearchParams(''));
		expect(s).toEqual(defaultState());
		expect(s.lang).toBe('de');
		expect(s.themes).toEqual(presetThemes('investieren'));
		expect(stateToSearch(s)).toBe('');
	});

	it('round-trips a full state', () => {
		const s: AppState = {
			lang: 'en',
			view: 'entdecken',
			themes: ['tourismus', 'verkehr', 'gewerbe'],
			feature: 'tourism:kyffhaeuser-denkmal',
			map: { zoom: 12.5, lat: 51.4127, lon: 11.11138 },
			broadband: { edition: '2018-12', metric: 'ftth_1000', level: 'municipality' },
			area: 'wohnen',
			embed: true,
			shown: ['hiking_route']
		};
		const back = parseState(new URLSearchParams(serializeState(s).toString()));
		expect(back).toEqual(s);
	});

	it('switches on only categories that are off by default', () => {
		expect(parseState(new URLSearchParams('show=cycling_route,school,nonsense,cycling_route')).shown).toEqual(['cycling_route']);
		expect(stateToSearch({ ...defaultState(), shown: ['hiking_route', 'cycling_route'] })).toBe('?show=hiking_route%2Ccycling_route');
	});

	it('accepts as area colouring only themes that colour areas', () => {
		expect(parseState(new URLSearchParams('area=daseinsvorsorge')).area).toBe('daseinsvorsorge');
		expect(parseState(new URLSearchParams('area=breitband')).area).toBe('breitband');
		expect(parseState(new URLSearchParams('area=tourismus')).area).toBeNull();
		expect(parseState(new URLSearchParams('area=nonsense')).area).toBeNull();
	});

	it('keeps links short: preset themes and defaults are left out', () => {
		const s = { ...defaultState(), view: 'planen' as const, themes: presetThemes('planen') };
		expect(stateToSearch(s)).toBe('?view=planen');
	});

	it('rounds the map position', () => {
		const s = { ...defaultState(), map: { zoom: 9.123456, lat: 51.123456789, lon: 10.987654321 } };
		expect(serializeState(s).get('map')).toBe('9.12/51.12346/10.98765');
	});

	it('ignores mangled values instead of failing', () => {
		const s = parseState(new URLSearchParams('lang=fr&view=nope&themes=gewerbe,bogus&map=abc/1/2&bb=2021:xx:planet&embed=yes'));
		expect(s.lang).toBe('de');
		expect(s.view).toBe('investieren');
		expect(s.themes).toEqual(['gewerbe']);
		expect(s.map).toBeNull();
		expect(s.broadband).toEqual({ edition: null, metric: 'all_100', level: 'district' });
		expect(s.embed).toBe(false);
	});

	it('an explicit empty theme list means no themes, not the preset', () => {
		expect(parseState(new URLSearchParams('themes=')).themes).toEqual([]);
		const s = { ...defaultState(), themes: [] };
		expect(parseState(new URLSearchParams(serializeState(s).toString())).themes).toEqual([]);
	});

	it('refuses positions outside the world', () => {
		expect(parseState(new URLSearchParams('map=10/95/10')).map).toBeNull();
		expect(parseState(new URLSearchParams('map=30/51/10')).map).toBeNull();
	});
});
