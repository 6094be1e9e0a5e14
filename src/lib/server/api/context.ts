/**
 * The data the API serves: the database and the tile archives, loaded lazily and re-loaded when a
 * rebuild replaced the files. Missing data makes the affected endpoints answer 503, nothing crashes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { FileVersion } from '../file-version.ts';
import path from 'node:path';
import { Store, DataUnavailable } from '../db/store.ts';
import { loadArchive } from '../tiles/archive.ts';
import type { LoadedArchive } from '../tiles/archive.ts';

export interface DataContextOptions {
	dbFile: string;
	tilesDir: string;
	/** how often (ms) to look for rebuilt files; 0 checks on every request */
	recheckMs?: number;
	/** archives served under a name from elsewhere than tilesDir (the self-hosted basemap) */
	archiveFiles?: Record<string, string>;
}

export class DataContext {
	readonly store: Store;
	readonly tilesDir: string;
	private archives = new Map<string, { archive: LoadedArchive | null; error: string | null; mtimeMs: number; version: FileVersion }>();
	private readonly recheckMs: number;
	private readonly archiveFiles: Record<string, string>;

	constructor(opts: DataContextOptions) {
		this.recheckMs = opts.recheckMs ?? 0;
		this.archiveFiles = opts.archiveFiles ?? {};
		this.store = new Store(opts.dbFile, this.recheckMs);
		this.tilesDir = opts.tilesDir;
	}

	/** Archive names are plain identifiers; anything else can never reach the file system. */
	static isArchiveName(name: string): boolean {
		return /^[a-z0-9][a-z0-9_-]{0,63}$/.test(name);
	}

	archiveNames(): string[] {
		if (!existsSync(this.tilesDir)) return [];
		return readdirSync(this.tilesDir)
			.filter((f) => f.endsWith('.pmtiles'))
			.map((f) => f.slice(0, -'.pmtiles'.length))
			.filter((n) => DataContext.isArchiveName(n))
			.sort();
	}

	/** null when no such archive exists; throws DataUnavailable when it exists but cannot be read. */
	archive(name: string): LoadedArchive | null {
		if (!DataContext.isArchiveName(name)) return null;
		const file = Object.hasOwn(this.archiveFiles, name) ? this.archiveFiles[name]! : path.join(this.tilesDir, `${name}.pmtiles`);
		// Only archives that exist get a cached version, so unknown names cannot grow the cache.
		const cached = this.archives.get(name);
		const version = cached?.version ?? new FileVersion(file, this.recheckMs);
		const mtimeMs = version.current();
		if (!mtimeMs) {
			this.archives.delete(name);
			return null;
		}
		if (cached && cached.mtimeMs === mtimeMs) {
			if (cached.error) throw new DataUnavailable(cached.error);
			return cached.archive;
		}
		try {
			const archive = loadArchive(name, file);
			this.archives.set(name, { archive, error: null, mtimeMs, version });
			return archive;
		} catch (e) {
			const error = `tile archive ${name} unreadable: ${(e as Error).message}`;
			this.archives.set(name, { archive: null, error, mtimeMs, version });
			throw new DataUnavailable(error);
		}
	}
}
