import { describe, expect, it } from 'vitest';
import { linkProblems, parseState, presetThemes, stateToSearch, defaultState } from '../../src/lib/state/url-state.ts';

const q = (s: string) => new URLSearchParams(s);

describe('bad link parameters', () => {
	it('names each parameter it could not use, with what the link said', () => {
		expect(linkProblems(q('view=nonsense&themes=foo&map=999/999/999&bb=garbage'))).toEqual([
			{ param: 'view', value: 'nonsense' },
			{ param: 'themes', value: 'foo' },
			{ param: 'map', value: '999/999/999' },
			{ param: 'bb', value: 'garbage' }
		]);
		expect(linkProblems(q('lang=fr&area=nope'))).toEqual([
			{ param: 'lang', value: 'fr' },
			{ param: 'area', value: 'nope' }
		]);
	});

	it('replaces them by the defaults instead of switching the layers off', () => {
		const s = parseState(q('view=nonsense&themes=foo&map=999/999/999&bb=garbage'));
		expect(s.view).toBe(defaultState().view);
		expect(s.themes).toEqual(presetThemes(defaultState().view));
		expect(s.map).toBeNull();
		expect(s.broadband).toEqual(defaultState().broadband);
	});

	it('keeps the known themes of a partly mangled list and names only the unknown ones', () => {
		expect(parseState(q('themes=gewerbe,foo')).themes).toEqual(['gewerbe']);
		expect(linkProblems(q('themes=gewerbe,foo'))).toEqual([{ param: 'themes', value: 'foo' }]);
	});

	it('has nothing to say about the links the map itself writes, including one with every theme off', () => {
		const none = { ...defaultState(), themes: [] };
		expect(parseState(q(stateToSearch(none).slice(1))).themes).toEqual([]);
		expect(linkProblems(q(stateToSearch(none).slice(1)))).toEqual([]);
		const full = { ...defaultState(), lang: 'en' as const, view: 'planen' as const, map: { zoom: 9, lat: 51.3, lon: 10.7 }, broadband: { edition: '2021-06', metric: 'all_1000', level: 'municipality' as const } };
		expect(linkProblems(q(stateToSearch(full).slice(1)))).toEqual([]);
		expect(linkProblems(q('view=entdecken&bb=2021-06:all_100:district&map=8/51.3/10.7&area=wohnen'))).toEqual([]);
	});
});
