/**
 * Breitbandatlas (Bundesnetzagentur) availability tables, district and municipality level, any
 * edition. Editions differ in delimiter, quoting, speed classes and even technologies, so columns
 * are mapped from the header; a header we cannot interpret stops the import instead of being
 * dropped, because a silently missing technology would read as "0 %" on the map.
 */
import {
	ImportError,
	type BroadbandRecord,
	type ImportResult,
	type Provenance
} from '../../src/lib/data/model.ts';
import { parseCsv, parseNumber } from '../lib/csv.ts';
import { baseName, readText } from './source-file.ts';

/**
 * Technologies found in the files. Besides the product's BroadbandTech keys, the 2018 district
 * tables also publish PLC, UMTS, WLAN and WiMAX; they are kept under their own keys.
 */
export type BroadbandSourceTech =
	| 'all'
	| 'wired'
	| 'wireless'
	| 'dsl'
	| 'catv'
	| 'ftth'
	| 'lte'
	| '5g'
	| 'plc'
	| 'umts'
	| 'wlan'
	| 'wimax';

export interface BroadbandFileInfo {
	level: BroadbandRecord['level'];
	audience: BroadbandRecord['audience'];
	/** YYYY-MM */
	asOf: string;
}

export interface BroadbandOptions {
	filter?: (ags: string) => boolean;
}

/** `verf_<tech>_<mbit>`: the numeric techs are the publisher's codes for the aggregates. */
const DISTRICT_TECHS: Record<string, BroadbandSourceTech> = {
	'300': 'all',
	'100': 'wired',
	'200': 'wireless',
	dsl: 'dsl',
	catv: 'catv',
	ftth: 'ftth',
	lte: 'lte',
	'5g': '5g',
	plc: 'plc',
	umts: 'umts',
	wlan: 'wlan',
	wimax: 'wimax'
};

/** Municipality headers "<label> ≥ <n> Mbit/s"; labels lower-cased, whitespace collapsed. */
const MUNICIPALITY_TECHS: Record<string, BroadbandSourceTech> = {
	'alle technologien': 'all',
	'leitungsg. technologien': 'wired',
	'leitungsgebundene technologien': 'wired',
	'mobile technologien': 'wireless',
	'drahtlose technologien': 'wireless',
	'funkbasierte technologien': 'wireless',
	dsl: 'dsl',
	catv: 'catv',
	'ftth/b': 'ftth',
	'ftth/fttb': 'ftth',
	ftth: 'ftth',
	lte: 'lte',
	'5g': '5g',
	plc: 'plc',
	umts: 'umts',
	wlan: 'wlan',
	wimax: 'wimax'
};

const AUDIENCES: Record<string, BroadbandRecord['audience']> = { privat: 'private', gew: 'business' };

const DISTRICT_FILE = /^landkreis_(privat|gew)_(\d{4})_([12])\.csv$/i;
const MUNICIPALITY_FILE = /^gemeinde(?:_bezirke)?_(privat|gew)_(\d{4})_(mitte|ende)\.csv$/i;

/** Level, audience and edition from the publisher's file name; null if it is not one of theirs. */
export function broadbandFileInfo(fileName: string): BroadbandFileInfo | null {
	const d = DISTRICT_FILE.exec(fileName);
	if (d) {
		const [, audience = '', year = '', half = ''] = d;
		return {
			level: 'district',
			audience: AUDIENCES[audience.toLowerCase()] ?? 'private',
			asOf: `${year}-${half === '1' ? '06' : '12'}`
		};
	}
	const m = MUNICIPALITY_FILE.exec(fileName);
	if (m) {
		const [, audience = '', year = '', half = ''] = m;
		return {
			level: 'municipality',
			audience: AUDIENCES[audience.toLowerCase()] ?? 'private',
			asOf: `${year}-${half.toLowerCase() === 'mitte' ? '06' : '12'}`
		};
	}
	return null;
}

/** Maps one value column to `${tech}_${mbit}`, or throws naming the column. */
export function broadbandColumnKey(header: string, level: BroadbandRecord['level'], file: string): string {
	if (level === 'district') {
		const m = /^verf_([a-z0-9]+)_(\d+)$/i.exec(header.trim());
		const tech = m ? DISTRICT_TECHS[(m[1] ?? '').toLowerCase()] : undefined;
		if (!m || !tech) throw new ImportError(file, `unknown column "${header}"`, 1);
		return `${tech}_${Number(m[2])}`;
	}
	const m = /^(.+?)\s*(?:≥|>=)\s*(\d+)\s*Mbit\/s$/i.exec(header.trim());
	const label = (m?.[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
	const tech = m ? MUNICIPALITY_TECHS[label] : undefined;
	if (!m || !tech) throw new ImportError(file, `unknown column "${header}"`, 1);
	return `${tech}_${Number(m[2])}`;
}

/** Restores leading zeros that spreadsheet round trips drop (e.g. "1001000" → "01001000"). */
function normalizeAgs(raw: string, digits: number, file: string, line: number): string {
	const s = raw.trim();
	if (!/^\d+$/.test(s) || s.length > digits) {
		throw new ImportError(file, `invalid AGS "${raw}" (expected ${digits} digits)`, line);
	}
	return s.padStart(digits, '0');
}

export function broadbandProvenance(fileName: string, info: BroadbandFileInfo): Provenance & { file: string } {
	const audienceDe = info.audience === 'private' ? 'Privathaushalte' : 'Gewerbestandorte';
	const audienceEn = info.audience === 'private' ? 'private households' : 'businesses';
	const levelDe = info.level === 'district' ? 'Landkreise' : 'Gemeinden';
	const levelEn = info.level === 'district' ? 'districts' : 'municipalities';
	return {
		id: `breitbandatlas-${info.audience}-${info.level}-${info.asOf}`,
		title: {
			de: `Breitbandverfügbarkeit, ${audienceDe}, ${levelDe} (Stand ${info.asOf})`,
			en: `Broadband availability, ${audienceEn}, ${levelEn} (as of ${info.asOf})`
		},
		publisher: 'Bundesnetzagentur',
		edition: info.asOf,
		// The publisher's terms as given with the files: use with the attribution line below.
		licence: 'Bundesnetzagentur, Breitbandatlas / Gigabit-Grundbuch; attribution "Breitbandatlas, Bundesnetzagentur"',
		attribution: 'Breitbandatlas, Bundesnetzagentur',
		derivation: `scripts/importers/breitbandatlas.ts from ${fileName}`,
		file: fileName
	};
}

export function importBroadband(file: string, options: BroadbandOptions = {}): ImportResult<BroadbandRecord> {
	const fileName = baseName(file);
	const info = broadbandFileInfo(fileName);
	if (!info) throw new ImportError(file, 'unknown file name (expected landkreis_<privat|gew>_<YYYY>_<1|2>.csv or gemeinde[_bezirke]_<privat|gew>_<YYYY>_<mitte|ende>.csv)');
	const table = parseCsv(readText(file), file);
	const [agsHeader, ...valueHeaders] = table.header;
	if (agsHeader?.toLowerCase() !== 'ags') {
		throw new ImportError(file, `first column must be "ags", found "${agsHeader ?? ''}"`, 1);
	}
	if (valueHeaders.length === 0) throw new ImportError(file, 'no value columns', 1);
	const keys = valueHeaders.map((h) => broadbandColumnKey(h, info.level, file));
	const seenKeys = new Map<string, string>();
	keys.forEach((key, i) => {
		const other = seenKeys.get(key);
		if (other !== undefined) {
			throw new ImportError(file, `columns "${other}" and "${valueHeaders[i]}" both map to ${key}`, 1);
		}
		seenKeys.set(key, valueHeaders[i] ?? '');
	});

	const digits = info.level === 'district' ? 5 : 8;
	const seenAgs = new Set<string>();
	const records: BroadbandRecord[] = [];
	let above100 = 0;
	for (const row of table.rows) {
		const ags = normalizeAgs(row.cells[0] ?? '', digits, file, row.line);
		if (seenAgs.has(ags)) throw new ImportError(file, `duplicate AGS ${ags}`, row.line);
		seenAgs.add(ags);
		// Every row is validated, also those outside the region: a broken file is broken as a whole.
		const values: Record<string, number | null> = {};
		keys.forEach((key, i) => {
			const where = { file, line: row.line, column: valueHeaders[i], delimiter: table.dialect.delimiter };
			const value = parseNumber(row.cells[i + 1] ?? '', where);
			if (value !== null && value < 0) {
				throw new ImportError(file, `negative share ${value} in column "${valueHeaders[i]}"`, row.line);
			}
			// The publisher's own rounding yields a few shares like 100.39; kept as published.
			if (value !== null && value > 100) above100++;
			values[key] = value;
		});
		if (options.filter && !options.filter(ags)) continue;
		records.push({ ags, level: info.level, audience: info.audience, asOf: info.asOf, values });
	}
	const warnings = above100 > 0 ? [`${fileName}: ${above100} shares above 100 % (kept as published)`] : [];
	return { source: broadbandProvenance(fileName, info), records, warnings };
}
