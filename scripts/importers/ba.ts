/**
 * Statistik der Bundesagentur für Arbeit: unemployed persons (annual average) and employees subject
 * to social insurance (by workplace, by residence) per district and year. Which series a file holds
 * is only visible in its name, so the name decides; the columns are region, year, x.
 */
import {
	ImportError,
	type ImportResult,
	type IndicatorRecord,
	type Provenance
} from '../../src/lib/data/model.ts';
import { columnIndex, parseCsv, parseNumber } from '../lib/csv.ts';
import type { IndicatorOptions } from './bbsr-indicators.ts';
import { baseName, readText } from './source-file.ts';

export type BaSeriesCode = 'unemployed' | 'employees_workplace' | 'employees_residence';

interface BaSeries {
	code: BaSeriesCode;
	pattern: RegExp;
	label: string;
	title: { de: string; en: string };
}

const SERIES: readonly BaSeries[] = [
	{
		code: 'unemployed',
		pattern: /(^|_)unemployed_total(_|\.)/i,
		label: 'Arbeitslose insgesamt (Jahresdurchschnitt)',
		title: { de: 'Arbeitslose (Jahresdurchschnitt)', en: 'Unemployed persons (annual average)' }
	},
	{
		code: 'employees_workplace',
		pattern: /(^|_)(sv_)?employees_workplace(_|\.)/i,
		label: 'Sozialversicherungspflichtig Beschäftigte am Arbeitsort',
		title: {
			de: 'Sozialversicherungspflichtig Beschäftigte am Arbeitsort',
			en: 'Employees subject to social insurance, by workplace'
		}
	},
	{
		code: 'employees_residence',
		pattern: /(^|_)(sv_)?employees_residence(_|\.)/i,
		label: 'Sozialversicherungspflichtig Beschäftigte am Wohnort',
		title: {
			de: 'Sozialversicherungspflichtig Beschäftigte am Wohnort',
			en: 'Employees subject to social insurance, by residence'
		}
	}
];

/** Names for the region's districts; the BA files carry codes only. */
const DISTRICT_NAMES: Record<string, string> = {
	'16062': 'Landkreis Nordhausen',
	'16064': 'Unstrut-Hainich-Kreis',
	'16065': 'Kyffhäuserkreis'
};

export function baSeriesOf(fileName: string): BaSeriesCode | null {
	return SERIES.find((s) => s.pattern.test(fileName))?.code ?? null;
}

export function importBa(
	file: string,
	options: IndicatorOptions & { names?: (ags: string) => string | undefined } = {}
): ImportResult<IndicatorRecord> {
	const fileName = baseName(file);
	const series = SERIES.find((s) => s.pattern.test(fileName));
	if (!series) {
		throw new ImportError(file, 'unknown file name (expected *unemployed_total*, *employees_workplace* or *employees_residence*)');
	}
	const table = parseCsv(readText(file), file);
	const col = columnIndex(table, file, ['region', 'year', 'x'] as const);
	const records: IndicatorRecord[] = [];
	const seen = new Set<string>();
	let empty = 0;
	let minYear = Infinity;
	let maxYear = -Infinity;
	for (const row of table.rows) {
		const region = (row.cells[col.region] ?? '').trim();
		if (!/^\d{4,5}$/.test(region)) throw new ImportError(file, `invalid region "${region}" (expected a 5-digit AGS)`, row.line);
		const ags = region.padStart(5, '0');
		const yearText = (row.cells[col.year] ?? '').trim();
		if (!/^\d{4}$/.test(yearText)) throw new ImportError(file, `invalid year "${yearText}" in column "year"`, row.line);
		const year = Number(yearText);
		const key = `${ags}/${year}`;
		if (seen.has(key)) throw new ImportError(file, `duplicate value for ${ags} in ${year}`, row.line);
		seen.add(key);
		if (options.filter && !options.filter(ags)) continue;
		const value = parseNumber(row.cells[col.x] ?? '', {
			file,
			line: row.line,
			column: 'x',
			delimiter: table.dialect.delimiter
		});
		if (value === null) {
			empty++;
			continue;
		}
		minYear = Math.min(minYear, year);
		maxYear = Math.max(maxYear, year);
		records.push({
			ags,
			level: 'district',
			name: options.names?.(ags) ?? DISTRICT_NAMES[ags] ?? '',
			year,
			code: series.code,
			label: series.label,
			// Annual averages arrive as e.g. 3525.9999999996: kept as published; rounding is for display.
			value
		});
	}
	const source: Provenance & { file: string } = {
		id: `ba-${series.code.replace('_', '-')}`,
		title: series.title,
		publisher: 'Statistik der Bundesagentur für Arbeit',
		edition: records.length > 0 ? `${minYear}–${maxYear}` : 'empty',
		licence: 'Quellenangabe: Statistik der Bundesagentur für Arbeit',
		attribution: 'Statistik der Bundesagentur für Arbeit',
		derivation: `scripts/importers/ba.ts from ${fileName}`,
		file: fileName
	};
	const warnings = empty > 0 ? [`${fileName}: ${empty} rows without a value skipped`] : [];
	return { source, records, warnings };
}
