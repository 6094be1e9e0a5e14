import type { Handle } from '@sveltejs/kit';
import { basemapOrigins, pageSecurityHeaders } from '$lib/server/security-headers.ts';

const connectOrigins = basemapOrigins();

/**
 * The document language follows ?lang= so screen readers pronounce the first paint correctly; every
 * page gets its security headers.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const lang = event.url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
	const embed = event.url.pathname === '/embed' || event.url.searchParams.get('embed') === '1';
	pageSecurityHeaders(response.headers, { embed, https: event.url.protocol === 'https:', connectOrigins });
	return response;
};
