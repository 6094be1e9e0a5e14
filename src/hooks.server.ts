import type { Handle } from '@sveltejs/kit';

/** The document language follows ?lang= so screen readers pronounce the first paint correctly. */
export const handle: Handle = ({ event, resolve }) => {
	const lang = event.url.searchParams.get('lang') === 'en' ? 'en' : 'de';
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};
