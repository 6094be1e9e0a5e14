/**
 * Checks the committed seed (data/seed) as it is on disk: boundaries, point assignment,
 * provenance and the curated facts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Provenance, SeedCollection } from '../../src/lib/data/model.ts';
import { pointInPolygon } from '../../scripts/lib/geo.ts';
import type { PolygonGeometry, Position } from '../../scripts/lib/geo.ts';
import { loadSeed } from '../../scripts/lib/seed.ts';
import { stopMode } from '../../scripts/seed/stops.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const SEED = path.join(projectRoot, 'data/seed');

type Props = Record<string, unknown>;
const read = <T = SeedCollection<Props>>(name: string): T => JSON.parse(readFileSync(path.join(SEED, name), 'utf8')) as T;

const REGION = { '16062': 'Nordhausen', '16064': 'Unstrut-Hainich-Kreis', '16065': 'Kyffhäuserkreis' } as const;
const POINT_FILES = ['places', 'stations', 'stops', 'tourism', 'hospitals', 'commercial', 'research'] as const;
const POLYGON_FILES = ['districts', 'municipalities', 'neighbours'] as const;
const TABLE_FILES = ['district-figures.json', 'district-stats.json', 'region.json'] as const;

const districts = read('districts.geojson');
const municipalities = read('municipalities.geojson');
const neighbours = read('neighbours.geojson');
const byMunicipality = new Map(municipalities.features.map((f) => [String(f.properties.ags), f]));

const provenances = (p: Provenance | Provenance[] | undefined): Provenance[] => (p === undefined ? [] : Array.isArray(p) ? p : [p]);
const names = (fc: SeedCollection<Props>) => fc.features.map((f) => String(f.properties.name));
const find = (fc: SeedCollection<Props>, name: string) => {
	const f = fc.features.find((x) => x.properties.name === name);
	if (!f) throw new Error(`no feature named ${name}`);
	return f;
};

describe('boundaries', () => {
	it('has the three districts with their AGS and VG250 names', () => {
		expect(districts.features.map((f) => [f.properties.ags, f.properties.name, f.properties.id])).toEqual([
			['16062', 'Nordhausen', 'district:16062'],
			['16064', 'Unstrut-Hainich-Kreis', 'district:16064'],
			['16065', 'Kyffhäuserkreis', 'district:16065']
		]);
		for (const f of districts.features) {
			expect(f.properties.bez).toBe('Landkreis');
			expect(String(f.properties.nuts)).toMatch(/^DEG0[79A]$/);
		}
	});

	it('has the 112 municipalities of 2016, each in one of the three districts', () => {
		expect(municipalities.features).toHaveLength(112);
		expect(byMunicipality.size).toBe(112);
		for (const f of municipalities.features) {
			const ags = String(f.properties.ags);
			expect(ags).toMatch(/^\d{8}$/);
			expect(Object.keys(REGION)).toContain(f.properties.ags_district);
			expect(ags.slice(0, 5)).toBe(f.properties.ags_district);
			expect(f.properties.id).toBe(`municipality:${ags}`);
			expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
		}
		// names as of 1 Jan 2016, before the 2019 mergers
		expect(byMunicipality.get('16065002')?.properties.name).toBe('Artern/Unstrut');
		expect(byMunicipality.get('16065061')?.properties.name).toBe('Roßleben');
		expect(byMunicipality.get('16064046')?.properties.name).toBe('Mühlhausen/Thüringen');
	});

	it('lists neighbouring districts, not the three themselves', () => {
		const ags = neighbours.features.map((f) => String(f.properties.ags));
		expect(ags.length).toBeGreaterThanOrEqual(5);
		for (const a of Object.keys(REGION)) expect(ags).not.toContain(a);
		// Eichsfeld, Gotha, Sömmerda (Thuringia) and Mansfeld-Südharz (Saxony-Anhalt) border the region
		for (const a of ['16061', '16067', '16068', '15087']) expect(ags).toContain(a);
		// Erfurt and Weimar do not
		for (const a of ['16051', '16055']) expect(ags).not.toContain(a);
	});

	it('stays small: rounded to 5 decimals', () => {
		for (const name of POLYGON_FILES) {
			const text = readFileSync(path.join(SEED, `${name}.geojson`), 'utf8');
			expect(text).not.toMatch(/\d\.\d{6,}/);
		}
	});
});

describe('point files', () => {
	for (const name of POINT_FILES) {
		it(`${name}: every feature lies in the municipality and district it names`, () => {
			const fc = read(`${name}.geojson`);
			expect(fc.features.length).toBeGreaterThan(0);
			for (const f of fc.features) {
				expect(f.geometry.type).toBe('Point');
				const p = f.properties;
				const m = byMunicipality.get(String(p.ags_municipality));
				expect(m, `${String(p.id)} has no municipality`).toBeDefined();
				expect(p.municipality).toBe(m!.properties.name);
				expect(p.ags_district).toBe(m!.properties.ags_district);
				expect(p.district).toBe(REGION[p.ags_district as keyof typeof REGION]);
				const pt = (f.geometry as GeoJSON.Point).coordinates as Position;
				expect(pointInPolygon(pt, m!.geometry as PolygonGeometry), `${String(p.id)} outside ${String(p.municipality)}`).toBe(true);
				expect(pt.every((c) => Math.abs(c * 1e5 - Math.round(c * 1e5)) < 1e-6)).toBe(true);
			}
		});
	}

	it('places are GeoNames places with population and the towns are there', () => {
		const places = read('places.geojson');
		for (const f of places.features) {
			expect(f.properties.id).toBe(`place:${String(f.properties.geonames_id)}`);
			expect(f.properties.population).toBeGreaterThanOrEqual(1000);
		}
		for (const town of ['Nordhausen', 'Sondershausen', 'Bad Langensalza']) expect(names(places)).toContain(town);
	});

	it('stations carry their EVA number', () => {
		const stations = read('stations.geojson');
		for (const f of stations.features) {
			expect(String(f.properties.eva)).toMatch(/^80\d{5}$/);
			expect(f.properties.id).toBe(`station:${String(f.properties.eva)}`);
		}
		expect(names(stations)).toContain('Nordhausen');
	});

	it('stops have a mode that matches their products', () => {
		const stops = read('stops.geojson');
		const seen = new Set<string>();
		for (const f of stops.features) {
			const products = String(f.properties.products);
			const list = products === '' ? [] : products.split(',');
			expect(['rail', 'tram', 'bus', 'other']).toContain(f.properties.mode);
			expect(f.properties.mode).toBe(stopMode(list));
			seen.add(String(f.properties.mode));
		}
		// Nordhausen has a tram; the region has railway lines and buses
		expect([...seen].sort()).toEqual(expect.arrayContaining(['bus', 'rail', 'tram']));
	});

	it('stopMode ranks rail > tram > bus > other', () => {
		expect(stopMode(['bus', 'tram', 'regional'])).toBe('rail');
		expect(stopMode(['bus', 'tram'])).toBe('tram');
		expect(stopMode(['bus'])).toBe('bus');
		expect(stopMode(['taxi'])).toBe('other');
		expect(stopMode([])).toBe('other');
	});
});

describe('curated facts', () => {
	const tourism = read('tourism.geojson');
	const hospitals = read('hospitals.geojson');
	const commercial = read('commercial.geojson');
	const research = read('research.geojson');
	const approxNames = (fc: SeedCollection<Props>) => fc.features.filter((f) => f.properties.approx === true).map((f) => String(f.properties.name)).sort();

	it('has 25 tourism highlights, approximate exactly where the facts say approx', () => {
		expect(tourism.features).toHaveLength(25);
		expect(approxNames(tourism)).toEqual(['Mühlhausen, Altstadt mit Stadtmauer', 'Panorama Museum (Bauernkriegspanorama)', 'Schloss Sondershausen']);
		for (const f of tourism.features) expect(f.properties.approx).toBe(['approx', 'municipality'].includes(String(f.properties.position)));
		expect(find(tourism, 'Kyffhäuser-Denkmal').properties.id).toBe('tourism:kyffhaeuser-denkmal');
		expect(names(tourism).some((n) => /Baumkronenpfad/.test(n))).toBe(false);
	});

	it('has the 12 hospitals with address and operator, none approximate', () => {
		expect(hospitals.features).toHaveLength(12);
		for (const f of hospitals.features) {
			expect(String(f.properties.address)).toMatch(/\d{5} /);
			expect(['public', 'nonprofit', 'private']).toContain(f.properties.operator);
			expect(f.properties.approx).toBe(false);
			// The facts are written in English: their source line is kept as the English one (see scripts/seed/facts.ts).
			expect(String(f.properties.source_en)).toMatch(/Krankenhausverzeichnis/);
			expect(f.properties).not.toHaveProperty('source');
		}
	});

	it('has the 7 commercial sites; those placed at a municipality centre are approximate', () => {
		expect(commercial.features).toHaveLength(7);
		for (const f of [...commercial.features, ...research.features]) {
			expect(String(f.properties.source_en), String(f.properties.name)).not.toBe('');
			expect(f.properties).not.toHaveProperty('source');
		}
		expect(approxNames(commercial)).toEqual([
			'Gewerbegebiet "Am Kaliwerk" Roßleben',
			'Industrie- und Gewerbegebiet "Glückauf" Sondershausen',
			'Industriegebiet Goldene Aue',
			'Industriegebiet Kyffhäuserhütte'
		]);
		for (const f of commercial.features) {
			expect(f.properties.approx).toBe(f.properties.position === 'municipality');
			expect(String(f.properties.source).length).toBeGreaterThan(0);
			expect(String(f.properties.position_note).length).toBeGreaterThan(0);
		}
		// the facts' names matched by prefix within the district ('Artern' → 'Artern/Unstrut')
		expect(find(commercial, 'Industriegebiet Kyffhäuserhütte').properties.ags_municipality).toBe('16065002');
		expect(find(commercial, 'Gewerbegebiet "Am Kaliwerk" Roßleben').properties.ags_municipality).toBe('16065061');
		expect(find(commercial, 'Industriegebiet Goldene Aue').properties.ags_municipality).toBe('16062041');
		const glueckauf = find(commercial, 'Industrie- und Gewerbegebiet "Glückauf" Sondershausen').properties;
		expect(glueckauf).toMatchObject({ ags_municipality: '16065067', gross_area_ha: 190, free_area_ha: 5.5, kali_region: true });
		expect(find(commercial, 'Industriegebiet Kyffhäuserhütte').properties).toMatchObject({ gross_area_ha: 60, companies: 17, jobs: 600 });
	});

	it('has the research site', () => {
		expect(names(research)).toEqual(['Hochschule Nordhausen']);
		expect(research.features[0]!.properties.ags_municipality).toBe('16062041');
	});

	it('keeps the district figures with their sources and the missing note', () => {
		const df = read<{ broadband: Props[]; indicators: Props[]; rows: Props[]; missing: string; provenance: Provenance[] }>('district-figures.json');
		expect(df.broadband).toHaveLength(6);
		expect(df.indicators).toHaveLength(15);
		expect(df.rows).toHaveLength(21);
		for (const r of [...df.broadband, ...df.indicators]) expect(String(r.source).length).toBeGreaterThan(10);
		expect(df.missing).toMatch(/Wanderungssaldo/);
		expect(df.broadband.find((r) => r.ags === '16065' && r.as_of === '2021-06')).toMatchObject({ ge50: 95.07, ftth_ge1000: 13.14 });
	});

	it('has the region with seats, five goals and the fields of action', () => {
		const region = read<{ districts: Props[]; goals_until_2025: Props[]; fields_of_action: Props[] }>('region.json');
		expect(region.districts.map((d) => [d.ags, d.seat_ags])).toEqual([
			['16062', '16062041'],
			['16065', '16065067'],
			['16064', '16064046']
		]);
		expect(region.goals_until_2025.map((g) => g.id)).toEqual(['migration', 'unemployment', 'employment', 'training', 'productivity']);
		for (const g of region.goals_until_2025) expect(String(g.en).length).toBeGreaterThan(0);
		expect(region.fields_of_action).toHaveLength(4);
	});

	it('has district statistics whose density matches area and population', () => {
		const stats = read<{ rows: Props[] }>('district-stats.json');
		const inRegion = stats.rows.filter((r) => r.in_region === true);
		expect(inRegion.map((r) => r.ags)).toEqual(['16062', '16064', '16065']);
		for (const r of stats.rows) {
			expect(Math.abs(Number(r.population) / Number(r.area_km2) - Number(r.density_per_km2))).toBeLessThan(1);
		}
	});
});

describe('all seed files', () => {
	it('carry a provenance with licence and attribution', () => {
		const files = [...POLYGON_FILES, ...POINT_FILES].map((n) => `${n}.geojson`).concat(TABLE_FILES);
		for (const file of files) {
			const list = provenances(read<{ provenance?: Provenance | Provenance[] }>(file).provenance);
			expect(list.length, file).toBeGreaterThan(0);
			for (const p of list) {
				expect(p.id, file).toMatch(/^[a-z0-9-]+$/);
				expect(p.licence.length, file).toBeGreaterThan(3);
				expect(p.attribution.length, file).toBeGreaterThan(3);
				expect(p.title.de && p.title.en, file).toBeTruthy();
			}
		}
	});

	it('give every feature a unique string id across all files', () => {
		const seen = new Set<string>();
		for (const name of [...POLYGON_FILES, ...POINT_FILES]) {
			for (const f of read(`${name}.geojson`).features) {
				const id = f.properties.id;
				expect(typeof id).toBe('string');
				expect(seen.has(id as string), `duplicate id ${String(id)}`).toBe(false);
				seen.add(id as string);
			}
		}
	});

	it('load through the pipeline seed loader', () => {
		const seed = loadSeed(SEED);
		expect(seed.municipalities.features).toHaveLength(112);
		expect(seed.hospitals.features).toHaveLength(12);
	});
});
