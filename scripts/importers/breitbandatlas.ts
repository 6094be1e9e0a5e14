/**
 * Breitbandatlas (Bundesnetzagentur) availability tables, district and municipality level,
 * households and businesses, every edition published since 2018: CSV with `;` or `,`, quoted or
 * not, decimal point or comma, and the spreadsheets (.xlsx, read with exceljs).
 *
 * Columns are recognised by their header in any of the published spellings — `verf_300_50`,
 * `alle Technologien ≥ 50 Mbit/s`, `FTTH/B_1000`, `DSL 16 Mbit/s`, a technology without a speed
 * class (`LTE`) — and the codes may come with 5 or 8 digits. Only the code column and one value
 * column are required; columns the map does not use are named in a warning and skipped (a skipped
 * column is "not published" on the map, never 0 %). Every problem of a file is collected and
 * reported together, with line and column.
 */
import ExcelJS from 'exceljs';
import {
	ImportError,
	type BroadbandRecord,
	type ImportResult,
	type Provenance
} from '../../src/lib/data/model.ts';
import { parseCsv, parseNumber, type CsvTable } from '../lib/csv.ts';
import { ProblemList } from './problems.ts';
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

/**
 * Technology labels as published, lower-cased with whitespace collapsed. The numeric ones are the
 * publisher's codes for the aggregates in the district tables (300 all, 100 wired, 200 wireless).
 */
const TECHS: Record<string, BroadbandSourceTech> = {
	'300': 'all',
	'100': 'wired',
	'200': 'wireless',
	alle: 'all',
	'alle technologien': 'all',
	gesamt: 'all',
	leitungsgebunden: 'wired',
	'leitungsg.': 'wired',
	'leitungsg. technologien': 'wired',
	'leitungsgebundene technologien': 'wired',
	'mobile technologien': 'wireless',
	'drahtlose technologien': 'wireless',
	'funkbasierte technologien': 'wireless',
	drahtlos: 'wireless',
	funk: 'wireless',
	funkbasiert: 'wireless',
	dsl: 'dsl',
	catv: 'catv',
	'ftth/b': 'ftth',
	'ftth/fttb': 'ftth',
	'ftth-b': 'ftth',
	ftthb: 'ftth',
	ftth: 'ftth',
	lte: 'lte',
	'4g': 'lte',
	'lte/4g': 'lte',
	'5g': '5g',
	plc: 'plc',
	umts: 'umts',
	wlan: 'wlan',
	wimax: 'wimax'
};

/** Code column headers seen in the files and their spreadsheet versions. */
const AGS_HEADER = /^(ags|gkz|ars|kennziffer|gemeindeschl(ü|ue)ssel|kreisschl(ü|ue)ssel|ags[ _-]?\(?\d-stellig\)?|amtlicher gemeindeschl(ü|ue)ssel)$/i;

const AUDIENCES: Record<string, BroadbandRecord['audience']> = { privat: 'private', gew: 'business' };

const EXT = '(csv|xlsx|xls)';
const DISTRICT_FILE = new RegExp(`^landkreis_(privat|gew)_(\\d{4})_([12])\\.${EXT}$`, 'i');
const MUNICIPALITY_FILE = new RegExp(`^gemeinde(?:_bezirke)?_(privat|gew)_(\\d{4})_(mitte|ende)\\.${EXT}$`, 'i');

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

export type BroadbandColumn = { role: 'ags' } | { role: 'value'; key: string } | { role: 'unused' };

/** `16`, `0,384`, `0.384` → key part: whole Mbit/s as is, fractions with "p" ("0p384"). */
function speedKey(raw: string, unit: string | undefined): string | null {
	let n = Number(raw.replace(',', '.'));
	if (!Number.isFinite(n) || n <= 0) return null;
	if (unit && /^kbit/i.test(unit)) n = n / 1000;
	return String(Math.round(n * 1000) / 1000).replace('.', 'p');
}

function techOf(label: string): BroadbandSourceTech | undefined {
	const l = label.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[_ -]+$/, '');
	return TECHS[l] ?? TECHS[l.replace(/^verf_/, '')];
}

/**
 * What a header means: the code column, a value column keyed `${tech}_${mbit}` (or `${tech}_any`
 * for a technology published without a speed class), or a column the map does not use.
 */
export function broadbandColumn(header: string): BroadbandColumn {
	const h = header.trim().replace(/\s+/g, ' ');
	if (AGS_HEADER.test(h)) return { role: 'ags' };
	const patterns = [
		// verf_300_50, verf_dsl_16
		/^verf_([a-z0-9]+)_(\d+(?:[.,]\d+)?)$/i,
		// "alle Technologien ≥ 50 Mbit/s", "DSL >= 16 Mbit/s", "FTTH/B ab 1000 Mbit/s", "LTE ≥ 384 kbit/s"
		/^(.+?)\s*(?:≥|>=|>|ab)\s*(\d+(?:[.,]\d+)?)\s*(mbit\/s|mbits|mbit|kbit\/s|kbit)?$/i,
		// tech prefix + speed suffix: "FTTH/B_1000", "alle_50", "DSL 16 Mbit/s", "catv-400"
		/^(.+?)[ _-]+(\d+(?:[.,]\d+)?)\s*(mbit\/s|mbits|mbit|kbit\/s|kbit)?$/i
	];
	for (const re of patterns) {
		const m = re.exec(h);
		if (!m) continue;
		const tech = techOf(m[1] ?? '');
		const speed = speedKey(m[2] ?? '', m[3]);
		if (tech && speed) return { role: 'value', key: `${tech}_${speed}` };
	}
	// a technology without a speed class: "LTE", "verf_5g", "FTTH/B"
	const tech = techOf(h);
	if (tech) return { role: 'value', key: `${tech}_any` };
	return { role: 'unused' };
}

/**
 * The published code as the 5-digit district or 8-digit municipality AGS: leading zeros that
 * spreadsheets drop are restored, 8-digit district codes ("16062000") and 12-digit regional keys
 * are reduced. Null when the code cannot be one.
 */
export function normalizeBroadbandAgs(raw: string, level: BroadbandRecord['level']): string | null {
	const s = raw.trim().replace(/\.0+$/, '');
	if (!/^\d+$/.test(s)) return null;
	if (level === 'district') {
		if (s.length <= 5) return s.padStart(5, '0');
		if (s.length <= 8) {
			const code = s.padStart(8, '0');
			return code.endsWith('000') ? code.slice(0, 5) : null;
		}
		return null;
	}
	if (s.length <= 8) return s.padStart(8, '0');
	if (s.length === 12 || s.length === 11) {
		const rs = s.padStart(12, '0');
		return rs.slice(0, 5) + rs.slice(9, 12);
	}
	return null;
}

export function broadbandProvenance(fileName: string, info: BroadbandFileInfo): Provenance & { file: string } {
	const audienceDe = info.audience === 'private' ? 'Privathaushalte' : 'Gewerbestandorte';
	const audienceEn = info.audience === 'private' ? 'private households' : 'businesses';
	const levelDe = info.level === 'district' ? 'Landkreise' : 'Gemeinden';
	const levelEn = info.level === 'district' ? 'districts' : 'municipalities';
	return {
		id: `breitbandatlas-${info.audience}-${info.level}-${info.asOf}`,
		title: {
			de: `Breitbandverfügbarkeit, ${audienceDe}, ${levelDe} (Stand ${info.asOf}, Datei ${fileName})`,
			en: `Broadband availability, ${audienceEn}, ${levelEn} (as of ${info.asOf}, file ${fileName})`
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

function fileInfoOrThrow(file: string): BroadbandFileInfo {
	const info = broadbandFileInfo(baseName(file));
	if (!info) {
		throw new ImportError(
			file,
			'unknown file name (expected landkreis_<privat|gew>_<YYYY>_<1|2>.<csv|xlsx> or gemeinde[_bezirke]_<privat|gew>_<YYYY>_<mitte|ende>.<csv|xlsx>)'
		);
	}
	return info;
}

/** Reads a CSV file of the Breitbandatlas (sync). Spreadsheets: importBroadbandFile. */
export function importBroadband(file: string, options: BroadbandOptions = {}): ImportResult<BroadbandRecord> {
	const info = fileInfoOrThrow(file);
	if (/\.xlsx?$/i.test(file)) throw new ImportError(file, 'spreadsheets are read by importBroadbandFile');
	const problems = new ProblemList();
	const text = readText(file);
	const table = parseCsv(text, file, undefined, (line, expected, found) => problems.add(file, `expected ${expected} columns, found ${found}`, line));
	return importBroadbandTable(file, table, info, options, problems);
}

/** Any published Breitbandatlas file: CSV, or .xlsx through exceljs. */
export async function importBroadbandFile(file: string, options: BroadbandOptions = {}): Promise<ImportResult<BroadbandRecord>> {
	const info = fileInfoOrThrow(file);
	if (/\.xls$/i.test(file)) {
		// The old binary Excel format has no maintained reader on npm (SheetJS publishes outside
		// the registry); the Breitbandatlas published the same tables as CSV and .xlsx.
		throw new ImportError(file, 'Excel 97–2003 (.xls) is not read: open it and save it as .xlsx or CSV (UTF-8), or use the CSV of the same edition');
	}
	if (/\.xlsx$/i.test(file)) return importBroadbandTable(file, await readXlsxTable(file), info, options, new ProblemList());
	return importBroadband(file, options);
}

function cellText(v: ExcelJS.CellValue): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return String(v);
	if (typeof v === 'string') return v;
	if (typeof v === 'boolean') return v ? '1' : '0';
	if (v instanceof Date) return v.toISOString();
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((r) => r.text).join('');
		if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
		if ('text' in v) return String(v.text);
		if ('error' in v) return String(v.error);
	}
	return String(v);
}

/**
 * The table of a workbook: the first sheet with a code column header within its first rows (title
 * rows above the header are common in the published spreadsheets). Lines are the sheet's rows.
 */
export async function readXlsxTable(file: string): Promise<CsvTable> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.readFile(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new ImportError(file, code === 'ENOENT' ? 'file not found' : `cannot read spreadsheet (${(e as Error).message})`);
	}
	for (const sheet of wb.worksheets) {
		const rows: { line: number; cells: string[] }[] = [];
		sheet.eachRow({ includeEmpty: false }, (row, line) => {
			const values = row.values as ExcelJS.CellValue[];
			// exceljs row values are 1-based: index 0 is empty
			rows.push({ line, cells: values.slice(1).map(cellText) });
		});
		const headerAt = rows.slice(0, 15).findIndex((r) => r.cells.some((c) => broadbandColumn(c).role === 'ags'));
		if (headerAt < 0) continue;
		const header = rows[headerAt]!.cells.map((c) => c.trim());
		const width = header.length;
		const body = rows
			.slice(headerAt + 1)
			.map((r) => ({ line: r.line, cells: Array.from({ length: width }, (_, i) => (r.cells[i] ?? '').trim()) }))
			.filter((r) => r.cells.some((c) => c !== ''));
		return { header, rows: body, dialect: { delimiter: ';', quote: null, hasBom: false } };
	}
	throw new ImportError(file, 'no sheet with a code column (AGS) in its first 15 rows');
}

/** A footnote under the table ("Quelle: …"): text in the code column, nothing else. */
function isNoteRow(cells: string[], agsCol: number): boolean {
	const code = (cells[agsCol] ?? '').trim();
	return /^[^\d]/.test(code) && cells.every((c, i) => i === agsCol || c.trim() === '');
}

export function importBroadbandTable(
	file: string,
	table: CsvTable,
	info: BroadbandFileInfo,
	options: BroadbandOptions,
	problems: ProblemList
): ImportResult<BroadbandRecord> {
	const fileName = baseName(file);
	const warnings: string[] = [];
	const columns = table.header.map((h) => broadbandColumn(h));
	const agsCols = columns.flatMap((c, i) => (c.role === 'ags' ? [i] : []));
	if (agsCols.length === 0) problems.add(file, `no code column (expected "AGS" or "ags"; found ${table.header.slice(0, 3).map((h) => `"${h}"`).join(', ')} …)`, 1);
	if (agsCols.length > 1) problems.add(file, `several code columns: ${agsCols.map((i) => `"${table.header[i]}"`).join(', ')}`, 1);
	const agsCol = agsCols[0] ?? -1;

	const valueCols: { index: number; key: string; header: string }[] = [];
	const seenKeys = new Map<string, string>();
	const unused: string[] = [];
	columns.forEach((c, index) => {
		const header = table.header[index] ?? '';
		if (c.role === 'unused') unused.push(header);
		if (c.role !== 'value') return;
		const other = seenKeys.get(c.key);
		if (other !== undefined) {
			problems.add(file, `columns "${other}" and "${header}" both mean ${c.key}`, 1, header);
			return;
		}
		seenKeys.set(c.key, header);
		valueCols.push({ index, key: c.key, header });
	});
	if (unused.length > 0) warnings.push(`${fileName}: ${unused.length} column${unused.length === 1 ? '' : 's'} not used by the map and skipped: ${unused.map((h) => `"${h}"`).join(', ')}`);
	if (valueCols.length === 0) problems.add(file, 'no broadband value column (expected e.g. "verf_300_50" or "alle Technologien ≥ 50 Mbit/s")', 1);
	if (agsCol < 0 || valueCols.length === 0) problems.throwIfAny();

	const digits = info.level === 'district' ? 5 : 8;
	const seenAgs = new Map<string, number>();
	const records: BroadbandRecord[] = [];
	let above100 = 0;
	let notes = 0;
	for (const row of table.rows) {
		if (isNoteRow(row.cells, agsCol)) {
			notes++;
			continue;
		}
		const raw = row.cells[agsCol] ?? '';
		const ags = normalizeBroadbandAgs(raw, info.level);
		if (!ags) {
			problems.add(file, `invalid code "${raw}" (expected a ${digits}-digit AGS)`, row.line, table.header[agsCol]);
			continue;
		}
		const first = seenAgs.get(ags);
		if (first !== undefined) {
			problems.add(file, `duplicate AGS ${ags} (first in line ${first})`, row.line, table.header[agsCol]);
			continue;
		}
		seenAgs.set(ags, row.line);
		// Every row is validated, also those outside the region: a broken file is broken as a whole.
		const values: Record<string, number | null> = {};
		let ok = true;
		for (const col of valueCols) {
			const where = { file, line: row.line, column: col.header, delimiter: table.dialect.delimiter };
			const before = problems.size;
			const value = problems.capture(() => parseNumber(row.cells[col.index] ?? '', where)) ?? null;
			if (problems.size > before) {
				ok = false;
				continue;
			}
			if (value !== null && value < 0) {
				problems.add(file, `negative share ${value}`, row.line, col.header);
				ok = false;
				continue;
			}
			// The publisher's own rounding yields a few shares like 100.39; kept as published.
			if (value !== null && value > 100) above100++;
			values[col.key] = value;
		}
		if (!ok) continue;
		if (options.filter && !options.filter(ags)) continue;
		records.push({ ags, level: info.level, audience: info.audience, asOf: info.asOf, values });
	}
	problems.throwIfAny();
	if (above100 > 0) warnings.push(`${fileName}: ${above100} shares above 100 % (kept as published)`);
	if (notes > 0) warnings.push(`${fileName}: ${notes} note row${notes === 1 ? '' : 's'} under the table skipped`);
	return { source: broadbandProvenance(fileName, info), records, warnings };
}
