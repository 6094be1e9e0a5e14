/**
 * The goals CSV: series that none of the official files at hand carry (net migration, unemployment
 * and youth unemployment rates), added by the data maintainers from the publisher's tables.
 *
 *   ags;year;indicator;value
 *   16062;2016;unemployment_rate;8,9
 *
 * `ags` is a district of the region (5 digits), 16 for Thuringia or DE for Germany (reference
 * lines); `indicator` one of the goal indicator codes (src/lib/themes/goals.ts); `value` a number
 * with decimal point or comma. Every bad row is reported with its line, all in one run.
 */
import { REGION_DISTRICTS, type ImportResult, type IndicatorRecord, type Provenance } from '../../src/lib/data/model.ts';
import { GOAL_CSV_CODES, GOAL_INDICATORS } from '../../src/lib/themes/goals.ts';
import { parseCsv, parseNumber } from '../lib/csv.ts';
import { ProblemList } from './problems.ts';
import { baseName, readText } from './source-file.ts';

const COLUMNS = ['ags', 'year', 'indicator', 'value'] as const;
const REFERENCE_LEVEL: Record<string, IndicatorRecord['level']> = { '16': 'state', DE: 'country' };
const DISTRICT_NAMES: Record<string, string> = {
	'16062': 'Landkreis Nordhausen',
	'16064': 'Unstrut-Hainich-Kreis',
	'16065': 'Kyffhäuserkreis',
	'16': 'Thüringen',
	DE: 'Deutschland'
};

/** Goal indicator code → series code stored in the database. */
function seriesOf(code: string): string | undefined {
	const ind = GOAL_INDICATORS.find((i) => (i.csvCode ?? i.code) === code);
	return ind ? (ind.csvCode ?? ind.series[0]) : undefined;
}

export function importGoalIndicators(file: string): ImportResult<IndicatorRecord> {
	const fileName = baseName(file);
	const problems = new ProblemList();
	const table = parseCsv(readText(file), file);
	const header = table.header.map((h) => h.trim().toLowerCase());
	const col = {} as Record<(typeof COLUMNS)[number], number>;
	for (const name of COLUMNS) {
		const i = header.indexOf(name);
		if (i < 0) problems.add(file, `missing column "${name}" (expected ags;year;indicator;value)`, 1, name);
		col[name] = i;
	}
	problems.throwIfAny();
	const warnings = table.header.filter((h) => !COLUMNS.includes(h.trim().toLowerCase() as (typeof COLUMNS)[number])).map((h) => `${fileName}: column "${h}" is not used`);

	const records: IndicatorRecord[] = [];
	const seen = new Map<string, number>();
	const years: number[] = [];
	for (const row of table.rows) {
		const cell = (name: (typeof COLUMNS)[number]) => (row.cells[col[name]] ?? '').trim();
		const rawAgs = cell('ags');
		const ags = /^\d{8}$/.test(rawAgs) && rawAgs.endsWith('000') ? rawAgs.slice(0, 5) : rawAgs.toUpperCase();
		const isDistrict = (REGION_DISTRICTS as readonly string[]).includes(ags);
		const level = isDistrict ? 'district' : REFERENCE_LEVEL[ags];
		let ok = true;
		if (!level) {
			problems.add(file, `unknown ags "${rawAgs}" (expected ${REGION_DISTRICTS.join(', ')}, 16 for Thuringia or DE for Germany)`, row.line, 'ags');
			ok = false;
		}
		const yearText = cell('year');
		const year = Number(yearText);
		if (!/^\d{4}$/.test(yearText) || year < 1990 || year > 2100) {
			problems.add(file, `invalid year "${yearText}" (expected a four-digit year)`, row.line, 'year');
			ok = false;
		}
		const code = cell('indicator');
		const series = GOAL_CSV_CODES.has(code) ? seriesOf(code) : undefined;
		if (!series) {
			problems.add(file, `unknown indicator "${code}" (expected one of ${[...GOAL_CSV_CODES].join(', ')})`, row.line, 'indicator');
			ok = false;
		}
		const before = problems.size;
		const value: number | null = problems.capture(() => parseNumber(cell('value'), { file, line: row.line, column: 'value', delimiter: table.dialect.delimiter })) ?? null;
		if (problems.size > before) ok = false;
		else if (value === null) {
			problems.add(file, 'empty value', row.line, 'value');
			ok = false;
		}
		if (!ok || !level || !series || value === null) continue;
		const key = `${ags}/${year}/${code}`;
		const other = seen.get(key);
		if (other !== undefined) {
			problems.add(file, `duplicate value for ${ags}, ${year}, ${code} (first in line ${other})`, row.line);
			continue;
		}
		seen.set(key, row.line);
		years.push(year);
		records.push({ ags, level, name: DISTRICT_NAMES[ags] ?? ags, year, code: series, label: code, value });
	}
	problems.throwIfAny();
	const sources = [...new Set(records.map((r) => GOAL_INDICATORS.find((i) => i.series.includes(r.code))?.source.de).filter(Boolean))];
	const source: Provenance & { file: string } = {
		id: `goals-csv-${fileName.replace(/\.csv$/i, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`,
		title: { de: `Zielindikatoren, von der Datenpflege ergänzt (${fileName})`, en: `Goal indicators added by the data maintainers (${fileName})` },
		publisher: sources.join('; ') || 'Datenpflege Standortkarte Nordthüringen',
		edition: years.length ? `${Math.min(...years)}–${Math.max(...years)}` : 'empty',
		licence: 'nach den Bedingungen der genannten amtlichen Quelle',
		attribution: sources.join('; ') || 'Datenpflege Standortkarte Nordthüringen',
		derivation: `scripts/importers/goal-indicators.ts from ${fileName}`,
		file: fileName
	};
	return { source, records, warnings };
}
