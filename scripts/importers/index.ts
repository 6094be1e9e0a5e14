/**
 * Finds the official source files in a sources directory and runs the matching importers.
 * A file in a known folder that no importer understands is an error, not something to skip:
 * a renamed download would otherwise silently leave old data in place.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
	ImportError,
	isRegionAgs,
	type BroadbandRecord,
	type ImportResult,
	type IndicatorRecord,
	type MunicipalityStats
} from '../../src/lib/data/model.ts';
import { baSeriesOf, importBa } from './ba.ts';
import { broadbandFileInfo, importBroadbandFile } from './breitbandatlas.ts';
import { coverageOf, type MunicipalityList } from './coverage.ts';
import { importGemeindeverzeichnis } from './gemeindeverzeichnis.ts';
import { importInkar } from './bbsr-indicators.ts';
import { importGoalIndicators } from './goal-indicators.ts';
import { ProblemList } from './problems.ts';
import { importHospitals, type HospitalRecord } from './hospitals.ts';
import { importVg5000, isVg5000FileName, type Vg5000Result } from './admin-boundaries.ts';
import { importOsm, isOsmFileName, type OsmImportResult } from './osm.ts';
import type { BBox } from '../osm/lines.ts';

export type SourceKind = 'broadband' | 'inkar' | 'ba' | 'vg5000' | 'gemeindeverzeichnis' | 'hospitals' | 'osm' | 'goals';

export interface DiscoveredSource {
	kind: SourceKind;
	/** a file; for vg5000 the folder (the importer picks its layers) */
	path: string;
}

export interface ImportAllOptions {
	/** which AGS to keep; default: the region's three districts and their municipalities */
	filter?: (ags: string) => boolean;
	/** municipality names for the Gemeindeverzeichnis, which has none (e.g. from VG250 of the same date) */
	names?: (ags: string) => string | undefined;
	/** import area of OpenStreetMap extracts [west, south, east, north]; default: the whole world */
	osmClip?: BBox;
	/**
	 * the region's municipalities per boundary edition, for the coverage check of municipality
	 * files (e.g. the 2016 municipalities of the seed); the imported register and boundaries of the
	 * same run are added
	 */
	municipalityLists?: MunicipalityList[];
}

export interface SourceSummary {
	kind: SourceKind;
	id: string;
	file: string;
	edition: string;
	records: number;
	warnings: string[];
}

export interface ImportAllResult {
	broadband: ImportResult<BroadbandRecord>[];
	/** INKAR and BA series */
	indicators: ImportResult<IndicatorRecord>[];
	municipalityStats: ImportResult<MunicipalityStats>[];
	hospitals: ImportResult<HospitalRecord>[];
	boundaries: Vg5000Result[];
	osm: OsmImportResult[];
	summary: SourceSummary[];
}

function isIgnored(name: string): boolean {
	return name.startsWith('.') || /^readme(\.|$)/i.test(name);
}

function filesIn(dir: string): string[] {
	return readdirSync(dir)
		.filter((name) => !isIgnored(name) && statSync(path.join(dir, name)).isFile())
		.sort();
}

function unknownFile(file: string): ImportError {
	return new ImportError(file, 'unknown file: no importer for this name in this folder');
}

/** Which importer handles a file in a folder of the given kind; null if none. */
function kindOfFile(folder: SourceKind, name: string): SourceKind | null {
	switch (folder) {
		case 'broadband':
			return broadbandFileInfo(name) ? 'broadband' : null;
		case 'inkar':
			return /\.csv$/i.test(name) ? 'inkar' : null;
		case 'goals':
			return /\.csv$/i.test(name) ? 'goals' : null;
		case 'ba':
			return baSeriesOf(name) && /\.csv$/i.test(name) ? 'ba' : null;
		case 'gemeindeverzeichnis':
			return /\.json$/i.test(name) ? 'gemeindeverzeichnis' : null;
		case 'hospitals':
			return /\.json$/i.test(name) ? 'hospitals' : null;
		case 'vg5000':
			return isVg5000FileName(name) ? 'vg5000' : null;
		case 'osm':
			return isOsmFileName(name) ? 'osm' : null;
	}
}

function folderKind(name: string): SourceKind | null {
	if (name === 'breitbandatlas') return 'broadband';
	if (name === 'inkar') return 'inkar';
	if (name === 'ba') return 'ba';
	if (/^vg5000-\d{4}$/i.test(name)) return 'vg5000';
	if (/^gemeindeverzeichnis-\d{4}$/i.test(name)) return 'gemeindeverzeichnis';
	if (name === 'krankenhaeuser') return 'hospitals';
	if (name === 'osm') return 'osm';
	if (name === 'ziele') return 'goals';
	return null;
}

/**
 * Lists the sources under dir. Folders the project does not know are left alone (they may belong
 * to other tools); inside a known folder every file must match an importer. Unknown files are
 * collected into problems when a list is given, so one run names them all.
 */
export function discoverSources(dir: string, problems?: ProblemList): DiscoveredSource[] {
	let entries: string[];
	try {
		entries = readdirSync(dir).sort();
	} catch {
		throw new ImportError(dir, 'sources directory not found');
	}
	const found: DiscoveredSource[] = [];
	for (const name of entries) {
		const folder = path.join(dir, name);
		const kind = folderKind(name);
		if (!kind || !statSync(folder).isDirectory()) continue;
		const files = filesIn(folder);
		const known = files.filter((file) => {
			if (kindOfFile(kind, file) !== null) return true;
			const e = unknownFile(path.join(folder, file));
			if (!problems) throw e;
			problems.add(e.file, e.problem);
			return false;
		});
		if (kind === 'vg5000') {
			if (known.length > 0) found.push({ kind, path: folder });
		} else {
			for (const file of known) found.push({ kind, path: path.join(folder, file) });
		}
	}
	return found;
}

function summarize<T>(kind: SourceKind, r: ImportResult<T>): SourceSummary {
	return { kind, id: r.source.id, file: r.source.file, edition: r.source.edition, records: r.records.length, warnings: r.warnings };
}

/**
 * Runs every importer on what discoverSources found. Problems are collected across all files and
 * thrown together (ImportErrors) after the last file, so the caller keeps the previous data and
 * the person updating the files sees every problem of every file in one run.
 */
export async function importAll(dir: string, options: ImportAllOptions = {}): Promise<ImportAllResult> {
	const filter = options.filter ?? isRegionAgs;
	const result: ImportAllResult = {
		broadband: [],
		indicators: [],
		municipalityStats: [],
		hospitals: [],
		boundaries: [],
		osm: [],
		summary: []
	};
	const problems = new ProblemList();
	const broadbandPaths = new Map<ImportResult<BroadbandRecord>, string>();
	for (const source of discoverSources(dir, problems)) {
		switch (source.kind) {
			case 'broadband': {
				const r = await problems.captureAsync(() => importBroadbandFile(source.path, { filter }));
				if (!r) break;
				result.broadband.push(r);
				broadbandPaths.set(r, source.path);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'inkar':
			case 'ba':
			case 'goals': {
				const r = problems.capture(() =>
					source.kind === 'inkar' ? importInkar(source.path, { filter }) : source.kind === 'ba' ? importBa(source.path, { filter }) : importGoalIndicators(source.path)
				);
				if (!r) break;
				result.indicators.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'gemeindeverzeichnis': {
				const r = problems.capture(() => importGemeindeverzeichnis(source.path, { filter, names: options.names }));
				if (!r) break;
				result.municipalityStats.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'hospitals': {
				const r = problems.capture(() => importHospitals(source.path, { filter }));
				if (!r) break;
				result.hospitals.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'osm': {
				const r = await problems.captureAsync(() => importOsm(source.path, { clip: options.osmClip ?? [-180, -90, 180, 90] }));
				if (!r) break;
				result.osm.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'vg5000': {
				const r = await problems.captureAsync(() => importVg5000(source.path, { filter }));
				if (!r) break;
				result.boundaries.push(r);
				result.summary.push({
					kind: source.kind,
					id: r.source.id,
					file: r.source.file,
					edition: r.source.edition,
					records: r.districts.features.length + r.municipalities.features.length,
					warnings: r.warnings
				});
				break;
			}
		}
	}
	checkCoverage(result, broadbandPaths, options, filter === isRegionAgs, problems);
	problems.throwIfAny();
	return result;
}

/**
 * Every municipality file must hold every municipality of the region of the boundary edition its
 * codes belong to; each record learns that edition. Lists: the caller's, then the register and
 * the boundaries imported in this run.
 */
function checkCoverage(result: ImportAllResult, paths: Map<ImportResult<BroadbandRecord>, string>, options: ImportAllOptions, regionFilter: boolean, problems: ProblemList): void {
	const lists: MunicipalityList[] = [...(options.municipalityLists ?? [])];
	for (const gv of result.municipalityStats) {
		lists.push({ edition: gv.source.edition === 'undated' ? gv.source.id : `${gv.source.edition}-12-31`, municipalities: new Map(gv.records.map((r) => [r.ags, r.name])) });
	}
	for (const b of result.boundaries) {
		lists.push({ edition: b.source.edition, municipalities: new Map(b.municipalities.features.map((f) => [f.properties.ags, f.properties.name])) });
	}
	for (const r of result.broadband) {
		if (broadbandFileInfo(r.source.file)?.level !== 'municipality') continue;
		const file = paths.get(r) ?? r.source.file;
		const codes = new Set(r.records.map((x) => x.ags));
		if (codes.size === 0) {
			if (regionFilter) problems.add(file, 'no municipality of the region in this file (cut off, or another region?)');
			continue;
		}
		const coverage = coverageOf(codes, lists);
		if (!coverage) continue;
		if (coverage.missing.length > 0) {
			problems.add(
				file,
				`${coverage.missing.length} municipalit${coverage.missing.length === 1 ? 'y' : 'ies'} of the region (boundaries ${coverage.edition}) missing: ${coverage.missing.map((m) => `${m.ags}${m.name ? ` ${m.name}` : ''}`).join(', ')}`
			);
		}
		if (coverage.unknown.length > 0) r.warnings.push(`${r.source.file}: ${coverage.unknown.length} codes not in the boundaries ${coverage.edition}: ${coverage.unknown.join(', ')}`);
		for (const rec of r.records) rec.boundaryEdition = coverage.edition;
	}
}
