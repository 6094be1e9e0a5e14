/**
 * SQLite schema of the built database (var/standortkarte.sqlite). Written once by `npm run data`,
 * opened read-only by the API. Geometry is stored as GeoJSON text; the R*Tree holds bounding boxes
 * so bbox queries never scan the table, and FTS5 (diacritics removed) answers the search box.
 */
export const SCHEMA_VERSION = 3;

export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sources (id TEXT PRIMARY KEY, json TEXT NOT NULL);

CREATE TABLE features (
	fid INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	theme TEXT NOT NULL,
	category TEXT,
	name TEXT NOT NULL,
	ags_municipality TEXT,
	municipality TEXT,
	ags_district TEXT,
	district TEXT,
	approx INTEGER NOT NULL DEFAULT 0,
	lon REAL,
	lat REAL,
	geometry TEXT NOT NULL,
	props TEXT NOT NULL,
	source_id TEXT NOT NULL
);
CREATE INDEX features_theme ON features (theme, fid);

CREATE VIRTUAL TABLE features_bbox USING rtree (fid, min_x, max_x, min_y, max_y);

CREATE TABLE regions (
	ags TEXT NOT NULL,
	level TEXT NOT NULL,
	boundary_edition TEXT NOT NULL,
	name TEXT NOT NULL,
	bez TEXT,
	ags_district TEXT,
	lon REAL NOT NULL,
	lat REAL NOT NULL,
	min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
	geometry TEXT NOT NULL,
	source_id TEXT NOT NULL,
	PRIMARY KEY (ags, boundary_edition)
);

CREATE TABLE region_stats (
	ags TEXT NOT NULL,
	key TEXT NOT NULL,
	value REAL NOT NULL,
	as_of TEXT NOT NULL,
	source_id TEXT NOT NULL,
	PRIMARY KEY (ags, key, as_of)
);

CREATE TABLE broadband (
	ags TEXT NOT NULL,
	level TEXT NOT NULL,
	audience TEXT NOT NULL,
	as_of TEXT NOT NULL,
	metric TEXT NOT NULL,
	value REAL,
	source_id TEXT NOT NULL,
	PRIMARY KEY (ags, audience, as_of, metric)
);

CREATE TABLE indicators (
	ags TEXT NOT NULL,
	level TEXT NOT NULL,
	code TEXT NOT NULL,
	year INTEGER NOT NULL,
	value REAL NOT NULL,
	label TEXT NOT NULL,
	source_id TEXT NOT NULL,
	PRIMARY KEY (ags, code, year, source_id)
);

-- The planner's broadband table: every municipality file's values on one boundary edition
-- (2021 after import, converted by area overlap where codes changed; see scripts/lib/broadband-harmonise.ts).
CREATE TABLE planning_units (
	ags TEXT PRIMARY KEY,
	boundary_edition TEXT NOT NULL,
	name TEXT NOT NULL,
	ags_district TEXT NOT NULL,
	population REAL,
	parts TEXT NOT NULL,
	geometry TEXT NOT NULL
);

CREATE TABLE planning_broadband (
	ags TEXT NOT NULL,
	audience TEXT NOT NULL,
	as_of TEXT NOT NULL,
	metric TEXT NOT NULL,
	value REAL,
	method TEXT,
	reason TEXT,
	from_codes TEXT NOT NULL,
	source_id TEXT NOT NULL,
	source_boundary TEXT NOT NULL,
	PRIMARY KEY (audience, as_of, metric, ags)
);

CREATE VIRTUAL TABLE search USING fts5 (
	text,
	ref UNINDEXED,
	kind UNINDEXED,
	label UNINDEXED,
	detail UNINDEXED,
	boost UNINDEXED,
	lon UNINDEXED,
	lat UNINDEXED,
	theme UNINDEXED,
	tokenize = "unicode61 remove_diacritics 2",
	prefix = '1 2 3'
);
`;

/**
 * Search text normalisation shared by indexing and querying: FTS5's remove_diacritics handles
 * ü → u, but ß and the umlaut spellings ue/oe/ae need our help so that "Rossleben", "Roßleben",
 * "Muehlhausen" and "muhlhausen" all meet.
 */
export function normalizeSearchText(s: string): string {
	return s
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/ä/g, 'a')
		.replace(/ö/g, 'o')
		.replace(/ü/g, 'u')
		.replace(/ae/g, 'a')
		.replace(/oe/g, 'o')
		.replace(/ue/g, 'u')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}
