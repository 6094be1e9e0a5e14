/**
 * The data the API serves: the database and the tile archives, loaded lazily and re-loaded when a
 * rebuild replaced the files. Missing data makes the affected endpoints answer 503, nothing crashes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { FileVersion, FileVersionGroup } from '../file-version.ts';
import path from 'node:path';
import { Store, DataUnavailable } from '../db/store.ts';
import { ArchiveDamaged, loadArchive } from '../tiles/archive.ts';
import type { LoadedArchive } from '../tiles/archive.ts';

export interface DataContextOptions {
	dbFile: string;
	tilesDir: string;
	/** how often (ms) to look for rebuilt files; 0 checks on every request */
	recheckMs?: number;
	/** archives served under a name from elsewhere than tilesDir (the self-hosted basemap) */
	archiveFiles?: Record<string, string>;
	/** operator log (data problems found while serving) */
	log?: (line: string) => void;
	/** the back office's content database; its published entries overlay the built rows */
	contentFile?: string;
}

export class DataContext {
	readonly store: Store;
	readonly tilesDir: string;
	/** per archive: the load of its current file version (shared by concurrent requests) */
	private archives = new Map<string, { loading: Promise<LoadedArchive>; mtimeMs: number; version: FileVersion }>();
	private readonly recheckMs: number;
	private readonly archiveFiles: Record<string, string>;
	private readonly files: FileVersionGroup;
	/**
	 * Bumped by anything that changes API answers without a rebuild (e.g. published edits), so that
	 * ETags and cached answers (versioned-etag.ts) never outlive the content they were made from.
	 */
	liveVersion = 0;

	readonly log: (line: string) => void;

	/**
	 * What the public answers are made from: the build's data version, plus the back office's content
	 * version (saves change answers without a rebuild) and liveVersion. Keys ETags and cached answers
	 * and pages. Throws DataUnavailable without a database.
	 */
	version(): string {
		const built = this.store.meta().data_version;
		const content = this.store.contentVersion();
		return `${built}.${this.liveVersion}${content ? `.${content}` : ''}`;
	}

	constructor(opts: DataContextOptions) {
		this.log = opts.log ?? ((line: string) => console.error(line));
		this.recheckMs = opts.recheckMs ?? 0;
		this.archiveFiles = opts.archiveFiles ?? {};
		// The database and the archives of one build are looked up together, so they switch together.
		this.files = new FileVersionGroup(this.recheckMs);
		this.store = new Store(opts.dbFile, this.files, opts.contentFile ?? null);
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

	/**
	 * The loaded archive: null when no such archive exists; rejects with DataUnavailable when it exists
	 * but cannot be read. An unchanged archive gives the very same promise each time (not a new one
	 * per call, as an async function would): the front server's fast lane recognises it and answers
	 * the tile without waiting a turn (src/lib/server/front/fast-lane.ts).
	 */
	archive(name: string): Promise<LoadedArchive | null> {
		if (!DataContext.isArchiveName(name)) return Promise.resolve(null);
		const file = Object.hasOwn(this.archiveFiles, name) ? this.archiveFiles[name]! : path.join(this.tilesDir, `${name}.pmtiles`);
		// Only archives that exist get a cached version, so unknown names cannot grow the cache.
		const cached = this.archives.get(name);
		const version = cached?.version ?? new FileVersion(file, this.files);
		const mtimeMs = version.current();
		if (!mtimeMs) {
			this.archives.delete(name);
			this.files.remove(version);
			return Promise.resolve(null);
		}
		if (cached && cached.mtimeMs === mtimeMs) return cached.loading;
		const loading = loadArchive(name, file).catch((e: unknown) => {
			throw new DataUnavailable(
				e instanceof ArchiveDamaged ? 'The map tiles are incomplete or damaged.' : 'The map tiles cannot be read.',
				`tile archive ${file} unreadable: ${(e as Error).message}`
			);
		});
		// A broken file stays broken until it changes: remember the failure, answer it without re-reading.
		loading.catch(() => undefined);
		this.archives.set(name, { loading, mtimeMs, version });
		return loading;
	}
}
