/**
 * `npm run data`: seed (+ official files from NT_SOURCES) → theme features → PMTiles + SQLite.
 * Both outputs are written to temporary files and moved into place together at the end, so a failed
 * import or build leaves the previous data untouched.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataPaths, ARCHIVE_NAME } from '../src/lib/server/config.ts';
import { THEMES, BASE_LAYERS } from '../src/lib/themes/registry.ts';
import { themeFeatureZooms } from '../src/lib/map/style.ts';
import type { Provenance } from '../src/lib/data/model.ts';
import { ImportError } from '../src/lib/data/model.ts';
import { loadSeed, provenanceList } from './lib/seed.ts';
import { assembleThemeFeatures, broadbandEditions, choroplethStartClasses } from './lib/theme-features.ts';
import type { BuiltFeature, OfficialData } from './lib/theme-features.ts';
import { loadOfficialData } from './lib/official.ts';
import { loadPublishedContent } from './lib/content-source.ts';
import type { PublishedContent } from './lib/content-source.ts';
import { osmClipArea } from './osm/clip-area.ts';
import { areaFillData, baseLayers, regionRows, regionStats, seedIndicators } from './lib/base-layers.ts';
import { writeDatabase } from './lib/database.ts';
import { planningBroadband } from './lib/broadband-planning.ts';
import { buildVectorTiles } from './lib/vector-tiles.ts';
import type { LayerInput } from './lib/vector-tiles.ts';
import { writePMTiles } from './lib/pmtiles-writer.ts';
import { buildInputKey } from './lib/input-key.ts';
import { removeStaleTempFiles } from '../src/lib/server/stale-files.ts';
import { gridClusters } from './lib/clusters.ts';
import type { Theme } from '../src/lib/themes/registry.ts';

const MIN_ZOOM = 6;
const MAX_ZOOM = 14;
const MAX_TILE_BYTES = 500 * 1024;

const started = performance.now();
const step = (n: number, total: number, msg: string) =>
	console.log(`[${n}/${total}] ${msg} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

function toLayerFeature(f: BuiltFeature): GeoJSON.Feature {
	return {
		type: 'Feature',
		id: f.fid,
		geometry: f.geometry,
		properties: { ...f.props, fid: f.id, name: f.name, category: f.category, approx: f.approx, source_id: f.sourceId }
	};
}

async function main(): Promise<void> {
	const paths = dataPaths();
	const TOTAL = 6;
	for (const f of removeStaleTempFiles(paths.dbFile, paths.tilesDir, ARCHIVE_NAME)) console.log(`      removed a stale temporary file of an interrupted build: ${path.basename(f)}`);

	step(1, TOTAL, `reading seed from ${path.relative(paths.root, paths.seedDir)}`);
	const seed = loadSeed(paths.seedDir);

	let official: OfficialData | null = null;
	if (paths.sourcesDir) {
		step(2, TOTAL, `importing official files from ${paths.sourcesDir}`);
		const names = new Map(seed.municipalities.features.map((f) => [String(f.properties?.ags), String(f.properties?.name)]));
		// The seed's municipalities (VG250 2016) are the boundary edition of the pre-2019 codes.
		official = await loadOfficialData(paths.sourcesDir, (line) => console.log(`      ${line}`), (ags) => names.get(ags), [{ edition: '2016', municipalities: names }], osmClipArea(seed.districts));
	} else {
		step(2, TOTAL, 'no NT_SOURCES set: built-in seed data only (set NT_SOURCES to import official files)');
	}

	// Edits saved from now on are not in this build: the map draws them from /api/live until the next one.
	const contentReadAt = new Date().toISOString();
	const content = loadPublishedContent(paths.contentDbFile);
	step(3, TOTAL, content ? `assembling themes (with ${content.features.length} published back-office entries from ${path.relative(paths.root, content.file)})` : 'assembling themes');
	// Broadband of every edition on today's municipalities (area overlap, population weights): the
	// planner's table and the map's municipality colours.
	const planning = planningBroadband(seed, official);
	const features = assembleThemeFeatures(seed, official, planning, content);
	const area = areaFillData(seed, official);
	// Which themes colour municipalities, how many and from which source (read by /api/themes).
	const areaFills = area.fills;
	const base = baseLayers(seed, official, area);
	const layers: LayerInput[] = [
		...base,
		...THEMES.map((theme) => {
			const own = features.filter((f) => f.theme === theme.id);
			return { name: theme.sourceLayer, features: [...own.map(toLayerFeature), ...clusterFeatures(theme, own)], featureZooms: (f: GeoJSON.Feature) => themeFeatureZooms(theme, f) };
		})
	];
	for (const l of layers) console.log(`      ${l.name.padEnd(18)} ${String(l.features.length).padStart(6)} features`);

	step(4, TOTAL, `building vector tiles z${MIN_ZOOM}–${MAX_ZOOM}`);
	const bounds = boundsOf(seed.districts.features);
	const tiles = buildVectorTiles(layers, { minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, bounds, maxTileBytes: MAX_TILE_BYTES });
	for (const z of tiles.perZoom) {
		console.log(`      z${String(z.z).padEnd(3)} ${String(z.tiles).padStart(5)} tiles  total ${kb(z.totalBytes).padStart(10)}  largest ${kb(z.maxBytes).padStart(9)}`);
	}

	const sources = collectSources(seed, official, content);
	const attribution = sources.map((s) => s.attribution).filter((a, i, all) => all.indexOf(a) === i);
	// The version names what the tiles hold: the features, and the tiles cut from them (a change in how
	// tiles are cut gives new tile addresses, so browsers do not keep tiles of the old cut).
	const versionHash = createHash('sha256').update(JSON.stringify(layers.map((l) => [l.name, l.features])));
	for (const t of tiles.tiles) versionHash.update(t.data);
	const version = versionHash.digest('hex').slice(0, 16);
	const editions = broadbandEditions(features);
	const startClasses = choroplethStartClasses(features);
	const archive = writePMTiles(tiles.tiles, {
		tileType: 'mvt',
		tileCompression: 'gzip',
		minZoom: MIN_ZOOM,
		maxZoom: MAX_ZOOM,
		bounds,
		center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, 9],
		metadata: {
			name: 'Standortkarte Nordthüringen',
			description: 'Districts, municipalities and themes of Nordthüringen',
			version,
			attribution: attribution.join(' · '),
			vector_layers: tiles.layers.map((l) => ({ id: l.name, fields: l.fields, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM })),
			sources: sources.map((s) => s.id),
			broadband_editions: editions,
			official_sources: official !== null
		}
	});

	step(5, TOTAL, 'writing database');
	const regions = regionRows(seed, official);
	if (planning) {
		const converted = planning.values.filter((v) => v.method?.startsWith('converted')).map((v) => v.ags);
		const empty = planning.values.filter((v) => v.value === null).length;
		console.log(`      broadband on the ${planning.boundary} municipalities: ${planning.units.length} municipalities, ${new Set(converted).size} converted from older codes, ${empty} values with a reason instead`);
	}
	const dbTmp = `${paths.dbFile}.build`;
	const { bytes: dbBytes } = writeDatabase(dbTmp, {
		sources,
		seedIndicators: seedIndicators(seed),
		features,
		regions,
		stats: regionStats(seed, official),
		official,
		planning,
		meta: {
			built_at: new Date().toISOString(),
			data_version: version,
			content_read_at: content ? contentReadAt : '',
			official_sources: official ? 'yes' : 'no',
			broadband_editions: JSON.stringify(editions),
			area_fills: JSON.stringify(areaFills),
			start_classes: JSON.stringify(startClasses),
			planning_boundary: planning ? JSON.stringify({ edition: planning.boundary, source_id: planning.boundarySourceId, population_source_id: planning.populationSourceId }) : '',
			region: JSON.stringify(seed.region)
		}
	});

	step(6, TOTAL, 'moving outputs into place');
	mkdirSync(paths.tilesDir, { recursive: true });
	const archiveFile = path.join(paths.tilesDir, `${ARCHIVE_NAME}.pmtiles`);
	const archiveTmp = `${archiveFile}.tmp-${process.pid}`;
	writeFileSync(archiveTmp, archive);
	renameSync(archiveTmp, archiveFile);
	renameSync(dbTmp, paths.dbFile);
	const manifest = {
		input_key: buildInputKey(paths.root, paths.seedDir, paths.sourcesDir),
		built_at: new Date().toISOString(),
		data_version: version,
		official_sources: official !== null,
		archive: { file: path.relative(paths.root, archiveFile), bytes: archive.byteLength, max_tile_bytes: tiles.maxTileBytes },
		database: { file: path.relative(paths.root, paths.dbFile), bytes: dbBytes },
		layers: tiles.layers.map((l) => ({ name: l.name, features: l.features, geometry: l.geometryType })),
		zooms: tiles.perZoom
	};
	mkdirSync(path.dirname(paths.manifestFile), { recursive: true });
	writeFileSync(paths.manifestFile, JSON.stringify(manifest, null, 2));

	const seconds = (performance.now() - started) / 1000;
	console.log('\nSummary');
	console.log(`  archive   ${manifest.archive.file}  ${kb(archive.byteLength)}  (${tiles.tiles.length} tiles, largest ${kb(tiles.maxTileBytes)}, limit ${kb(MAX_TILE_BYTES)})`);
	console.log(`  database  ${manifest.database.file}  ${kb(dbBytes)}`);
	console.log(`  layers    ${tiles.layers.map((l) => `${l.name} ${l.features}`).join(', ')}`);
	console.log(`  editions  broadband ${editions.map((e) => `${e.level} ${e.asOf}`).join(', ') || 'none'}`);
	console.log(`  areas     ${Object.entries(areaFills).map(([id, a]) => `${id} ${a!.regions} of ${a!.of} municipalities (${a!.as_of})`).join(', ') || 'none (import the municipality register)'}`);
	console.log(`  sources   ${sources.length} (${official ? 'seed + official files' : 'seed only'})`);
	console.log(`  base      ${Object.values(BASE_LAYERS).join(', ')}`);
	console.log(`  done in ${seconds.toFixed(1)} s`);
}

/** Screen cell of a cluster in pixels: about two markers wide, so clusters never overlap much. */
const CLUSTER_CELL_PX = 48;

function clusterFeatures(theme: Theme, own: BuiltFeature[]): GeoJSON.Feature[] {
	if (!theme.clusterBelowZoom) return [];
	const except = new Set(theme.clusterExcept ?? []);
	const points = own
		.filter((f) => f.geometry.type === 'Point' && !except.has(f.category ?? '') && f.props.highlight !== true)
		.map((f) => {
			const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
			return { lon, lat };
		});
	return gridClusters(points, MIN_ZOOM, theme.clusterBelowZoom - 1, CLUSTER_CELL_PX).map((c) => ({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [Math.round(c.lon * 1e5) / 1e5, Math.round(c.lat * 1e5) / 1e5] },
		properties: { cluster_z: c.z, point_count: c.count }
	}));
}

function boundsOf(features: GeoJSON.Feature[]): [number, number, number, number] {
	let w = 180, s = 90, e = -180, n = -90;
	const visit = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const [x, y] = c as [number, number];
			w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
		} else if (Array.isArray(c)) c.forEach(visit);
	};
	for (const f of features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
	// A margin shows the neighbouring districts around the region's edge.
	return [w - 0.3, s - 0.2, e + 0.3, n + 0.2];
}

function collectSources(seed: ReturnType<typeof loadSeed>, official: OfficialData | null, content: PublishedContent | null): Provenance[] {
	const all: Provenance[] = [];
	for (const v of Object.values(seed)) {
		if (v && typeof v === 'object' && 'provenance' in v) all.push(...provenanceList((v as { provenance: Provenance | Provenance[] }).provenance));
	}
	if (official) all.push(...official.sources);
	if (content) all.push(...content.sources);
	const seen = new Set<string>();
	return all.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

try {
	await main();
} catch (e) {
	if (e instanceof ImportError) {
		console.error(`\nImport failed: ${e.message}\nThe previous tiles and database were left untouched.`);
	} else {
		console.error(`\nBuild failed: ${(e as Error).stack ?? e}\nThe previous tiles and database were left untouched.`);
	}
	const paths = dataPaths();
	rmSync(`${paths.dbFile}.build`, { force: true });
	process.exit(1);
}
