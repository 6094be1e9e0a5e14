/**
 * With a back office, reads can change at any save: browsers and proxies must revalidate (cheap,
 * the ETag carries the content version) instead of reusing an answer for a minute.
 */
import type { MiddlewareHandler } from 'hono';

export function revalidateEditedReads(): MiddlewareHandler {
	return async (c, next) => {
		await next();
		const cc = c.res.headers.get('Cache-Control');
		if (cc && /^public, max-age=\d+$/.test(cc)) c.res.headers.set('Cache-Control', 'public, no-cache');
	};
}
