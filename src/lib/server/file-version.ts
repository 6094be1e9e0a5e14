/**
 * The modification time of a data file, looked up at most once per interval. A rebuild replaces the
 * tiles and the database by renaming; serving picks the new files up without a restart, while the hot
 * path does not pay a stat() per request.
 */
import { statSync } from 'node:fs';

export class FileVersion {
	private readonly file: string;
	private readonly intervalMs: number;
	private checkedAt = -Infinity;
	private mtimeMs = 0;

	constructor(file: string, intervalMs: number) {
		this.file = file;
		this.intervalMs = intervalMs;
	}

	/** mtime in ms, or 0 when the file does not exist. */
	current(): number {
		const now = performance.now();
		if (now - this.checkedAt < this.intervalMs) return this.mtimeMs;
		this.checkedAt = now;
		try {
			this.mtimeMs = statSync(this.file).mtimeMs;
		} catch {
			this.mtimeMs = 0;
		}
		return this.mtimeMs;
	}
}
