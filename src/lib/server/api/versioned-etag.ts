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

export interface Cached {
	body: Uint8Array;
	headers: [string, string][];
}

/**
 * A small LRU of whole responses, bounded by entry count and bytes. `sizeOf` counts an entry's bytes
 * (the body by default); an entry that grew (a compressed variant added) is set again to be re-counted.
 */
export class ResponseCache<T extends { body: Uint8Array } = Cached> {
	private readonly entries = new Map<string, { value: T; size: number }>();
	private bytes = 0;
	private readonly maxEntries: number;
	private readonly maxBytes: number;
	private readonly sizeOf: (value: T) => number;

	constructor(maxEntries = 2_000, maxBytes = 32 * 1024 * 1024, sizeOf: (value: T) => number = (v) => v.body.byteLength) {
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
		this.sizeOf = sizeOf;
	}

	get(key: string): T | undefined {
		const hit = this.entries.get(key);
		if (!hit) return undefined;
		// Re-insert: Map keeps insertion order, so the oldest entry is always first.
		this.entries.delete(key);
		this.entries.set(key, hit);
		return hit.value;
	}

	set(key: string, value: T): void {
		const size = this.sizeOf(value);
		const old = this.entries.get(key);
		if (old) {
			this.bytes -= old.size;
			this.entries.delete(key);
		}
		// One answer larger than a quarter of the budget would evict everything else for little gain.
		if (size > this.maxBytes / 4) return;
		this.entries.set(key, { value, size });
		this.bytes += size;
		while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
			const [oldest, entry] = this.entries.entries().next().value as [string, { size: number }];
			this.entries.delete(oldest);
			this.bytes -= entry.size;
		}
	}

	get size(): number {
		return this.entries.size;
	}

	/** Bytes held (as counted by sizeOf). */
	get byteSize(): number {
		return this.bytes;
	}
}

/** Headers that belong to one request (its id, the client's remaining quota), never replayed. */
const PER_REQUEST_HEADER = /^(x-request-id|ratelimit.*|retry-after|date|set-cookie)$/i;

/**
 * The query in a canonical order, so `?a=1&b=2` and `?b=2&a=1` share one entry, and a box written
 * differently (`10.50` or `10.5`) counts as the same box: the API reads it as four numbers. The box is
 * not rounded: a rounded box would answer for a slightly different area.
 */
export function normalisedRequestKey(url: URL): string {
	const params = [...url.searchParams.entries()]
		.map(([k, v]): [string, string] => [k, k === 'bbox' ? normalisedBbox(v) : v])
		.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
	return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

/** Four plain decimal numbers in the shortest form; anything else unchanged (the API refuses it either way). */
function normalisedBbox(raw: string): string {
	const parts = raw.split(',');
	if (parts.length !== 4 || !parts.every((p) => /^\s*-?\d+(\.\d+)?\s*$/.test(p))) return raw;
	return parts.map((p) => String(Number(p))).join(',');
}

/** The ETag of a compressed representation of the answer tagged `tag` (each representation has its own). */
export function etagFor(tag: string, coding: 'identity' | 'gzip' | 'br'): string {
	return coding === 'identity' ? tag : `${tag.slice(0, -1)}-${coding}"`;
}

/** Whether If-None-Match names the answer tagged `tag` in any of its representations (or is `*`). */
export function ifNoneMatchHits(header: string | undefined, tag: string): boolean {
	if (!header) return false;
	return header.split(',').some((raw) => {
		const t = raw.trim().replace(/^W\//, '');
		return t === '*' || t === tag || t === etagFor(tag, 'gzip') || t === etagFor(tag, 'br');
	});
}

/**
 * Paths whose answers are tagged and kept: every read under /api except those that change without a
 * new data version (health, exports with their download date) and the back office (per session).
 */
export function isVersionTagged(path: string): boolean {
	return path.startsWith('/api/') && path !== '/api/health' && path !== '/api/export' && !path.startsWith('/api/admin/') && !/^\/api\/planning\/.+\/export$/.test(path);
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
		if (ifNoneMatchHits(c.req.header('If-None-Match'), tag)) {
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
