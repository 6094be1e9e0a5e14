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
import { broadbandFileInfo, importBroadband } from './breitbandatlas.ts';
import { importGemeindeverzeichnis } from './gemeindeverzeichnis.ts';
import { importInkar } from './bbsr-indicators.ts';
import { importHospitals, type HospitalRecord } from './hospitals.ts';
import { importVg5000, isVg5000FileName, type Vg5000Result } from './admin-boundaries.ts';
import { importOsm, isOsmFileName, type OsmImportResult } from './osm.ts';
import type { BBox } from '../osm/lines.ts';

export type SourceKind = 'broadband' | 'inkar' | 'ba' | 'vg5000' | 'gemeindeverzeichnis' | 'hospitals' | 'osm';

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
	return null;
}

/**
 * Lists the sources under dir. Folders the project does not know are left alone (they may belong
 * to other tools); inside a known folder every file must match an importer.
 */
export function discoverSources(dir: string): DiscoveredSource[] {
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
		for (const file of files) {
			if (kindOfFile(kind, file) === null) throw unknownFile(path.join(folder, file));
		}
		if (kind === 'vg5000') {
			if (files.length > 0) found.push({ kind, path: folder });
		} else {
			for (const file of files) found.push({ kind, path: path.join(folder, file) });
		}
	}
	return found;
}

function summarize<T>(kind: SourceKind, r: ImportResult<T>): SourceSummary {
	return { kind, id: r.source.id, file: r.source.file, edition: r.source.edition, records: r.records.length, warnings: r.warnings };
}

/**
 * Runs every importer on what discoverSources found. Any ImportError propagates unchanged, so the
 * caller can keep the data of the previous run and report the file and line.
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
	for (const source of discoverSources(dir)) {
		switch (source.kind) {
			case 'broadband': {
				const r = importBroadband(source.path, { filter });
				result.broadband.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'inkar':
			case 'ba': {
				const r = source.kind === 'inkar' ? importInkar(source.path, { filter }) : importBa(source.path, { filter });
				result.indicators.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'gemeindeverzeichnis': {
				const r = importGemeindeverzeichnis(source.path, { filter, names: options.names });
				result.municipalityStats.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'hospitals': {
				const r = importHospitals(source.path, { filter });
				result.hospitals.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'osm': {
				const r = await importOsm(source.path, { clip: options.osmClip ?? [-180, -90, 180, 90] });
				result.osm.push(r);
				result.summary.push(summarize(source.kind, r));
				break;
			}
			case 'vg5000': {
				const r = await importVg5000(source.path, { filter });
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
	return result;
}
