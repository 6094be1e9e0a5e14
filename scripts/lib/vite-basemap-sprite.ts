/**
 * Vite plugin: makes the self-hosted basemap's sprite (scripts/lib/basemap-sprite.ts) during the
 * build and serves it from the app itself. Nothing is written to the source tree: the four files go
 * into the client build's immutable assets beside the fonts, under one content-hashed name
 * (`<appDir>/immutable/assets/basemap-sprite-<hash>.json|.png|@2x.json|@2x.png`), so they are
 * served like every other asset (one-year immutable caching, the server's security headers) and a
 * changed sheet gets a new name. MapLibre needs one base URL for all four files, which Vite's own
 * per-file asset hashing would not give.
 *
 * The app reads `virtual:basemap-sprite`: the URL of the 1× index (relative to the page, as Vite
 * writes asset URLs) and the sheet's image names. Only the pmtiles mode imports it (lazily), so no other mode loads or requests it.
 * In `vite dev` (and vitest) the files are answered by a middleware instead.
 */
import type { Plugin } from 'vite';
import { buildBasemapSprite, spriteFiles, spriteHash } from './basemap-sprite.ts';
import type { SpriteSheet } from './basemap-sprite.ts';

export const SPRITE_MODULE = 'virtual:basemap-sprite';
const RESOLVED = `\0${SPRITE_MODULE}`;
const DEV_PREFIX = '/@basemap-sprite/';

export function basemapSpritePlugin(opts: { appDir: string }): Plugin {
	let sheets: SpriteSheet[] | undefined;
	const sprite = () => {
		sheets ??= buildBasemapSprite();
		const name = `basemap-sprite-${spriteHash(sheets)}`;
		return { name, files: spriteFiles(sheets, name), names: Object.keys(sheets[0]!.index) };
	};
	let command: 'build' | 'serve' = 'serve';
	return {
		name: 'nt-basemap-sprite',
		configResolved(config) {
			command = config.command;
		},
		resolveId(id) {
			return id === SPRITE_MODULE ? RESOLVED : undefined;
		},
		load(id) {
			if (id !== RESOLVED) return undefined;
			const { name, files, names } = sprite();
			const exportNames = `export const spriteNames = ${JSON.stringify(names)};`;
			if (command === 'serve') return `export const spriteIndexUrl = ${JSON.stringify(`${DEV_PREFIX}${name}.json`)};\n${exportNames}`;
			// The server build renders no map; only the browser's bundle carries the files.
			if (this.environment.config.consumer === 'server') return `export const spriteIndexUrl = '';\n${exportNames}`;
			let indexRef = '';
			for (const [file, source] of files) {
				const ref = this.emitFile({ type: 'asset', fileName: `${opts.appDir}/immutable/assets/${file}`, source });
				if (file === `${name}.json`) indexRef = ref;
			}
			// Vite resolves this to the file's URL relative to the importing chunk, as it does for `?url` imports.
			return `export const spriteIndexUrl = import.meta.ROLLUP_FILE_URL_${indexRef};\n${exportNames}`;
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const path = req.url?.split('?')[0] ?? '';
				if (!path.startsWith(DEV_PREFIX)) return next();
				const body = sprite().files.get(path.slice(DEV_PREFIX.length));
				if (!body) return next();
				res.setHeader('Content-Type', path.endsWith('.png') ? 'image/png' : 'application/json');
				res.setHeader('X-Content-Type-Options', 'nosniff');
				res.end(body);
			});
		}
	};
}
