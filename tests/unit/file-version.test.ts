/**
 * Data files of one build are looked up together: after a rebuild the API must never pair the new
 * tile archive with the old database. Before the group, each file had its own clock and the pair
 * could disagree for up to one interval.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileVersion, FileVersionGroup } from '../../src/lib/server/file-version.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nt-fileversion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function touch(file: string, seconds: number): void {
	writeFileSync(file, 'x');
	utimesSync(file, seconds, seconds);
}

describe('FileVersionGroup', () => {
	it('switches the database and the archive at the same moment', () => {
		const db = path.join(dir, 'db.sqlite');
		const tiles = path.join(dir, 'tiles.pmtiles');
		touch(db, 1_000);
		touch(tiles, 1_000);
		let now = 0;
		const group = new FileVersionGroup(1_000, () => now);
		const a = new FileVersion(db, group);
		const b = new FileVersion(tiles, group);
		expect([a.current(), b.current()]).toEqual([1_000_000, 1_000_000]);
		now = 600;
		b.current();
		// the rebuild renames both files into place
		touch(db, 2_000);
		touch(tiles, 2_000);
		now = 1_100;
		// one look-up refreshes both: never the new archive next to the old database
		expect(b.current()).toBe(2_000_000);
		expect(a.current()).toBe(2_000_000);
	});

	it('looks again only after its interval', () => {
		const f = path.join(dir, 'one');
		touch(f, 3_000);
		let now = 0;
		const v = new FileVersion(f, new FileVersionGroup(1_000, () => now));
		expect(v.current()).toBe(3_000_000);
		touch(f, 4_000);
		now = 500;
		expect(v.current()).toBe(3_000_000);
		now = 1_000;
		expect(v.current()).toBe(4_000_000);
	});
});
