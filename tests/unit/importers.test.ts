/**
 * The importers against the real official files, read at run time from the sources directory
 * (never copied into the repo). Expected numbers were checked by hand against the files and the
 * curated facts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import centroid from '@turf/centroid';
import distance from '@turf/distance';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAVE_SOURCES, PROJECT_ROOT, SOURCES } from '../helpers/sources.ts';
import { isRegionAgs, REGION_DISTRICTS, type BroadbandRecord } from '../../src/lib/data/model.ts';
import { detectDialect } from '../../scripts/lib/csv.ts';
import { importBa } from '../../scripts/importers/ba.ts';
import { importBroadband } from '../../scripts/importers/breitbandatlas.ts';
import { importGemeindeverzeichnis } from '../../scripts/importers/gemeindeverzeichnis.ts';
import { discoverSources, importAll } from '../../scripts/importers/index.ts';
import { importInkar } from '../../scripts/importers/bbsr-indicators.ts';
import { importHospitals } from '../../scripts/importers/hospitals.ts';
import {
	readVg5000GeoJson,
	readVg5000Shapefiles,
	type Vg5000Result
} from '../../scripts/importers/admin-boundaries.ts';

const projectRoot = PROJECT_ROOT;
const bb = (name: string) => path.join(SOURCES, 'breitbandatlas', name);

interface Facts {
	district_figures: {
		broadband_households_pct: {
			rows: { ags: string; as_of: string; ge50: number; ge100: number; ge1000: number; ftth_ge1000: number }[];
		};
		indicators: { rows: { ags: string; indicator: string; values: Record<string, number> }[] };
	};
	hospitals: { rows: { name: string; operator: string; lon: number; lat: number }[] };
}
/** The curated headline facts as the committed seed carries them (expected values for the imports). */
function seedFacts(): Facts {
	const seed = (name: string) => JSON.parse(readFileSync(path.join(projectRoot, 'data', 'seed', name), 'utf8'));
	const figures = seed('district-figures.json') as { broadband: Facts['district_figures']['broadband_households_pct']['rows']; indicators: Facts['district_figures']['indicators']['rows'] };
	const hospitals = seed('hospitals.geojson') as GeoJSON.FeatureCollection<GeoJSON.Point, { name: string; operator: string }>;
	return {
		district_figures: { broadband_households_pct: { rows: figures.broadband }, indicators: { rows: figures.indicators } },
		hospitals: {
			rows: hospitals.features.map((f) => ({ name: f.properties.name, operator: f.properties.operator, lon: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]! }))
		}
	};
}
const facts = seedFacts();

function byAgs(records: BroadbandRecord[], ags: string): BroadbandRecord {
	const r = records.find((x) => x.ags === ags);
	if (!r) throw new Error(`no record for ${ags}`);
	return r;
}

describe.runIf(HAVE_SOURCES)('Breitbandatlas', () => {
	const files = readdirSync(path.join(SOURCES, 'breitbandatlas')).filter((f) => f.endsWith('.csv'));

	it('imports every published file', { timeout: 60_000 }, () => {
		expect(files.length).toBeGreaterThanOrEqual(6);
		for (const f of files) {
			const r = importBroadband(bb(f));
			expect(r.records.length, f).toBeGreaterThan(400);
			expect(r.source.id).toMatch(/^breitbandatlas-(private|business)-(district|municipality)-\d{4}-(06|12)$/);
			expect(r.source.attribution).toBe('Breitbandatlas, Bundesnetzagentur');
			const digits = f.startsWith('landkreis') ? 5 : 8;
			for (const rec of r.records) expect(rec.ags).toMatch(new RegExp(`^\\d{${digits}}$`));
		}
	});

	it('reads edition, audience and level from the file name', () => {
		const r = importBroadband(bb('landkreis_privat_2021_1.csv'), { filter: isRegionAgs });
		expect(r.source.id).toBe('breitbandatlas-private-district-2021-06');
		expect(r.source.edition).toBe('2021-06');
		expect(r.records.map((x) => x.ags).sort()).toEqual([...REGION_DISTRICTS]);
		expect(r.records.every((x) => x.level === 'district' && x.audience === 'private' && x.asOf === '2021-06')).toBe(true);
		const g = importBroadband(bb('gemeinde_bezirke_gew_2021_mitte.csv'), { filter: isRegionAgs });
		expect(g.source.id).toBe('breitbandatlas-business-municipality-2021-06');
		expect(importBroadband(bb('landkreis_privat_2018_2.csv'), { filter: isRegionAgs }).source.edition).toBe('2018-12');
	});

	it('Kyffhäuserkreis: 86.64 % of households with ≥ 100 Mbit/s in mid-2021', () => {
		const r = importBroadband(bb('landkreis_privat_2021_1.csv'), { filter: isRegionAgs });
		expect(byAgs(r.records, '16065').values['all_100']).toBe(86.64);
	});

	it('district shares equal the curated facts for 2018-12 and 2021-06', () => {
		const editions: Record<string, BroadbandRecord[]> = {
			'2018-12': importBroadband(bb('landkreis_privat_2018_2.csv'), { filter: isRegionAgs }).records,
			'2021-06': importBroadband(bb('landkreis_privat_2021_1.csv'), { filter: isRegionAgs }).records
		};
		const rows = facts.district_figures.broadband_households_pct.rows;
		expect(rows).toHaveLength(6);
		for (const row of rows) {
			const rec = byAgs(editions[row.as_of] ?? [], row.ags);
			expect(rec.values['all_50'], `${row.ags} ${row.as_of} ge50`).toBe(row.ge50);
			expect(rec.values['all_100'], `${row.ags} ${row.as_of} ge100`).toBe(row.ge100);
			expect(rec.values['all_1000'], `${row.ags} ${row.as_of} ge1000`).toBe(row.ge1000);
			expect(rec.values['ftth_1000'], `${row.ags} ${row.as_of} ftth`).toBe(row.ftth_ge1000);
		}
	});

	it('speed classes and technologies differ per edition, as published', () => {
		const keys = (f: string) => Object.keys(importBroadband(bb(f), { filter: isRegionAgs }).records[0]?.values ?? {});
		const d2018 = keys('landkreis_privat_2018_2.csv');
		const d2021 = keys('landkreis_privat_2021_1.csv');
		// end of 2018: no 8 and 10 Mbit/s classes, no 5G, but PLC, UMTS, WLAN and WiMAX columns
		expect(d2018.filter((k) => /_(8|10)$/.test(k))).toEqual([]);
		expect(d2018.some((k) => k.startsWith('5g_'))).toBe(false);
		expect(d2018).toEqual(expect.arrayContaining(['all_1000', 'ftth_1000', 'plc_1000', 'umts_2', 'wlan_50', 'wimax_6', 'lte_6']));
		expect(d2018).toHaveLength(93);
		// mid 2021: 8 and 10 Mbit/s classes, 5G and LTE ≥ 10, no PLC/WLAN/WiMAX
		expect(d2021).toEqual(expect.arrayContaining(['all_8', 'all_10', 'lte_10', '5g_2', 'wireless_10']));
		expect(d2021.some((k) => /^(plc|wlan|wimax|umts)_/.test(k))).toBe(false);
		expect(d2021).toHaveLength(58);
		// business files publish no "all technologies" and no wireless columns
		for (const f of ['landkreis_gew_2021_1.csv', 'gemeinde_bezirke_gew_2021_mitte.csv']) {
			const k = keys(f);
			expect(k.some((x) => x.startsWith('all_') || x.startsWith('wireless_')), f).toBe(false);
			expect(k, f).toEqual(expect.arrayContaining(['wired_1000', 'ftth_1000', 'dsl_200', 'catv_1000']));
		}
		// municipalities 2018: no 8/10 Mbit/s; 2021: with them
		expect(keys('gemeinde_privat_2018_ende.csv').filter((k) => /_(8|10)$/.test(k))).toEqual([]);
		expect(keys('gemeinde_bezirke_privat_2021_mitte.csv')).toEqual(expect.arrayContaining(['all_8', 'all_10', 'wireless_6']));
	});

	it('municipality editions differ in dialect; both import the same way', () => {
		const d18 = detectDialect(readFileSync(bb('gemeinde_privat_2018_ende.csv'), 'utf8'));
		const d21 = detectDialect(readFileSync(bb('gemeinde_bezirke_privat_2021_mitte.csv'), 'utf8'));
		expect(d18.delimiter).toBe(';');
		expect(d21.delimiter).toBe(',');
		expect(d18.quote).toBe('"');
		const r18 = importBroadband(bb('gemeinde_privat_2018_ende.csv'), { filter: isRegionAgs });
		const r21 = importBroadband(bb('gemeinde_bezirke_privat_2021_mitte.csv'), { filter: isRegionAgs });
		expect(r18.records).toHaveLength(112);
		expect(r21.records).toHaveLength(112);
		for (const r of [...r18.records, ...r21.records]) expect(r.ags).toMatch(/^1606[245]\d{3}$/);
	});

	describe('municipality codes', () => {
		let vg: Vg5000Result;
		beforeAll(() => {
			vg = readVg5000GeoJson(path.join(SOURCES, 'vg5000-2021'));
		});

		it('2018 uses the codes before the 2019 mergers (old Bleicherode 16062002, not 16062066)', () => {
			const current = new Set(vg.municipalities.features.map((f) => f.properties.ags));
			const r18 = importBroadband(bb('gemeinde_privat_2018_ende.csv'), { filter: isRegionAgs });
			const codes18 = new Set(r18.records.map((r) => r.ags));
			expect(codes18.has('16062002')).toBe(true);
			expect(current.has('16062002')).toBe(false);
			expect(current.has('16062066')).toBe(true);
			expect(codes18.has('16062066')).toBe(false);
			// 46 of the 112 codes of 2018 no longer exist in the 2021 boundaries
			expect([...codes18].filter((c) => !current.has(c))).toHaveLength(46);
		});

		it('the mid-2021 municipality file still uses the pre-2019 layout', () => {
			const r18 = importBroadband(bb('gemeinde_privat_2018_ende.csv'), { filter: isRegionAgs });
			const r21 = importBroadband(bb('gemeinde_bezirke_privat_2021_mitte.csv'), { filter: isRegionAgs });
			expect(r21.records.map((r) => r.ags).sort()).toEqual(r18.records.map((r) => r.ags).sort());
			expect(r21.records.some((r) => r.ags === '16062066')).toBe(false);
		});
	});
});

describe.runIf(HAVE_SOURCES)('INKAR', () => {
	const file = path.join(SOURCES, 'inkar', 'nordthueringen_inkar_long.csv');

	it('imports all 16,317 values: 3 districts and 73 municipalities', () => {
		const r = importInkar(file);
		expect(r.records).toHaveLength(16_317);
		expect(r.warnings).toEqual([]);
		const districts = new Set(r.records.filter((x) => x.level === 'district').map((x) => x.ags));
		expect([...districts].sort()).toEqual([...REGION_DISTRICTS]);
		const municipalities = new Set(r.records.filter((x) => x.level === 'municipality').map((x) => x.ags));
		expect(municipalities.size).toBe(73);
		expect(r.records.filter((x) => x.level === 'district')).toHaveLength(5416);
		expect(r.source.licence).toBe('Datenlizenz Deutschland – Namensnennung 2.0');
		expect(r.source.edition).toBe('1995–2022');
	});

	it('matches the curated district indicators', () => {
		const r = importInkar(file, { filter: (ags) => ags.length === 5 });
		const codes: Record<string, string> = {
			gdp_per_employed_k_eur: 'q_bip_et',
			apprentices_per_1000_employees: 'a_azubi',
			training_places_per_100_applicants: 'q_auspl'
		};
		let checked = 0;
		for (const row of facts.district_figures.indicators.rows) {
			const code = codes[row.indicator];
			if (!code) continue;
			for (const [year, value] of Object.entries(row.values)) {
				const rec = r.records.find((x) => x.ags === row.ags && x.code === code && x.year === Number(year));
				expect(rec?.value, `${row.ags} ${code} ${year}`).toBe(value);
				checked++;
			}
		}
		expect(checked).toBe(18);
		const ndh = r.records.find((x) => x.ags === '16062' && x.code === 'q_bip_et' && x.year === 2016);
		expect(ndh).toMatchObject({ level: 'district', name: 'Nordhausen', label: 'Bruttoinlandsprodukt in 1.000 € je Erwerbstätigen', value: 54.63 });
	});

	it('municipality codes are the 2021 layout (same as VG5000 2021)', () => {
		const r = importInkar(file, { filter: (ags) => ags.length === 8 });
		const vg = readVg5000GeoJson(path.join(SOURCES, 'vg5000-2021'));
		expect(new Set(r.records.map((x) => x.ags))).toEqual(new Set(vg.municipalities.features.map((f) => f.properties.ags)));
		expect(r.records.find((x) => x.ags === '16062005')?.name).toBe('Ellrich, Stadt');
	});
});

describe.runIf(HAVE_SOURCES)('Statistik der Bundesagentur für Arbeit', () => {
	const ba = (name: string) => path.join(SOURCES, 'ba', name);
	const unemployed = () => importBa(ba('nordthueringen_unemployed_total_by_kreis_year.csv'));
	const workplace = () => importBa(ba('nordthueringen_sv_employees_workplace_by_kreis_year.csv'));
	const residence = () => importBa(ba('nordthueringen_sv_employees_residence_by_kreis_year.csv'));

	it('reads the three series with their codes', () => {
		const u = unemployed();
		expect(u.records).toHaveLength(42);
		expect(u.records.every((r) => r.code === 'unemployed' && r.level === 'district')).toBe(true);
		expect(u.source.edition).toBe('2012–2025');
		expect(workplace().records).toHaveLength(39);
		expect(workplace().records[0]?.code).toBe('employees_workplace');
		expect(residence().records[0]?.code).toBe('employees_residence');
		expect(residence().records.find((r) => r.ags === '16062' && r.year === 2016)?.value).toBe(32312);
	});

	it('matches the curated facts (unemployed rounded to whole persons)', () => {
		const series: Record<string, ReturnType<typeof unemployed>> = {
			unemployed_annual_avg: unemployed(),
			employees_at_workplace: workplace()
		};
		let checked = 0;
		for (const row of facts.district_figures.indicators.rows) {
			const r = series[row.indicator];
			if (!r) continue;
			for (const [year, value] of Object.entries(row.values)) {
				const rec = r.records.find((x) => x.ags === row.ags && x.year === Number(year));
				expect(Math.round(rec?.value ?? NaN), `${row.indicator} ${row.ags} ${year}`).toBe(value);
				checked++;
			}
		}
		expect(checked).toBe(12);
		// the annual average is published with its fraction, kept as is
		expect(unemployed().records.find((x) => x.ags === '16062' && x.year === 2016)?.value).toBeCloseTo(3526, 3);
		expect(workplace().records.find((x) => x.ags === '16062' && x.year === 2016)?.value).toBe(30238);
	});
});

describe.runIf(HAVE_SOURCES)('VG5000 2021', () => {
	const dir = path.join(SOURCES, 'vg5000-2021');
	let shp: Vg5000Result;
	let geo: Vg5000Result;
	beforeAll(async () => {
		shp = await readVg5000Shapefiles(dir);
		geo = readVg5000GeoJson(dir);
	});

	it('has 73 municipalities and 3 districts in the region', () => {
		expect(shp.municipalities.features).toHaveLength(73);
		expect(shp.districts.features.map((f) => f.properties.ags)).toEqual([...REGION_DISTRICTS]);
		expect(shp.districts.features.map((f) => f.properties.name)).toEqual(['Nordhausen', 'Unstrut-Hainich-Kreis', 'Kyffhäuserkreis']);
		expect(shp.source).toMatchObject({ id: 'vg5000-2021', attribution: '© GeoBasis-DE / BKG 2021' });
	});

	it('shapefile (reprojected from EPSG:31467) and GeoJSON agree', () => {
		const agsOf = (r: Vg5000Result) => r.municipalities.features.map((f) => f.properties.ags);
		expect(agsOf(shp)).toEqual(agsOf(geo));
		for (const [i, f] of shp.municipalities.features.entries()) {
			const g = geo.municipalities.features[i];
			if (!g) throw new Error('missing feature');
			expect(f.properties).toEqual(g.properties);
			const d = distance(centroid(f), centroid(g), { units: 'meters' });
			expect(d, f.properties.ags).toBeLessThan(50);
		}
		const ring = (r: Vg5000Result) => {
			const geom = r.districts.features[2]?.geometry;
			return geom?.type === 'Polygon' ? geom.coordinates[0]?.[0] : geom?.coordinates[0]?.[0]?.[0];
		};
		const a = ring(shp);
		const b = ring(geo);
		if (!a || !b) throw new Error('no vertex');
		expect(distance(a, b, { units: 'meters' })).toBeLessThan(50);
	});

	it('keeps names with umlauts (.cpg UTF-8) and the BEGINN date', () => {
		const ellrich = shp.municipalities.features.find((f) => f.properties.ags === '16062005');
		expect(ellrich?.properties).toEqual({ ags: '16062005', name: 'Ellrich', bez: 'Stadt', nuts: 'DEG07', beginn: '2019-10-04' });
		expect(shp.districts.features[2]?.properties.name).toBe('Kyffhäuserkreis');
	});

	it('places Nordhausen where the hospital and the Destatis centre point are', () => {
		const nordhausen = shp.municipalities.features.find((f) => f.properties.ags === '16062041');
		if (!nordhausen) throw new Error('Nordhausen missing');
		// Südharz Klinikum (Nominatim) and GV-ISys centre of Nordhausen
		expect(booleanPointInPolygon([10.7947784, 51.5162705], nordhausen)).toBe(true);
		expect(booleanPointInPolygon([10.791619, 51.500441], nordhausen)).toBe(true);
		// and not in Sondershausen
		expect(booleanPointInPolygon([10.869766, 51.370471], nordhausen)).toBe(false);
	});
});

describe.runIf(HAVE_SOURCES)('Gemeindeverzeichnis 2018', () => {
	const file = path.join(SOURCES, 'gemeindeverzeichnis-2018', 'destatis.json');
	const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;

	it('has 108 municipalities in the region (layout of 31 Dec 2018)', () => {
		const r = importGemeindeverzeichnis(file, { filter: isRegionAgs });
		expect(r.records).toHaveLength(108);
		expect(r.records).toHaveLength(Object.keys(raw).filter((rs) => isRegionAgs(rs)).length);
		expect(r.source.id).toBe('gemeindeverzeichnis-2018');
	});

	it('every row of the file is a municipality: 11,014 including the kreisfreie Städte', () => {
		const r = importGemeindeverzeichnis(file);
		expect(r.records).toHaveLength(11_014);
		expect(r.records.find((x) => x.ags === '16051000')).toBeDefined(); // Erfurt, RS 160510000000
	});

	it('matches the file for Nordhausen and Bad Frankenhausen', () => {
		const r = importGemeindeverzeichnis(file, { filter: isRegionAgs, names: (ags) => (ags === '16062041' ? 'Nordhausen' : undefined) });
		for (const [rs, ags] of [
			['160620041041', '16062041'],
			['160650003003', '16065003']
		] as const) {
			const e = raw[rs];
			if (!e) throw new Error(`${rs} missing in the file`);
			const rec = r.records.find((x) => x.ags === ags);
			expect(rec).toEqual({
				ags,
				name: ags === '16062041' ? 'Nordhausen' : '',
				areaKm2: e['area'],
				population: e['population'],
				densityPerKm2: e['population_density'],
				zip: e['zip'],
				center: [Number(String(e['center_lon']).replace(',', '.')), Number(String(e['center_lat']).replace(',', '.'))]
			});
		}
		// hand-checked from the file
		const ndh = r.records.find((x) => x.ags === '16062041');
		expect(ndh).toMatchObject({ areaKm2: 108.24, population: 41791, zip: '99734', center: [10.791619, 51.500441] });
		expect(r.records.find((x) => x.ags === '16065003')?.zip).toBe('06567');
		expect(r.warnings.some((w) => w.includes('107 municipalities without a name'))).toBe(true);
	});
});

describe.runIf(HAVE_SOURCES)('Krankenhausverzeichnis', () => {
	const file = path.join(SOURCES, 'krankenhaeuser', 'nordthueringen_krankenhaeuser.json');

	it('has the 12 hospitals of the facts, with operator and position', () => {
		const r = importHospitals(file);
		expect(r.records).toHaveLength(12);
		expect(r.records.every((h) => isRegionAgs(h.ags) && /^\d{8}$/.test(h.ags))).toBe(true);
		const rows = facts.hospitals.rows;
		for (const [i, h] of r.records.entries()) {
			const f = rows[i];
			expect(h.operator, h.name).toBe(f?.operator);
			expect(distance([h.lon, h.lat], [f?.lon ?? 0, f?.lat ?? 0], { units: 'meters' }), h.name).toBeLessThan(2);
		}
		expect(r.records[0]).toMatchObject({
			name: 'Südharz Klinikum Nordhausen gGmbH',
			address: 'Dr.-Robert-Koch-Straße 39, 99734 Nordhausen',
			operator: 'public',
			ags: '16062041'
		});
		// postcode 06567 is stored as the number 6567
		expect(r.records.filter((h) => h.address.includes('06567 Bad Frankenhausen'))).toHaveLength(2);
	});
});

describe.runIf(HAVE_SOURCES)('discoverSources / importAll', () => {
	it('finds every source folder and file', () => {
		const found = discoverSources(SOURCES);
		const kinds = found.map((s) => s.kind);
		expect(kinds.filter((k) => k === 'broadband')).toHaveLength(6);
		expect(kinds.filter((k) => k === 'ba')).toHaveLength(3);
		for (const k of ['inkar', 'vg5000', 'gemeindeverzeichnis', 'hospitals'] as const) {
			expect(kinds.filter((x) => x === k), k).toHaveLength(1);
		}
		expect(found.some((s) => /readme/i.test(s.path))).toBe(false);
	});

	it('imports everything for the region', async () => {
		const r = await importAll(SOURCES);
		const records = Object.fromEntries(r.summary.map((s) => [s.id, s.records]));
		expect(records).toMatchObject({
			'breitbandatlas-private-district-2021-06': 3,
			'breitbandatlas-private-municipality-2018-12': 112,
			inkar: 16_317,
			'ba-unemployed': 42,
			'gemeindeverzeichnis-2018': 108,
			krankenhausverzeichnis: 12,
			'vg5000-2021': 76
		});
		expect(r.boundaries[0]?.municipalities.features).toHaveLength(73);
		expect(r.broadband.flatMap((b) => b.records).every((b) => isRegionAgs(b.ags))).toBe(true);
	}, 30_000);
});
