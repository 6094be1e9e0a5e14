/**
 * Temporary files that a killed build leaves behind (`<db>.build.tmp-<pid>`, its journal,
 * `<archive>.tmp-<pid>`, `<db>.build`) are removed at the next build or start. Files of a process
 * that is still running are kept: that build may still be writing them.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: the process exists but belongs to someone else.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Names in `dir` that are temporary files derived from `base` (a file name in that folder). */
function staleIn(dir: string, base: string, includeBuildFile: boolean): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	const tmp = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.build)?\\.tmp-(\\d+)(-journal|-wal|-shm)?$`);
	return names.filter((name) => {
		const m = tmp.exec(name);
		if (m) return !alive(Number(m[2]));
		return includeBuildFile && (name === `${base}.build` || name === `${base}.build-journal`);
	});
}

/**
 * Removes stale temporary files of the database and the archives; returns what it removed.
 * `includeBuildFile`: also the finished-but-not-moved `<db>.build` (safe when no build is running).
 */
export function removeStaleTempFiles(dbFile: string, tilesDir: string, archiveName: string, includeBuildFile = true): string[] {
	const removed: string[] = [];
	const targets: [string, string][] = [
		[path.dirname(dbFile), path.basename(dbFile)],
		[tilesDir, `${archiveName}.pmtiles`]
	];
	for (const [dir, base] of targets) {
		for (const name of staleIn(dir, base, includeBuildFile)) {
			rmSync(path.join(dir, name), { force: true });
			removed.push(path.join(dir, name));
		}
	}
	return removed;
}
