/**
 * Request limits per client address, so that one client cannot starve the others: generous for
 * tiles (a map view fetches dozens at once), stricter for the data API and strictest for search.
 * A client over its limit gets 429 with Retry-After and the API's JSON error shape.
 *
 * NT_RATE_LIMIT_FACTOR multiplies every limit (e.g. 1000 for load tests from a single address);
 * NT_TRUST_PROXY=1 takes the client address from X-Forwarded-For (only behind a trusted proxy).
 */
import { MemoryStore, rateLimiter } from 'hono-rate-limiter';
import type { Context, MiddlewareHandler } from 'hono';
import { errorBody } from './errors.ts';

export interface LimitSpec {
	/** requests allowed per window and address */
	limit: number;
	windowMs: number;
}

export const LIMITS = {
	tiles: { limit: 6_000, windowMs: 60_000 },
	api: { limit: 1_200, windowMs: 60_000 },
	search: { limit: 300, windowMs: 60_000 }
} as const satisfies Record<string, LimitSpec>;

/** The socket's address under @hono/node-server; requests handed over in-process have none. */
export function clientAddress(c: Context, trustProxy = process.env.NT_TRUST_PROXY === '1'): string {
	const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
	return requestAddress(env?.incoming?.socket?.remoteAddress, c.req.header('X-Forwarded-For'), trustProxy);
}

/** The address a client's requests are counted under (the front server's fast lane counts the same way). */
export function requestAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
	if (trustProxy) {
		const forwarded = (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)?.split(',')[0]?.trim();
		if (forwarded) return forwarded;
	}
	return socketAddress ?? 'in-process';
}

export function limitFactor(raw = process.env.NT_RATE_LIMIT_FACTOR): number {
	const n = Number(raw);
	return raw !== undefined && Number.isFinite(n) && n > 0 ? n : 1;
}

export function clientLimiter(name: string, spec: LimitSpec, factor = limitFactor(), store?: MemoryStore, quotaHeaders = true): MiddlewareHandler {
	return rateLimiter({
		windowMs: spec.windowMs,
		limit: Math.max(1, Math.round(spec.limit * factor)),
		standardHeaders: quotaHeaders ? 'draft-6' : false,
		keyGenerator: (c) => `${name}:${clientAddress(c)}`,
		store,
		handler: (c) => {
			c.header('Retry-After', String(Math.ceil(spec.windowMs / 1000)));
			return c.json(errorBody('rate_limited', `too many ${name} requests from this address; try again later`), 429);
		}
	});
}

/** What a request that was let through learns about its quota (the draft-6 RateLimit headers). */
export interface Quota {
	limit: number;
	remaining: number;
	windowMs: number;
	resetSeconds: number;
}

/**
 * The API's limits with their counters, shared by the API's middleware and the front server, which
 * answers tiles and repeated queries without running the middleware (src/lib/server/front/fast-lane.ts):
 * both count into the same store, so a client has one quota however its requests are answered.
 */
export class ClientLimits {
	readonly factor: number;
	private readonly stores = new Map<string, { store: MemoryStore; spec: LimitSpec; limit: number }>();

	constructor(factor = limitFactor()) {
		this.factor = factor;
	}

	private entry(name: string, spec: LimitSpec) {
		let e = this.stores.get(name);
		if (!e) {
			const store = new MemoryStore();
			// The window is the store's own setting (hono-rate-limiter sets it again, equally, for its middleware);
			// set here so that counting from the front server works before the middleware is made.
			store.init({ windowMs: spec.windowMs } as Parameters<MemoryStore['init']>[0]);
			e = { store, spec, limit: Math.max(1, Math.round(spec.limit * this.factor)) };
			this.stores.set(name, e);
		}
		return e;
	}

	/**
	 * The middleware for one limit (hono-rate-limiter on this object's counters). Without
	 * `quotaHeaders`, answers let through carry no RateLimit headers (a refusal still says Retry-After).
	 */
	middleware(name: string, spec: LimitSpec, opts: { quotaHeaders?: boolean } = {}): MiddlewareHandler {
		return clientLimiter(name, spec, this.factor, this.entry(name, spec).store, opts.quotaHeaders ?? true);
	}

	/**
	 * Counts a request against each named limit, as the middleware would, and returns the last limit's
	 * quota (the one whose headers the middleware's answer carries). Returns null without counting when
	 * any of them is used up: the caller then hands the request to the API, which answers 429.
	 */
	take(address: string, ...limits: [name: string, spec: LimitSpec][]): Quota | null {
		const now = Date.now();
		const entries = limits.map(([name, spec]) => [name, this.entry(name, spec)] as const);
		for (const [name, e] of entries) {
			const client = e.store.get(`${name}:${address}`);
			if (client && (client.resetTime?.getTime() ?? 0) > now && client.totalHits >= e.limit) return null;
		}
		let quota: Quota | null = null;
		for (const [name, e] of entries) {
			const client = e.store.increment(`${name}:${address}`);
			quota = {
				limit: e.limit,
				remaining: Math.max(e.limit - client.totalHits, 0),
				windowMs: e.spec.windowMs,
				resetSeconds: Math.max(0, Math.ceil(((client.resetTime?.getTime() ?? now) - now) / 1000))
			};
		}
		return quota;
	}
}

/**
 * The limits that count a request to `path`, in the order app.ts applies its middleware (the last
 * one's RateLimit headers are the ones sent). The front server's fast lane counts with this list.
 */
export function limitsFor(path: string): [name: string, spec: LimitSpec][] {
	if (path.startsWith('/tiles/')) return [['tile', LIMITS.tiles]];
	if (path === '/api/search') return [['search', LIMITS.search], ['API', LIMITS.api]];
	if (path.startsWith('/api/')) return [['API', LIMITS.api]];
	return [];
}
