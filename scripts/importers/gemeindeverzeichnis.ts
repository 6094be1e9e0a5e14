/**
 * Gemeindeverzeichnis (Destatis GV-ISys) as a JSON object keyed by the 12-digit regional key (RS).
 * The municipality code (AGS) is RS[0:5] + RS[9:12]; the centre coordinates use a decimal comma.
 * The file carries no names: callers pass them from a boundary source of the same date.
 */
import {
	ImportError,
	type ImportResult,
	type MunicipalityStats,
	type Provenance
} from '../../src/lib/data/model.ts';
import { parseNumber } from '../lib/csv.ts';
import { baseName, readJson } from './source-file.ts';

export interface GemeindeverzeichnisOptions {
	filter?: (ags: string) => boolean;
	/** municipality names by AGS (the file has none); missing names stay '' with a warning */
	names?: (ags: string) => string | undefined;
}

/** What a row is, from its RS alone (GV-ISys puts district and association rows in the same key space). */
export type RsKind = 'municipality' | 'association' | 'district';

/**
 * A Gemeindeverband row has a Verband part but Gemeinde "000"; a district row has both parts
 * zero. A kreisfreie Stadt has that same all-zero shape yet is a municipality, so an all-zero key
 * counts as a district only if other keys of the same district exist.
 */
export function rsKind(rs: string, districtsWithMembers: ReadonlySet<string>): RsKind {
	const verband = rs.slice(5, 9);
	const gemeinde = rs.slice(9, 12);
	if (gemeinde !== '000') return 'municipality';
	if (verband !== '0000') return 'association';
	return districtsWithMembers.has(rs.slice(0, 5)) ? 'district' : 'municipality';
}

export function agsFromRs(rs: string): string {
	return rs.slice(0, 5) + rs.slice(9, 12);
}

function numberField(entry: Record<string, unknown>, field: string, file: string, rs: string): number {
	const v = entry[field];
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	if (typeof v === 'string') {
		const n = parseNumber(v, { file, column: `${rs}.${field}` });
		if (n !== null) return n;
	}
	throw new ImportError(file, `RS ${rs}: field "${field}" is not a number (${JSON.stringify(v)})`);
}

export function gemeindeverzeichnisEdition(file: string): string {
	const m = /gemeindeverzeichnis[-_](\d{4})/i.exec(file);
	return m?.[1] ?? 'undated';
}

export function importGemeindeverzeichnis(
	file: string,
	options: GemeindeverzeichnisOptions = {}
): ImportResult<MunicipalityStats> {
	const fileName = baseName(file);
	const data = readJson(file);
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new ImportError(file, 'expected a JSON object keyed by the 12-digit regional key (RS)');
	}
	const entries = Object.entries(data as Record<string, unknown>);
	for (const [rs, entry] of entries) {
		if (!/^\d{12}$/.test(rs)) throw new ImportError(file, `key "${rs}" is not a 12-digit regional key`);
		if (typeof entry !== 'object' || entry === null) throw new ImportError(file, `RS ${rs}: entry is not an object`);
		const inner = (entry as Record<string, unknown>)['RS'];
		if (inner !== undefined && inner !== rs) throw new ImportError(file, `RS ${rs}: entry says RS ${String(inner)}`);
	}
	const districtsWithMembers = new Set(
		entries.filter(([rs]) => rs.slice(5) !== '0000000').map(([rs]) => rs.slice(0, 5))
	);
	const records: MunicipalityStats[] = [];
	const seen = new Map<string, string>();
	let skipped = 0;
	let unnamed = 0;
	for (const [rs, value] of entries) {
		if (rsKind(rs, districtsWithMembers) !== 'municipality') {
			skipped++;
			continue;
		}
		const ags = agsFromRs(rs);
		const other = seen.get(ags);
		if (other !== undefined) throw new ImportError(file, `RS ${rs} and ${other} give the same AGS ${ags}`);
		seen.set(ags, rs);
		if (options.filter && !options.filter(ags)) continue;
		const entry = value as Record<string, unknown>;
		const zip = entry['zip'];
		if (typeof zip !== 'string' && typeof zip !== 'number') throw new ImportError(file, `RS ${rs}: missing zip`);
		const name = options.names?.(ags);
		if (name === undefined) unnamed++;
		records.push({
			ags,
			name: name ?? '',
			areaKm2: numberField(entry, 'area', file, rs),
			population: numberField(entry, 'population', file, rs),
			densityPerKm2: numberField(entry, 'population_density', file, rs),
			// postcodes lose their leading zero when stored as numbers
			zip: String(zip).padStart(5, '0'),
			center: [numberField(entry, 'center_lon', file, rs), numberField(entry, 'center_lat', file, rs)]
		});
	}
	records.sort((a, b) => a.ags.localeCompare(b.ags));
	const warnings: string[] = [];
	if (skipped > 0) warnings.push(`${fileName}: ${skipped} district/association rows skipped`);
	if (unnamed > 0) warnings.push(`${fileName}: ${unnamed} municipalities without a name (the file has no names)`);
	const edition = gemeindeverzeichnisEdition(file);
	const source: Provenance & { file: string } = {
		id: `gemeindeverzeichnis-${edition}`,
		title: /^\d{4}$/.test(edition)
			? {
					de: `Gemeindeverzeichnis (GV-ISys), Stand 31.12.${edition}`,
					en: `Municipality register (GV-ISys), as of 31 Dec ${edition}`
				}
			: { de: 'Gemeindeverzeichnis (GV-ISys)', en: 'Municipality register (GV-ISys)' },
		publisher: 'Statistisches Bundesamt (Destatis)',
		edition,
		licence: 'Datenlizenz Deutschland – Namensnennung 2.0',
		attribution: 'Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys',
		derivation: `scripts/importers/gemeindeverzeichnis.ts from ${fileName}`,
		file: fileName
	};
	return { source, records, warnings };
}
