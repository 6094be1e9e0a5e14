/**
 * ETags and a response cache for read endpoints, both keyed by the data version and the request.
 * The database is immutable between builds, so (version, path, query) identifies a response exactly:
 * a revalidation is answered 304 before any query runs, and a repeated query (the same search, the
 * same map box) is answered from memory without touching SQLite or serialising JSON again.
 *
 * The version combines the build's data version with DataContext.liveVersion, which anything that
 * changes answers without a rebuild (published edits) must bump.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app.ts';

interface Cached {
	body: Uint8Array;
	headers: [string, string][];
}

/** A small LRU of whole responses, bounded by entry count and bytes. */
export class ResponseCache {
	private readonly entries = new Map<string, Cached>();
	private bytes = 0;
	private readonly maxEntries: number;
	private readonly maxBytes: number;

	constructor(maxEntries = 2_000, maxBytes = 32 * 1024 * 1024) {
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
	}

	get(key: string): Cached | undefined {
		const hit = this.entries.get(key);
		if (!hit) return undefined;
		// Re-insert: Map keeps insertion order, so the oldest entry is always first.
		this.entries.delete(key);
		this.entries.set(key, hit);
		return hit;
	}

	set(key: string, value: Cached): void {
		// One answer larger than a quarter of the budget would evict everything else for little gain.
		if (value.body.byteLength > this.maxBytes / 4) return;
		const old = this.entries.get(key);
		if (old) {
			this.bytes -= old.body.byteLength;
			this.entries.delete(key);
		}
		this.entries.set(key, value);
		this.bytes += value.body.byteLength;
		while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
			const [oldest, entry] = this.entries.entries().next().value as [string, Cached];
			this.entries.delete(oldest);
			this.bytes -= entry.body.byteLength;
		}
	}

	get size(): number {
		return this.entries.size;
	}
}

/** Headers that belong to one request (its id, the client's remaining quota), never replayed. */
const PER_REQUEST_HEADER = /^(x-request-id|ratelimit.*|retry-after|date|set-cookie)$/i;

/** The query in a canonical order, so `?a=1&b=2` and `?b=2&a=1` share one entry. */
export function normalisedRequestKey(url: URL): string {
	const params = [...url.searchParams.entries()].sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
	return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

export function versionedEtag(opts: { cache?: ResponseCache } = {}): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		let version: string;
		try {
			version = c.get('data').version();
		} catch {
			// No database: the endpoint itself answers 503; nothing to tag.
			return next();
		}
		const key = `${version}|${normalisedRequestKey(new URL(c.req.url))}`;
		const tag = `"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`;
		if (c.req.header('If-None-Match') === tag) {
			return c.body(null, 304, { ETag: tag });
		}
		const hit = opts.cache?.get(key);
		if (hit) {
			const headers = Object.fromEntries(hit.headers);
			if (c.req.method === 'HEAD') return c.body(null, 200, headers);
			// The cached bytes are never written to; the cast only narrows the buffer type Hono asks for.
			return c.body(hit.body as Uint8Array<ArrayBuffer>, 200, headers);
		}
		await next();
		if (c.res.status !== 200) return;
		c.res.headers.set('ETag', tag);
		if (opts.cache && c.req.method === 'GET') {
			const body = new Uint8Array(await c.res.clone().arrayBuffer());
			opts.cache.set(key, { body, headers: [...c.res.headers.entries()].filter(([name]) => !PER_REQUEST_HEADER.test(name)) });
		}
	};
}
