/**
 * ETags for read endpoints derived from the data version and the request URL. The database is
 * immutable between builds, so (version, URL) identifies a response exactly; a revalidation is
 * answered 304 before any query runs, and no response body has to be hashed.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app.ts';

export function versionedEtag(): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		let version: string | undefined;
		try {
			const store = c.get('data').store;
			// Back-office saves change what the public sees without a rebuild: their counter is part of the tag.
			version = `${store.meta().data_version}${store.overlay ? `.${store.contentVersion()}` : ''}`;
		} catch {
			// No database: the endpoint itself answers 503; nothing to tag.
			return next();
		}
		const url = new URL(c.req.url);
		const tag = `"${version}-${createHash('sha1').update(url.pathname + url.search).digest('base64url').slice(0, 16)}"`;
		if (c.req.header('If-None-Match') === tag) {
			return c.body(null, 304, { ETag: tag });
		}
		await next();
		if (c.res.status === 200) c.res.headers.set('ETag', tag);
	};
}
