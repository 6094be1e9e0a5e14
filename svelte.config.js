import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Scripts only from the app itself; SvelteKit adds the hash of its own inline start-up script
		// (hashes rather than nonces, so equal pages are equal bytes and can be served from memory,
		// see src/lib/server/front/page-cache.ts). Styles may be inline: Svelte's style: directives
		// and MapLibre set element styles.
		// src/hooks.server.ts adds the basemap's origin to connect-src and opens frame-ancestors for /embed.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'child-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
