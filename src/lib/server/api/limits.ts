/**
 * Request limits per client address, so that one client cannot starve the others: generous for
 * tiles (a map view fetches dozens at once), stricter for the data API and strictest for search.
 * A client over its limit gets 429 with Retry-After and the API's JSON error shape.
 *
 * NT_RATE_LIMIT_FACTOR multiplies every limit (e.g. 1000 for load tests from a single address);
 * NT_TRUST_PROXY=1 takes the client address from X-Forwarded-For (only behind a trusted proxy).
 */
import { rateLimiter } from 'hono-rate-limiter';
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
	if (trustProxy) {
		const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
		if (forwarded) return forwarded;
	}
	const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
	return env?.incoming?.socket?.remoteAddress ?? 'in-process';
}

export function limitFactor(raw = process.env.NT_RATE_LIMIT_FACTOR): number {
	const n = Number(raw);
	return raw !== undefined && Number.isFinite(n) && n > 0 ? n : 1;
}

export function clientLimiter(name: string, spec: LimitSpec, factor = limitFactor()): MiddlewareHandler {
	return rateLimiter({
		windowMs: spec.windowMs,
		limit: Math.max(1, Math.round(spec.limit * factor)),
		standardHeaders: 'draft-6',
		keyGenerator: (c) => `${name}:${clientAddress(c)}`,
		handler: (c) => {
			c.header('Retry-After', String(Math.ceil(spec.windowMs / 1000)));
			return c.json(errorBody('rate_limited', `too many ${name} requests from this address; try again later`), 429);
		}
	});
}
