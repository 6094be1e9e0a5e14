/**
 * Runs the data build when the tiles or the database are missing or their inputs changed, so a
 * fresh clone shows the map on first start and later starts skip the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { dataPaths, ARCHIVE_NAME } from '../src/lib/server/config.ts';
import { buildInputKey } from './lib/input-key.ts';

const paths = dataPaths();
const archive = path.join(paths.tilesDir, `${ARCHIVE_NAME}.pmtiles`);
const key = buildInputKey(paths.root, paths.seedDir, paths.sourcesDir);
let reason = '';
if (!existsSync(archive) || !existsSync(paths.dbFile) || !existsSync(paths.manifestFile)) reason = 'no built data yet';
else {
	const manifest = JSON.parse(readFileSync(paths.manifestFile, 'utf8')) as { input_key?: string };
	if (manifest.input_key !== key) reason = 'inputs changed since the last build';
}
if (reason) {
	console.log(`Building data (${reason}) …`);
	const r = spawnSync(process.execPath, [path.join(paths.root, 'scripts', 'build-data.ts')], { stdio: 'inherit', env: process.env });
	process.exit(r.status ?? 1);
} else {
	console.log('Data is up to date (tiles and database match the seed and sources).');
}
