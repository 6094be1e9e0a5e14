/**
 * Writes the product's SQLite database in one transaction into a temporary file and renames it
 * over the previous one only when everything succeeded, so a failed build never leaves a
 * half-written database behind.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import bboxOf from '@turf/bbox';
import { representativePoint } from '../../src/lib/data/representative-point.ts';
import { getTheme } from '../../src/lib/themes/registry.ts';
import type { Provenance } from '../../src/lib/data/model.ts';
import { SCHEMA_SQL, SCHEMA_VERSION, normalizeSearchText } from '../../src/lib/server/db/schema.ts';
import type { BuiltFeature, OfficialData } from './theme-features.ts';
import type { PlanningBroadband } from './broadband-planning.ts';
import { searchKind } from '../../src/lib/themes/registry.ts';

export interface RegionRow {
	ags: string;
	level: 'district' | 'municipality' | 'neighbour';
	boundaryEdition: string;
	name: string;
	bez: string | null;
	agsDistrict: string | null;
	labelPoint: [number, number];
	geometry: GeoJSON.Geometry;
	sourceId: string;
}

export interface RegionStat {
	ags: string;
	key: string;
	value: number;
	asOf: string;
	sourceId: string;
}

/** A district headline series from the seed (curated facts), stored beside imported series. */
export interface SeedIndicator {
	ags: string;
	code: string;
	year: number;
	value: number;
	sourceId: string;
}

export interface DatabaseInput {
	sources: Provenance[];
	seedIndicators?: SeedIndicator[];
	features: BuiltFeature[];
	regions: RegionRow[];
	stats: RegionStat[];
	official: OfficialData | null;
	planning?: PlanningBroadband | null;
	meta: Record<string, string>;
}

/**
 * Search ranking: a higher boost lists a kind first when texts match equally well. Regions rank above
 * every theme; the themes' and categories' boosts are in the registry (Theme.search, searchKind).
 */
const REGION_BOOST: Record<string, number> = {
	district: 50,
	municipality: 40
};

function roundBbox(g: GeoJSON.Geometry): [number, number, number, number] {
	const b = bboxOf(g);
	return [b[0], b[1], b[2], b[3]];
}

export function writeDatabase(file: string, input: DatabaseInput): { bytes: number } {
	mkdirSync(path.dirname(file), { recursive: true });
	const tmp = `${file}.tmp-${process.pid}`;
	rmSync(tmp, { force: true });
	const db = new DatabaseSync(tmp);
	try {
		db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;');
		db.exec(SCHEMA_SQL);
		db.exec('BEGIN');
		const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
		for (const [k, v] of Object.entries({ ...input.meta, schema_version: String(SCHEMA_VERSION) })) meta.run(k, v);

		const src = db.prepare('INSERT INTO sources (id, json) VALUES (?, ?)');
		const seenSources = new Set<string>();
		for (const p of input.sources) {
			if (seenSources.has(p.id)) continue;
			seenSources.add(p.id);
			src.run(p.id, JSON.stringify(p));
		}

		const feat = db.prepare(
			`INSERT INTO features (fid, id, theme, category, name, ags_municipality, municipality, ags_district, district,
			 approx, lon, lat, geometry, props, source_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
		);
		const box = db.prepare('INSERT INTO features_bbox (fid, min_x, max_x, min_y, max_y) VALUES (?,?,?,?,?)');
		const search = db.prepare('INSERT INTO search (text, ref, kind, label, detail, boost, lon, lat, theme) VALUES (?,?,?,?,?,?,?,?,?)');
		for (const f of input.features) {
			const p = f.props;
			const [minX, minY, maxX, maxY] = roundBbox(f.geometry);
			// Polygons (commercial sites drawn in the back office) get a point on the site, so their
			// distances to stations, stops, junctions and hospitals come from the built data too. Areas a
			// theme colours by a value (broadband per district) are regions, not places: no point.
			const point = getTheme(f.theme)?.choropleth ? null : representativePoint(f.geometry);
			feat.run(
				f.fid,
				f.id,
				f.theme,
				f.category,
				f.name,
				(p.ags_municipality as string) ?? null,
				(p.municipality as string) ?? null,
				(p.ags_district as string) ?? null,
				(p.district as string) ?? null,
				f.approx ? 1 : 0,
				point ? point[0]! : null,
				point ? point[1]! : null,
				JSON.stringify(f.geometry),
				JSON.stringify(p),
				f.sourceId
			);
			box.run(f.fid, minX, maxX, minY, maxY);
			// Themes without a search entry are found otherwise (the broadband polygons through the regions).
			const entry = searchKind(f.theme, f.category);
			if (!entry) continue;
			const { kind } = entry;
			const detail = [p.municipality, p.district].filter(Boolean).join(', ');
			const importance = Number(p.weight ?? p.population ?? 0);
			search.run(
				normalizeSearchText(`${f.name} ${p.municipality ?? ''}`),
				f.id,
				kind,
				f.name,
				detail,
				entry.boost + Math.min(10, Math.log10(1 + importance)),
				point ? point[0]! : (minX + maxX) / 2,
				point ? point[1]! : (minY + maxY) / 2,
				f.theme
			);
		}

		const region = db.prepare(
			`INSERT INTO regions (ags, level, boundary_edition, name, bez, ags_district, lon, lat, min_x, min_y, max_x, max_y, geometry, source_id)
			 VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
		);
		for (const r of input.regions) {
			const [minX, minY, maxX, maxY] = roundBbox(r.geometry);
			region.run(r.ags, r.level, r.boundaryEdition, r.name, r.bez, r.agsDistrict, r.labelPoint[0], r.labelPoint[1], minX, minY, maxX, maxY, JSON.stringify(r.geometry), r.sourceId);
			if (r.level === 'neighbour') continue;
			search.run(normalizeSearchText(r.name), `region:${r.ags}`, r.level, r.name, r.bez ?? '', REGION_BOOST[r.level] ?? 1, r.labelPoint[0], r.labelPoint[1], null);
		}

		const stat = db.prepare('INSERT OR REPLACE INTO region_stats (ags, key, value, as_of, source_id) VALUES (?,?,?,?,?)');
		for (const s of input.stats) stat.run(s.ags, s.key, s.value, s.asOf, s.sourceId);

		const bb = db.prepare('INSERT OR REPLACE INTO broadband (ags, level, audience, as_of, metric, value, source_id) VALUES (?,?,?,?,?,?,?)');
		for (const { record, sourceId } of input.official?.broadband ?? []) {
			for (const [metric, value] of Object.entries(record.values)) {
				bb.run(record.ags, record.level, record.audience, record.asOf, metric, value, sourceId);
			}
		}
		const ind = db.prepare('INSERT OR REPLACE INTO indicators (ags, level, code, year, value, label, source_id) VALUES (?,?,?,?,?,?,?)');
		for (const i of input.seedIndicators ?? []) ind.run(i.ags, 'district', i.code, i.year, i.value, i.code, i.sourceId);
		for (const { record, sourceId } of input.official?.indicators ?? []) {
			ind.run(record.ags, record.level, record.code, record.year, record.value, record.label, sourceId);
		}
		if (input.planning) {
			const unit = db.prepare('INSERT INTO planning_units (ags, boundary_edition, name, ags_district, population, parts, geometry) VALUES (?,?,?,?,?,?,?)');
			for (const u of input.planning.units) unit.run(u.ags, input.planning.boundary, u.name, u.ags_district, u.population, JSON.stringify(u.parts), JSON.stringify(u.geometry));
			const pb = db.prepare(
				'INSERT INTO planning_broadband (ags, audience, as_of, metric, value, method, reason, from_codes, source_id, source_boundary) VALUES (?,?,?,?,?,?,?,?,?,?)'
			);
			for (const v of input.planning.values) pb.run(v.ags, v.audience, v.asOf, v.metric, v.value, v.method, v.reason, v.from, v.sourceId, v.sourceBoundary);
		}
		db.exec('COMMIT');
		db.exec("INSERT INTO search(search) VALUES('optimize')");
		db.exec('VACUUM');
	} catch (e) {
		db.close();
		rmSync(tmp, { force: true });
		throw e;
	}
	db.close();
	renameSync(tmp, file);
	return { bytes: statSync(file).size };
}
