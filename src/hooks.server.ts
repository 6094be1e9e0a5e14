import type { Handle } from '@sveltejs/kit';
import { basemapOrigins, pageSecurityHeaders } from '$lib/server/security-headers.ts';
import { withMapStartScript } from '$lib/server/page/map-start-script.ts';

const connectOrigins = basemapOrigins();
const PRELOADED_FONT = /noto-sans-latin-(400|700)-normal\.[\w-]+\.woff2$/;

/**
 * The document language follows ?lang= so screen readers pronounce the first paint correctly; pages
 * with the map start its worker and the archive's first request from their head; every page gets
 * its security headers.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const lang = event.url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	const scriptHashes: string[] = [];
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => {
			const page = withMapStartScript(html.replace('%lang%', lang), event.locals.mapDataVersion);
			if (page.hash) scriptHashes.push(page.hash);
			return page.html;
		},
		// The page's two text cuts load with the stylesheets, so the first layout already has them: no
		// second layout and paint when they arrive while the map starts. (Other scripts and weights load on use.)
		preload: ({ type, path }) => type === 'js' || type === 'css' || (type === 'font' && PRELOADED_FONT.test(path))
	});
	const embed = event.url.pathname === '/embed' || event.url.searchParams.get('embed') === '1';
	pageSecurityHeaders(response.headers, { embed, https: event.url.protocol === 'https:', connectOrigins, scriptHashes });
	return response;
};
