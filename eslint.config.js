// Lint rules for the whole code base (app, API, data pipeline, tests). Part of `npm test`, so a rule
// broken anywhere fails the run; `npm run lint` runs it alone.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', '.cache/', 'test-results/', 'tiles/', 'var/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		// TypeScript itself checks names (and knows ambient types such as GeoJSON); this rule would not.
		files: ['**/*.ts', '**/*.svelte'],
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	},
	{
		rules: {
			// `_`-prefixed names mark parameters that an interface requires but a function does not use.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Links inside the app are plain paths; the app has no base path to resolve them against.
			'svelte/no-navigation-without-resolve': 'off'
		}
	}
);
