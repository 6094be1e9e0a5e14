/** Runs the real data build (scripts/build-data.ts) into a temporary folder for tests. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PROJECT_ROOT } from './sources.ts';

export { PROJECT_ROOT, SOURCES, HAVE_SOURCES } from './sources.ts';

export interface BuildOutput {
	dir: string;
	tilesDir: string;
	archive: string;
	dbFile: string;
	status: number | null;
	stdout: string;
	stderr: string;
}

export function runBuild(opts: { sources?: string | null; dir?: string; contentDb?: string } = {}): BuildOutput {
	const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'nt-build-'));
	const tilesDir = path.join(dir, 'tiles');
	const dbFile = path.join(dir, 'standortkarte.sqlite');
	// The build reads the back office's content database when it exists; tests use their own (absent unless created).
	const env: NodeJS.ProcessEnv = { ...process.env, NT_ROOT: PROJECT_ROOT, NT_TILES_DIR: tilesDir, NT_DB: dbFile, NT_CONTENT_DB: opts.contentDb ?? path.join(dir, 'content.sqlite') };
	delete env.NT_SOURCES;
	if (opts.sources) env.NT_SOURCES = opts.sources;
	const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build-data.ts')], { env, encoding: 'utf8', cwd: dir });
	return { dir, tilesDir, archive: path.join(tilesDir, 'standortkarte.pmtiles'), dbFile, status: r.status, stdout: r.stdout, stderr: r.stderr };
}
