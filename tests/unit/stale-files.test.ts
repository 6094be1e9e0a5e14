/** A build killed while writing leaves temporary files; the next build or start removes them. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from '../../src/lib/server/stale-files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nt-stale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that certainly belongs to no running process: one that has just exited. */
function deadPid(): number {
	return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('removeStaleTempFiles', () => {
	it('removes files of dead builds and keeps those of running ones and everything else', () => {
		const varDir = path.join(dir, 'var');
		const tilesDir = path.join(dir, 'tiles');
		mkdirSync(varDir);
		mkdirSync(tilesDir);
		const dead = deadPid();
		const files = {
			dbTmp: path.join(varDir, `standortkarte.sqlite.build.tmp-${dead}`),
			dbJournal: path.join(varDir, `standortkarte.sqlite.build.tmp-${dead}-journal`),
			built: path.join(varDir, 'standortkarte.sqlite.build'),
			archiveTmp: path.join(tilesDir, `standortkarte.pmtiles.tmp-${dead}`),
			running: path.join(varDir, `standortkarte.sqlite.build.tmp-${process.pid}`),
			db: path.join(varDir, 'standortkarte.sqlite'),
			archive: path.join(tilesDir, 'standortkarte.pmtiles'),
			other: path.join(varDir, 'content.sqlite')
		};
		for (const f of Object.values(files)) writeFileSync(f, 'x');
		const removed = removeStaleTempFiles(files.db, tilesDir, 'standortkarte');
		expect(removed.sort()).toEqual([files.dbTmp, files.dbJournal, files.built, files.archiveTmp].sort());
		for (const f of [files.running, files.db, files.archive, files.other]) expect(existsSync(f), f).toBe(true);
		expect(readdirSync(varDir).sort()).toEqual(['content.sqlite', 'standortkarte.sqlite', `standortkarte.sqlite.build.tmp-${process.pid}`]);
	});
});
