/**
 * Read access to the built database. Opened read-only and lazily; if the file is missing or broken
 * every call throws DataUnavailable, which the API turns into a 503 while the rest keeps working.
 */
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';
import { FileVersion } from '../file-version.ts';
import distance from '@turf/distance';
import type { Provenance, SearchHit } from '../../data/model.ts';
import { normalizeSearchText, SCHEMA_VERSION } from './schema.ts';

export class DataUnavailable extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataUnavailable';
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
	ranges: Record<string, [number | null, number | null]>;
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
	private error: string | null = null;

	private readonly version: FileVersion;
	private cachedSources: Map<string, Provenance> | null = null;
	private cachedMeta: Record<string, string> | null = null;

	/** recheckMs: how often to look for a rebuilt database (0 = on every call) */
	constructor(file: string, recheckMs = 0) {
		this.file = file;
		this.version = new FileVersion(file, recheckMs);
	}

	/** Opens (or re-opens after a rebuild) the database; throws DataUnavailable when it cannot. */
	private handle(): DatabaseSync {
		const mtime = this.version.current();
		if (this.db && mtime === this.openedMtime) return this.db;
		this.close();
		if (!mtime) {
			this.error = `database not found at ${this.file}; run \`npm run data\``;
			throw new DataUnavailable(this.error);
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
			this.db = db;
			this.openedMtime = mtime;
			this.error = null;
			return db;
		} catch (e) {
			try {
				db?.close();
			} catch {
				// already unusable; the error below is what matters
			}
			this.error = `database unreadable: ${(e as Error).message}`;
			throw new DataUnavailable(this.error);
		}
	}

	close(): void {
		this.statements.clear();
		this.cachedSources = null;
		this.cachedMeta = null;
		this.db?.close();
		this.db = null;
	}

	status(): { ok: boolean; error: string | null; file: string } {
		try {
			this.handle();
			return { ok: true, error: null, file: this.file };
		} catch (e) {
			return { ok: false, error: (e as Error).message, file: this.file };
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
		if (this.cachedSources) return this.cachedSources;
		const rows = this.stmt('SELECT id, json FROM sources').all() as { id: string; json: string }[];
		this.cachedSources = new Map(rows.map((r) => [r.id, JSON.parse(r.json) as Provenance]));
		return this.cachedSources;
	}

	themeCounts(): Map<string, number> {
		const rows = this.stmt('SELECT theme, count(*) AS n FROM features GROUP BY theme').all() as { theme: string; n: number }[];
		return new Map(rows.map((r) => [r.theme, r.n]));
	}

	themeSources(): Map<string, string[]> {
		const rows = this.stmt('SELECT DISTINCT theme, source_id FROM features ORDER BY theme, source_id').all() as { theme: string; source_id: string }[];
		const out = new Map<string, string[]>();
		for (const r of rows) out.set(r.theme, [...(out.get(r.theme) ?? []), r.source_id]);
		return out;
	}

	private whereClause(q: Omit<FeatureQuery, 'limit' | 'afterFid'>): { sql: string; params: (string | number)[] } {
		const clauses = ['f.theme = ?'];
		const params: (string | number)[] = [q.theme];
		let from = 'features f';
		if (q.bbox) {
			// CROSS JOIN fixes the order: the R*Tree narrows by box first, then rows are checked; the
			// planner would otherwise walk the theme index and probe the R*Tree once per row.
			from = 'features_bbox b CROSS JOIN features f ON b.fid = f.fid';
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
				clauses.push(value ? `${col(field)} = 1` : `coalesce(${col(field)}, 0) = 0`);
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

	feature(id: string): FeatureRow | null {
		return (this.stmt('SELECT * FROM features WHERE id = ?').get(id) as unknown as FeatureRow | undefined) ?? null;
	}

	/**
	 * Nearest features of a theme/category to a point: an R*Tree window that grows until it holds
	 * candidates, then exact great-circle distances (turf) decide.
	 */
	nearest(lon: number, lat: number, theme: string, categories: string[], n = 1, excludeId?: string): { row: FeatureRow; km: number }[] {
		const placeholders = categories.map(() => '?').join(',');
		const sql = `SELECT f.* FROM features_bbox b JOIN features f ON f.fid = b.fid
			WHERE b.max_x >= ? AND b.min_x <= ? AND b.max_y >= ? AND b.min_y <= ? AND f.theme = ? AND f.category IN (${placeholders}) AND f.lon IS NOT NULL`;
		for (let r = 0.02; r <= 2.0; r *= 2) {
			const rows = (this.stmt(sql).all(lon - r * 1.6, lon + r * 1.6, lat - r, lat + r, theme, ...categories) as unknown as FeatureRow[]).filter(
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
		return this.stmt("SELECT * FROM features WHERE theme = 'breitband' AND json_extract(props, '$.ags') = ?").all(ags) as unknown as FeatureRow[];
	}
}
