/**
 * The OpenStreetMap import on two small REAL samples (tests/fixtures/osm/README.md: © OpenStreetMap
 * contributors, ODbL). The expected names, numbers and kinds below were read off the samples by hand
 * (osmium getid / tags-filter); the clip area is set per test, since the samples lie outside the region.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/lib/data/model.ts';
import { importOsm, OSM_ATTRIBUTION, type OsmImportResult, type OsmRecord } from '../../scripts/importers/osm.ts';
import { ensureOsmium } from '../../scripts/ensure-osmium.ts';
import { osmClipArea, parseClip, OSM_MARGIN_KM } from '../../scripts/osm/clip-area.ts';
import { schoolKind } from '../../scripts/osm/categories.ts';
import { mergeLines } from '../../scripts/osm/lines.ts';
import { parseOplLine } from '../../scripts/osm/opl.ts';
import { discoverSources } from '../../scripts/importers/index.ts';
import { loadSeed } from '../../scripts/lib/seed.ts';
import { PROJECT_ROOT } from '../helpers/sources.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/osm');
const BAYREUTH = path.join(FIXTURES, 'bayreuth-nord-sample.osm.pbf');
const KREMS = path.join(FIXTURES, 'krems-sample.osm.pbf');
const WORLD: [number, number, number, number] = [-180, -90, 180, 90];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nt-osm-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const byId = (r: OsmImportResult, id: string): OsmRecord | undefined => r.records.find((x) => x.id === id);
const ofCategory = (r: OsmImportResult, category: string) => r.records.filter((x) => x.category === category);

let bayreuth: OsmImportResult;
let krems: OsmImportResult;

beforeAll(async () => {
	ensureOsmium(); // installs Debian's osmium-tool when missing (as root)
	bayreuth = await importOsm(BAYREUTH, { clip: WORLD });
	krems = await importOsm(KREMS, { clip: WORLD });
}, 300_000);

describe('motorway junctions (Bayreuth sample, A 9 / A 70)', () => {
	it('keeps name and number; one junction per exit, both carriageways merged', () => {
		const junctions = ofCategory(bayreuth, 'motorway_junction')
			.map((j) => `${j.name} | ${j.props.ref} | ${j.props.osm_nodes ?? 1}`)
			.sort();
		expect(junctions).toEqual(['Bindlacher Berg | 40b | 2', 'Dreieck Bayreuth / Kulmbach | 26 | 1', 'Dreieck Bayreuth / Kulmbach | 40a | 2']);
		expect(byId(bayreuth, 'osm:node:20914673')).toMatchObject({ osmType: 'node', osmId: 20914673, theme: 'verkehr' });
	});

	it('draws motorways by number and railway lines as lines', () => {
		const lines = bayreuth.records.filter((r) => r.geometry.type !== 'Point').map((r) => `${r.category}:${r.name ?? r.props.ref}`);
		expect(lines).toEqual(expect.arrayContaining(['motorway:A 9', 'motorway:A 70', 'railway:5051']));
		expect(byId(bayreuth, 'osm:motorway:A 70')!.props.osm_ways).toBe(21);
	});
});

describe('route relations assembled into lines', () => {
	it('joins the member ways of cycle route KU 13 that share end nodes; members outside the sample are counted', () => {
		// By hand: 7 of its 34 member ways are in the sample; six form one chain from node 258014592
		// to node 2193831007, the seventh (way 31232103) touches none of them.
		const ku13 = byId(bayreuth, 'osm:relation:2099435')!;
		expect(ku13).toMatchObject({ category: 'cycling_route', theme: 'tourismus', name: 'KU 13', osmType: 'relation' });
		expect(ku13.props.members_missing).toBe(27);
		expect(ku13.geometry.type).toBe('MultiLineString');
		const parts = (ku13.geometry as GeoJSON.MultiLineString).coordinates;
		expect(parts).toHaveLength(2);
		const ends = parts.map((l) => [l[0], l[l.length - 1]]);
		expect(ends).toContainEqual([[11.581765, 50.035556], [11.5459, 50.02031]]);
		expect(ends).toContainEqual([[11.570926, 50.040557], [11.580103, 50.036255]]);
	});

	it('keeps hiking routes with their names', () => {
		expect(ofCategory(bayreuth, 'hiking_route').map((r) => r.name).sort()).toEqual(['Jakobsweg Hof-Hiltpoltstein', 'Nortwaldweg']);
		expect(bayreuth.warnings.join(' ')).toMatch(/drawn in part/);
	});
});

describe('everyday services and leisure places (Krems sample)', () => {
	it('sorts schools by kind from tags or name', () => {
		const schools = krems.records.filter((r) => r.category.startsWith('school')).map((r) => `${r.category}: ${r.name}`).sort();
		expect(schools).toEqual([
			'school: Schulzentrum',
			'school: Schulzentrum',
			'school: null',
			'school_gymnasium: BG Rechte Kremszeile',
			'school_gymnasium: BG/BRG Piaristengasse Krems',
			'school_gymnasium: BORG Krems',
			'school_gymnasium: BRG Ringstraße',
			'school_gymnasium: Privat-ORG Krems',
			'school_vocational: Handelsakademie, Höhere Bundeslehranstalt für Fremdenverkehrsberufe'
		]);
		// a school mapped as a building outline becomes a point with the way's id
		expect(byId(krems, 'osm:way:29737067')!.geometry.type).toBe('Point');
	});

	it('keeps opening hours, website and wheelchair access where tagged', () => {
		expect(byId(krems, 'osm:node:340180416')).toMatchObject({ category: 'pharmacy', name: 'Adler Apotheke', props: { wheelchair: 'yes' } });
		expect(byId(krems, 'osm:node:2337300146')!.props.opening_hours).toBe('Mo-Th 07:00-17:00; Fr 07:00-13:00');
		expect(byId(krems, 'osm:way:29737067')!.props.website).toBe('http://www.bg-kremszeile.ac.at/');
	});

	it('finds every kind the issue names that the sample has', () => {
		const counts = Object.fromEntries(['doctors', 'pharmacy', 'supermarket', 'police', 'fire_station', 'castle', 'cave', 'hotel', 'guest_house'].map((c) => [c, ofCategory(krems, c).length]));
		expect(counts).toEqual({ doctors: 6, pharmacy: 5, supermarket: 9, police: 2, fire_station: 1, castle: 2, cave: 1, hotel: 2, guest_house: 4 });
		// Austrian B roads carry the same "B nn" numbers; the Wachaubahn is the one named railway line,
		// the unnamed track pieces become one line per operator
		expect(ofCategory(krems, 'federal_road').map((r) => r.name).sort()).toEqual(['B3', 'B33', 'B35', 'B37', 'B37a']);
		expect(ofCategory(krems, 'railway').map((r) => r.id).sort()).toEqual(['osm:railway:Wachaubahn', 'osm:railway:unnamed', 'osm:railway:unnamed-HIB', 'osm:railway:unnamed-ÖBB']);
	});

	it('names the source, its edition (newest object when the header has no timestamp) and the ODbL attribution', () => {
		expect(krems.source).toMatchObject({ id: 'openstreetmap', edition: '2013-12-16', attribution: OSM_ATTRIBUTION, file: 'krems-sample.osm.pbf' });
		expect(krems.source.licence).toMatch(/ODbL/);
		expect(bayreuth.source.edition).toBe('2014-11-04');
	});
});

describe('clipping at the edge of the import area', () => {
	it('drops points outside and cuts lines at the edge', async () => {
		// West edge at 15.625°E: of the four Krems-Mitte junction nodes, 1204184353 (15.62199°E) lies outside.
		const clip: [number, number, number, number] = [15.625, 48.3, 15.9, 48.5];
		const clipped = await importOsm(KREMS, { clip });
		expect(ofCategory(krems, 'motorway_junction').find((j) => j.name === 'Krems-Mitte')!.props.osm_nodes).toBe(4);
		expect(ofCategory(clipped, 'motorway_junction').find((j) => j.name === 'Krems-Mitte')!.props.osm_nodes).toBe(3);
		const xs = clipped.records.flatMap((r) => JSON.stringify(r.geometry.coordinates).match(/-?\d+\.\d+/g)!.map(Number).filter((_, i) => i % 2 === 0));
		expect(Math.min(...xs)).toBeGreaterThanOrEqual(15.625 - 1e-6);
		// the railway lines west of Krems are cut, not dropped: some line ends exactly at the edge
		expect(xs.some((x) => Math.abs(x - 15.625) < 1e-6)).toBe(true);
		expect(clipped.records.length).toBeLessThan(krems.records.length);
	}, 60_000);

	it('uses the districts plus a margin, or NT_OSM_CLIP', () => {
		const seed = loadSeed(path.join(PROJECT_ROOT, 'data', 'seed'));
		const clip = osmClipArea(seed.districts, {});
		const tight = osmClipArea(seed.districts, {}, 0);
		expect(clip[1]).toBeCloseTo(tight[1] - OSM_MARGIN_KM / 111.32, 6);
		expect(clip[3]).toBeCloseTo(tight[3] + OSM_MARGIN_KM / 111.32, 6);
		expect(clip[0]).toBeLessThan(tight[0] - 0.1);
		// Nordhausen (10.79°E 51.50°N) is inside; Halle (Saale) (11.97°E 51.48°N) is east of the margin
		expect(10.79 > clip[0] && 10.79 < clip[2] && 51.5 > clip[1] && 51.5 < clip[3]).toBe(true);
		expect(11.97 > clip[2]).toBe(true);
		expect(osmClipArea(seed.districts, { NT_OSM_CLIP: '15.5,48.3,15.9,48.5' })).toEqual([15.5, 48.3, 15.9, 48.5]);
		expect(() => parseClip('15.9,48.3,15.5,48.5')).toThrow(/west < east/);
	});
});

describe('file formats and broken files', () => {
	it('reads OSM XML the same as PBF', async () => {
		const xml = path.join(tmp, 'krems-sample.osm');
		expect(spawnSync('osmium', ['cat', KREMS, '-o', xml, '-O']).status).toBe(0);
		const r = await importOsm(xml, { clip: WORLD });
		expect(r.records.map((x) => x.id).sort()).toEqual(krems.records.map((x) => x.id).sort());
	}, 60_000);

	it('a truncated (damaged) PBF stops with a clear error', async () => {
		const bytes = readFileSync(KREMS);
		const damaged = path.join(tmp, 'damaged.osm.pbf');
		writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
		const err = await importOsm(damaged, { clip: WORLD }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ImportError);
		expect((err as ImportError).message).toMatch(/damaged\.osm\.pbf: .*(damaged|not a readable)/);
	}, 60_000);

	it('a foreign file with an OSM name stops with a clear error', async () => {
		const foreign = path.join(tmp, 'foreign.osm.pbf');
		copyFileSync(path.join(PROJECT_ROOT, 'package.json'), foreign);
		const err = await importOsm(foreign, { clip: WORLD }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ImportError);
		expect((err as ImportError).message).toMatch(/foreign\.osm\.pbf: (not a readable|damaged)/);
		const empty = path.join(tmp, 'empty.osm.pbf');
		writeFileSync(empty, '');
		await expect(importOsm(empty, { clip: WORLD })).rejects.toThrow(/empty file/);
	}, 60_000);

	it('only OSM files belong in the osm folder', () => {
		const dir = mkdtempSync(path.join(tmp, 'sources-'));
		spawnSync('mkdir', ['-p', path.join(dir, 'osm')]);
		copyFileSync(KREMS, path.join(dir, 'osm', 'krems.osm.pbf'));
		expect(discoverSources(dir)).toEqual([{ kind: 'osm', path: path.join(dir, 'osm', 'krems.osm.pbf') }]);
		writeFileSync(path.join(dir, 'osm', 'notes.txt'), 'x');
		expect(() => discoverSources(dir)).toThrow(/unknown file/);
	});
});

describe('building blocks', () => {
	it('parses OPL with escapes and way locations', () => {
		expect(parseOplLine('n1 v1 Tname=Krems%20%S%fc%d,highway=motorway_junction x15.6 y48.3')).toMatchObject({ type: 'node', id: 1, tags: { name: 'Krems Süd' }, lon: 15.6, lat: 48.3 });
		const way = parseOplLine('w5 v2 Thighway=motorway Nn1x1y2,n2x,n3x3y4');
		expect(way).toMatchObject({ type: 'way', id: 5, missing: 1 });
		expect(Array.from((way as { coords: Float64Array }).coords)).toEqual([1, 2, 3, 4]);
		expect(parseOplLine('r9 Ttype=route Mw1@,w2@forward,n3@stop')).toMatchObject({ members: [{ type: 'way', ref: 1, role: '' }, { type: 'way', ref: 2, role: 'forward' }, { type: 'node', ref: 3, role: 'stop' }] });
		expect(() => parseOplLine('q1 v1')).toThrow(/unknown object type/);
	});

	it('merges lines listed out of order and in both directions', () => {
		const merged = mergeLines([[[2, 0], [3, 0]], [[1, 0], [0, 0]], [[1, 0], [2, 0]], [[9, 9], [8, 8]]]);
		expect(merged).toHaveLength(2);
		const long = merged.find((l) => l.length === 4)!;
		expect([long[0]![0], long[3]![0]].sort()).toEqual([0, 3]);
	});

	it('reads school kinds from school:de, isced:level and German names', () => {
		expect(schoolKind({ 'school:de': 'Regelschule' })).toBe('school_secondary');
		expect(schoolKind({ 'isced:level': '1' })).toBe('school_primary');
		expect(schoolKind({ name: 'Staatliches Förderzentrum' })).toBe('school_special');
		expect(schoolKind({ name: 'Staatliche Berufsbildende Schule' })).toBe('school_vocational');
		expect(schoolKind({ name: 'Staatliche Gemeinschaftsschule' })).toBe('school_secondary');
		expect(schoolKind({ name: 'Schulzentrum' })).toBe('school');
	});
});
