import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import svelteConfig from './svelte.config.js';
import { basemapSpritePlugin } from './scripts/lib/vite-basemap-sprite.ts';

export default defineConfig({
	plugins: [sveltekit(), basemapSpritePlugin({ appDir: svelteConfig.kit?.appDir ?? '_app' })],
	build: {
		// MapLibre alone is about 1 MB; it is the map, so the warning would only repeat that.
		chunkSizeWarningLimit: 1500,
		// The SvelteKit compile hooks dominate a short build by design; the timing report is noise here.
		rolldownOptions: { checks: { bundlerTimings: false } }
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
					environment: 'node',
					// Several tests read the real official files or run the data build; on a busy 2-core
					// machine they take ten times as long as alone, so no test may count on an idle machine.
					testTimeout: 60_000,
					hookTimeout: 180_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					environment: 'node',
					// A map in software WebGL on a busy machine can take a minute to settle.
					testTimeout: 180_000,
					hookTimeout: 180_000,
					// Polls wait for what a loaded machine may take seconds to draw; a poll that needs longer fails the test.
					expect: { poll: { timeout: 30_000 } },
					fileParallelism: false
				}
			}
		]
	}
});
