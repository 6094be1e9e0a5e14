/**
 * The content database: the back office's entries with their versions, users, sessions, audit log,
 * inquiries and settings. One read-write connection per process (node:sqlite, WAL), every save in
 * one transaction: a save either fully lands (entry, version, audit line) or leaves the previous
 * state untouched, also when the process dies halfway.
 */
import { DatabaseSync } from 'node:sqlite';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Provenance } from '../../data/model.ts';
import { EDITABLE_LAYERS, editableFieldsFor, editableLayerOf, getTheme } from '../../themes/registry.ts';
import type { EditableLayer, Theme } from '../../themes/registry.ts';
import { CONTENT_SCHEMA_SQL, CONTENT_SCHEMA_VERSION } from './content-schema.ts';
import { RegionLookup } from './region-lookup.ts';
import type { ItemInput, Value } from './validate-item.ts';

export interface ContentDbOptions {
	file: string;
	seedDir: string;
	/** clock for versions, sessions and tests of expiry */
	now?: () => Date;
	/**
	 * Called between the steps of a save (tests use it to interrupt a save halfway and check that
	 * nothing of it remains).
	 */
	onSaveStep?: (step: 'item_written' | 'version_written') => void;
}

export interface ItemRow {
	rid: number;
	id: string;
	theme: string;
	category: string;
	name: string;
	geometry: string;
	props: string;
	source_id: string;
	approx: number;
	ags_municipality: string | null;
	municipality: string | null;
	ags_district: string | null;
	district: string | null;
	lon: number | null;
	lat: number | null;
	published: number;
	deleted: number;
	version: number;
	origin: string;
	created_at: string;
	updated_at: string;
	updated_by: string;
}

/** A saved state of an entry, as versions keep it. */
export interface Snapshot {
	name: string;
	category: string;
	geometry: GeoJSON.Geometry;
	values: Record<string, Value>;
	published: boolean;
	deleted: boolean;
}

export interface Change {
	field: string;
	from: unknown;
	to: unknown;
}

export interface AdminItem {
	id: string;
	layer: EditableLayer['id'];
	theme: string;
	category: string;
	name: string;
	geometry: GeoJSON.Geometry;
	values: Record<string, Value>;
	published: boolean;
	deleted: boolean;
	version: number;
	origin: string;
	source_id: string;
	approx: boolean;
	municipality: string | null;
	ags_municipality: string | null;
	district: string | null;
	ags_district: string | null;
	created_at: string;
	updated_at: string;
	updated_by: string;
}

export interface VersionRow {
	version: number;
	at: string;
	by: string;
	action: string;
	changes: Change[];
	snapshot: Snapshot;
}

/** Who saves: an account's e-mail (scripts, tests) or the account with the client's address (API). */
export type Actor = string | { user: string; address: string | null };

export class ContentConflict extends Error {}
export class ContentNotFound extends Error {}

/** Entries the regional management adds; the seed's entries keep their own sources. */
export const EDITORIAL_SOURCE: Provenance = {
	id: 'regionalmanagement',
	title: { de: 'Angaben des Regionalmanagements Nordthüringen', en: 'Entries of the Nordthüringen regional management' },
	publisher: 'Regionalmanagement Nordthüringen',
	edition: 'laufend gepflegt; Stand je Eintrag',
	licence: 'Angaben des Regionalmanagements; Einzelquellen je Eintrag',
	attribution: 'Regionalmanagement Nordthüringen; Quellen je Eintrag',
	en: { edition: 'maintained continuously; date per entry', licence: 'Entries of the regional management; individual sources per entry', attribution: 'Regionalmanagement Nordthüringen; sources per entry' }
};

export const JUNCTION_SOURCE_ID = 'motorway-junctions';
/** Until an administrator names the junction layer's source, it says who keeps it and where the per-entry sources are. */
export const DEFAULT_JUNCTION_SOURCE: Provenance = {
	id: JUNCTION_SOURCE_ID,
	title: { de: 'Autobahnanschlüsse (gepflegt im Back Office)', en: 'Motorway junctions (kept in the back office)' },
	publisher: 'Regionalmanagement Nordthüringen',
	edition: 'laufend gepflegt; Stand je Eintrag',
	licence: 'nicht angegeben',
	attribution: 'Autobahnanschlüsse: Regionalmanagement Nordthüringen; Quelle je Eintrag',
	en: { edition: 'maintained continuously; date per entry', licence: 'not stated', attribution: 'Motorway junctions: Regionalmanagement Nordthüringen; source per entry' }
};

/** Seed files with the layer their entries belong to. */
const SEED_FILES: { file: string; layer: EditableLayer['id'] }[] = [
	{ file: 'commercial.geojson', layer: 'sites' },
	{ file: 'research.geojson', layer: 'research' },
	{ file: 'tourism.geojson', layer: 'sights' },
	{ file: 'hospitals.geojson', layer: 'hospitals' }
];

export function layerById(id: string): EditableLayer | undefined {
	return EDITABLE_LAYERS.find((l) => l.id === id);
}

/** The stored property that holds a registry field (the seed keeps per-entry sources as `source` and `source_en`). */
const STORED_AS: Record<string, string> = { source_note: 'source', source_note_en: 'source_en' };
function propKey(field: string): string {
	return STORED_AS[field] ?? field;
}

export function slug(s: string): string {
	return (
		s
			.toLowerCase()
			.replace(/ß/g, 'ss')
			.replace(/ä/g, 'ae')
			.replace(/ö/g, 'oe')
			.replace(/ü/g, 'ue')
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'eintrag'
	);
}

export class ContentDb {
	readonly file: string;
	readonly db: DatabaseSync;
	readonly regions: RegionLookup;
	readonly now: () => Date;
	private readonly seedDir: string;
	private readonly onSaveStep: ContentDbOptions['onSaveStep'];

	constructor(opts: ContentDbOptions) {
		this.file = opts.file;
		this.seedDir = opts.seedDir;
		this.now = opts.now ?? (() => new Date());
		this.onSaveStep = opts.onSaveStep;
		this.regions = new RegionLookup(opts.seedDir);
		mkdirSync(path.dirname(opts.file), { recursive: true });
		this.db = new DatabaseSync(opts.file);
		this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
		this.db.exec(CONTENT_SCHEMA_SQL);
		const version = this.meta('schema_version');
		if (version !== null && version !== String(CONTENT_SCHEMA_VERSION)) {
			throw new Error(`content database ${opts.file} has schema ${version}; this version reads ${CONTENT_SCHEMA_VERSION}`);
		}
		this.tx(() => {
			this.setMeta('schema_version', String(CONTENT_SCHEMA_VERSION));
			this.putSource(EDITORIAL_SOURCE);
			if (!this.db.prepare('SELECT 1 FROM sources WHERE id = ?').get(JUNCTION_SOURCE_ID)) this.putSource(DEFAULT_JUNCTION_SOURCE);
			this.loadSeed();
		});
	}

	static exists(file: string): boolean {
		return existsSync(file);
	}

	close(): void {
		if (this.db.isOpen) this.db.close();
	}

	/** Runs fn in one write transaction (BEGIN IMMEDIATE: no other writer in between); rolls back on any error. */
	tx<T>(fn: () => T): T {
		if (this.db.isTransaction) return fn();
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const out = fn();
			this.db.exec('COMMIT');
			return out;
		} catch (e) {
			if (this.db.isTransaction) this.db.exec('ROLLBACK');
			throw e;
		}
	}

	nowIso(): string {
		return this.now().toISOString();
	}

	meta(key: string): string | null {
		const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
		return row?.value ?? null;
	}

	setMeta(key: string, value: string): void {
		this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
	}

	/** Counts every change the public sees; part of the read API's ETags. */
	private bumpContentVersion(): void {
		this.setMeta('content_version', String(Number(this.meta('content_version') ?? '0') + 1));
	}

	putSource(p: Provenance): void {
		this.db.prepare('INSERT INTO sources (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json').run(p.id, JSON.stringify(p));
	}

	sources(): Map<string, Provenance> {
		const rows = this.db.prepare('SELECT id, json FROM sources').all() as { id: string; json: string }[];
		return new Map(rows.map((r) => [r.id, JSON.parse(r.json) as Provenance]));
	}

	setJunctionSource(p: Omit<Provenance, 'id'>): void {
		this.tx(() => {
			this.putSource({ ...p, id: JUNCTION_SOURCE_ID });
			this.bumpContentVersion();
		});
	}

	setting<T>(key: string): T | null {
		const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
		return row ? (JSON.parse(row.value) as T) : null;
	}

	setSetting(key: string, value: unknown): void {
		this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
	}

	audit(actor: string | null, action: string, target: string | null, detail: unknown, address: string | null): void {
		this.db
			.prepare('INSERT INTO audit (at, actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?)')
			.run(this.nowIso(), actor, action, target, detail === undefined ? null : JSON.stringify(detail), address);
	}

	auditLog(limit = 200, before?: number): { id: number; at: string; actor: string | null; action: string; target: string | null; detail: unknown; address: string | null }[] {
		const rows = this.db
			.prepare('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?')
			.all(before ?? Number.MAX_SAFE_INTEGER, limit) as { id: number; at: string; actor: string | null; action: string; target: string | null; detail: string | null; address: string | null }[];
		return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as unknown) : null }));
	}

	// ---- entries -------------------------------------------------------------------------------

	/**
	 * The curated seed entries become content once each, with their own sources: on first start all
	 * of them, later only entries the seed gained since (an entry the back office has, even deleted,
	 * is never taken from the seed again). An entry nobody has changed since it came from the seed
	 * takes over fields the seed gained later (e.g. the sights' descriptions), as a new version by
	 * "seed"; values it already has are never overwritten. Its source line follows the seed's language
	 * slots (see takeNewSeedFields).
	 */
	private loadSeed(): void {
		const at = this.nowIso();
		let added = 0;
		for (const { file, layer: layerId } of SEED_FILES) {
			const full = path.join(this.seedDir, file);
			if (!existsSync(full)) continue;
			const fc = JSON.parse(readFileSync(full, 'utf8')) as GeoJSON.FeatureCollection & { provenance: Provenance | Provenance[] };
			const provenance = Array.isArray(fc.provenance) ? fc.provenance : [fc.provenance];
			for (const p of provenance) this.putSource(p);
			const layer = layerById(layerId)!;
			for (const f of fc.features) {
				const p = { ...(f.properties ?? {}) } as Record<string, unknown>;
				const id = String(p.id);
				const existing = this.row(id);
				if (existing) {
					if (this.takeNewSeedFields(existing, p, at)) added++;
					continue;
				}
				added++;
				const category = layerId === 'sites' ? (p.kali_region === true ? 'kali_site' : 'commercial_area') : layerId === 'sights' ? String(p.category) : layer.categories[0]!;
				const sourceId = typeof p.source_id === 'string' ? p.source_id : provenance[0]!.id;
				delete p.id;
				delete p.name;
				delete p.source_id;
				this.writeRow({
					id,
					theme: layer.theme,
					category,
					name: String(p.name ?? f.properties?.name),
					geometry: f.geometry,
					props: p,
					approx: p.approx === true,
					sourceId,
					published: true,
					deleted: false,
					version: 1,
					origin: 'seed',
					createdAt: at,
					updatedAt: at,
					updatedBy: 'seed'
				});
				this.writeVersion(id, 1, at, 'seed', 'seed', this.snapshotOf(this.row(id)!), []);
			}
		}
		if (this.meta('seeded_at') === null) this.setMeta('seeded_at', at);
		if (added > 0) this.bumpContentVersion();
	}

	/**
	 * Adds the seed's new properties to an entry untouched since seeding; true when it changed. A
	 * source-line slot the seed no longer fills is emptied: the curated facts' lines, written in
	 * English, moved from the German slot to the English one, and would otherwise stay in both.
	 */
	private takeNewSeedFields(row: ItemRow, seedProps: Record<string, unknown>, at: string): boolean {
		if (row.origin !== 'seed' || row.updated_by !== 'seed') return false;
		const props = JSON.parse(row.props) as Record<string, unknown>;
		const fresh = Object.entries(seedProps).filter(([k, v]) => !['id', 'name', 'source_id'].includes(k) && v !== null && v !== undefined && !(k in props));
		const vacated = Object.values(STORED_AS).filter((k) => k in props && !(k in seedProps));
		if (fresh.length === 0 && vacated.length === 0) return false;
		for (const k of vacated) delete props[k];
		const before = this.snapshotOf(row);
		this.writeRow({
			id: row.id,
			theme: row.theme,
			category: row.category,
			name: row.name,
			geometry: JSON.parse(row.geometry) as GeoJSON.Geometry,
			props: { ...props, ...Object.fromEntries(fresh) },
			approx: row.approx === 1,
			sourceId: row.source_id,
			published: row.published === 1,
			deleted: row.deleted === 1,
			version: row.version + 1,
			origin: row.origin,
			createdAt: row.created_at,
			updatedAt: at,
			updatedBy: 'seed'
		});
		const after = this.snapshotOf(this.row(row.id)!);
		this.writeVersion(row.id, row.version + 1, at, 'seed', 'seed', after, diffSnapshots(before, after));
		return true;
	}

	row(id: string): ItemRow | null {
		return (this.db.prepare('SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined) ?? null;
	}

	private writeRow(r: {
		id: string;
		theme: string;
		category: string;
		name: string;
		geometry: GeoJSON.Geometry;
		props: Record<string, unknown>;
		approx: boolean;
		sourceId: string;
		published: boolean;
		deleted: boolean;
		version: number;
		origin: string;
		createdAt: string;
		updatedAt: string;
		updatedBy: string;
	}): void {
		const place = this.regions.place(r.geometry);
		const props = { ...r.props, approx: r.approx };
		this.db
			.prepare(
				`INSERT INTO items (id, theme, category, name, geometry, props, source_id, approx, ags_municipality, municipality, ags_district, district,
					lon, lat, min_x, min_y, max_x, max_y, published, deleted, version, origin, created_at, updated_at, updated_by)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
				ON CONFLICT (id) DO UPDATE SET theme = excluded.theme, category = excluded.category, name = excluded.name, geometry = excluded.geometry,
					props = excluded.props, source_id = excluded.source_id, approx = excluded.approx, ags_municipality = excluded.ags_municipality,
					municipality = excluded.municipality, ags_district = excluded.ags_district, district = excluded.district, lon = excluded.lon,
					lat = excluded.lat, min_x = excluded.min_x, min_y = excluded.min_y, max_x = excluded.max_x, max_y = excluded.max_y,
					published = excluded.published, deleted = excluded.deleted, version = excluded.version, updated_at = excluded.updated_at,
					updated_by = excluded.updated_by`
			)
			.run(
				r.id,
				r.theme,
				r.category,
				r.name,
				JSON.stringify(r.geometry),
				JSON.stringify({ ...props, ags_municipality: place.ags_municipality, municipality: place.municipality, ags_district: place.ags_district, district: place.district }),
				r.sourceId,
				r.approx ? 1 : 0,
				place.ags_municipality,
				place.municipality,
				place.ags_district,
				place.district,
				place.lon,
				place.lat,
				place.box[0],
				place.box[1],
				place.box[2],
				place.box[3],
				r.published ? 1 : 0,
				r.deleted ? 1 : 0,
				r.version,
				r.origin,
				r.createdAt,
				r.updatedAt,
				r.updatedBy
			);
	}

	private writeVersion(id: string, version: number, at: string, by: string, action: string, snapshot: Snapshot, changes: Change[]): void {
		this.db
			.prepare('INSERT INTO item_versions (item_id, version, at, by, action, snapshot, diff) VALUES (?,?,?,?,?,?,?)')
			.run(id, version, at, by, action, JSON.stringify(snapshot), JSON.stringify(changes));
	}

	private themeOf(row: ItemRow): Theme {
		return getTheme(row.theme) as Theme;
	}

	/** Registry values of an entry: every editable field of its category, null where not recorded. */
	valuesOf(row: ItemRow): Record<string, Value> {
		const props = JSON.parse(row.props) as Record<string, unknown>;
		const out: Record<string, Value> = {};
		for (const f of editableFieldsFor(this.themeOf(row), row.category)) {
			if (f.key === 'name' || f.key === 'category') continue;
			if (f.key === 'approx') {
				out.approx = row.approx === 1;
				continue;
			}
			const v = props[propKey(f.key)];
			out[f.key] = v === undefined ? null : (v as Value);
		}
		return out;
	}

	snapshotOf(row: ItemRow): Snapshot {
		return {
			name: row.name,
			category: row.category,
			geometry: JSON.parse(row.geometry) as GeoJSON.Geometry,
			values: this.valuesOf(row),
			published: row.published === 1,
			deleted: row.deleted === 1
		};
	}

	toItem(row: ItemRow): AdminItem {
		const layer = editableLayerOf(row.theme, row.category);
		return {
			id: row.id,
			layer: layer?.id ?? 'sites',
			theme: row.theme,
			category: row.category,
			name: row.name,
			geometry: JSON.parse(row.geometry) as GeoJSON.Geometry,
			values: this.valuesOf(row),
			published: row.published === 1,
			deleted: row.deleted === 1,
			version: row.version,
			origin: row.origin,
			source_id: row.source_id,
			approx: row.approx === 1,
			municipality: row.municipality,
			ags_municipality: row.ags_municipality,
			district: row.district,
			ags_district: row.ags_district,
			created_at: row.created_at,
			updated_at: row.updated_at,
			updated_by: row.updated_by
		};
	}

	list(q: { layer?: EditableLayer; status?: 'published' | 'draft' | 'deleted'; text?: string } = {}): AdminItem[] {
		const clauses: string[] = [];
		const params: (string | number)[] = [];
		if (q.layer) {
			clauses.push(`theme = ? AND category IN (${q.layer.categories.map(() => '?').join(',')})`);
			params.push(q.layer.theme, ...q.layer.categories);
		}
		if (q.status === 'deleted') clauses.push('deleted = 1');
		else {
			clauses.push('deleted = 0');
			if (q.status === 'published') clauses.push('published = 1');
			if (q.status === 'draft') clauses.push('published = 0');
		}
		if (q.text) {
			clauses.push("lower(name) LIKE ? ESCAPE '\\'");
			params.push(`%${q.text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
		}
		const rows = this.db.prepare(`SELECT * FROM items WHERE ${clauses.join(' AND ')} ORDER BY theme, name`).all(...params) as unknown as ItemRow[];
		return rows.map((r) => this.toItem(r));
	}

	get(id: string): AdminItem | null {
		const row = this.row(id);
		return row ? this.toItem(row) : null;
	}

	/** A new id from the layer prefix and the name, never one that exists (also not a deleted one). */
	newId(layer: EditableLayer, name: string): string {
		const base = `${layer.idPrefix}:${slug(name)}`;
		let id = base;
		for (let n = 2; this.row(id); n++) id = `${base}-${n}`;
		return id;
	}

	/** Stored properties from validated values; keeps what the seed said beyond the registry (e.g. position notes). */
	private propsFor(layer: EditableLayer, input: ItemInput, previous: Record<string, unknown>, geometryChanged: boolean, by: string, at: string): { props: Record<string, unknown>; approx: boolean } {
		const theme = getTheme(layer.theme) as Theme;
		const props: Record<string, unknown> = { ...previous };
		for (const k of ['ags_municipality', 'municipality', 'ags_district', 'district']) delete props[k];
		if (geometryChanged) {
			// The old note explained the old position.
			delete props.position;
			delete props.position_note;
		}
		for (const f of editableFieldsFor(theme, input.category)) {
			if (f.key === 'name' || f.key === 'category' || f.key === 'approx') continue;
			const v = input.values[f.key];
			if (v === null || v === undefined) delete props[propKey(f.key)];
			else props[propKey(f.key)] = v;
		}
		// A site given only as a point is shown as "approximate location"; a polygon is the site itself.
		const approx = layer.id === 'sites' ? input.geometry.type === 'Point' : input.values.approx === true;
		if (layer.id === 'sites') {
			props.kali_region = input.category === 'kali_site';
			props.listing = props.gross_area_ha === undefined && props.free_area_ha === undefined ? 'no_listing_data' : 'published';
		}
		// The date is public ("last updated"); who saved it stays in the back office (an e-mail address is personal data).
		props.updated_at = at.slice(0, 10);
		delete props.updated_by;
		return { props, approx };
	}

	private save(
		action: string,
		actor: Actor,
		layer: EditableLayer,
		id: string,
		input: ItemInput,
		state: { published: boolean; deleted: boolean },
		expectVersion?: number,
		origin = 'editor'
	): AdminItem {
		const by = typeof actor === 'string' ? actor : actor.user;
		const address = typeof actor === 'string' ? null : actor.address;
		return this.tx(() => {
			const prev = this.row(id);
			if (expectVersion !== undefined && prev && prev.version !== expectVersion) {
				throw new ContentConflict(`entry ${id} is at version ${prev.version}, the save was based on version ${expectVersion}`);
			}
			const at = this.nowIso();
			const prevProps = prev ? (JSON.parse(prev.props) as Record<string, unknown>) : {};
			const geometryChanged = !prev || prev.geometry !== JSON.stringify(input.geometry);
			const { props, approx } = this.propsFor(layer, input, prevProps, geometryChanged, by, at);
			const version = (prev?.version ?? 0) + 1;
			const before = prev ? this.snapshotOf(prev) : null;
			this.writeRow({
				id,
				theme: layer.theme,
				category: input.category,
				name: input.name,
				geometry: input.geometry,
				props,
				approx,
				sourceId: prev?.source_id ?? (layer.id === 'motorway_junctions' ? JUNCTION_SOURCE_ID : EDITORIAL_SOURCE.id),
				published: state.published,
				deleted: state.deleted,
				version,
				origin: prev?.origin ?? origin,
				createdAt: prev?.created_at ?? at,
				updatedAt: at,
				updatedBy: by
			});
			this.onSaveStep?.('item_written');
			const after = this.snapshotOf(this.row(id)!);
			const changes = diffSnapshots(before, after);
			this.writeVersion(id, version, at, by, action, after, changes);
			this.onSaveStep?.('version_written');
			this.audit(by, `item.${action}`, id, { version, changes: changes.map((c) => c.field) }, address);
			this.bumpContentVersion();
			return this.toItem(this.row(id)!);
		});
	}

	create(layer: EditableLayer, input: ItemInput, by: Actor, opts: { publish?: boolean; id?: string; origin?: string } = {}): AdminItem {
		return this.tx(() => {
			const id = opts.id ?? this.newId(layer, input.name);
			if (this.row(id)) throw new ContentConflict(`an entry with id ${id} exists`);
			return this.save('create', by, layer, id, input, { published: opts.publish === true, deleted: false }, undefined, opts.origin);
		});
	}

	update(id: string, input: ItemInput, by: Actor, expectVersion?: number, action = 'update'): AdminItem {
		return this.tx(() => {
			const prev = this.row(id);
			if (!prev || prev.deleted) throw new ContentNotFound(`no entry ${id}`);
			const layer = editableLayerOf(prev.theme, prev.category)!;
			if (!layer.categories.includes(input.category)) throw new ContentConflict(`category ${input.category} does not belong to layer ${layer.id}`);
			return this.save(action, by, layer, id, input, { published: prev.published === 1, deleted: false }, expectVersion);
		});
	}

	private inputOf(row: ItemRow): ItemInput {
		const s = this.snapshotOf(row);
		return { name: s.name, category: s.category, geometry: s.geometry, values: s.values };
	}

	setPublished(id: string, published: boolean, by: Actor): AdminItem {
		return this.tx(() => {
			const prev = this.row(id);
			if (!prev || prev.deleted) throw new ContentNotFound(`no entry ${id}`);
			const layer = editableLayerOf(prev.theme, prev.category)!;
			return this.save(published ? 'publish' : 'unpublish', by, layer, id, this.inputOf(prev), { published, deleted: false });
		});
	}

	/** Soft delete: the entry leaves the public map and the lists, its versions stay and it can be restored. */
	remove(id: string, by: Actor): AdminItem {
		return this.tx(() => {
			const prev = this.row(id);
			if (!prev || prev.deleted) throw new ContentNotFound(`no entry ${id}`);
			const layer = editableLayerOf(prev.theme, prev.category)!;
			return this.save('delete', by, layer, id, this.inputOf(prev), { published: false, deleted: true });
		});
	}

	history(id: string): VersionRow[] {
		const rows = this.db.prepare('SELECT * FROM item_versions WHERE item_id = ? ORDER BY version DESC').all(id) as {
			version: number;
			at: string;
			by: string;
			action: string;
			snapshot: string;
			diff: string;
		}[];
		return rows.map((r) => ({ version: r.version, at: r.at, by: r.by, action: r.action, changes: JSON.parse(r.diff) as Change[], snapshot: JSON.parse(r.snapshot) as Snapshot }));
	}

	/** Brings back any saved version (also of a deleted entry) as a new version. */
	restore(id: string, version: number, by: Actor): AdminItem {
		return this.tx(() => {
			const prev = this.row(id);
			if (!prev) throw new ContentNotFound(`no entry ${id}`);
			const v = this.db.prepare('SELECT snapshot FROM item_versions WHERE item_id = ? AND version = ?').get(id, version) as { snapshot: string } | undefined;
			if (!v) throw new ContentNotFound(`entry ${id} has no version ${version}`);
			const s = JSON.parse(v.snapshot) as Snapshot;
			const layer = editableLayerOf(prev.theme, s.category) ?? editableLayerOf(prev.theme, prev.category)!;
			return this.save('restore', by, layer, id, { name: s.name, category: s.category, geometry: s.geometry, values: s.values }, { published: s.published, deleted: s.deleted });
		});
	}

	/** Published entries of a theme as GeoJSON features, and every id the content overrides (for /api/live). */
	live(theme: string): { features: GeoJSON.Feature[]; overridden: string[] } {
		const rows = this.db.prepare('SELECT * FROM items WHERE theme = ? AND published = 1 AND deleted = 0 ORDER BY rid').all(theme) as unknown as ItemRow[];
		const ids = this.db.prepare('SELECT id FROM items WHERE theme = ? ORDER BY id').all(theme) as { id: string }[];
		return {
			features: rows.map((r) => ({
				type: 'Feature',
				id: r.id,
				geometry: JSON.parse(r.geometry) as GeoJSON.Geometry,
				properties: { ...(JSON.parse(r.props) as Record<string, unknown>), fid: r.id, name: r.name, category: r.category, approx: r.approx === 1, source_id: r.source_id }
			})),
			overridden: ids.map((r) => r.id)
		};
	}

	/**
	 * What the built tiles do not show yet: entries people changed after `since` (the moment the
	 * build read this database; null when it did not, then every change counts). Seed entries never
	 * changed are in the tiles as they are. Per theme: the changed ids (their tile features are
	 * hidden) and the published ones among them as GeoJSON features, as /api/live/<theme> gives them.
	 */
	changedSince(since: string | null): Map<string, { hidden: string[]; features: GeoJSON.Feature[] }> {
		const rows = this.db
			.prepare("SELECT * FROM items WHERE updated_by != 'seed' AND (? IS NULL OR updated_at >= ?) ORDER BY rid")
			.all(since, since) as unknown as ItemRow[];
		const out = new Map<string, { hidden: string[]; features: GeoJSON.Feature[] }>();
		for (const r of rows) {
			const entry = out.get(r.theme) ?? { hidden: [], features: [] };
			entry.hidden.push(r.id);
			if (r.published === 1 && r.deleted === 0) {
				entry.features.push({
					type: 'Feature',
					id: r.id,
					geometry: JSON.parse(r.geometry) as GeoJSON.Geometry,
					properties: { ...(JSON.parse(r.props) as Record<string, unknown>), fid: r.id, name: r.name, category: r.category, approx: r.approx === 1, source_id: r.source_id }
				});
			}
			out.set(r.theme, entry);
		}
		return out;
	}

	contentVersion(): string {
		return this.meta('content_version') ?? '0';
	}
}

export function diffSnapshots(before: Snapshot | null, after: Snapshot): Change[] {
	if (!before) return [{ field: '*', from: null, to: 'created' }];
	const out: Change[] = [];
	if (before.name !== after.name) out.push({ field: 'name', from: before.name, to: after.name });
	if (before.category !== after.category) out.push({ field: 'category', from: before.category, to: after.category });
	if (JSON.stringify(before.geometry) !== JSON.stringify(after.geometry)) out.push({ field: 'geometry', from: before.geometry.type, to: after.geometry.type });
	const keys = new Set([...Object.keys(before.values), ...Object.keys(after.values)]);
	for (const k of keys) {
		const a = before.values[k] ?? null;
		const b = after.values[k] ?? null;
		if (a !== b) out.push({ field: k, from: a, to: b });
	}
	if (before.published !== after.published) out.push({ field: 'published', from: before.published, to: after.published });
	if (before.deleted !== after.deleted) out.push({ field: 'deleted', from: before.deleted, to: after.deleted });
	return out;
}

