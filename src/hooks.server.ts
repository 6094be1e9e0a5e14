import type { Handle } from '@sveltejs/kit';
import { basemapOrigins, pageSecurityHeaders } from '$lib/server/security-headers.ts';

const connectOrigins = basemapOrigins();
const PRELOADED_FONT = /noto-sans-latin-(400|700)-normal\.[\w-]+\.woff2$/;

/**
 * The document language follows ?lang= so screen readers pronounce the first paint correctly; every
 * page gets its security headers.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const lang = event.url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang),
		// The page's two text cuts load with the stylesheets, so the first layout already has them: no
		// second layout and paint when they arrive while the map starts. (Other scripts and weights load on use.)
		preload: ({ type, path }) => type === 'js' || type === 'css' || (type === 'font' && PRELOADED_FONT.test(path))
	});
	const embed = event.url.pathname === '/embed' || event.url.searchParams.get('embed') === '1';
	pageSecurityHeaders(response.headers, { embed, https: event.url.protocol === 'https:', connectOrigins });
	return response;
};
