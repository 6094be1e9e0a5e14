/**
 * A short-lived memory of rendered public pages. A page's HTML depends only on its URL and the data
 * version (the Content-Security-Policy uses hashes, not per-response nonces, so equal pages are equal
 * bytes), so a visitor's request for a page rendered before is answered without rendering it again.
 *
 * Only anonymous GET/HEAD requests for HTML are remembered: a request with a Cookie or Authorization
 * header, or a response that sets a cookie or is marked private/no-store, always goes to SvelteKit.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { ResponseCache } from '../api/versioned-etag.ts';

export interface PageCacheOptions {
	/** the data version the pages were rendered from; null turns the cache off (no data yet) */
	version: () => string | null;
	maxEntries?: number;
	maxBytes?: number;
}

type Next = () => void;
type Render = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

function cacheable(req: IncomingMessage): boolean {
	return (req.method === 'GET' || req.method === 'HEAD') && !req.headers.cookie && !req.headers.authorization;
}

function headerList(headers: OutgoingHttpHeaders): [string, string][] {
	const out: [string, string][] = [];
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) for (const v of value) out.push([name, v]);
		else out.push([name, String(value)]);
	}
	return out;
}

function storable(status: number, headers: [string, string][]): boolean {
	if (status !== 200) return false;
	const get = (n: string) => headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? '';
	return get('content-type').startsWith('text/html') && !headers.some(([k]) => k.toLowerCase() === 'set-cookie') && !/private|no-store/.test(get('cache-control'));
}

export function withPageCache(render: Render, opts: PageCacheOptions): Render {
	const cache = new ResponseCache(opts.maxEntries ?? 500, opts.maxBytes ?? 16 * 1024 * 1024);
	return (req, res, next) => {
		const version = cacheable(req) ? opts.version() : null;
		if (version === null) return render(req, res, next);
		const key = `${version}|${req.url ?? '/'}`;
		const hit = cache.get(key);
		if (hit) {
			const byName = new Map<string, string[]>();
			for (const [name, value] of hit.headers) byName.set(name, [...(byName.get(name) ?? []), value]);
			for (const [name, values] of byName) res.setHeader(name, values.length > 1 ? values : values[0]!);
			res.setHeader('Content-Length', hit.body.byteLength);
			res.statusCode = 200;
			res.end(req.method === 'HEAD' ? undefined : hit.body);
			return;
		}
		if (req.method !== 'GET') return render(req, res, next);
		// Record what SvelteKit writes, pass it on unchanged, and keep it when it is a public page.
		const chunks: Buffer[] = [];
		let headOverride: [string, string][] = [];
		const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
		const write = res.write.bind(res) as (...args: unknown[]) => boolean;
		const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
		const keep = (chunk: unknown) => {
			if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
			else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
		};
		res.writeHead = ((...args: unknown[]) => {
			const headers = args.find((a, i) => i > 0 && a && typeof a === 'object' && !Array.isArray(a)) as OutgoingHttpHeaders | undefined;
			if (headers) headOverride = headerList(headers);
			return writeHead(...args);
		}) as typeof res.writeHead;
		res.write = ((chunk: unknown, ...rest: unknown[]) => {
			keep(chunk);
			return write(chunk, ...rest);
		}) as typeof res.write;
		res.end = ((chunk?: unknown, ...rest: unknown[]) => {
			if (typeof chunk !== 'function') keep(chunk);
			const result = end(chunk, ...rest);
			// writeHead's headers usually land in getHeaders() too; each name is kept once.
			const own = headerList(res.getHeaders());
			const seen = new Set(own.map(([n]) => n.toLowerCase()));
			const headers = [...own, ...headOverride.filter(([n]) => !seen.has(n.toLowerCase()))].filter(([name]) => !/^(content-length|date|connection|keep-alive|transfer-encoding)$/i.test(name));
			if (storable(res.statusCode, headers)) cache.set(key, { body: new Uint8Array(Buffer.concat(chunks)), headers });
			return result;
		}) as typeof res.end;
		render(req, res, next);
	};
}
