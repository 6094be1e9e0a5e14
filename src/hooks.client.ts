import type { ClientInit } from '@sveltejs/kit';

/**
 * The map starts before SvelteKit hydrates the page: the server wrote what it starts with into its
 * container, so the map's tiles load while the panels become live. Imported only where that
 * container exists, so other pages do not load MapLibre.
 */
export const init: ClientInit = async () => {
	if (!document.querySelector('[data-map-boot]')) return;
	const { startEarly } = await import('$lib/map/map-start.ts');
	startEarly();
};
