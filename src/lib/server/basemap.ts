/**
 * The deployment's basemap choice (NT_BASEMAP) and the self-hosted basemap archive, if any
 * (the first *.pmtiles file in NT_SOURCES/basemap/, served as /tiles/basemap.pmtiles).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { dataPaths } from './config.ts';
import { parseBasemapSetting } from '../map/basemap.ts';
import type { BasemapSetting } from '../map/basemap.ts';

export function basemapArchiveFile(env: NodeJS.ProcessEnv = process.env): string | null {
	const sources = dataPaths(env).sourcesDir;
	if (!sources) return null;
	const dir = path.join(sources, 'basemap');
	if (!existsSync(dir)) return null;
	const file = readdirSync(dir)
		.filter((f) => f.endsWith('.pmtiles'))
		.sort()[0];
	return file ? path.join(dir, file) : null;
}

let reported = false;

/**
 * The setting handed to the page. A value the product does not understand is named once in the
 * server log and the map runs on its built-in overview, contacting no other server.
 */
export function basemapSetting(env: NodeJS.ProcessEnv = process.env): BasemapSetting {
	try {
		return parseBasemapSetting(env.NT_BASEMAP, env.NT_BASEMAP?.trim() === 'pmtiles' && basemapArchiveFile(env) !== null);
	} catch (e) {
		if (!reported) console.error(`${(e as Error).message}; the map uses its built-in overview`);
		reported = true;
		return parseBasemapSetting('none');
	}
}

/** Archives served from outside the tiles folder: with NT_BASEMAP=pmtiles, the basemap as /tiles/basemap.pmtiles. */
export function basemapArchiveFiles(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
	const file = env.NT_BASEMAP?.trim() === 'pmtiles' ? basemapArchiveFile(env) : null;
	return file ? { basemap: file } : {};
}
