/**
 * The OpenStreetMap import through the real data build and the API: the new categories reach
 * themes, search, cards and exports with the ODbL attribution; a newer import replaces the
 * previous edition; a damaged extract stops the build and leaves the previous outputs untouched.
 * Uses the real samples of tests/fixtures/osm (© OpenStreetMap contributors, ODbL).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/lib/server/api/app.ts';
import { runBuild, type BuildOutput } from '../helpers/build.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/osm');
const root = mkdtempSync(path.join(os.tmpdir(), 'nt-osm-build-'));
const sources = path.join(root, 'sources');
const out = path.join(root, 'out');
const previousClip = process.env.NT_OSM_CLIP;
afterAll(() => {
	rmSync(root, { recursive: true, force: true });
	if (previousClip === undefined) delete process.env.NT_OSM_CLIP;
	else process.env.NT_OSM_CLIP = previousClip;
});

function stage(file: string | null, clip: string): void {
	rmSync(path.join(sources, 'osm'), { recursive: true, force: true });
	mkdirSync(path.join(sources, 'osm'), { recursive: true });
	if (file) copyFileSync(path.join(FIXTURES, file), path.join(sources, 'osm', file.replace('-sample', '')));
	process.env.NT_OSM_CLIP = clip;
}

function build(): BuildOutput {
	mkdirSync(out, { recursive: true });
	return runBuild({ sources, dir: out });
}

function api(b: BuildOutput) {
	const app = createApp({ dbFile: b.dbFile, tilesDir: b.tilesDir, log: () => undefined });
	// The test reads whatever the API answers (JSON or CSV text); `any` keeps the assertions short.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return async (url: string): Promise<{ status: number; body: any }> => {
		const res = await app.request(url);
		const type = res.headers.get('content-type') ?? '';
		return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
	};
}

let first: BuildOutput;

beforeAll(() => {
	stage('bayreuth-nord-sample.osm.pbf', '11.4,49.9,11.7,50.1');
	first = build();
	if (first.status !== 0) throw new Error(`build failed: ${first.stdout}\n${first.stderr}`);
}, 180_000);

describe('after importing the Bayreuth sample', () => {
	it('lists the OSM categories in the themes, with OpenStreetMap as a source', async () => {
		const { body } = await api(first)('/api/themes');
		const verkehr = body.themes.find((t: { id: string }) => t.id === 'verkehr');
		expect(verkehr.categories.map((c: { value: string }) => c.value)).toEqual(expect.arrayContaining(['motorway_junction', 'motorway', 'railway']));
		expect(verkehr.categories.find((c: { value: string }) => c.value === 'motorway_junction')).toMatchObject({ value: 'motorway_junction', label: { de: 'Autobahnanschluss', en: 'Motorway junction' }, color: '#1a365d', symbol: 'A' });
		expect(verkehr.sources.map((s: { attribution: string }) => s.attribution)).toContain('© OpenStreetMap contributors (ODbL)');
		const osm = verkehr.sources.find((s: { id: string }) => s.id === 'openstreetmap');
		expect(osm.edition).toBe('2014-11-04');
	});

	it('finds a junction by name and opens its card with number, OSM object and attribution', async () => {
		const get = api(first);
		const { body: search } = await get('/api/search?q=bindlacher');
		const hit = search.results.find((r: { ref: string }) => r.ref === 'osm:node:20914673');
		expect(hit).toMatchObject({ label: 'Bindlacher Berg', kind: 'motorway_junction' });
		const { status, body: card } = await get('/api/features/osm:node:20914673');
		expect(status).toBe(200);
		expect(card.properties).toMatchObject({ junction_number: '40b', motorway: 'A 9', osm: 'node/20914673', category: 'motorway_junction' });
		expect(card.source.attribution).toBe('© OpenStreetMap contributors (ODbL)');
	});

	it('feeds the site finder: the OSM junctions are the junction layer it searches', async () => {
		const { body } = await api(first)('/api/features/commercial:industriegebiet-goldene-aue');
		// Without junctions the answer is "not_recorded"; the sample's lie near Bayreuth, beyond the
		// finder's search radius from Nordthüringen, so they are recorded but none is nearby.
		expect(body.properties.motorway_junction_status).toBe('none_nearby');
		expect(body.properties.nearest_motorway_junction).toBeNull();
	});

	it('serves a route relation as one line feature and exports with the attribution', async () => {
		const get = api(first);
		const { body: route } = await get('/api/features/osm:relation:2099435');
		expect(route.geometry.type).toBe('MultiLineString');
		expect(route.properties).toMatchObject({ name: 'KU 13', category: 'cycling_route', members_missing: 27 });
		const { body: csv } = await get('/api/export?theme=tourismus&format=csv');
		expect(String(csv)).toContain('KU 13');
		expect(String(csv)).toContain('© OpenStreetMap contributors (ODbL)');
	});
});

describe('re-import', () => {
	it('a damaged extract stops the build and leaves tiles and database as they were', () => {
		const dbBefore = readFileSync(first.dbFile);
		const tilesBefore = readFileSync(first.archive);
		stage(null, '11.4,49.9,11.7,50.1');
		const bytes = readFileSync(path.join(FIXTURES, 'bayreuth-nord-sample.osm.pbf'));
		writeFileSync(path.join(sources, 'osm', 'bayreuth-nord.osm.pbf'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
		const broken = build();
		expect(broken.status).not.toBe(0);
		expect(broken.stderr).toMatch(/Import failed/);
		expect(broken.stderr).toMatch(/bayreuth-nord\.osm\.pbf: damaged or not an OpenStreetMap file \(PBF error: unexpected EOF\)/);
		expect(broken.stderr).toMatch(/left untouched/);
		expect(readFileSync(first.dbFile).equals(dbBefore)).toBe(true);
		expect(readFileSync(first.archive).equals(tilesBefore)).toBe(true);
	}, 180_000);

	it('another extract replaces the previous OSM edition completely', async () => {
		stage('krems-sample.osm.pbf', '15.55,48.36,15.86,48.45');
		const second = build();
		expect(second.status, second.stderr).toBe(0);
		const get = api(second);
		expect((await get('/api/features/osm:node:20914673')).status).toBe(404);
		const { body: search } = await get('/api/search?q=adler%20apotheke');
		expect(search.results.map((r: { ref: string }) => r.ref)).toContain('osm:node:340180416');
		const { body: accessible } = await get('/api/features?theme=daseinsvorsorge&wheelchair=yes');
		expect(accessible.features.map((f: { id: string }) => f.id)).toContain('osm:node:340180416');
		expect(accessible.features.every((f: { properties: { wheelchair: string } }) => f.properties.wheelchair === 'yes')).toBe(true);
		const { body: themes } = await get('/api/themes');
		const osm = themes.themes.find((t: { id: string }) => t.id === 'daseinsvorsorge').sources.find((s: { id: string }) => s.id === 'openstreetmap');
		expect(osm.edition).toBe('2013-12-16');
	}, 180_000);
});
