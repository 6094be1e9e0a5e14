/**
 * Schema of the content database (var/content.sqlite, NT_CONTENT_DB): what the regional management
 * edits in the back office. It lives apart from the built database, so `npm run data` never touches
 * it; the build reads its published entries, and the API overlays them on the built rows.
 *
 * `items` holds the current state of every editable entry (listings, sights, hospitals, research,
 * motorway junctions); `item_versions` every saved state with who, when and what changed.
 * `live_features` has exactly the built `features` columns (see src/lib/server/db/schema.ts), so the
 * read API can put both side by side. fids start at 100,000,000 to never meet a built fid.
 */
import { INQUIRY_STATUSES } from '../../admin/inquiry-status.ts';

export const CONTENT_SCHEMA_VERSION = 1;
export const LIVE_FID_OFFSET = 100_000_000;

export const CONTENT_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (id TEXT PRIMARY KEY, json TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS items (
	rid INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	theme TEXT NOT NULL,
	category TEXT NOT NULL,
	name TEXT NOT NULL,
	geometry TEXT NOT NULL,
	props TEXT NOT NULL,
	source_id TEXT NOT NULL,
	approx INTEGER NOT NULL DEFAULT 0,
	ags_municipality TEXT,
	municipality TEXT,
	ags_district TEXT,
	district TEXT,
	lon REAL,
	lat REAL,
	min_x REAL, min_y REAL, max_x REAL, max_y REAL,
	published INTEGER NOT NULL DEFAULT 0,
	deleted INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL,
	origin TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_theme ON items (theme, category);

CREATE TABLE IF NOT EXISTS item_versions (
	item_id TEXT NOT NULL,
	version INTEGER NOT NULL,
	at TEXT NOT NULL,
	by TEXT NOT NULL,
	action TEXT NOT NULL,
	snapshot TEXT NOT NULL,
	diff TEXT NOT NULL,
	PRIMARY KEY (item_id, version)
);

CREATE VIEW IF NOT EXISTS live_features AS
	SELECT ${LIVE_FID_OFFSET} + rid AS fid, id, theme, category, name, ags_municipality, municipality, ags_district, district,
		approx, lon, lat, geometry, props, source_id, min_x, min_y, max_x, max_y
	FROM items WHERE published = 1 AND deleted = 0;

CREATE TABLE IF NOT EXISTS users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
	password_hash TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sessions (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id),
	created_at INTEGER NOT NULL,
	last_seen INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT,
	action TEXT NOT NULL,
	target TEXT,
	detail TEXT,
	address TEXT
);

CREATE TABLE IF NOT EXISTS inquiries (
	id INTEGER PRIMARY KEY,
	created_at TEXT NOT NULL,
	site_id TEXT NOT NULL,
	site_name TEXT NOT NULL,
	name TEXT NOT NULL,
	company TEXT NOT NULL,
	email TEXT NOT NULL,
	phone TEXT,
	message TEXT NOT NULL,
	lang TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'new' CHECK (status IN (${INQUIRY_STATUSES.map((s) => `'${s}'`).join(', ')})),
	notes TEXT NOT NULL DEFAULT '[]',
	mail_status TEXT NOT NULL DEFAULT 'not_configured',
	updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
