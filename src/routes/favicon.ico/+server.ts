import type { RequestHandler } from './$types';

/** Browsers and feed readers ask for /favicon.ico whatever the page links; the icon is an SVG. */
export const GET: RequestHandler = () => new Response(null, { status: 301, headers: { Location: '/favicon.svg', 'Cache-Control': 'public, max-age=86400' } });
