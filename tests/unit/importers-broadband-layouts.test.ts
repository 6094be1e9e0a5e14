/**
 * The Breitbandatlas importer on every published layout (hand-written fixtures in
 * tests/fixtures/breitbandatlas, codes 99xxx), on spreadsheets, with every problem of every file
 * reported in one run, the coverage check, and numbers checked by hand against the real files.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportError, ImportErrors, isRegionAgs } from '../../src/lib/data/model.ts';
import { broadbandColumn, importBroadband, importBroadbandFile } from '../../scripts/importers/breitbandatlas.ts';
import { importAll } from '../../scripts/importers/index.ts';
import { HAVE_SOURCES, SOURCES } from '../helpers/sources.ts';

const FX = path.resolve(import.meta.dirname, '../fixtures/breitbandatlas');
const test99 = (ags: string) => ags.startsWith('99');

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection<E>(p: Promise<unknown>): Promise<E> {
	try {
		await p;
	} catch (e) {
		return e as E;
	}
	throw new Error('expected the import to fail');
}

/** Copies fixtures into a fresh folder under the publisher's names. */
function staged(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'nt-bb-'));
	for (const [name, fixture] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		copyFileSync(path.join(FX, fixture), path.join(dir, name));
	}
	return dir;
}
const one = (name: string, fixture: string) => path.join(staged({ [name]: fixture }), name);

describe('header spellings', () => {
	it.each([
		['verf_300_50', 'all_50'],
		['verf_100_1000', 'wired_1000'],
		['verf_200_10', 'wireless_10'],
		['verf_dsl_16', 'dsl_16'],
		['verf_lte', 'lte_any'],
		['alle Technologien ≥ 50 Mbit/s', 'all_50'],
		['leitungsg. Technologien ≥ 1000 Mbit/s', 'wired_1000'],
		['funkbasierte Technologien >= 6 Mbit/s', 'wireless_6'],
		['FTTH/B ≥ 1000 Mbit/s', 'ftth_1000'],
		['FTTH/B_1000', 'ftth_1000'],
		['alle_50', 'all_50'],
		['DSL 16 Mbit/s', 'dsl_16'],
		['catv-400', 'catv_400'],
		['alle Technologien ≥ 0,384 Mbit/s', 'all_0p384'],
		['LTE ≥ 384 kbit/s', 'lte_0p384'],
		['5G', '5g_any']
	])('%s → %s', (header, key) => {
		expect(broadbandColumn(header)).toEqual({ role: 'value', key });
	});

	it('recognises code columns and leaves others unused', () => {
		expect(broadbandColumn('AGS').role).toBe('ags');
		expect(broadbandColumn('ags').role).toBe('ags');
		expect(broadbandColumn('Gemeindeschlüssel').role).toBe('ags');
		expect(broadbandColumn('Gemeinde').role).toBe('unused');
		expect(broadbandColumn('Satellit ≥ 50 Mbit/s').role).toBe('unused');
	});
});

describe('every published CSV layout', () => {
	it('district end of 2018: aggregates 100/300, PLC, UMTS, WLAN, WiMAX, no 1000 class for wired', () => {
		const r = importBroadband(one('landkreis_privat_2018_2.csv', 'district-2018-fixture.csv'), { filter: test99 });
		expect(r.source.id).toBe('breitbandatlas-private-district-2018-12');
		expect(r.records[0]!.values).toMatchObject({ wired_1: 100, wired_16: 99.1, all_50: 91.5, all_100: 80.25, all_1000: 0.25, plc_1: 0, umts_2: 98, wlan_50: 0.1, wimax_6: 0, lte_6: 99.5 });
	});

	it('district mid-2021, businesses: 8 and 10 Mbit/s classes, no "all technologies"', () => {
		const r = importBroadband(one('landkreis_gew_2021_1.csv', 'district-2021-business-fixture.csv'), { filter: test99 });
		expect(r.source.id).toBe('breitbandatlas-business-district-2021-06');
		expect(r.records[1]!.values).toEqual({ wired_1: 100, wired_8: 99.5, wired_10: 99.4, wired_1000: 50, dsl_200: 12, catv_1000: 45, ftth_1000: 5 });
	});

	it('district with 8-digit codes and decimal commas', () => {
		const r = importBroadband(one('landkreis_privat_2020_2.csv', 'district-8digit-comma-fixture.csv'), { filter: test99 });
		expect(r.records.map((x) => [x.ags, x.values.all_50, x.values.ftth_1000])).toEqual([
			['99001', 91.5, 1.5],
			['99002', 88, null]
		]);
	});

	it('municipality end of 2018 (";", quoted) and mid-2021 ("," quoted, 8/10 Mbit/s)', () => {
		const a = importBroadband(one('gemeinde_privat_2018_ende.csv', 'municipality-2018-fixture.csv'), { filter: test99 });
		expect(a.records.find((x) => x.ags === '99001001')!.values).toEqual({ all_1: 100, all_16: 99, all_50: 96, all_100: 72, wired_50: 95, ftth_1000: 0, wireless_6: 100 });
		const b = importBroadband(one('gemeinde_bezirke_privat_2021_mitte.csv', 'municipality-2021-fixture.csv'), { filter: test99 });
		expect(b.source.edition).toBe('2021-06');
		expect(b.records[0]!.values).toMatchObject({ all_8: 99.25, all_10: 99, all_1000: 60 });
	});

	it('technology columns without a speed class, an unused name column as a warning', () => {
		const r = importBroadband(one('gemeinde_privat_2022_ende.csv', 'municipality-no-speed-class-fixture.csv'), { filter: test99 });
		expect(r.records[0]!.values).toEqual({ lte_any: 99.5, '5g_any': 40, ftth_any: 2 });
		expect(r.records[1]!.values['5g_any']).toBeNull();
		expect(r.warnings).toEqual(['gemeinde_privat_2022_ende.csv: 1 column not used by the map and skipped: "Gemeinde"']);
	});

	it('technology prefix with speed suffix, extra low-speed classes', () => {
		const r = importBroadband(one('gemeinde_gew_2019_mitte.csv', 'municipality-prefix-suffix-fixture.csv'), { filter: test99 });
		expect(r.records[0]!.values).toEqual({ all_50: 96, ftth_1000: 2, dsl_16: 90, catv_400: 10, all_0p384: 100, lte_0p384: 99 });
	});
});

describe('spreadsheets', () => {
	async function writeXlsx(file: string, rows: (string | number | null)[][]): Promise<void> {
		const wb = new ExcelJS.Workbook();
		const sheet = wb.addWorksheet('Breitbandverfügbarkeit');
		for (const r of rows) sheet.addRow(r);
		await wb.xlsx.writeFile(file);
	}

	it('reads .xlsx with a title row, numeric codes without leading zero and a note row', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'nt-bb-xlsx-'));
		const file = path.join(dir, 'gemeinde_privat_2020_ende.xlsx');
		await writeXlsx(file, [
			['Breitbandverfügbarkeit in Deutschland (Stand Ende 2020), Anteil der Haushalte in %'],
			['AGS', 'Gemeinde', 'alle Technologien ≥ 50 Mbit/s', 'FTTH/B ≥ 1000 Mbit/s'],
			[1001000, 'Testort', 97.5, 12.25],
			[99001001, 'Testdorf', 88, null],
			['Quelle: Breitbandatlas, Bundesnetzagentur', null, null, null]
		]);
		const r = await importBroadbandFile(file);
		expect(r.records.map((x) => [x.ags, x.values])).toEqual([
			['01001000', { all_50: 97.5, ftth_1000: 12.25 }],
			['99001001', { all_50: 88, ftth_1000: null }]
		]);
		expect(r.warnings.join(' ')).toMatch(/"Gemeinde".*1 note row/);
	});

	it('names the sheet row of a bad cell', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'nt-bb-xlsx-'));
		const file = path.join(dir, 'landkreis_privat_2020_2.xlsx');
		await writeXlsx(file, [['ags', 'verf_300_50'], ['99001', 'viel'], ['99002', 50]]);
		const e = await rejection<ImportErrors>(importBroadbandFile(file));
		expect(e).toBeInstanceOf(ImportErrors);
		expect(e.problems).toEqual([{ file, line: 2, column: 'verf_300_50', problem: 'not a number: "viel" in column "verf_300_50"' }]);
	});

	it('refuses .xls (Excel 97–2003) with a clear message', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'nt-bb-xls-'));
		const file = path.join(dir, 'landkreis_privat_2019_2.xls');
		writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
		const e = await rejection<ImportError>(importBroadbandFile(file));
		expect(e).toBeInstanceOf(ImportError);
		expect(e.problem).toMatch(/\.xls\) is not read: .*save it as \.xlsx or CSV/);
	});
});

describe('one run reports every problem of every file', () => {
	it('names file, line, column and problem for all of them, then stops', async () => {
		const dir = staged({
			'breitbandatlas/gemeinde_privat_2020_ende.csv': 'municipality-many-problems-fixture.csv',
			'breitbandatlas/landkreis_privat_2020_2.csv': 'district-two-problems-fixture.csv',
			'breitbandatlas/landkreis_gew_2020_2.csv': 'district-2018-fixture.csv',
			'breitbandatlas/stray.txt': 'README.md'
		});
		const e = await rejection<ImportErrors>(importAll(dir, { filter: test99 }));
		expect(e).toBeInstanceOf(ImportErrors);
		const bb = (n: string) => path.join(dir, 'breitbandatlas', n);
		expect(e.problems).toEqual([
			{ file: bb('stray.txt'), problem: 'unknown file: no importer for this name in this folder' },
			{ file: bb('gemeinde_privat_2020_ende.csv'), line: 3, column: 'alle Technologien ≥ 50 Mbit/s', problem: 'not a number: "abc" in column "alle Technologien ≥ 50 Mbit/s"' },
			{ file: bb('gemeinde_privat_2020_ende.csv'), line: 4, column: 'AGS', problem: 'duplicate AGS 99001002 (first in line 3)' },
			{ file: bb('gemeinde_privat_2020_ende.csv'), line: 5, column: 'AGS', problem: 'invalid code "990X" (expected a 8-digit AGS)' },
			{ file: bb('gemeinde_privat_2020_ende.csv'), line: 6, column: 'alle Technologien ≥ 50 Mbit/s', problem: 'negative share -3' },
			{ file: bb('landkreis_privat_2020_2.csv'), line: 2, problem: 'expected 3 columns, found 2' },
			{ file: bb('landkreis_privat_2020_2.csv'), line: 3, column: 'verf_300_100', problem: 'not a number: "bad" in column "verf_300_100"' }
		]);
		expect(e.message).toMatch(/^7 problems in 3 files:/);
	});
});

describe('coverage of municipality files', () => {
	const lists = [
		{ edition: '2016', municipalities: new Map([['99001001', 'Testdorf'], ['99001002', 'Testheim'], ['99002001', 'Teststadt']]) },
		{ edition: '2021', municipalities: new Map([['99001066', 'Neugemeinde'], ['99002001', 'Teststadt']]) }
	];

	it('a complete file learns its boundary edition', async () => {
		const dir = staged({ 'breitbandatlas/gemeinde_privat_2018_ende.csv': 'municipality-2018-fixture.csv' });
		const r = await importAll(dir, { filter: test99, municipalityLists: lists });
		expect(r.broadband[0]!.records.every((x) => x.boundaryEdition === '2016')).toBe(true);
	});

	it('a file cut off at a row boundary names the missing municipalities', async () => {
		const dir = staged({});
		mkdirSync(path.join(dir, 'breitbandatlas'));
		const full = readFileSync(path.join(FX, 'municipality-2018-fixture.csv'), 'utf8').split('\n');
		writeFileSync(path.join(dir, 'breitbandatlas', 'gemeinde_privat_2018_ende.csv'), full.slice(0, 3).join('\n') + '\n');
		const e = await rejection<ImportErrors>(importAll(dir, { filter: test99, municipalityLists: lists }));
		expect(e).toBeInstanceOf(ImportErrors);
		expect(e.problems.map((p) => p.problem)).toEqual(['1 municipality of the region (boundaries 2016) missing: 99002001 Teststadt']);
	});
});

describe.runIf(HAVE_SOURCES)('real files, numbers checked by hand', () => {
	const bb = (f: string) => path.join(SOURCES, 'breitbandatlas', f);

	it('old Bleicherode (16062002) end of 2018: 96 % ≥ 50 Mbit/s, 72 % ≥ 100 Mbit/s', () => {
		const r = importBroadband(bb('gemeinde_privat_2018_ende.csv'), { filter: isRegionAgs });
		expect(r.records.find((x) => x.ags === '16062002')!.values).toMatchObject({ all_1: 100, all_50: 96, all_100: 72, all_1000: 0 });
	});

	it('businesses mid-2021: Kyffhäuserkreis wired ≥ 1000 Mbit/s 42.48 %, Mühlhausen 60.15 % and FTTH/B 1.74 %', () => {
		const d = importBroadband(bb('landkreis_gew_2021_1.csv'), { filter: isRegionAgs });
		expect(d.records.find((x) => x.ags === '16065')!.values.wired_1000).toBe(42.48);
		const m = importBroadband(bb('gemeinde_bezirke_gew_2021_mitte.csv'), { filter: isRegionAgs });
		expect(m.records.find((x) => x.ags === '16064046')!.values).toMatchObject({ wired_1000: 60.15, ftth_1000: 1.74 });
	});

	it('all real files pass the coverage check against the 2016 municipalities', { timeout: 120_000 }, async () => {
		const seed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/seed/municipalities.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
		const names = new Map(seed.features.map((f) => [String(f.properties?.ags), String(f.properties?.name)]));
		const r = await importAll(SOURCES, { municipalityLists: [{ edition: '2016', municipalities: names }] });
		const municipal = r.broadband.filter((b) => b.records[0]?.level === 'municipality');
		expect(municipal).toHaveLength(3);
		for (const b of municipal) expect(new Set(b.records.map((x) => x.boundaryEdition))).toEqual(new Set(['2016']));
	});
});
