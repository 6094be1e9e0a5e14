/**
 * INKAR (BBSR) indicators in the long export format, one value per row. Districts come as 8-digit
 * codes ("16062000") and are reduced to the 5-digit AGS the rest of the product uses.
 */
import {
	ImportError,
	type ImportResult,
	type IndicatorRecord,
	type Provenance
} from '../../src/lib/data/model.ts';
import { columnIndex, parseCsv, parseNumber } from '../lib/csv.ts';
import { baseName, readText } from './source-file.ts';

export interface IndicatorOptions {
	filter?: (ags: string) => boolean;
}

const COLUMNS = ['raumbezug', 'kennziffer', 'name', 'zeitbezug', 'kuerzel', 'indikator', 'wert'] as const;

const LEVELS: Record<string, IndicatorRecord['level']> = { kreise: 'district', gemeinden: 'municipality' };

/**
 * Germany and Thuringia rows, when an export carries them, are the goals' reference lines; other
 * Länder are not needed.
 */
function referenceAgs(raumbezug: string, kennziffer: string): { ags: string; level: IndicatorRecord['level'] } | null {
	const r = raumbezug.toLowerCase();
	if (r === 'bund') return { ags: 'DE', level: 'country' };
	if ((r === 'länder' || r === 'bundesländer' || r === 'laender') && /^0*16(0{3}|0{6})?$/.test(kennziffer.trim())) return { ags: '16', level: 'state' };
	return null;
}

function inkarAgs(raw: string, level: IndicatorRecord['level'], file: string, line: number): string {
	const s = raw.trim();
	if (!/^\d{4,8}$/.test(s)) throw new ImportError(file, `invalid kennziffer "${raw}"`, line);
	// INKAR exports drop leading zeros for Länder 01–09 when opened in a spreadsheet.
	const code = s.length <= 5 && level === 'district' ? s.padStart(5, '0') : s.padStart(8, '0');
	if (level === 'municipality') return code;
	if (code.length === 5) return code;
	if (!code.endsWith('000')) throw new ImportError(file, `district kennziffer "${raw}" does not end in 000`, line);
	return code.slice(0, 5);
}

export function importInkar(file: string, options: IndicatorOptions = {}): ImportResult<IndicatorRecord> {
	const fileName = baseName(file);
	const table = parseCsv(readText(file), file);
	const col = columnIndex(table, file, COLUMNS);
	const records: IndicatorRecord[] = [];
	const skippedLevels = new Map<string, number>();
	let empty = 0;
	let minYear = Infinity;
	let maxYear = -Infinity;
	for (const row of table.rows) {
		const cell = (name: (typeof COLUMNS)[number]) => row.cells[col[name]] ?? '';
		const raumbezug = cell('raumbezug').trim();
		const reference = referenceAgs(raumbezug, cell('kennziffer'));
		const level = reference?.level ?? LEVELS[raumbezug.toLowerCase()];
		if (!level) {
			// Other spatial levels (Bund, Länder, Raumordnungsregionen …) are valid INKAR rows the
			// product has no use for.
			skippedLevels.set(raumbezug, (skippedLevels.get(raumbezug) ?? 0) + 1);
			continue;
		}
		const ags = reference ? reference.ags : inkarAgs(cell('kennziffer'), level, file, row.line);
		if (!reference && options.filter && !options.filter(ags)) continue;
		const yearText = cell('zeitbezug').trim();
		if (!/^\d{4}$/.test(yearText)) {
			throw new ImportError(file, `invalid year "${yearText}" in column "zeitbezug"`, row.line);
		}
		const value = parseNumber(cell('wert'), {
			file,
			line: row.line,
			column: 'wert',
			delimiter: table.dialect.delimiter
		});
		if (value === null) {
			empty++;
			continue;
		}
		const code = cell('kuerzel').trim();
		if (code === '') throw new ImportError(file, 'empty indicator code in column "kuerzel"', row.line);
		const year = Number(yearText);
		minYear = Math.min(minYear, year);
		maxYear = Math.max(maxYear, year);
		records.push({ ags, level, name: cell('name').trim(), year, code, label: cell('indikator').trim(), value });
	}
	const warnings: string[] = [];
	for (const [level, count] of skippedLevels) warnings.push(`${fileName}: ${count} rows for "${level}" skipped`);
	if (empty > 0) warnings.push(`${fileName}: ${empty} rows without a value skipped`);
	const edition = records.length > 0 ? `${minYear}–${maxYear}` : 'empty';
	const source: Provenance & { file: string } = {
		id: 'inkar',
		title: { de: 'INKAR – Indikatoren und Karten zur Raum- und Stadtentwicklung', en: 'INKAR – regional indicators' },
		publisher: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)',
		edition,
		licence: 'Datenlizenz Deutschland – Namensnennung 2.0',
		attribution: 'INKAR, Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR), Datenlizenz Deutschland – Namensnennung 2.0',
		derivation: `scripts/importers/bbsr-indicators.ts from ${fileName}`,
		file: fileName
	};
	return { source, records, warnings };
}
