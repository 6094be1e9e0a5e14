/**
 * Krankenhausverzeichnis extract (statistical offices) with positions geocoded via Nominatim:
 * a JSON array of hospital sites. Operator type comes as traeger 1/2/3; the AGS is assembled from
 * Land, Kreis and Gemeinde numbers.
 */
import { ImportError, type ImportResult, type Provenance } from '../../src/lib/data/model.ts';
import { baseName, readJson } from './source-file.ts';

export type HospitalOperator = 'public' | 'nonprofit' | 'private';

export interface HospitalRecord {
	name: string;
	/** "Street 1, 12345 Town" */
	address: string;
	operator: HospitalOperator;
	lon: number;
	lat: number;
	/** 8-digit municipality AGS */
	ags: string;
}

export interface HospitalOptions {
	filter?: (ags: string) => boolean;
}

const OPERATORS: Record<number, HospitalOperator> = { 1: 'public', 2: 'nonprofit', 3: 'private' };

/** Länder codes: the file names the Land, the AGS needs its number. */
const LAND_CODES: Record<string, string> = {
	'Schleswig-Holstein': '01',
	Hamburg: '02',
	Niedersachsen: '03',
	Bremen: '04',
	'Nordrhein-Westfalen': '05',
	Hessen: '06',
	'Rheinland-Pfalz': '07',
	'Baden-Württemberg': '08',
	Bayern: '09',
	Saarland: '10',
	Berlin: '11',
	Brandenburg: '12',
	'Mecklenburg-Vorpommern': '13',
	Sachsen: '14',
	'Sachsen-Anhalt': '15',
	Thüringen: '16'
};

function text(entry: Record<string, unknown>, field: string): string {
	const v = entry[field];
	return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function integer(entry: Record<string, unknown>, field: string, file: string, where: string): number {
	const v = entry[field];
	const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
		throw new ImportError(file, `${where}: field "${field}" is not a whole number (${JSON.stringify(v)})`);
	}
	return n;
}

function coordinate(entry: Record<string, unknown>, field: string, limit: number, file: string, where: string): number {
	const v = entry[field];
	const n = typeof v === 'string' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > limit) {
		throw new ImportError(file, `${where}: field "${field}" is not a coordinate (${JSON.stringify(v)})`);
	}
	return n;
}

export function importHospitals(file: string, options: HospitalOptions = {}): ImportResult<HospitalRecord> {
	const fileName = baseName(file);
	const data = readJson(file);
	if (!Array.isArray(data)) throw new ImportError(file, 'expected a JSON array of hospitals');
	const records: HospitalRecord[] = [];
	data.forEach((raw: unknown, i) => {
		if (typeof raw !== 'object' || raw === null) throw new ImportError(file, `entry ${i + 1} is not an object`);
		const entry = raw as Record<string, unknown>;
		const name = text(entry, 'adresse_name') || text(entry, 'adresse_name_standort');
		const where = `entry ${i + 1}${name ? ` (${name})` : ''}`;
		if (!name) throw new ImportError(file, `${where}: no name`);
		const land = LAND_CODES[text(entry, 'bundesland')];
		if (!land) throw new ImportError(file, `${where}: unknown Bundesland "${text(entry, 'bundesland')}"`);
		const kreis = integer(entry, 'kreis', file, where);
		const gemeinde = integer(entry, 'gemeinde', file, where);
		if (kreis > 999 || gemeinde > 999) throw new ImportError(file, `${where}: kreis/gemeinde out of range`);
		const ags = land + String(kreis).padStart(3, '0') + String(gemeinde).padStart(3, '0');
		if (options.filter && !options.filter(ags)) return;
		const traeger = integer(entry, 'traeger', file, where);
		const operator = OPERATORS[traeger];
		if (!operator) throw new ImportError(file, `${where}: unknown traeger ${traeger} (expected 1, 2 or 3)`);
		const street = [text(entry, 'adresse_strasse_standort'), text(entry, 'adresse_haus_nr._standort')]
			.filter(Boolean)
			.join(' ');
		const zipRaw = text(entry, 'adresse_postleitzahl_standort');
		// numeric postcodes lose their leading zero (06567 → 6567)
		const zip = /^\d{4,5}$/.test(zipRaw) ? zipRaw.padStart(5, '0') : zipRaw;
		const town = [zip, text(entry, 'adresse_ort_standort')].filter(Boolean).join(' ');
		records.push({
			name,
			address: [street, town].filter(Boolean).join(', '),
			operator,
			lon: coordinate(entry, 'longitude', 180, file, where),
			lat: coordinate(entry, 'latitude', 90, file, where),
			ags
		});
	});
	const source: Provenance & { file: string } = {
		id: 'krankenhausverzeichnis',
		title: { de: 'Krankenhausverzeichnis', en: 'Hospital directory' },
		publisher: 'Statistische Ämter des Bundes und der Länder',
		// the extract carries no reporting date
		edition: 'undated',
		licence: 'Krankenhausverzeichnis der Statistischen Ämter; Positionen © OpenStreetMap contributors (ODbL), Nominatim',
		attribution: 'Krankenhausverzeichnis, Statistische Ämter des Bundes und der Länder; Geokodierung: © OpenStreetMap-Mitwirkende',
		derivation: `scripts/importers/hospitals.ts from ${fileName}`,
		file: fileName
	};
	return { source, records, warnings: [] };
}
