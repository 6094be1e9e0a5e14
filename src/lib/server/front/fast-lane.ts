/**
 * The front server's fast lane for the two requests a map session sends by the hundred: vector tiles
 * and repeated read queries (the same search, the same map box). The API (Hono) answers them
 * correctly but builds a fetch Request, a Headers object and a Response per request and runs a chain
 * of middleware; for a 4 KB tile that costs more than the tile. Here they are answered from prepared
 * headers and bytes held in memory, written with one writeHead/end.
 *
 * Everything the lane does not handle exactly as the API would is handed to the API (returns false):
 * errors, conditional and range requests on tiles, 204 and uncompressed tiles, over-limit clients (the
 * API answers 429), requests with credentials, and every path whose answers are not tagged with the
 * data version. What the lane writes is learned from the API's own answers:
 *
 * - tiles: the headers of the API's first 200 tile answer (CORS, security headers, Content-Type,
 *   Cache-Control, Vary) are kept as a template; per tile only ETag, Content-Length and
 *   Content-Encoding are added, exactly as src/lib/server/api/routes/tiles.ts sets them.
 * - read queries: the API's whole 200 answer (headers and body) is kept, keyed by the data version
 *   (DataContext.version(): build, back-office content, live edits) and the normalised query, with
 *   gzip and Brotli variants made once on first demand. A publish changes the version, so the next
 *   request misses and is answered anew; an old entry can never be served for a newer version.
 *
 * Query answers get the headers that depend on the request (request id, the client's remaining quota)
 * made per request; tile answers carry neither, as the API's own do not. Rate limits count into the same counters as the API's middleware (ClientLimits), so a client has
 * one quota however its requests are answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { DataContext } from '../api/context.ts';
import { limitsFor, requestAddress } from '../api/limits.ts';
import type { ClientLimits, Quota } from '../api/limits.ts';
import { etagFor, ifNoneMatchHits, isVersionTagged, normalisedRequestKey, ResponseCache } from '../api/versioned-etag.ts';
import { acceptsEncoding } from '../api/routes/tiles.ts';
import type { LoadedArchive } from '../tiles/archive.ts';

export interface FastLaneOptions {
	data: DataContext;
	limits: ClientLimits;
	/** the API's fetch: answers what the lane has not seen yet */
	apiFetch: (request: Request, env?: unknown) => Response | Promise<Response>;
	/** take the client address from X-Forwarded-For (only behind a trusted proxy), as the API does */
	trustProxy?: boolean;
	/** bounds of the read-query cache */
	maxEntries?: number;
	maxBytes?: number;
}

export interface FastLane {
	/**
	 * Answers the request (true), or leaves it untouched for the API (false). The promise form is used
	 * when the answer has to be made first; it never rejects.
	 */
	handle(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
	/** How many answers came from prepared headers or bytes, and how many queries the API answered first. */
	stats(): LaneStats;
}

export interface LaneStats {
	tiles: number;
	queryHits: number;
	queryMisses: number;
	/** read answers kept and their bytes (with compressed variants) */
	entries: number;
	bytes: number;
}

type Coding = 'identity' | 'gzip' | 'br';

interface Prepared {
	body: Uint8Array;
	/** the answer's ETag (identity representation) */
	tag: string;
	/** the replayed headers as a flat [name, value, …] list, without ETag, length, coding */
	headers: string[];
	/** whether compressed variants are offered (then every answer carries Vary: Accept-Encoding) */
	compressible: boolean;
	gzip?: Uint8Array;
	br?: Uint8Array;
	pending?: Partial<Record<'gzip' | 'br', Promise<void>>>;
}

/** Headers that belong to one request or one representation; never replayed from a kept answer. */
const NOT_REPLAYED = /^(x-request-id|ratelimit.*|retry-after|date|set-cookie|etag|content-length|content-encoding|connection|keep-alive|transfer-encoding)$/i;
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
const COMPRESSIBLE_TYPE = /^(application\/(json|geo\+json)|text\/)/i;
const TILE_LIMITS = limitsFor('/tiles/');

/** Accept-Encoding values seen → gzip accepted: browsers send one of a handful of values, so each is read once. */
const gzipAccepted = new Map<string, boolean>();
function acceptsGzip(header: string | undefined): boolean {
	if (header === undefined) return false;
	let ok = gzipAccepted.get(header);
	if (ok === undefined) {
		ok = acceptsEncoding(header, 'gzip');
		if (gzipAccepted.size >= 64) gzipAccepted.clear();
		gzipAccepted.set(header, ok);
	}
	return ok;
}
const TILE_PATH = /^\/tiles\/([a-z0-9][a-z0-9_-]{0,63})\/(\d{1,8})\/(\d{1,8})\/(\d{1,8})\.mvt(?:\?v=([\w.-]*))?$/;
/** Hono's request-id middleware keeps a client's id when it looks like this. */
const CLIENT_REQUEST_ID = /^[\w\-=]{1,255}$/;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

function requestId(req: IncomingMessage): string {
	const given = req.headers['x-request-id'];
	return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

function quotaHeaders(q: Quota): string[] {
	const out = ['RateLimit-Policy', `${q.limit};w=${Math.ceil(q.windowMs / 1000)}`, 'RateLimit-Limit', String(q.limit), 'RateLimit-Remaining', String(q.remaining)];
	if (q.resetSeconds) out.push('RateLimit-Reset', String(q.resetSeconds));
	return out;
}

/** A fetch Response's headers as a flat list, minus those that are per request or per representation. */
function replayable(headers: Headers): string[] {
	const out: string[] = [];
	headers.forEach((value, name) => {
		if (!NOT_REPLAYED.test(name)) out.push(name, value);
	});
	return out;
}

function hasHeader(flat: string[], name: string): string | undefined {
	for (let i = 0; i < flat.length; i += 2) if (flat[i]!.toLowerCase() === name) return flat[i + 1];
	return undefined;
}

/** Writes a fetch Response as the API's own listener would (used when the lane asked the API itself). */
async function writeResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
	const headers: string[] = [];
	response.headers.forEach((value, name) => {
		if (name !== 'set-cookie') headers.push(name, value);
	});
	for (const cookie of response.headers.getSetCookie()) headers.push('set-cookie', cookie);
	if (!response.headers.has('x-content-type-options')) headers.push('X-Content-Type-Options', 'nosniff');
	const body = head || response.body === null ? null : new Uint8Array(await response.arrayBuffer());
	if (body && !response.headers.has('content-length')) headers.push('content-length', String(body.byteLength));
	res.writeHead(response.status, headers);
	res.end(body ?? undefined);
}

export function createFastLane(opts: FastLaneOptions): FastLane {
	const trustProxy = opts.trustProxy ?? process.env.NT_TRUST_PROXY === '1';
	const cache = new ResponseCache<Prepared>(opts.maxEntries ?? 2_000, opts.maxBytes ?? 32 * 1024 * 1024, (p) => p.body.byteLength + (p.gzip?.byteLength ?? 0) + (p.br?.byteLength ?? 0));
	/** tile headers learned from the API, per "the request named the archive's version" (Cache-Control differs) and scheme (HSTS) */
	const tileTemplates = new Map<string, string[]>();
	/** archives already loaded, so that a tile needs no await (DataContext.archive returns one promise per file version) */
	const loaded = new WeakMap<Promise<LoadedArchive | null>, LoadedArchive | null>();

	const counts = { tiles: 0, queryHits: 0, queryMisses: 0 };
	/** request URL → normalised query; a map view repeats the same few URLs, so parsing each once is enough */
	const normalisedUrls = new Map<string, string>();
	const normalised = (url: string): string => {
		let key = normalisedUrls.get(url);
		if (key === undefined) {
			key = normalisedRequestKey(new URL(url, 'http://lane'));
			// Bounded: at most 5,000 URLs of up to 512 characters (a few MB at worst).
			if (url.length <= 512) {
				if (normalisedUrls.size >= 5_000) normalisedUrls.clear();
				normalisedUrls.set(url, key);
			}
		}
		return key;
	};

	const addressOf = (req: IncomingMessage) => requestAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustProxy);

	function apiRequest(req: IncomingMessage): Request | null {
		try {
			const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
			const headers = new Headers();
			for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
			return new Request(`${scheme}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: req.method, headers });
		} catch {
			// An unreadable URL or header: the API's own listener answers it in its shape.
			return null;
		}
	}

	// ---- tiles ------------------------------------------------------------------------------

	function tile(req: IncomingMessage, res: ServerResponse, m: RegExpExecArray): boolean | Promise<boolean> {
		if (req.headers['if-none-match'] !== undefined) return false;
		let pending: Promise<LoadedArchive | null>;
		try {
			pending = opts.data.archive(m[1]!);
		} catch {
			return false;
		}
		const ready = loaded.get(pending);
		if (ready !== undefined) return ready ? tileFrom(ready, req, res, m) : false;
		return pending.then(
			(archive) => {
				loaded.set(pending, archive);
				return archive ? tileFrom(archive, req, res, m) : false;
			},
			() => false
		);
	}

	function tileFrom(archive: LoadedArchive, req: IncomingMessage, res: ServerResponse, m: RegExpExecArray): boolean | Promise<boolean> {
		const [z, x, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
		const h = archive.header;
		if (z < h.minZoom || z > h.maxZoom || x >= 2 ** z || y >= 2 ** z) return false;
		const gzipped = archive.tileCompression === 'gzip';
		if (gzipped && !acceptsGzip(req.headers['accept-encoding'])) return false;
		const bytes = archive.tile(z, x, y);
		if (!bytes) return false;
		const version = String(archive.metadata.version ?? '');
		const versioned = m[5] !== undefined && m[5] === version;
		const kind = `${versioned}:${(req.socket as { encrypted?: boolean }).encrypted === true}`;
		const template = tileTemplates.get(kind);
		if (!template) return learnTile(req, res, kind);
		if (!opts.limits.take(addressOf(req), ...TILE_LIMITS)) return false;
		// As the API answers a tile: no request id, no quota headers (see DATA_SECURITY in app.ts).
		const headers = [...template, 'ETag', `"${version}-${z}-${x}-${y}"`, 'Content-Length', String(bytes.byteLength)];
		if (gzipped) headers.push('Content-Encoding', 'gzip');
		counts.tiles++;
		res.writeHead(200, headers);
		res.end(req.method === 'HEAD' ? undefined : bytes);
		return true;
	}

	/** The API answers this tile; its headers become the template for the next ones. */
	async function learnTile(req: IncomingMessage, res: ServerResponse, kind: string): Promise<boolean> {
		const request = apiRequest(req);
		if (!request) return false;
		const response = await opts.apiFetch(request, { incoming: req, outgoing: res });
		if (response.status === 200 && !tileTemplates.has(kind)) tileTemplates.set(kind, replayable(response.headers));
		await writeResponse(res, response, req.method === 'HEAD');
		return true;
	}

	// ---- read queries -------------------------------------------------------------------------

	function query(req: IncomingMessage, res: ServerResponse, url: string): boolean | Promise<boolean> {
		// Answers to signed-in users are the back office's business; the lane serves the public.
		if (req.headers.cookie !== undefined || req.headers.authorization !== undefined) return false;
		const q = url.indexOf('?');
		const path = q < 0 ? url : url.slice(0, q);
		// A percent-encoded path may route elsewhere than it reads (the API decodes it): left to the API.
		if (path.includes('%') || !isVersionTagged(path)) return false;
		let key: string;
		try {
			key = `${opts.data.version()}|${normalised(url)}`;
		} catch {
			// No data, or a URL the parser refuses: the API says which.
			return false;
		}
		const hit = cache.get(key);
		if (!hit) return fill(req, res, key);
		const quota = opts.limits.take(addressOf(req), ...limitsFor(path));
		if (!quota) return false;
		counts.queryHits++;
		return send(hit, req, res, ['X-Request-Id', requestId(req), ...quotaHeaders(quota)], key);
	}

	/** Asks the API, keeps a tagged 200 answer, and answers from what was kept. */
	async function fill(req: IncomingMessage, res: ServerResponse, key: string): Promise<boolean> {
		const request = apiRequest(req);
		if (!request) return false;
		counts.queryMisses++;
		const response = await opts.apiFetch(request, { incoming: req, outgoing: res });
		const tag = response.headers.get('etag');
		const cc = response.headers.get('cache-control') ?? '';
		if (req.method !== 'GET' || response.status !== 200 || !tag || response.headers.has('set-cookie') || /private|no-store/.test(cc)) {
			await writeResponse(res, response, req.method === 'HEAD');
			return true;
		}
		const body = new Uint8Array(await response.arrayBuffer());
		const headers = replayable(response.headers);
		const compressible = body.byteLength >= MIN_COMPRESS_BYTES && COMPRESSIBLE_TYPE.test(response.headers.get('content-type') ?? '');
		if (compressible) {
			const vary = hasHeader(headers, 'vary');
			if (!vary) headers.push('Vary', 'Accept-Encoding');
			else if (!/accept-encoding/i.test(vary)) {
				const i = headers.findIndex((n, k) => k % 2 === 0 && n.toLowerCase() === 'vary');
				headers[i + 1] = `${vary}, Accept-Encoding`;
			}
		}
		const prepared: Prepared = { body, tag, headers, compressible };
		cache.set(key, prepared);
		// This request was counted by the API's own limiter; its quota headers go out with the answer.
		const own: string[] = [];
		response.headers.forEach((value, name) => {
			if (/^(x-request-id|ratelimit.*)$/i.test(name)) own.push(name, value);
		});
		return send(prepared, req, res, own, key);
	}

	function coding(req: IncomingMessage, p: Prepared): Coding {
		if (!p.compressible) return 'identity';
		const accept = req.headers['accept-encoding'];
		if (typeof accept !== 'string') return 'identity';
		if (acceptsEncoding(accept, 'br')) return 'br';
		if (acceptsEncoding(accept, 'gzip')) return 'gzip';
		return 'identity';
	}

	function send(p: Prepared, req: IncomingMessage, res: ServerResponse, perRequest: string[], key?: string): boolean | Promise<boolean> {
		const c = coding(req, p);
		const body = c === 'identity' ? p.body : p[c];
		if (!body) return compress(p, c as 'gzip' | 'br', key).then(() => send(p, req, res, perRequest, key));
		const tag = etagFor(p.tag, c);
		const headers = [...p.headers, ...perRequest, 'ETag', tag];
		if (ifNoneMatchHits(req.headers['if-none-match'], p.tag)) {
			res.writeHead(304, headers);
			res.end();
			return true;
		}
		headers.push('Content-Length', String(body.byteLength));
		if (c !== 'identity') headers.push('Content-Encoding', c);
		res.writeHead(200, headers);
		res.end(req.method === 'HEAD' ? undefined : body);
		return true;
	}

	/** Makes a compressed variant once (in the thread pool); concurrent requests wait for the same one. */
	function compress(p: Prepared, c: 'gzip' | 'br', key?: string): Promise<void> {
		p.pending ??= {};
		p.pending[c] ??= (c === 'gzip' ? gzipAsync(p.body) : brotliAsync(p.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: p.body.byteLength } })).then(
			(out) => {
				p[c] = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
				// Set again so the cache counts the variant's bytes.
				if (key) cache.set(key, p);
			},
			(e: unknown) => {
				// Not kept: the next request tries again (this one is answered by the API).
				delete p.pending?.[c];
				throw e;
			}
		);
		return p.pending[c];
	}

	return {
		stats: () => ({ ...counts, entries: cache.size, bytes: cache.byteSize }),
		handle(req, res) {
			if (req.method !== 'GET' && req.method !== 'HEAD') return false;
			const url = req.url ?? '/';
			let out: boolean | Promise<boolean>;
			try {
				if (url.startsWith('/tiles/')) {
					const m = TILE_PATH.exec(url);
					out = m ? tile(req, res, m) : false;
				} else if (url.startsWith('/api/')) out = query(req, res, url);
				else out = false;
			} catch {
				return res.headersSent;
			}
			if (typeof out === 'boolean') return out;
			// Once the lane has started writing, the request is its own; before that, the API may still answer.
			return out.catch(() => {
				if (!res.headersSent) return false;
				res.destroy();
				return true;
			});
		}
	};
}
