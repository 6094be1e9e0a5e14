/**
 * `npm run backup [-- <target file>]`: a consistent copy of the content database while the server
 * runs (SQLite's online backup through node:sqlite), written to a temporary file and moved into
 * place, so a backup is either complete or absent. Default target: var/backups/content-<time>.sqlite.
 */
import { backup, DatabaseSync } from 'node:sqlite';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../src/lib/server/config.ts';

const paths = dataPaths();
if (!existsSync(paths.contentDbFile)) {
	console.error(`No content database at ${paths.contentDbFile} (NT_CONTENT_DB); nothing to back up.`);
	process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const target = path.resolve(process.argv[2] ?? path.join(path.dirname(paths.contentDbFile), 'backups', `content-${stamp}.sqlite`));
mkdirSync(path.dirname(target), { recursive: true });
const tmp = `${target}.tmp-${process.pid}`;
const source = new DatabaseSync(paths.contentDbFile, { readOnly: true });
try {
	const pages = await backup(source, tmp);
	const copy = new DatabaseSync(tmp, { readOnly: true });
	const check = copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
	const items = (copy.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
	copy.close();
	if (check.integrity_check !== 'ok') throw new Error(`integrity check of the copy failed: ${check.integrity_check}`);
	renameSync(tmp, target);
	console.log(`Backed up ${paths.contentDbFile} → ${target} (${pages} pages, ${items} entries)`);
} catch (e) {
	rmSync(tmp, { force: true });
	console.error(`Backup failed: ${(e as Error).message}`);
	process.exitCode = 1;
} finally {
	source.close();
}
