/** The read API's answer cache: least recently used entries go first, within count and byte limits. */
import { describe, expect, it } from 'vitest';
import { ResponseCache, normalisedRequestKey } from '../../src/lib/server/api/versioned-etag.ts';

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
});

describe('normalisedRequestKey', () => {
	it('orders the query so equal requests share one key', () => {
		const a = normalisedRequestKey(new URL('http://x/api/features?theme=gewerbe&bbox=1,2,3,4&limit=5'));
		const b = normalisedRequestKey(new URL('http://x/api/features?limit=5&bbox=1,2,3,4&theme=gewerbe'));
		expect(a).toBe(b);
		expect(normalisedRequestKey(new URL('http://x/api/search?q=a'))).not.toBe(normalisedRequestKey(new URL('http://x/api/search?q=b')));
	});
});
