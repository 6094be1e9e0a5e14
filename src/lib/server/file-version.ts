/**
 * The modification times of the data files, looked up at most once per interval. A rebuild replaces
 * the tiles and the database by renaming; serving picks the new files up without a restart, while the
 * hot path does not pay a stat() per request.
 *
 * All files of one group are looked up together: the database and the tile archive of one build are
 * renamed into place a moment apart, and checking each on its own clock would pair the new archive
 * with the old database (or the other way round) for up to an interval.
 */
import { statSync } from 'node:fs';

export class FileVersionGroup {
	private readonly intervalMs: number;
	private readonly now: () => number;
	private checkedAt = -Infinity;
	private readonly members = new Set<FileVersion>();

	constructor(intervalMs: number, now: () => number = () => performance.now()) {
		this.intervalMs = intervalMs;
		this.now = now;
	}

	/** Re-reads every member's mtime when the interval has passed. */
	refresh(): void {
		const t = this.now();
		if (t - this.checkedAt < this.intervalMs) return;
		this.checkedAt = t;
		for (const m of this.members) m.stat();
	}

	add(member: FileVersion): void {
		this.members.add(member);
		member.stat();
	}

	remove(member: FileVersion): void {
		this.members.delete(member);
	}
}

export class FileVersion {
	readonly file: string;
	private readonly group: FileVersionGroup;
	private mtimeMs = 0;

	/** `group` shares the look-ups with other files; a number makes a group of this file alone. */
	constructor(file: string, group: FileVersionGroup | number) {
		this.file = file;
		this.group = typeof group === 'number' ? new FileVersionGroup(group) : group;
		this.group.add(this);
	}

	/** @internal called by the group */
	stat(): void {
		try {
			this.mtimeMs = statSync(this.file).mtimeMs;
		} catch {
			this.mtimeMs = 0;
		}
	}

	/** mtime in ms, or 0 when the file does not exist. */
	current(): number {
		this.group.refresh();
		return this.mtimeMs;
	}
}
