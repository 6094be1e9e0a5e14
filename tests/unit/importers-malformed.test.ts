/**
 * Importers on hand-written broken (and a few well-formed) inputs: every failure must be an
 * ImportError whose message names the file, the line where there is one, and the problem.
 * Fixtures use the non-existent district codes 99xxx so they cannot be mistaken for real data.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import area from '@turf/area';
import centroid from '@turf/centroid';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/lib/data/model.ts';
import { importBa } from '../../scripts/importers/ba.ts';
import { importBroadband } from '../../scripts/importers/breitbandatlas.ts';
import { importGemeindeverzeichnis, rsKind } from '../../scripts/importers/gemeindeverzeichnis.ts';
import { discoverSources, importAll } from '../../scripts/importers/index.ts';
import { importInkar } from '../../scripts/importers/bbsr-indicators.ts';
import { importHospitals } from '../../scripts/importers/hospitals.ts';
import { importVg5000 } from '../../scripts/importers/admin-boundaries.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/importers');
const fx = (...p: string[]) => path.join(FIXTURES, ...p);

const stagingRoot = mkdtempSync(path.join(os.tmpdir(), 'nt-importer-inputs-'));
afterAll(() => rmSync(stagingRoot, { recursive: true, force: true }));

/** A file of fixtures/importers/staged, or content given inline. */
type Input = string | { text: string };

/**
 * Lays out inputs in a fresh temporary folder and returns that folder. The importers recognise
 * their sources by the publishers' file names, which the repository does not carry: the inputs
 * are committed under neutral names (fixtures/importers/staged) and get their real name here.
 */
function stageTree(files: Record<string, Input>): string {
	const dir = mkdtempSync(path.join(stagingRoot, 'case-'));
	for (const [rel, input] of Object.entries(files)) {
		const target = path.join(dir, rel);
		mkdirSync(path.dirname(target), { recursive: true });
		if (typeof input === 'string') copyFileSync(fx('staged', input), target);
		else writeFileSync(target, input.text);
	}
	return dir;
}

/** One input, staged under `name`; returns the path the importer is to read. */
function stage(name: string, input: Input): string {
	return path.join(stageTree({ [name]: input }), name);
}

async function importError(fn: () => unknown): Promise<ImportError> {
	try {
		await fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ImportError);
		return e as ImportError;
	}
	throw new Error('expected an ImportError');
}

describe('Breitbandatlas, malformed', () => {
	it('ragged row', async () => {
		const file = stage('landkreis_privat_2020_2.csv', 'broadband-district-ragged.csv.txt');
		const e = await importError(() => importBroadband(file));
		expect([e.file, e.line, e.problem]).toEqual([file, 3, 'expected 3 columns, found 2']);
	});

	it('"abc" in a value column', async () => {
		const file = stage('landkreis_gew_2020_1.csv', 'broadband-district-bad-number.csv.txt');
		const e = await importError(() => importBroadband(file));
		expect(e.file).toBe(file);
		expect(e.line).toBe(4);
		expect(e.problem).toBe('not a number: "abc" in column "verf_100_16"');
	});

	it('unterminated quote', async () => {
		const file = stage('gemeinde_privat_2020_ende.csv', 'broadband-municipality-unterminated.csv.txt');
		const e = await importError(() => importBroadband(file));
		expect(e.message).toBe(`${file}:3: unterminated quote`);
	});

	it('columns the map does not use are named in a warning and skipped, the rest imports', () => {
		const m = importBroadband(stage('gemeinde_privat_2020_ende.csv', 'broadband-municipality-unknown-header.csv.txt'));
		expect(m.warnings).toEqual(['gemeinde_privat_2020_ende.csv: 1 column not used by the map and skipped: "Satellit ≥ 50 Mbit/s"']);
		expect(m.records[0]!.values).toEqual({ all_50: 88 });
		const d = importBroadband(stage('landkreis_privat_2020_2.csv', 'broadband-district-unknown-header.csv.txt'));
		expect(d.warnings[0]).toContain('"verf_sat_50"');
		expect(d.records[0]!.values).toEqual({ all_50: 88 });
	});

	it('unknown file name', async () => {
		const e = await importError(() => importBroadband(fx('unknown-name', 'breitband_landkreise_2020.csv')));
		expect(e.message).toContain('breitband_landkreise_2020.csv: unknown file name');
		expect(e.line).toBeUndefined();
	});

	it('empty file', async () => {
		const file = stage('landkreis_privat_2020_2.csv', { text: '' });
		const e = await importError(() => importBroadband(file));
		expect(e.message).toBe(`${file}: empty file`);
	});

	it('missing file', async () => {
		const e = await importError(() => importBroadband(fx('nowhere', 'landkreis_privat_2020_2.csv')));
		expect(e.problem).toBe('file not found');
	});
});

describe('Breitbandatlas, another dialect', () => {
	it('reads BOM, CRLF, ";", decimal comma, "-", long labels and restores a dropped leading zero', () => {
		const r = importBroadband(stage('gemeinde_gew_2020_ende.csv', 'broadband-municipality-dialect.csv.txt'));
		expect(r.source.id).toBe('breitbandatlas-business-municipality-2020-12');
		expect(r.records).toEqual([
			{
				ags: '01001000',
				level: 'municipality',
				audience: 'business',
				asOf: '2020-12',
				values: { wired_50: 97.5, ftth_1000: 12.25, wireless_6: null }
			},
			{
				ags: '99001001',
				level: 'municipality',
				audience: 'business',
				asOf: '2020-12',
				values: { wired_50: 100, ftth_1000: 0, wireless_6: 88.4 }
			}
		]);
	});
});

describe('INKAR and BA, malformed', () => {
	it('INKAR: bad value names file, line and column', async () => {
		const file = stage('inkar_long.csv', 'indicators-long-bad-value.csv.txt');
		const e = await importError(() => importInkar(file));
		expect(e.message).toBe(`${file}:3: not a number: "abc" in column "wert"`);
	});

	it('INKAR: skips other spatial levels and empty values with warnings', () => {
		const r = importInkar(stage('inkar_ok.csv', 'indicators-long-ok.csv.txt'));
		// Germany is kept as the goals' reference line; other levels would be skipped with a warning.
		expect(r.records.map((x) => [x.ags, x.level, x.name, x.year, x.value])).toEqual([
			['DE', 'country', 'Deutschland', 2020, 10],
			['99001', 'district', 'Testkreis', 2020, 12.5],
			['99001002', 'municipality', 'Testdorf', 2021, 7]
		]);
		expect(r.records[1]?.label).toBe('Testindikator, je 1.000');
		expect(r.warnings).toEqual(['inkar_ok.csv: 1 rows without a value skipped']);
	});

	it('INKAR: a file without the long-format columns', async () => {
		const e = await importError(() => importInkar(stage('gemeinde_gew_2020_ende.csv', 'broadband-municipality-dialect.csv.txt')));
		expect(e.message).toContain('missing column "raumbezug"');
	});

	it('BA: the file name decides the series; unknown names are rejected', async () => {
		const r = importBa(stage('unemployed_total_by_kreis.csv', 'ba-unemployed-district.csv.txt'));
		expect(r.records).toEqual([
			{ ags: '99001', level: 'district', name: '', year: 2020, code: 'unemployed', label: 'Arbeitslose insgesamt (Jahresdurchschnitt)', value: 1234.5 }
		]);
		expect(r.warnings).toEqual(['unemployed_total_by_kreis.csv: 1 rows without a value skipped']);
		const e = await importError(() => importBa(stage('employees_somewhere.csv', 'ba-unknown-series.csv.txt')));
		expect(e.message).toContain('employees_somewhere.csv: unknown file name');
	});
});

describe('JSON sources, malformed', () => {
	it('destatis-like file with a syntax error names the line', async () => {
		const file = fx('json-broken', 'destatis.json');
		const e = await importError(() => importGemeindeverzeichnis(file));
		expect(e.file).toBe(file);
		expect(e.line).toBe(6);
		expect(e.problem).toMatch(/^JSON syntax error: /);
	});

	it('hospital-like file with a syntax error names the line', async () => {
		const file = stage('krankenhaeuser.json', 'hospitals-syntax-error.json.txt');
		const e = await importError(() => importHospitals(file));
		expect(e.line).toBe(10);
		expect(e.message).toMatch(/krankenhaeuser\.json:10: JSON syntax error/);
	});

	it('hospital with an unknown operator type', async () => {
		const e = await importError(() => importHospitals(fx('json-broken', 'traeger.json')));
		expect(e.message).toContain('traeger.json: entry 1 (Testklinik): unknown traeger 4');
	});

	it('wrong JSON shape', async () => {
		const e = await importError(() => importHospitals(fx('json-broken', 'destatis-valid.json')));
		expect(e.problem).toBe('expected a JSON array of hospitals');
		const g = await importError(() => importGemeindeverzeichnis(fx('json-broken', 'traeger.json')));
		expect(g.problem).toContain('expected a JSON object');
	});

	it('destatis-like: tells municipalities from district and association rows', () => {
		const r = importGemeindeverzeichnis(fx('json-broken', 'destatis-valid.json'));
		expect(r.records.map((x) => x.ags)).toEqual(['99001000', '99002001', '99002002']);
		expect(r.records[0]).toEqual({
			ags: '99001000',
			name: '',
			areaKm2: 100,
			population: 5000,
			densityPerKm2: 50,
			zip: '99990',
			center: [10.5, 51.25]
		});
		expect(r.warnings[0]).toBe('destatis-valid.json: 2 district/association rows skipped');
		const members = new Set(['99002']);
		expect(rsKind('990025001000', members)).toBe('association');
		expect(rsKind('990020000000', members)).toBe('district');
		expect(rsKind('990010000000', members)).toBe('municipality');
	});
});

describe('discoverSources', () => {
	it('ignores README files and unknown folders, and imports with a filter', async () => {
		const dir = stageTree({
			'ba/test_sv_employees_workplace_by_kreis_year.csv': 'ba-employees-district.csv.txt',
			'breitbandatlas/landkreis_privat_2020_2.csv': 'broadband-district-ok.csv.txt',
			'breitbandatlas/README.md': { text: 'Hand-written test sources; README files are ignored.\n' },
			'other/notes.txt': { text: 'not a source folder the importers know\n' }
		});
		expect(discoverSources(dir).map((s) => [s.kind, path.basename(s.path)])).toEqual([
			['ba', 'test_sv_employees_workplace_by_kreis_year.csv'],
			['broadband', 'landkreis_privat_2020_2.csv']
		]);
		const r = await importAll(dir, { filter: (ags) => ags === '99001' });
		expect(r.summary.map((s) => [s.id, s.records, s.edition])).toEqual([
			['ba-employees-workplace', 1, '2020–2020'],
			['breitbandatlas-private-district-2020-12', 1, '2020-12']
		]);
		// the default filter is the region: none of the 99xxx codes
		const region = await importAll(dir);
		expect(region.summary.map((s) => s.records)).toEqual([0, 0]);
	});

	it('a file in a known folder that matches no importer aborts', async () => {
		const dir = stageTree({
			'breitbandatlas/landkreis_privat_2020_2.csv': 'broadband-district-ok.csv.txt',
			'breitbandatlas/notes.txt': { text: 'stray\n' }
		});
		const e = await importError(() => discoverSources(dir));
		expect(e.file).toBe(path.join(dir, 'breitbandatlas', 'notes.txt'));
		expect(e.problem).toContain('unknown file');
		await expect(importAll(dir)).rejects.toThrow(/notes\.txt: unknown file/);
	});

	it('a missing sources directory', async () => {
		const e = await importError(() => discoverSources(fx('does-not-exist')));
		expect(e.problem).toBe('sources directory not found');
	});
});

// ---- shapefiles, written byte by byte ------------------------------------------------------

type Ring = [number, number][];

/** A one-polygon ESRI shapefile (.shp), as in the ESRI technical description. */
function shpBytes(ring: Ring): Buffer {
	const xs = ring.map((p) => p[0]);
	const ys = ring.map((p) => p[1]);
	const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
	const content = 4 + 32 + 4 + 4 + 4 + ring.length * 16;
	const buf = Buffer.alloc(100 + 8 + content);
	buf.writeInt32BE(9994, 0);
	buf.writeInt32BE(buf.length / 2, 24);
	buf.writeInt32LE(1000, 28);
	buf.writeInt32LE(5, 32); // polygon
	box.forEach((v, i) => buf.writeDoubleLE(v ?? 0, 36 + i * 8));
	buf.writeInt32BE(1, 100);
	buf.writeInt32BE(content / 2, 104);
	let o = 108;
	buf.writeInt32LE(5, o);
	box.forEach((v, i) => buf.writeDoubleLE(v ?? 0, o + 4 + i * 8));
	o += 36;
	buf.writeInt32LE(1, o); // parts
	buf.writeInt32LE(ring.length, o + 4);
	buf.writeInt32LE(0, o + 8);
	o += 12;
	for (const [x, y] of ring) {
		buf.writeDoubleLE(x, o);
		buf.writeDoubleLE(y, o + 8);
		o += 16;
	}
	return buf;
}

/** A dBASE III table with character (C) and date (D) fields and one record. */
function dbfBytes(fields: { name: string; type: 'C' | 'D'; length: number; value: string }[]): Buffer {
	const headerLength = 32 + 32 * fields.length + 1;
	const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
	const buf = Buffer.alloc(headerLength + recordLength + 1, 0);
	buf.writeUInt8(0x03, 0);
	buf.writeUInt8(120, 1);
	buf.writeUInt8(1, 2);
	buf.writeUInt8(1, 3);
	buf.writeUInt32LE(1, 4);
	buf.writeUInt16LE(headerLength, 8);
	buf.writeUInt16LE(recordLength, 10);
	fields.forEach((f, i) => {
		const o = 32 + i * 32;
		buf.write(f.name, o, 'ascii');
		buf.write(f.type, o + 11, 'ascii');
		buf.writeUInt8(f.length, o + 16);
	});
	buf.writeUInt8(0x0d, headerLength - 1);
	let o = headerLength;
	buf.write(' ', o++, 'ascii');
	for (const f of fields) {
		const bytes = Buffer.from(f.value, 'utf8');
		buf.fill(' ', o, o + f.length);
		bytes.copy(buf, o);
		o += f.length;
	}
	buf.writeUInt8(0x1a, o);
	return buf;
}

const GK3_PRJ =
	'PROJCS["DHDN_3_Degree_Gauss_Zone_3",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0],AUTHORITY["EPSG",31467]]';
const UTM_PRJ =
	'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** 2 km × 2 km square on the central meridian of zone 3, clockwise (outer ring). */
const SQUARE: Ring = [
	[3_499_000, 5_699_000],
	[3_499_000, 5_701_000],
	[3_501_000, 5_701_000],
	[3_501_000, 5_699_000],
	[3_499_000, 5_699_000]
];

describe('VG5000 shapefiles (synthetic)', () => {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'nt-vg5000-'));
	afterAll(() => rmSync(tmp, { recursive: true, force: true }));

	function writeSet(dir: string, options: { dbf?: boolean; prj?: string } = {}) {
		mkdirSync(dir, { recursive: true });
		const layers = [
			{ stem: 'VG5000_GEM', ags: '99001001', gen: 'Testgemeinde Äpfelbach', bez: 'Gemeinde' },
			{ stem: 'VG5000_KRS', ags: '99001', gen: 'Testkreis', bez: 'Landkreis' }
		];
		for (const l of layers) {
			writeFileSync(path.join(dir, `${l.stem}.shp`), shpBytes(SQUARE));
			writeFileSync(path.join(dir, `${l.stem}.prj`), options.prj ?? GK3_PRJ);
			writeFileSync(path.join(dir, `${l.stem}.cpg`), 'UTF-8');
			if (options.dbf !== false) {
				writeFileSync(
					path.join(dir, `${l.stem}.dbf`),
					dbfBytes([
						{ name: 'AGS', type: 'C', length: 8, value: l.ags },
						{ name: 'GEN', type: 'C', length: 40, value: l.gen },
						{ name: 'BEZ', type: 'C', length: 20, value: l.bez },
						{ name: 'NUTS', type: 'C', length: 5, value: 'DEZZZ' },
						{ name: 'BEGINN', type: 'D', length: 8, value: '20200101' }
					])
				);
			}
		}
	}

	it('reads, reprojects from Gauß-Krüger zone 3 and keeps UTF-8 names', async () => {
		const dir = path.join(tmp, 'ok', 'vg5000-2020');
		writeSet(dir);
		const r = await importVg5000(dir, { filter: () => true });
		expect(r.source.id).toBe('vg5000-2020');
		const gem = r.municipalities.features[0];
		if (!gem) throw new Error('no municipality');
		expect(gem.properties).toEqual({ ags: '99001001', name: 'Testgemeinde Äpfelbach', bez: 'Gemeinde', nuts: 'DEZZZ', beginn: '2020-01-01' });
		// Easting 3,500,000 is the central meridian 9°E; northing 5,700,000 m of meridian arc on the
		// Bessel ellipsoid is latitude 51.43595° (computed by hand from the arc-length series);
		// the DHDN → WGS84 datum shift moves that by well under 0.002°.
		const [lon, lat] = centroid(gem).geometry.coordinates;
		expect(Math.abs((lon ?? 0) - 9)).toBeLessThan(0.002);
		expect(Math.abs((lat ?? 0) - 51.43595)).toBeLessThan(0.002);
		// scale factor 1 on the central meridian: the 2 km square keeps its 4 km²
		expect(area(gem) / 4e6).toBeCloseTo(1, 2);
		expect(r.districts.features[0]?.properties.name).toBe('Testkreis');
	});

	it('a shapefile without its .dbf', async () => {
		const dir = path.join(tmp, 'nodbf', 'vg5000-2020');
		writeSet(dir, { dbf: false });
		const e = await importError(() => importVg5000(dir, { filter: () => true }));
		expect(e.file).toBe(path.join(dir, 'VG5000_GEM.shp'));
		expect(e.problem).toContain('missing VG5000_GEM.dbf');
	});

	it('an unsupported coordinate system', async () => {
		const dir = path.join(tmp, 'utm', 'vg5000-2020');
		writeSet(dir, { prj: UTM_PRJ });
		const e = await importError(() => importVg5000(dir, { filter: () => true }));
		expect(e.file).toBe(path.join(dir, 'VG5000_GEM.prj'));
		expect(e.problem).toContain('unsupported coordinate system');
	});

	it('a folder without the edition in its name', async () => {
		const dir = path.join(tmp, 'noedition', 'boundaries');
		writeSet(dir);
		const e = await importError(() => importVg5000(dir, { filter: () => true }));
		expect(e.problem).toContain('cannot tell the VG5000 edition');
	});

	it('boundaries with nothing of the region', async () => {
		const dir = path.join(tmp, 'outside', 'vg5000-2020');
		writeSet(dir);
		const e = await importError(() => importVg5000(dir));
		expect(e.problem).toContain('no districts or municipalities of the region');
	});
});
