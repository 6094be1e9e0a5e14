/**
 * Guards every back-office and inquiry request passes: the client's address (for rate limits and
 * the audit log), the same-origin check on every mutation, and per-address rate limits.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import { rateLimiter } from 'hono-rate-limiter';
import { ApiError } from '../api/errors.ts';

export interface GuardOptions {
	/** extra origins allowed to send mutations (the public address, NT_PUBLIC_URL), e.g. https://standortkarte.example */
	allowedOrigins?: string[];
	/** take the client address from X-Forwarded-For (only behind a proxy that sets it) */
	trustProxy?: boolean;
}

/** The caller's address: SvelteKit hands it over as env.clientAddress; the Node server as the socket. */
export function clientAddress(c: Context, trustProxy = false): string {
	if (trustProxy) {
		const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
		if (forwarded) return forwarded.slice(0, 64);
	}
	const env = c.env as { clientAddress?: unknown } | undefined;
	if (env && typeof env.clientAddress === 'string') return env.clientAddress;
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

const SAFE = /^(GET|HEAD|OPTIONS)$/;

/**
 * Mutations must come from this site. Hono's csrf middleware covers form posts; JSON requests get the
 * same check here (Origin of this site, or Sec-Fetch-Site: same-origin), because the session cookie
 * rides along with any request a browser sends.
 */
export function sameOriginOnly(opts: GuardOptions): MiddlewareHandler {
	const allowed = (origin: string, c: Context) => {
		const url = new URL(c.req.url);
		if (origin === url.origin || (opts.allowedOrigins ?? []).includes(origin)) return true;
		// Behind a trusted proxy that ends TLS, the request arrives as http: its forwarded scheme counts.
		const proto = opts.trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
		return (proto === 'https' || proto === 'http') && origin === `${proto}://${url.host}`;
	};
	const forms = csrf({ origin: (origin, c) => allowed(origin, c) });
	const refuse = () => new ApiError(403, 'cross_site_request', 'cross-site request refused: mutations must come from this site (Origin header)');
	return async (c, next) => {
		if (SAFE.test(c.req.method)) return next();
		const origin = c.req.header('origin');
		const site = c.req.header('sec-fetch-site');
		if (!(site === 'same-origin' || (origin !== undefined && allowed(origin, c)))) throw refuse();
		let passed = false;
		try {
			await forms(c, async () => {
				passed = true;
			});
		} catch (e) {
			if (e instanceof HTTPException && e.status === 403) throw refuse();
			throw e;
		}
		if (passed) await next();
	};
}

export function perAddressLimit(opts: GuardOptions & { windowMs: number; limit: number; name: string; onlyMutations?: boolean }): MiddlewareHandler {
	return rateLimiter({
		windowMs: opts.windowMs,
		limit: opts.limit,
		standardHeaders: 'draft-6',
		keyGenerator: (c) => `${opts.name}:${clientAddress(c, opts.trustProxy)}`,
		skip: (c) => opts.onlyMutations === true && SAFE.test(c.req.method),
		handler: (c) => {
			c.header('Retry-After', String(Math.ceil(opts.windowMs / 1000)));
			return c.json({ error: 'rate_limited', detail: `too many requests from this address; try again in ${Math.ceil(opts.windowMs / 60000)} min` }, 429);
		}
	});
}
