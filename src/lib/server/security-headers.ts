/**
 * Security headers of the pages (the API sets its own in src/lib/server/api/app.ts). SvelteKit writes
 * the Content-Security-Policy from svelte.config.js; this adds what depends on the request or the
 * deployment: the embed page may be framed by partners, the basemap's server may be contacted, HSTS
 * only when the page was reached over HTTPS.
 */
/** Strict-Transport-Security, sent only with answers that came over HTTPS (pages and API alike). */
export const HSTS = 'max-age=31536000; includeSubDomains';

export interface PageSecurityOptions {
	embed: boolean;
	https: boolean;
	/** origins the map may fetch from besides its own (the basemap's server) */
	connectOrigins: string[];
	/** inline scripts of the page besides SvelteKit's own, as CSP hash sources */
	scriptHashes?: string[];
}

export function pageSecurityHeaders(headers: Headers, opts: PageSecurityOptions): void {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	if (!opts.embed) headers.set('X-Frame-Options', 'DENY');
	if (opts.https) headers.set('Strict-Transport-Security', HSTS);
	const csp = headers.get('Content-Security-Policy');
	if (!csp) return;
	let next = csp;
	if (opts.embed) next = next.replace("frame-ancestors 'none'", 'frame-ancestors *');
	if (opts.scriptHashes?.length) next = next.replace("script-src 'self'", `script-src 'self' ${opts.scriptHashes.join(' ')}`);
	if (opts.connectOrigins.length) next = next.replace("connect-src 'self'", `connect-src 'self' ${opts.connectOrigins.join(' ')}`);
	headers.set('Content-Security-Policy', next);
}

/** The basemap server the map contacts (see NT_BASEMAP in the README); none when it draws its own. */
export function basemapOrigins(setting = process.env.NT_BASEMAP): string[] {
	if (setting === 'none' || setting === 'pmtiles') return [];
	if (setting === undefined || setting === '' || setting.startsWith('basemap.de')) return ['https://sgx.geodatenzentrum.de'];
	try {
		return [new URL(setting).origin];
	} catch {
		return [];
	}
}
