/** The read API's answer cache: least recently used entries go first, within count and byte limits. */
import { describe, expect, it } from 'vitest';
import { ResponseCache, normalisedRequestKey, etagFor, ifNoneMatchHits, isVersionTagged } from '../../src/lib/server/api/versioned-etag.ts';
import { ClientLimits, limitsFor, LIMITS } from '../../src/lib/server/api/limits.ts';

const entry = (bytes: number) => ({ body: new Uint8Array(bytes), headers: [['content-type', 'application/json']] as [string, string][] });

describe('ResponseCache', () => {
	it('evicts the least recently used entry beyond its entry limit', () => {
		const cache = new ResponseCache(2, 1_000);
		cache.set('a', entry(1));
		cache.set('b', entry(1));
		expect(cache.get('a')).toBeDefined(); // a is now the most recent
		cache.set('c', entry(1));
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBeDefined();
		expect(cache.get('c')).toBeDefined();
		expect(cache.size).toBe(2);
	});

	it('stays within its byte budget and never keeps one oversized answer', () => {
		const cache = new ResponseCache(100, 1_000);
		cache.set('big', entry(300));
		expect(cache.get('big')).toBeUndefined();
		for (const k of ['a', 'b', 'c', 'd', 'e']) cache.set(k, entry(240));
		// 5 × 240 = 1200 > 1000: the oldest goes
		expect(cache.get('a')).toBeUndefined();
		expect(cache.size).toBe(4);
	});

	it('counts an entry again when it is set again after growing (a compressed variant added)', () => {
		const cache = new ResponseCache<{ body: Uint8Array; extra?: Uint8Array }>(100, 1_000, (v) => v.body.byteLength + (v.extra?.byteLength ?? 0));
		const grown: { body: Uint8Array; extra?: Uint8Array } = { body: new Uint8Array(100) };
		cache.set('a', grown);
		cache.set('b', { body: new Uint8Array(100) });
		expect(cache.byteSize).toBe(200);
		grown.extra = new Uint8Array(150);
		cache.set('a', grown);
		expect(cache.byteSize).toBe(350);
		cache.set('c', { body: new Uint8Array(240) });
		cache.set('d', { body: new Uint8Array(240) });
		cache.set('e', { body: new Uint8Array(240) });
		// 350 + 100 + 720 > 1000: the least recently used (b, then a) go
		expect(cache.get('b')).toBeUndefined();
		expect(cache.byteSize).toBeLessThanOrEqual(1_000);
	});
});

describe('normalisedRequestKey', () => {
	it('orders the query so equal requests share one key', () => {
		const a = normalisedRequestKey(new URL('http://x/api/features?theme=gewerbe&bbox=1,2,3,4&limit=5'));
		const b = normalisedRequestKey(new URL('http://x/api/features?limit=5&bbox=1,2,3,4&theme=gewerbe'));
		expect(a).toBe(b);
		expect(normalisedRequestKey(new URL('http://x/api/search?q=a'))).not.toBe(normalisedRequestKey(new URL('http://x/api/search?q=b')));
	});
});

describe('normalisedRequestKey and boxes', () => {
	it('reads a box as four numbers: other spellings of the same box share a key, other boxes do not', () => {
		const key = (q: string) => normalisedRequestKey(new URL(`http://x/api/features?theme=verkehr&${q}`));
		expect(key('bbox=10.50,51.0,11,51.300')).toBe(key('bbox=10.5,51,11.0,51.3'));
		expect(key('bbox=10.5,51,11,51.3')).not.toBe(key('bbox=10.5001,51,11,51.3'));
		// not four plain numbers: kept as written (the API refuses it)
		expect(key('bbox=1e1,51,11,51.3')).toContain('1e1');
	});
});

describe('ETags of compressed representations', () => {
	it('gives each representation its own tag and recognises all of them in If-None-Match', () => {
		const tag = '"v1-abc"';
		expect(etagFor(tag, 'identity')).toBe(tag);
		expect(etagFor(tag, 'gzip')).toBe('"v1-abc-gzip"');
		expect(ifNoneMatchHits('"other", "v1-abc-br"', tag)).toBe(true);
		expect(ifNoneMatchHits('W/"v1-abc"', tag)).toBe(true);
		expect(ifNoneMatchHits('*', tag)).toBe(true);
		expect(ifNoneMatchHits('"v1-abd"', tag)).toBe(false);
		expect(ifNoneMatchHits(undefined, tag)).toBe(false);
	});

	it('tags reads only, not health, exports or the back office', () => {
		expect(isVersionTagged('/api/features')).toBe(true);
		expect(isVersionTagged('/api/search')).toBe(true);
		for (const p of ['/api/health', '/api/export', '/api/admin/items', '/api/planning/breitband/export']) expect(isVersionTagged(p)).toBe(false);
	});
});

describe('ClientLimits', () => {
	it('counts like the middleware and refuses without counting once a limit is used up', () => {
		const limits = new ClientLimits(3 / LIMITS.search.limit); // search 3, API 12
		const take = () => limits.take('203.0.113.1', ...limitsFor('/api/search'));
		const quotas = [take(), take(), take()];
		// the API limit's quota is the one reported (its headers are the last the middleware sets)
		expect(quotas.map((q) => q?.remaining)).toEqual([11, 10, 9]);
		expect(quotas[0]).toMatchObject({ limit: 12, windowMs: 60_000 });
		expect(take()).toBeNull();
		expect(take()).toBeNull();
		// the refused requests were not counted against the API limit
		expect(limits.take('203.0.113.1', ...limitsFor('/api/themes'))?.remaining).toBe(8);
		// another address has its own quota
		expect(limits.take('203.0.113.2', ...limitsFor('/api/search'))?.remaining).toBe(11);
	});
});
