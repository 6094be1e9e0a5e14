/**
 * Read access to the built database. Opened read-only and lazily; if the file is missing or broken
 * every call throws DataUnavailable, which the API turns into a 503 while the rest keeps working.
 */
import { DatabaseSync } from 'node:sqlite';
import { existsSync } from 'node:fs';
import type { StatementSync } from 'node:sqlite';
import { FileVersion, FileVersionGroup } from '../file-version.ts';
import distance from '@turf/distance';
import type { Provenance, SearchHit } from '../../data/model.ts';
import { normalizeSearchText, SCHEMA_VERSION } from './schema.ts';
import { choroplethTheme, getTheme, searchKind, themeFields } from '../../themes/registry.ts';
import type { Field } from '../../themes/registry.ts';

function themeFieldByKey(themeId: string, key: string): Field | undefined {
	const theme = getTheme(themeId);
	return theme ? themeFields(theme).find((f) => f.key === key) : undefined;
}

/**
 * The data cannot be served. `message` is said to the public in plain words; `detail` (file paths,
 * SQLite's own words) goes only to the operator's log.
 */
export class DataUnavailable extends Error {
	readonly detail: string;
	constructor(message: string, detail?: string) {
		super(message);
		this.name = 'DataUnavailable';
		this.detail = detail ?? message;
	}
}

/**
 * SQLite's "database disk image is malformed" (SQLITE_CORRUPT, 11) and "file is not a database"
 * (SQLITE_NOTADB, 26): the data is broken, not the request, so the API answers 503 rather than 500.
 */
export function isCorruptDatabaseError(e: unknown): boolean {
	const err = e as { code?: unknown; errcode?: unknown } | null;
	return !!err && err.code === 'ERR_SQLITE_ERROR' && (err.errcode === 11 || err.errcode === 26);
}

export interface FeatureRow {
	fid: number;
	id: string;
	theme: string;
	category: string | null;
	name: string;
	ags_municipality: string | null;
	municipality: string | null;
	ags_district: string | null;
	district: string | null;
	approx: number;
	lon: number | null;
	lat: number | null;
	geometry: string;
	props: string;
	source_id: string;
}

export interface FeatureQuery {
	theme: string;
	bbox?: [number, number, number, number];
	afterFid?: number;
	limit: number;
	/** field → accepted values (enum) */
	enums: Record<string, string[]>;
	/** field → boolean */
	flags: Record<string, boolean>;
	/** field → [min, max] (either may be null) */
	ranges: Record<string, [number | string | null, number | string | null]>;
}


export interface RegionRow {
	ags: string;
	level: string;
	boundary_edition: string;
	name: string;
	bez: string | null;
	ags_district: string | null;
	lon: number;
	lat: number;
	min_x: number;
	min_y: number;
	max_x: number;
	max_y: number;
	geometry: string;
	source_id: string;
}

/** The built features' columns, which the content database's live_features view repeats. */
const FEATURE_COLUMNS = ['fid', 'id', 'theme', 'category', 'name', 'ags_municipality', 'municipality', 'ags_district', 'district', 'approx', 'lon', 'lat', 'geometry', 'props', 'source_id'];

export interface PlanningValueRow {
	ags: string;
	audience: string;
	as_of: string;
	metric: string;
	value: number | null;
	method: string | null;
	reason: string | null;
	from_codes: string;
	source_id: string;
	source_boundary: string;
}

/** Columns that exist on the features table; every other filter field lives in the JSON props. */
const COLUMN_FIELDS = new Set(['category', 'ags_district', 'ags_municipality', 'municipality', 'district', 'name']);

export class Store {
	readonly file: string;
	private db: DatabaseSync | null = null;
	private openedMtime = 0;
	private statements = new Map<string, StatementSync>();
	private error: DataUnavailable | null = null;

	private readonly version: FileVersion;
	private cachedSources: Map<string, Provenance> | null = null;
	private cachedMeta: Record<string, string> | null = null;
	/** feature id → what is wrong with its stored row; found at open and while serving */
	private badRows = new Map<string, string>();

	/**
	 * The back office's content database, attached read-only: its published entries replace the built
	 * rows with the same id (and add new ones), so a publish shows at once without a rebuild.
	 */
	readonly contentFile: string | null;
	private contentAttached = false;

	/** recheck: how often (ms) to look for a rebuilt database (0 = on every call), or a group shared with the tiles */
	constructor(file: string, recheck: number | FileVersionGroup = 0, contentFile: string | null = null) {
		this.file = file;
		this.version = new FileVersion(file, recheck);
		this.contentFile = contentFile;
	}

	/** Whether published back-office content is overlaid on the built rows. */
	get overlay(): boolean {
		return this.contentAttached;
	}

	private attachContent(db: DatabaseSync): void {
		if (this.contentAttached || !this.contentFile || !existsSync(this.contentFile)) return;
		db.prepare('ATTACH DATABASE ? AS content').run(this.contentFile);
		this.contentAttached = true;
		this.statements.clear();
	}

	/** Opens (or re-opens after a rebuild) the database; throws DataUnavailable when it cannot. */
	private handle(): DatabaseSync {
		const mtime = this.version.current();
		if (this.db && mtime === this.openedMtime) {
			if (!this.contentAttached && this.contentFile) this.attachContent(this.db);
			return this.db;
		}
		this.close();
		if (!mtime) {
			this.error = new DataUnavailable('The map data has not been built yet.', `database not found at ${this.file}; run \`npm run data\``);
			throw this.error;
		}
		let db: DatabaseSync | null = null;
		try {
			db = new DatabaseSync(this.file, { readOnly: true });
			const schema = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
			if (schema?.value !== String(SCHEMA_VERSION)) {
				throw new Error(`built for schema ${schema?.value ?? '?'}, this version reads ${SCHEMA_VERSION}; run \`npm run data\``);
			}
			// A file damaged in the middle opens fine and fails only on the pages a query touches;
			// checking every page once per file version turns that into a 503 now, not 500s later.
			const check = db.prepare('PRAGMA quick_check(1)').get() as { quick_check?: unknown } | undefined;
			if (check?.quick_check !== 'ok') throw new Error(`integrity check failed: ${String(check?.quick_check ?? 'no answer')}`);
			// SQLite's check passes when one byte inside a row's JSON changed; such rows are found once per
			// file version and left out of every answer instead of failing their neighbours' requests.
			const bad = db.prepare('SELECT id FROM features WHERE json_valid(geometry) = 0 OR json_valid(props) = 0').all() as { id: string }[];
			this.badRows = new Map(bad.map((r) => [r.id, 'stored geometry or properties are not readable']));
			this.db = db;
			this.openedMtime = mtime;
			this.error = null;
			this.attachContent(db);
			return db;
		} catch (e) {
			try {
				db?.close();
			} catch {
				// already unusable; the error below is what matters
			}
			this.error = new DataUnavailable('The map database cannot be read.', `database ${this.file} unreadable: ${(e as Error).message}`);
			throw this.error;
		}
	}

	/** Rows that cannot be served (see handle()); ids only, safe to show. */
	damagedRows(): Map<string, string> {
		this.handle();
		return this.badRows;
	}

	/** A row that failed while being served: left out from now on, reported by health. */
	reportBadRow(id: string, problem: string): void {
		this.badRows.set(id, problem);
	}

	isBadRow(id: string): boolean {
		return this.badRows.has(id);
	}

	close(): void {
		this.badRows = new Map();
		this.statements.clear();
		this.contentAttached = false;
		this.cachedSources = null;
		this.cachedMeta = null;
		this.db?.close();
		this.db = null;
	}

	/** `error` is the public wording; `detail` is for the log only. */
	status(): { ok: boolean; error: string | null; detail: string | null } {
		try {
			this.handle();
			return { ok: true, error: null, detail: null };
		} catch (e) {
			const u = e instanceof DataUnavailable ? e : new DataUnavailable('The map database cannot be read.', String(e));
			return { ok: false, error: u.message, detail: u.detail };
		}
	}

	private stmt(sql: string): StatementSync {
		const db = this.handle();
		let s = this.statements.get(sql);
		if (!s) {
			s = db.prepare(sql);
			this.statements.set(sql, s);
		}
		return s;
	}

	/** Build metadata (data version, editions); fixed per database file, read once per version. */
	meta(): Record<string, string> {
		this.handle();
		if (this.cachedMeta) return this.cachedMeta;
		const rows = this.stmt('SELECT key, value FROM meta').all() as { key: string; value: string }[];
		this.cachedMeta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
		return this.cachedMeta;
	}

	/** The provenance table is small and fixed per database file: read once per file version. */
	sources(): Map<string, Provenance> {
		this.handle();
		if (this.cachedSources) return this.contentAttached ? this.withContentSources(this.cachedSources) : this.cachedSources;
		const rows = this.stmt('SELECT id, json FROM sources').all() as { id: string; json: string }[];
		this.cachedSources = new Map(rows.map((r) => [r.id, JSON.parse(r.json) as Provenance]));
		return this.contentAttached ? this.withContentSources(this.cachedSources) : this.cachedSources;
	}

	/** The content's sources change with the back office (e.g. the junction layer's source): read each time, the table is tiny. */
	private withContentSources(built: Map<string, Provenance>): Map<string, Provenance> {
		const rows = this.stmt('SELECT id, json FROM content.sources').all() as { id: string; json: string }[];
		const out = new Map(built);
		for (const r of rows) out.set(r.id, JSON.parse(r.json) as Provenance);
		return out;
	}

	/** Changes with every back-office save the public sees; '' without content. Part of the ETags. */
	contentVersion(): string {
		this.handle();
		if (!this.contentAttached) return '';
		const row = this.stmt("SELECT value FROM content.meta WHERE key = 'content_version'").get() as { value: string } | undefined;
		return row?.value ?? '0';
	}

	/**
	 * The rows the read API sees: built rows not overridden by the content, plus the content's
	 * published rows. With a box, both halves are narrowed by it first (R*Tree resp. stored box).
	 */
	private relation(bbox?: [number, number, number, number]): { from: string; params: (string | number)[] } {
		this.handle();
		if (!this.contentAttached) {
			if (!bbox) return { from: 'features f', params: [] };
			return {
				from: 'features_bbox b CROSS JOIN features f ON b.fid = f.fid',
				params: []
			};
		}
		const cols = FEATURE_COLUMNS.join(', ');
		const builtCols = FEATURE_COLUMNS.map((c) => `f0.${c}`).join(', ');
		if (!bbox) {
			return {
				from: `(SELECT ${cols} FROM main.features WHERE id NOT IN (SELECT id FROM content.items) UNION ALL SELECT ${cols} FROM content.live_features) f`,
				params: []
			};
		}
		return {
			from: `(SELECT ${builtCols} FROM main.features_bbox b CROSS JOIN main.features f0 ON b.fid = f0.fid
				WHERE b.max_x >= ? AND b.min_x <= ? AND b.max_y >= ? AND b.min_y <= ? AND f0.id NOT IN (SELECT id FROM content.items)
				UNION ALL SELECT ${cols} FROM content.live_features WHERE max_x >= ? AND min_x <= ? AND max_y >= ? AND min_y <= ?) f`,
			params: [bbox[0], bbox[2], bbox[1], bbox[3], bbox[0], bbox[2], bbox[1], bbox[3]]
		};
	}

	themeCounts(): Map<string, number> {
		const rel = this.relation();
		const rows = this.stmt(`SELECT f.theme, count(*) AS n FROM ${rel.from} GROUP BY f.theme`).all() as { theme: string; n: number }[];
		return new Map(rows.map((r) => [r.theme, r.n]));
	}

	/** Features per theme and category: the legend lists only categories the data has. */
	categoryCounts(): Map<string, Record<string, number>> {
		const rows = this.stmt('SELECT theme, category, count(*) AS n FROM features WHERE category IS NOT NULL GROUP BY theme, category').all() as {
			theme: string;
			category: string;
			n: number;
		}[];
		const out = new Map<string, Record<string, number>>();
		for (const r of rows) out.set(r.theme, { ...(out.get(r.theme) ?? {}), [r.category]: r.n });
		return out;
	}

	themeSources(): Map<string, string[]> {
		const rel = this.relation();
		const rows = this.stmt(`SELECT DISTINCT f.theme, f.source_id FROM ${rel.from} ORDER BY f.theme, f.source_id`).all() as { theme: string; source_id: string }[];
		const out = new Map<string, string[]>();
		for (const r of rows) out.set(r.theme, [...(out.get(r.theme) ?? []), r.source_id]);
		return out;
	}

	private whereClause(q: Omit<FeatureQuery, 'limit' | 'afterFid'>): { sql: string; params: (string | number)[] } {
		const clauses = ['f.theme = ?'];
		// CROSS JOIN fixes the order: the R*Tree narrows by box first, then rows are checked; the
		// planner would otherwise walk the theme index and probe the R*Tree once per row.
		const rel = this.relation(q.bbox);
		const from = rel.from;
		const params: (string | number)[] = [...rel.params, q.theme];
		if (q.bbox && !this.contentAttached) {
			clauses.push('b.max_x >= ? AND b.min_x <= ? AND b.max_y >= ? AND b.min_y <= ?');
			params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
		}
		const col = (field: string) => (COLUMN_FIELDS.has(field) ? `f.${field}` : `json_extract(f.props, '$.${field}')`);
		for (const [field, values] of Object.entries(q.enums)) {
			clauses.push(`${col(field)} IN (${values.map(() => '?').join(',')})`);
			params.push(...values);
		}
		for (const [field, value] of Object.entries(q.flags)) {
			if (field === 'approx') {
				clauses.push('f.approx = ?');
				params.push(value ? 1 : 0);
			} else {
				// A flag nobody recorded is neither yes nor no, unless the registry says absence means no.
				const absentIsFalse = themeFieldByKey(q.theme, field)?.absentIsFalse === true;
				clauses.push(value ? `${col(field)} = 1` : absentIsFalse ? `coalesce(${col(field)}, 0) = 0` : `${col(field)} = 0`);
			}
		}
		for (const [field, [min, max]] of Object.entries(q.ranges)) {
			if (min !== null) {
				clauses.push(`${col(field)} >= ?`);
				params.push(min);
			}
			if (max !== null) {
				clauses.push(`${col(field)} <= ?`);
				params.push(max);
			}
		}
		return { sql: `FROM ${from} WHERE ${clauses.join(' AND ')}`, params };
	}

	features(q: FeatureQuery): { rows: FeatureRow[]; total: number } {
		const { sql, params } = this.whereClause(q);
		const total = (this.stmt(`SELECT count(*) AS n ${sql}`).get(...params) as { n: number }).n;
		if (this.contentAttached) {
			const rows = this.stmt(`SELECT f.* ${sql} AND f.fid > ? ORDER BY f.fid LIMIT ?`).all(...params, q.afterFid ?? 0, q.limit) as unknown as FeatureRow[];
			return { rows, total };
		}
		// Page the ids first and read the wide rows (geometry, props) only for the page.
		const rows = this.stmt(`SELECT * FROM features WHERE fid IN (SELECT f.fid ${sql} AND f.fid > ? ORDER BY f.fid LIMIT ?) ORDER BY fid`).all(
			...params,
			q.afterFid ?? 0,
			q.limit
		) as unknown as FeatureRow[];
		return { rows, total };
	}

	/** Every matching row, for exports (same filter as features(), no paging). */
	allFeatures(q: Omit<FeatureQuery, 'limit' | 'afterFid'>): FeatureRow[] {
		const { sql, params } = this.whereClause(q);
		return this.stmt(`SELECT f.* ${sql} ORDER BY f.fid`).all(...params) as unknown as FeatureRow[];
	}

	/** How many features of a category the read API sees (built and published back-office entries). */
	categoryCount(theme: string, category: string): number {
		const rel = this.relation();
		return (this.stmt(`SELECT count(*) AS n FROM ${rel.from} WHERE f.theme = ? AND f.category = ?`).get(theme, category) as { n: number }).n;
	}

	feature(id: string): FeatureRow | null {
		this.handle();
		if (this.contentAttached && this.stmt('SELECT 1 FROM content.items WHERE id = ?').get(id)) {
			return (this.stmt(`SELECT ${FEATURE_COLUMNS.join(', ')} FROM content.live_features WHERE id = ?`).get(id) as unknown as FeatureRow | undefined) ?? null;
		}
		return (this.stmt('SELECT * FROM main.features WHERE id = ?').get(id) as unknown as FeatureRow | undefined) ?? null;
	}

	/**
	 * Nearest features of a theme/category to a point: an R*Tree window that grows until it holds
	 * candidates, then exact great-circle distances (turf) decide.
	 */
	nearest(lon: number, lat: number, theme: string, categories: string[], n = 1, excludeId?: string): { row: FeatureRow; km: number }[] {
		const placeholders = categories.map(() => '?').join(',');
		for (let r = 0.02; r <= 2.0; r *= 2) {
			const box: [number, number, number, number] = [lon - r * 1.6, lat - r, lon + r * 1.6, lat + r];
			const rel = this.relation(box);
			const boxClause = this.contentAttached ? '' : 'b.max_x >= ? AND b.min_x <= ? AND b.max_y >= ? AND b.min_y <= ? AND ';
			const boxParams = this.contentAttached ? [] : [box[0], box[2], box[1], box[3]];
			const sql = `SELECT f.* FROM ${rel.from} WHERE ${boxClause}f.theme = ? AND f.category IN (${placeholders}) AND f.lon IS NOT NULL`;
			const rows = (this.stmt(sql).all(...rel.params, ...boxParams, theme, ...categories) as unknown as FeatureRow[]).filter(
				(row) => row.id !== excludeId
			);
			if (rows.length >= n) {
				const scored = rows
					.map((row) => ({ row, km: distance([lon, lat], [row.lon!, row.lat!], { units: 'kilometers' }) }))
					.sort((a, b) => a.km - b.km);
				// Only trust the window's answer when the n-th hit lies within the window's inner circle.
				if (scored.length >= n && scored[n - 1]!.km <= r * 111) return scored.slice(0, n);
			}
		}
		return [];
	}

	search(q: string, limit: number): SearchHit[] {
		const norm = normalizeSearchText(q);
		const terms = norm.split(' ').filter(Boolean);
		if (terms.length === 0) return [];
		const match = terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' ');
		// The indexed text starts with the name (then the municipality), so "text starts with the query"
		// already ranks name matches ahead in SQL: otherwise the LIMIT below could cut an exact name of a
		// low-boost kind (a bus stop) before the re-ranking sees it, as every feature of a municipality
		// matches that municipality's name.
		const hits = this.stmt(
			`SELECT ref, kind, label, detail, lon, lat, theme, (bm25(search) - boost - CASE WHEN substr(text, 1, ?) = ? THEN 100 ELSE 0 END) AS score
			 FROM search WHERE search MATCH ? ORDER BY score LIMIT ?`
		).all(norm.length, norm, match, limit * 3) as unknown as (SearchHit & { score: number })[];
		// Whole-word and exact-prefix matches on the name come first; bm25 orders the rest. The exact
		// bonus outweighs any kind boost (at most 50 + 10, scripts/lib/database.ts), so a bus stop
		// named exactly as typed is never listed below a business park whose name merely starts so.
		const scoreOf = (h: { label: string; score: number }) => {
			const label = normalizeSearchText(h.label);
			const bonus = label === norm ? 100 : label.startsWith(norm) ? 20 : 0;
			return h.score - bonus;
		};
		if (this.contentAttached) this.overlaySearch(hits, terms);
		hits.sort((a, b) => scoreOf(a) - scoreOf(b));
		const out: SearchHit[] = [];
		const seen = new Set<string>();
		for (const h of hits) {
			if (seen.has(h.ref)) continue;
			seen.add(h.ref);
			if (h.lon === null || h.lat === null) continue;
			out.push({ ref: h.ref, kind: h.kind, label: h.label, detail: h.detail, lon: h.lon, lat: h.lat, theme: h.theme });
			if (out.length >= limit) break;
		}
		return out;
	}

	/** Back-office entries in the search: overridden built hits leave, published entries whose name matches join. */
	private overlaySearch(hits: (SearchHit & { score: number })[], terms: string[]): void {
		const owned = new Set((this.stmt('SELECT id FROM content.items').all() as { id: string }[]).map((r) => r.id));
		for (let i = hits.length - 1; i >= 0; i--) if (owned.has(hits[i]!.ref)) hits.splice(i, 1);
		const live = this.stmt('SELECT id, theme, category, name, municipality, district, lon, lat FROM content.live_features').all() as {
			id: string;
			theme: string;
			category: string | null;
			name: string;
			municipality: string | null;
			district: string | null;
			lon: number | null;
			lat: number | null;
		}[];
		for (const r of live) {
			const words = normalizeSearchText(`${r.name} ${r.municipality ?? ''}`).split(' ');
			if (!terms.every((t) => words.some((w) => w.startsWith(t)))) continue;
			hits.push({
				ref: r.id,
				kind: searchKind(r.theme, r.category)?.kind ?? r.theme,
				label: r.name,
				detail: [r.municipality, r.district].filter(Boolean).join(', '),
				lon: r.lon as number,
				lat: r.lat as number,
				theme: r.theme,
				score: -10
			});
		}
	}

	regions(level?: string): RegionRow[] {
		if (level) return this.stmt('SELECT * FROM regions WHERE level = ? ORDER BY ags, boundary_edition').all(level) as unknown as RegionRow[];
		return this.stmt("SELECT * FROM regions WHERE level != 'neighbour' ORDER BY level, ags, boundary_edition").all() as unknown as RegionRow[];
	}

	region(ags: string): RegionRow[] {
		return this.stmt("SELECT * FROM regions WHERE ags = ? AND level != 'neighbour' ORDER BY boundary_edition").all(ags) as unknown as RegionRow[];
	}

	regionStats(ags: string): { key: string; value: number; as_of: string; source_id: string }[] {
		return this.stmt('SELECT key, value, as_of, source_id FROM region_stats WHERE ags = ? ORDER BY key, as_of').all(ags) as {
			key: string;
			value: number;
			as_of: string;
			source_id: string;
		}[];
	}

	broadband(ags: string): { audience: string; as_of: string; metric: string; value: number | null; source_id: string }[] {
		return this.stmt('SELECT audience, as_of, metric, value, source_id FROM broadband WHERE ags = ? ORDER BY audience, as_of, metric').all(ags) as {
			audience: string;
			as_of: string;
			metric: string;
			value: number | null;
			source_id: string;
		}[];
	}

	indicators(ags: string): { code: string; year: number; value: number; label: string; source_id: string }[] {
		return this.stmt('SELECT code, year, value, label, source_id FROM indicators WHERE ags = ? ORDER BY code, year').all(ags) as {
			code: string;
			year: number;
			value: number;
			label: string;
			source_id: string;
		}[];
	}

	/** District series (and Thuringia/Germany reference lines) for the given indicator codes, from seed and imports alike. */
	indicatorSeries(codes: string[]): { ags: string; level: string; code: string; year: number; value: number; source_id: string }[] {
		if (codes.length === 0) return [];
		return this.stmt(
			`SELECT ags, level, code, year, value, source_id FROM indicators WHERE level IN ('district', 'state', 'country') AND code IN (${codes.map(() => '?').join(',')}) ORDER BY code, ags, year`
		).all(...codes) as { ags: string; level: string; code: string; year: number; value: number; source_id: string }[];
	}

	/** Municipalities of the planner's broadband table (one boundary edition) with population and parts. */
	planningUnits(): { ags: string; boundary_edition: string; name: string; ags_district: string; population: number | null; parts: string }[] {
		return this.stmt('SELECT ags, boundary_edition, name, ags_district, population, parts FROM planning_units ORDER BY ags').all() as {
			ags: string;
			boundary_edition: string;
			name: string;
			ags_district: string;
			population: number | null;
			parts: string;
		}[];
	}

	/** Outlines of the planner's municipalities, for the page's map. */
	planningShapes(): { ags: string; name: string; ags_district: string; geometry: string }[] {
		return this.stmt('SELECT ags, name, ags_district, geometry FROM planning_units ORDER BY ags').all() as { ags: string; name: string; ags_district: string; geometry: string }[];
	}

	/** Which editions and speed classes the planner's table holds, per audience. */
	planningCatalogue(): { audience: string; as_of: string; metric: string; n: number }[] {
		return this.stmt(
			'SELECT audience, as_of, metric, count(value) AS n FROM planning_broadband GROUP BY audience, as_of, metric ORDER BY audience, as_of, metric'
		).all() as { audience: string; as_of: string; metric: string; n: number }[];
	}

	planningValues(audience: string, metric: string): PlanningValueRow[] {
		return this.stmt('SELECT * FROM planning_broadband WHERE audience = ? AND metric = ? ORDER BY as_of, ags').all(audience, metric) as unknown as PlanningValueRow[];
	}

	/** Every value of one municipality (region cards). */
	planningFor(ags: string): PlanningValueRow[] {
		return this.stmt('SELECT * FROM planning_broadband WHERE ags = ? ORDER BY audience, as_of, metric').all(ags) as unknown as PlanningValueRow[];
	}

	/** Every value of an audience (exports). */
	planningAll(audience: string): PlanningValueRow[] {
		return this.stmt('SELECT * FROM planning_broadband WHERE audience = ? ORDER BY ags, as_of, metric').all(audience) as unknown as PlanningValueRow[];
	}

	/** Published district values (district files) of one speed class. */
	districtBroadband(audience: string, metric: string): { ags: string; as_of: string; value: number | null; source_id: string }[] {
		return this.stmt("SELECT ags, as_of, value, source_id FROM broadband WHERE level = 'district' AND audience = ? AND metric = ? ORDER BY as_of, ags").all(audience, metric) as {
			ags: string;
			as_of: string;
			value: number | null;
			source_id: string;
		}[];
	}

	/** The broadband polygon feature (choropleth) of a region, for the seed's headline figures. */
	broadbandFeature(ags: string): FeatureRow[] {
		const theme = choroplethTheme();
		if (!theme) return [];
		return this.stmt("SELECT * FROM features WHERE theme = ? AND json_extract(props, '$.ags') = ?").all(theme.id, ags) as unknown as FeatureRow[];
	}
}
