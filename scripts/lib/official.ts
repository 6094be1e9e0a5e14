/**
 * Imports the official files from the sources directory (NT_SOURCES) into the shape the theme
 * assembly and the database need. Any ImportError propagates: the build stops and the previous
 * tiles and database stay untouched.
 */
import { importAll } from '../importers/index.ts';
import type { MunicipalityList } from '../importers/coverage.ts';
import type { OfficialData } from './theme-features.ts';
import type { Provenance } from '../../src/lib/data/model.ts';

export async function loadOfficialData(
	dir: string,
	log: (line: string) => void,
	names: (ags: string) => string | undefined,
	municipalityLists: MunicipalityList[] = [],
	osmClip?: [number, number, number, number]
): Promise<OfficialData> {
	const all = await importAll(dir, { names, municipalityLists, osmClip });
	for (const s of all.summary) {
		log(`${s.kind.padEnd(20)} ${String(s.records).padStart(6)} records  ${s.edition.padEnd(10)} ${s.file}`);
		for (const w of s.warnings.slice(0, 3)) log(`   warning: ${w}`);
		if (s.warnings.length > 3) log(`   … ${s.warnings.length - 3} more warnings`);
	}
	const sources: Provenance[] = [];
	const strip = (p: Provenance & { file: string }): Provenance => {
		const { file: _file, ...rest } = p;
		return rest;
	};
	const data: OfficialData = { sources, broadband: [], indicators: [] };
	for (const r of all.broadband) {
		sources.push(strip(r.source));
		for (const record of r.records) data.broadband.push({ record, sourceId: r.source.id });
	}
	for (const r of all.indicators) {
		sources.push(strip(r.source));
		for (const record of r.records) data.indicators.push({ record, sourceId: r.source.id });
	}
	const stats = all.municipalityStats[all.municipalityStats.length - 1];
	if (stats) {
		sources.push(strip(stats.source));
		data.municipalityStats = { stats: stats.records, sourceId: stats.source.id };
	}
	const boundaries = all.boundaries[all.boundaries.length - 1];
	if (boundaries) {
		sources.push(strip(boundaries.source));
		data.boundaries2021 = { districts: boundaries.districts, municipalities: boundaries.municipalities, sourceId: boundaries.source.id };
	}
	for (const h of all.hospitals) sources.push(strip(h.source));
	// One OpenStreetMap edition at a time: the newest extract in the folder.
	const osm = [...all.osm].sort((a, b) => a.timestamp.localeCompare(b.timestamp)).pop();
	if (osm) {
		sources.push(strip(osm.source));
		data.osm = { records: osm.records, sourceId: osm.source.id };
	}
	return data;
}
