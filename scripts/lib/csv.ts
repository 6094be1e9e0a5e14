/**
 * CSV reading for the official source files. Publishers change delimiter, quoting and decimal
 * separator between editions, so the dialect is detected from the file itself rather than assumed.
 * Every problem is reported as an ImportError naming file, line and (for numbers) column.
 */
import { ImportError } from '../../src/lib/data/model.ts';

export type Delimiter = ';' | ',' | '\t';

export interface Dialect {
	delimiter: Delimiter;
	/** '"' if the sample contains quoted fields, null if no field is quoted */
	quote: '"' | null;
	hasBom: boolean;
}

export interface CsvRow {
	/** 1-based line in the file where the record starts */
	line: number;
	cells: string[];
}

export interface CsvTable {
	header: string[];
	rows: CsvRow[];
	dialect: Dialect;
}

/** Where a cell came from, so that a bad value can be reported precisely. */
export interface CellRef {
	file: string;
	line?: number;
	column?: string;
	/** the file's delimiter; a decimal comma is only plausible when it is not ',' */
	delimiter?: Delimiter;
}

const BOM = '\uFEFF';
const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];
/** Lines looked at for dialect detection: enough to see a pattern, cheap on 3 MB files. */
const SAMPLE_LINES = 20;

/**
 * Splits the beginning of the text into logical lines (a quoted newline does not end a line),
 * counting each candidate delimiter outside quotes.
 */
function sampleCounts(text: string): { counts: Record<Delimiter, number>[]; quoted: boolean } {
	const counts: Record<Delimiter, number>[] = [];
	let current: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
	let inQuotes = false;
	let quoted = false;
	let lineHasContent = false;
	for (let i = 0; i < text.length && counts.length < SAMPLE_LINES; i++) {
		const ch = text[i];
		if (inQuotes) {
			if (ch === '"') {
				if (text[i + 1] === '"') i++;
				else inQuotes = false;
			}
			continue;
		}
		if (ch === '"') {
			inQuotes = true;
			quoted = true;
			lineHasContent = true;
		} else if (ch === '\n' || ch === '\r') {
			if (lineHasContent) counts.push(current);
			current = { ';': 0, ',': 0, '\t': 0 };
			lineHasContent = false;
		} else {
			lineHasContent = true;
			if (ch === ';' || ch === ',' || ch === '\t') current[ch]++;
		}
	}
	if (lineHasContent && counts.length < SAMPLE_LINES) counts.push(current);
	return { counts, quoted };
}

/**
 * Detects delimiter, quoting and BOM. The delimiter is the candidate that occurs (outside quotes)
 * the same, non-zero number of times on every sampled line; among consistent candidates the most
 * frequent wins. If none is consistent, the most frequent in the header is taken and the parser
 * will report the ragged line.
 */
export function detectDialect(text: string): Dialect {
	const hasBom = text.startsWith(BOM);
	const body = hasBom ? text.slice(1) : text;
	const { counts, quoted } = sampleCounts(body);
	const header = counts[0];
	let delimiter: Delimiter = ',';
	if (header) {
		const consistent = DELIMITERS.filter(
			(d) => header[d] > 0 && counts.every((c) => c[d] === header[d])
		);
		const candidates = consistent.length > 0 ? consistent : DELIMITERS.filter((d) => header[d] > 0);
		let best = -1;
		for (const d of candidates) {
			if (header[d] > best) {
				best = header[d];
				delimiter = d;
			}
		}
	}
	return { delimiter, quote: quoted ? '"' : null, hasBom };
}

/**
 * Parses a whole CSV text: quoted fields with embedded delimiters, newlines and doubled quotes,
 * CRLF or LF, optional BOM; empty lines are skipped. The header's cell count is the contract
 * for every row.
 */
export function parseCsv(
	text: string,
	file: string,
	dialect: Dialect = detectDialect(text),
	/** when given, rows with the wrong cell count are reported here and left out instead of stopping */
	onRagged?: (line: number, expected: number, found: number) => void
): CsvTable {
	const body = text.startsWith(BOM) ? text.slice(1) : text;
	if (body.trim() === '') throw new ImportError(file, 'empty file');
	const { delimiter } = dialect;
	const records: CsvRow[] = [];
	let cells: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	/** at the start of a field, where a quote opens a quoted field */
	let atFieldStart = true;
	/** anything but a bare line break seen in this record (a quoted "" counts) */
	let touched = false;
	let i = 0;
	const n = body.length;

	const endRecord = () => {
		// A line with nothing on it is not a record (trailing or stray empty lines).
		if (touched) {
			cells.push(field);
			records.push({ line: recordLine, cells });
		}
		cells = [];
		field = '';
		atFieldStart = true;
		touched = false;
	};

	while (i < n) {
		const ch = body[i];
		// Quotes are honoured even if the sample had none: a later quoted cell is still valid CSV.
		if (ch === '"' && atFieldStart) {
			const quoteLine = line;
			atFieldStart = false;
			touched = true;
			i++;
			let closed = false;
			while (i < n) {
				const c = body[i];
				if (c === '"') {
					if (body[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					closed = true;
					i++;
					break;
				}
				if (c === '\r' && body[i + 1] === '\n') {
					field += '\n';
					i += 2;
					line++;
					continue;
				}
				if (c === '\n' || c === '\r') line++;
				field += c;
				i++;
			}
			if (!closed) throw new ImportError(file, 'unterminated quote', quoteLine);
			const next = body[i];
			if (i < n && next !== delimiter && next !== '\n' && next !== '\r') {
				// A "quoted field" spanning lines and ending in garbage is almost always a quote that
				// was never closed and ran into the next line's opening quote: report where it opened.
				if (line > quoteLine) throw new ImportError(file, 'unterminated quote', quoteLine);
				throw new ImportError(file, `unexpected character ${JSON.stringify(next)} after closing quote`, line);
			}
			continue;
		}
		if (ch === delimiter) {
			cells.push(field);
			field = '';
			atFieldStart = true;
			touched = true;
			i++;
			continue;
		}
		if (ch === '\n' || ch === '\r') {
			endRecord();
			i += ch === '\r' && body[i + 1] === '\n' ? 2 : 1;
			line++;
			recordLine = line;
			continue;
		}
		field += ch;
		atFieldStart = false;
		touched = true;
		i++;
	}
	endRecord();

	const [headerRow, ...rows] = records;
	if (!headerRow) throw new ImportError(file, 'empty file');
	const header = headerRow.cells.map((h) => h.trim());
	const seen = new Set<string>();
	for (const h of header) {
		if (seen.has(h)) throw new ImportError(file, `duplicate column "${h}"`, headerRow.line);
		seen.add(h);
	}
	const kept: CsvRow[] = [];
	for (const row of rows) {
		if (row.cells.length !== header.length) {
			if (!onRagged) throw new ImportError(file, `expected ${header.length} columns, found ${row.cells.length}`, row.line);
			onRagged(row.line, header.length, row.cells.length);
			continue;
		}
		kept.push(row);
	}
	return { header, rows: kept, dialect };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const MISSING = new Set(['', '-', 'NA']);

/**
 * Reads a published number. "86.64" always; "86,64" only when the delimiter is not ',' (German
 * exports); empty, "-" and "NA" mean "not published" (null). Anything else is an error, because a
 * silently dropped value would show up as a gap on the map.
 */
export function parseNumber(cell: string, where: CellRef = { file: '<input>' }): number | null {
	const s = cell.trim();
	if (MISSING.has(s)) return null;
	if (NUMBER.test(s)) return Number(s);
	if (where.delimiter !== ',' && DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
	const column = where.column !== undefined ? ` in column "${where.column}"` : '';
	throw new ImportError(where.file, `not a number: ${JSON.stringify(cell)}${column}`, where.line, where.column);
}

/** Index of each required column; a missing column is an ImportError naming it. */
export function columnIndex<K extends string>(
	table: CsvTable,
	file: string,
	required: readonly K[]
): Record<K, number> {
	const index = {} as Record<K, number>;
	for (const name of required) {
		const i = table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
		if (i < 0) throw new ImportError(file, `missing column "${name}"`, 1);
		index[name] = i;
	}
	return index;
}
