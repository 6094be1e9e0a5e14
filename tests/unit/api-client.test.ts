/**
 * The browser's API client and the page state that uses it, against a fake fetch whose answers the
 * test releases in any order: a later request's answer must never be replaced by an earlier one's,
 * errors come back with the server's JSON message, and cancelled requests are told apart.
 * The answers below are made-up fixtures (places named "Testort …"), not product data.
 */
import { describe, expect, it } from 'vitest';
import { ABORTED, LatestRequest, createApiClient, isAborted } from '../../src/lib/api/client.ts';
import type { FetchLike } from '../../src/lib/api/client.ts';
import { fetchBroadbandValues } from '../../src/lib/api/broadband-values.ts';
import { SelectedCard } from '../../src/lib/state/card.svelte.ts';

interface Call {
	url: string;
	init: RequestInit | undefined;
	/** answers the call with a JSON body */
	answer(body: unknown, status?: number): void;
	fail(error: Error): void;
}

/** A fetch whose calls wait until the test answers them; `honourAbort: false` plays a fetch that ignores the signal. */
function fakeFetch({ honourAbort = true } = {}): { fetch: FetchLike; calls: Call[] } {
	const calls: Call[] = [];
	const fetch: FetchLike = (url, init) =>
		new Promise<Response>((resolve, reject) => {
			const call: Call = {
				url,
				init,
				answer: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
				fail: reject
			};
			if (honourAbort) init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
			calls.push(call);
		});
	return { fetch, calls };
}

/** Lets pending promise callbacks run (the client awaits fetch and then the body). */
const settle = () => new Promise((r) => setTimeout(r, 0));

const hit = (label: string) => ({ ref: `tourism:${label}`, kind: 'tourismus', label, detail: '', lon: 11, lat: 51.4, theme: 'tourismus' });

describe('API client', () => {
	it('answers data with its status, and a refusal with the server’s JSON message and parameter', async () => {
		const { fetch, calls } = fakeFetch();
		const api = createApiClient(fetch);
		const ok = api.search('testort', 'de', 8);
		await settle();
		expect(calls[0]!.url).toBe('/api/search?q=testort&lang=de&limit=8');
		calls[0]!.answer({ query: 'testort', results: [hit('Testort A')] });
		const res = await ok;
		expect(res.ok && res.data.results.map((r) => r.label)).toEqual(['Testort A']);

		const bad = api.nearest(200, 51);
		await settle();
		calls[1]!.answer({ error: 'invalid_parameter', detail: 'lon must be a number between -180 and 180', parameter: 'lon' }, 400);
		const refused = await bad;
		expect(refused).toMatchObject({ ok: false, status: 400, error: 'invalid_parameter', detail: 'lon must be a number between -180 and 180', parameter: 'lon' });
	});

	it('tells a lost connection, an answer that is not JSON and a cancelled request apart', async () => {
		const { fetch, calls } = fakeFetch();
		const api = createApiClient(fetch);
		const lost = api.goals();
		await settle();
		calls[0]!.fail(new TypeError('Failed to fetch'));
		expect(await lost).toMatchObject({ ok: false, status: 0, error: 'network' });

		const html = createApiClient(async () => new Response('<html>', { status: 502 }));
		expect(await html.goals()).toMatchObject({ ok: false, status: 502, error: 'invalid_response' });

		const abort = new AbortController();
		const cancelled = api.goals({ signal: abort.signal });
		await settle();
		abort.abort();
		const res = await cancelled;
		expect(isAborted(res)).toBe(true);
		expect(isAborted({ ok: false, status: 0, error: 'network', detail: '', body: null })).toBe(false);
	});

	it('puts ids and queries into the path safely', async () => {
		const { fetch, calls } = fakeFetch();
		const api = createApiClient(fetch);
		void api.feature('tourism:test ort/1');
		void api.region('16065');
		void api.features('breitband', { limit: 500, cursor: 'abc' });
		await settle();
		expect(calls.map((c) => c.url)).toEqual(['/api/features/tourism%3Atest%20ort%2F1', '/api/regions/16065', '/api/features?theme=breitband&limit=500&cursor=abc']);
	});
});

describe('superseded requests', () => {
	it('the later search wins even when the earlier answer arrives last', async () => {
		const { fetch, calls } = fakeFetch();
		const api = createApiClient(fetch);
		const latest = new LatestRequest();
		const first = latest.run((signal) => api.search('te', 'de', 8, { signal }));
		const second = latest.run((signal) => api.search('testo', 'de', 8, { signal }));
		await settle();
		expect(calls[0]!.init?.signal?.aborted).toBe(true);
		expect(calls[1]!.init?.signal?.aborted).toBe(false);
		calls[1]!.answer({ query: 'testo', results: [hit('Testort B')] });
		calls[0]!.answer({ query: 'te', results: [hit('Testort A')] });
		expect(await first).toBe(ABORTED);
		const res = await second;
		expect(res.ok && res.data.query).toBe('testo');
	});

	it('an earlier answer is dropped even from a fetch that ignores the signal', async () => {
		const { fetch, calls } = fakeFetch({ honourAbort: false });
		const api = createApiClient(fetch);
		const latest = new LatestRequest();
		const first = latest.run((signal) => api.search('te', 'de', 8, { signal }));
		const second = latest.run((signal) => api.search('testo', 'de', 8, { signal }));
		await settle();
		calls[1]!.answer({ query: 'testo', results: [] });
		expect((await second).ok).toBe(true);
		calls[0]!.answer({ query: 'te', results: [hit('Testort A')] });
		expect(isAborted(await first)).toBe(true);
	});

	it('a card opened second stays open when the first card’s answer comes later', async () => {
		const { fetch, calls } = fakeFetch({ honourAbort: false });
		const card = new SelectedCard(createApiClient(fetch));
		const region = card.load('region:16065');
		const feature = card.load('tourism:testort-b');
		await settle();
		expect(calls.map((c) => c.url)).toEqual(['/api/regions/16065', '/api/features/tourism%3Atestort-b?lang=de']);
		calls[1]!.answer({ type: 'Feature', id: 'tourism:testort-b', geometry: { type: 'Point', coordinates: [11, 51.4] }, properties: { name: 'Testort B' }, source: null });
		expect(await feature).toEqual({ loaded: true });
		expect(card.content).toMatchObject({ kind: 'feature', id: 'tourism:testort-b', properties: { name: 'Testort B', nearest_station: null, nearest_stop: null } });
		calls[0]!.answer({ ags: '16065', level: 'district', name: 'Testkreis', bez: null, boundary_editions: [{ edition: '2016', name: 'Testkreis', label_point: [11, 51], bbox: [10, 51, 11, 52] }], stats: [], broadband: [], indicators: [], sources: [] });
		expect(await region).toEqual({ loaded: false });
		expect(card.content).toMatchObject({ kind: 'feature', id: 'tourism:testort-b' });
	});

	it('a click on the map after opening a feature shows the nearest stops of the click, not the feature', async () => {
		const { fetch, calls } = fakeFetch();
		const card = new SelectedCard(createApiClient(fetch));
		const feature = card.load('tourism:testort-a');
		const point = card.load('point:11.10000,51.40000');
		await settle();
		expect(calls[1]!.url).toBe('/api/nearest?lon=11.1&lat=51.4');
		calls[1]!.answer({ lon: 11.1, lat: 51.4, nearest_station: null, nearest_stop: { id: 'stop:test', name: 'Testort Mitte', category: 'bus', distance_km: 0.4, lon: 11.1, lat: 51.4 } });
		await point;
		expect(await feature).toEqual({ loaded: false });
		expect(card.content).toMatchObject({ kind: 'point', lon: 11.1, lat: 51.4, access: { nearest_stop: { name: 'Testort Mitte' } } });
	});

	it('a region card answers the extent to fit, a refused id a missing card, closing cancels', async () => {
		const { fetch, calls } = fakeFetch();
		const card = new SelectedCard(createApiClient(fetch));
		const region = card.load('region:16065');
		await settle();
		calls[0]!.answer({ ags: '16065', level: 'district', name: 'Testkreis', bez: 'Landkreis', boundary_editions: [{ edition: '2016', name: 'Testkreis', label_point: [11, 51], bbox: [10, 51, 11, 52] }], stats: [], broadband: [], indicators: [], sources: [] });
		expect(await region).toEqual({ loaded: true, fit: [10, 51, 11, 52] });
		expect(card.content).toMatchObject({ kind: 'region', name: 'Testkreis' });

		const missing = card.load('tourism:gibt-es-nicht');
		await settle();
		calls[1]!.answer({ error: 'not_found', detail: 'no feature with id "tourism:gibt-es-nicht"' }, 404);
		await missing;
		expect(card.content).toEqual({ kind: 'missing', id: 'tourism:gibt-es-nicht' });

		const open = card.load('tourism:testort-a');
		expect(card.content).toEqual({ kind: 'loading' });
		await card.load(null);
		expect(card.content).toBeNull();
		expect(calls[2]!.init?.signal?.aborted).toBe(true);
		expect(await open).toEqual({ loaded: false });
		expect(card.content).toBeNull();
	});

	it("a feature's card is fetched again in the other language and stays shown meanwhile; a region's card is not fetched again", async () => {
		const { fetch, calls } = fakeFetch();
		const card = new SelectedCard(createApiClient(fetch));
		const feature = (attribution: string) => ({ type: 'Feature', id: 'tourism:testort-a', geometry: { type: 'Point', coordinates: [11, 51.4] }, properties: { name: 'Testort A' }, source: { id: 'fixture', attribution } });
		const de = card.load('tourism:testort-a', 'de');
		await settle();
		calls[0]!.answer(feature('Fixture-Quelle'));
		await de;
		const en = card.load('tourism:testort-a', 'en');
		expect(card.content).toMatchObject({ kind: 'feature', source: { attribution: 'Fixture-Quelle' } });
		await settle();
		expect(calls[1]!.url).toBe('/api/features/tourism%3Atestort-a?lang=en');
		calls[1]!.answer(feature('Fixture source'));
		expect(await en).toEqual({ loaded: true });
		expect(card.content).toMatchObject({ kind: 'feature', source: { attribution: 'Fixture source' } });
		expect(await card.load('tourism:testort-a', 'en')).toEqual({ loaded: true });
		expect(calls).toHaveLength(2);

		const region = card.load('region:16065', 'en');
		await settle();
		calls[2]!.answer({ ags: '16065', level: 'district', name: 'Testkreis', bez: null, boundary_editions: [{ edition: '2016', name: 'Testkreis', label_point: [11, 51], bbox: [10, 51, 11, 52] }], stats: [], broadband: [], indicators: [], sources: [] });
		expect(await region).toMatchObject({ loaded: true, fit: [10, 51, 11, 52] });
		// the map is not fitted to the region again just because the language changed
		expect(await card.load('region:16065', 'de')).toEqual({ loaded: true });
		expect(calls).toHaveLength(3);
		expect(card.content).toMatchObject({ kind: 'region', name: 'Testkreis' });
	});
});

describe('broadband values for the ranking', () => {
	it('reads every page of the choropleth theme and keeps only the broadband values', async () => {
		const { fetch, calls } = fakeFetch();
		const values = fetchBroadbandValues(undefined, createApiClient(fetch));
		await settle();
		expect(calls[0]!.url).toBe('/api/features?theme=breitband&limit=500');
		calls[0]!.answer({ type: 'FeatureCollection', theme: 'breitband', total: 2, returned: 1, next_cursor: 'c1', attribution: [], features: [{ type: 'Feature', id: 'a', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { ags: '16065', name: 'Testkreis', level: 'district', bb_2024_06_all_100: 80.5, editions: '2024-06' } }] });
		await settle();
		expect(calls[1]!.url).toBe('/api/features?theme=breitband&limit=500&cursor=c1');
		calls[1]!.answer({ type: 'FeatureCollection', theme: 'breitband', total: 2, returned: 1, next_cursor: null, attribution: [], features: [{ type: 'Feature', id: 'b', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { ags: '16065001', name: 'Testort', level: 'municipality', bb_2024_06_all_100: 61 } }] });
		const res = await values;
		expect(res.ok && res.data).toEqual([
			{ ags: '16065', name: 'Testkreis', level: 'district', values: { bb_2024_06_all_100: 80.5 } },
			{ ags: '16065001', name: 'Testort', level: 'municipality', values: { bb_2024_06_all_100: 61 } }
		]);
	});

	it('stops at a refused page and says why', async () => {
		const { fetch, calls } = fakeFetch();
		const values = fetchBroadbandValues(undefined, createApiClient(fetch));
		await settle();
		calls[0]!.answer({ error: 'unavailable', detail: 'The map data is not available right now.' }, 503);
		expect(await values).toMatchObject({ ok: false, status: 503, detail: 'The map data is not available right now.' });
		expect(calls).toHaveLength(1);
	});
});
