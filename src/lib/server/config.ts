/**
 * Where the product finds its built data and the official sources. Everything is configurable by
 * environment so that a deployment, the tests and CI can point at their own folders.
 *
 * NT_SOURCES   folder with official source files to import (optional; the built-in seed works alone)
 * NT_TILES_DIR folder of the built PMTiles archives (default: <root>/tiles)
 * NT_DB        built SQLite database (default: <root>/var/standortkarte.sqlite)
 * NT_CONTENT_DB the back office's content database (default: <root>/var/content.sqlite)
 * NT_ROOT      project root (default: the current working directory)
 */
import path from 'node:path';

export interface DataPaths {
	root: string;
	seedDir: string;
	tilesDir: string;
	dbFile: string;
	contentDbFile: string;
	manifestFile: string;
	sourcesDir: string | null;
}

export const ARCHIVE_NAME = 'standortkarte';

/**
 * The address the public reaches the map at (NT_PUBLIC_URL, else SvelteKit's ORIGIN), for absolute
 * links such as TileJSON tile URLs; null when not configured, and then links stay relative. Never taken
 * from the request's Host header, which any client can set.
 */
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string | null {
	for (const raw of [env.NT_PUBLIC_URL, env.ORIGIN]) {
		if (!raw) continue;
		try {
			const u = new URL(raw);
			if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
		} catch {
			// not a URL: ignored like an unset variable
		}
	}
	return null;
}

export function dataPaths(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DataPaths {
	const root = path.resolve(env.NT_ROOT ?? cwd);
	const dbFile = path.resolve(root, env.NT_DB ?? path.join('var', 'standortkarte.sqlite'));
	return {
		root,
		seedDir: path.join(root, 'data', 'seed'),
		tilesDir: path.resolve(root, env.NT_TILES_DIR ?? 'tiles'),
		dbFile,
		contentDbFile: path.resolve(root, env.NT_CONTENT_DB ?? path.join('var', 'content.sqlite')),
		// The manifest lives beside the database so that separate builds (tests, CI) never share one.
		manifestFile: path.join(path.dirname(dbFile), 'build-manifest.json'),
		sourcesDir: env.NT_SOURCES ? path.resolve(root, env.NT_SOURCES) : null
	};
}
