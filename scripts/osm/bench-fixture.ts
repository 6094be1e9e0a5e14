/**
 * Writes a SYNTHETIC benchmark fixture shaped like a state extract (Thuringia, about 150–200 MB of
 * PBF): nodes in spatially coherent ways, buildings, roads, land use, tagged points of interest, route
 * and multipolygon relations, with version/timestamp/changeset metadata as public extracts carry it.
 * Every name says "Fixture"; nothing in it describes a real place. It is for measuring the
 * OpenStreetMap import's time and memory (`npm run bench:osm`) and is never committed or shown as data.
 *
 * The generator writes OPL text into `osmium cat`, which encodes the PBF.
 *
 *   node scripts/osm/bench-fixture.ts [--scale 1] [--out <file>]
 *
 * scale 1 ≈ 11 million nodes and about 170 MB; 0.02 makes a small file for quick iterations.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { ensureOsmium } from '../ensure-osmium.ts';

export const FIXTURE_NAME = 'thueringen-benchmark-fixture.osm.pbf';
export const NODES_AT_SCALE_1 = 11_000_000;

/** A deterministic generator, so every run writes the same file for the same scale. */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Rough bounding box of the state: the fixture's coordinates fall where a real extract's would.
const WEST = 9.87, EAST = 12.66, SOUTH = 50.2, NORTH = 51.65;

function escapeOpl(s: string): string {
	let out = '';
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		out += /[A-Za-z0-9_:.\-/]/.test(ch) ? ch : `%${c.toString(16)}%`;
	}
	return out;
}

function tags(pairs: [string, string][]): string {
	return pairs.map(([k, v]) => `${escapeOpl(k)}=${escapeOpl(v)}`).join(',');
}

type WeightedTags = [number, (i: number) => [string, string][]];

function pick<T>(rand: () => number, table: [number, T][]): T {
	const total = table.reduce((s, [w]) => s + w, 0);
	let r = rand() * total;
	for (const [w, v] of table) {
		if ((r -= w) <= 0) return v;
	}
	return table[table.length - 1]![1];
}

/** Tagged stand-alone nodes: mostly addresses and shops, a few of the kinds the import keeps. */
const POI_TAGS: WeightedTags[] = [
	[40, (i) => [['addr:street', `Fixturestraße ${i % 500}`], ['addr:housenumber', String(i % 120)], ['addr:postcode', '99999']]],
	[8, (i) => [['shop', 'bakery'], ['name', `Fixture bakery ${i}`]]],
	[6, (i) => [['natural', 'tree'], ['leaf_type', 'broadleaved'], ['note', `fixture ${i}`]]],
	[5, () => [['highway', 'street_lamp']]],
	[5, (i) => [['highway', 'bus_stop'], ['name', `Fixture stop ${i}`]]],
	[4, () => [['barrier', 'gate']]],
	[3, (i) => [['amenity', 'bench'], ['note', `fixture ${i}`]]],
	[2, (i) => [['amenity', 'restaurant'], ['name', `Fixture restaurant ${i}`], ['opening_hours', 'Mo-Su 11:00-22:00']]],
	[1, (i) => [['amenity', 'school'], ['name', `Fixture Grundschule ${i}`], ['school:de', 'Grundschule']]],
	[1, (i) => [['amenity', 'kindergarten'], ['name', `Fixture Kita ${i}`]]],
	[1, (i) => [['amenity', 'doctors'], ['name', `Fixture practice ${i}`], ['opening_hours', 'Mo-Fr 08:00-12:00'], ['wheelchair', 'yes']]],
	[0.5, (i) => [['amenity', 'pharmacy'], ['name', `Fixture pharmacy ${i}`], ['website', 'https://fixture.invalid/']]],
	[0.8, (i) => [['shop', 'supermarket'], ['name', `Fixture market ${i}`]]],
	[0.3, (i) => [['amenity', 'fire_station'], ['name', `Fixture fire station ${i}`]]],
	[0.1, (i) => [['amenity', 'police'], ['name', `Fixture police ${i}`]]],
	[0.3, (i) => [['tourism', 'museum'], ['name', `Fixture museum ${i}`]]],
	[0.3, (i) => [['historic', 'ruins'], ['name', `Fixture ruin ${i}`]]],
	[0.1, (i) => [['natural', 'cave_entrance'], ['name', `Fixture cave ${i}`]]],
	[0.5, (i) => [['tourism', 'viewpoint'], ['name', `Fixture view ${i}`]]],
	[0.5, (i) => [['tourism', 'guest_house'], ['name', `Fixture guest house ${i}`]]],
	[0.3, (i) => [['tourism', 'hotel'], ['name', `Fixture hotel ${i}`], ['stars', '3']]]
];

const WayKind = { Building: 0, Road: 1, Landuse: 2, Water: 3, Rail: 4, Power: 5, Motorway: 6, Other: 7 } as const;
type WayKind = (typeof WayKind)[keyof typeof WayKind];

const WAY_KINDS: [number, WayKind][] = [
	[52, WayKind.Building],
	[28, WayKind.Road],
	[7, WayKind.Landuse],
	[3, WayKind.Water],
	[0.6, WayKind.Rail],
	[1.5, WayKind.Power],
	[0.3, WayKind.Motorway],
	[7.6, WayKind.Other]
];

const ROAD_TYPES: [number, string][] = [
	[30, 'residential'], [25, 'track'], [20, 'service'], [10, 'footway'], [6, 'unclassified'], [4, 'tertiary'], [3, 'secondary'], [2, 'primary']
];

function wayTags(kind: WayKind, i: number, rand: () => number): [string, string][] {
	switch (kind) {
		case WayKind.Building:
			return rand() < 0.3 ? [['building', 'house'], ['addr:housenumber', String(i % 90)]] : [['building', 'yes']];
		case WayKind.Road: {
			const hw = pick(rand, ROAD_TYPES);
			const t: [string, string][] = [['highway', hw]];
			if (hw !== 'track' && hw !== 'footway') t.push(['name', `Fixtureweg ${i % 3000}`]);
			if (hw === 'primary') t.push(['ref', `B ${i % 300}`]);
			if (rand() < 0.3) t.push(['surface', 'asphalt']);
			return t;
		}
		case WayKind.Landuse:
			return [[rand() < 0.5 ? 'landuse' : 'natural', rand() < 0.5 ? 'farmland' : 'wood']];
		case WayKind.Water:
			return [['waterway', 'stream'], ['name', `Fixturebach ${i % 700}`]];
		case WayKind.Rail:
			return [['railway', 'rail'], ['usage', 'main'], ['electrified', 'contact_line']];
		case WayKind.Power:
			return [['power', 'line'], ['voltage', '110000']];
		case WayKind.Motorway:
			return [['highway', 'motorway'], ['ref', `A ${i % 80}`], ['oneway', 'yes']];
		case WayKind.Other:
			return [['barrier', 'fence']];
	}
}

function nodeCountOf(kind: WayKind, rand: () => number): number {
	switch (kind) {
		case WayKind.Building: return 4 + Math.floor(rand() * 3);
		case WayKind.Road: return 2 + Math.floor(rand() * 14);
		case WayKind.Landuse: return 8 + Math.floor(rand() * 40);
		case WayKind.Water: return 5 + Math.floor(rand() * 30);
		case WayKind.Rail: return 10 + Math.floor(rand() * 30);
		case WayKind.Power: return 3 + Math.floor(rand() * 10);
		case WayKind.Motorway: return 10 + Math.floor(rand() * 30);
		case WayKind.Other: return 2 + Math.floor(rand() * 8);
	}
}

const CLOSED = new Set<WayKind>([WayKind.Building, WayKind.Landuse]);

export interface FixtureStats { nodes: number; ways: number; relations: number; bytes?: number }

/** Streams the OPL of a fixture at the given scale into `write`. */
export async function writeFixtureOpl(scale: number, write: (chunk: string) => Promise<void>): Promise<FixtureStats> {
	const rand = mulberry32(20261202);
	const targetNodes = Math.max(1000, Math.round(NODES_AT_SCALE_1 * scale));
	// Way layout, kept compactly: nodes are written first (as in every sorted extract), ways after.
	const cap = Math.ceil(targetNodes / 2);
	const wayFirst = new Uint32Array(cap); // index into nodeIds
	const wayCount = new Uint8Array(cap);
	const wayKind = new Uint8Array(cap);
	const nodeIds = new Float64Array(targetNodes + 64);
	let nodes = 0, ways = 0;
	let nextId = 100_000_000;
	let buf: string[] = [];
	let bufLen = 0;
	const out = async (line: string) => {
		buf.push(line);
		bufLen += line.length;
		if (bufLen > 1 << 20) {
			await write(buf.join(''));
			buf = [];
			bufLen = 0;
		}
	};
	// Objects created together are edited together: metadata drifts slowly, as ids do.
	let era = 0;
	const meta = () => {
		era = Math.min(1, era + rand() * 2e-7);
		const ms = Date.UTC(2009, 0, 1) + (era * 0.8 + rand() * 0.2) * 17 * 365 * 86_400_000;
		const stamp = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
		const changeset = 1_000_000 + Math.floor((era * 0.8 + rand() * 0.2) * 160_000_000);
		return `v${1 + Math.floor(rand() * rand() * 8)} dV c${changeset} t${stamp}`;
	};
	const node = async (lon: number, lat: number, t: string) => {
		nextId += rand() < 0.9 ? 1 : 1 + Math.floor(rand() * 1000);
		nodeIds[nodes++] = nextId;
		await out(`n${nextId} ${meta()} T${t} x${lon.toFixed(7)} y${lat.toFixed(7)}\n`);
	};

	let poi = 0;
	let cursorLon = (WEST + EAST) / 2;
	let cursorLat = (SOUTH + NORTH) / 2;
	while (nodes < targetNodes && ways < cap) {
		// About 2–3 % of the nodes are stand-alone tagged points (addresses, shops, amenities).
		if (rand() < 0.15) {
			const f = pick(rand, POI_TAGS.map(([w, fn]) => [w, fn] as [number, (i: number) => [string, string][]]));
			await node(cursorLon + (rand() - 0.5) * 0.02, cursorLat + (rand() - 0.5) * 0.02, tags(f(poi++)));
			continue;
		}
		const kind = pick(rand, WAY_KINDS);
		const n = Math.min(nodeCountOf(kind, rand), targetNodes + 60 - nodes);
		// Mappers work locally: the next way usually starts near the last one.
		if (rand() < 0.02) {
			cursorLon = WEST + rand() * (EAST - WEST);
			cursorLat = SOUTH + rand() * (NORTH - SOUTH);
		} else {
			cursorLon = Math.min(EAST, Math.max(WEST, cursorLon + (rand() - 0.5) * 0.01));
			cursorLat = Math.min(NORTH, Math.max(SOUTH, cursorLat + (rand() - 0.5) * 0.01));
		}
		let lon = cursorLon;
		let lat = cursorLat;
		const step = kind === WayKind.Building ? 0.00012 : 0.0009;
		wayFirst[ways] = nodes;
		wayCount[ways] = n;
		wayKind[ways] = kind;
		ways++;
		for (let k = 0; k < n; k++) {
			lon += (rand() - 0.5) * step;
			lat += (rand() - 0.5) * step;
			const junction = kind === WayKind.Motorway && k === 3 ? tags([['highway', 'motorway_junction'], ['name', `Fixture junction ${ways}`], ['ref', String(ways % 90)]]) : '';
			await node(lon, lat, junction);
		}
	}

	for (let w = 0; w < ways; w++) {
		const kind = wayKind[w] as WayKind;
		const first = wayFirst[w]!;
		const refs: string[] = [];
		for (let k = 0; k < wayCount[w]!; k++) refs.push(`n${nodeIds[first + k]}`);
		if (CLOSED.has(kind) && refs.length > 2) refs.push(refs[0]!);
		await out(`w${w + 1_000_000} ${meta()} T${tags(wayTags(kind, w, rand))} N${refs.join(',')}\n`);
	}

	const relations = Math.round(ways / 80);
	for (let r = 0; r < relations; r++) {
		const type = pick<string>(rand, [[55, 'multipolygon'], [5, 'hiking'], [5, 'bicycle'], [10, 'bus'], [20, 'restriction'], [5, 'boundary']]);
		const memberCount = type === 'multipolygon' ? 2 + Math.floor(rand() * 4) : type === 'restriction' ? 3 : 10 + Math.floor(rand() * 50);
		const start = Math.floor(rand() * Math.max(1, ways - memberCount));
		const members: string[] = [];
		for (let m = 0; m < memberCount && start + m < ways; m++) {
			const role = type === 'multipolygon' ? (m === 0 ? 'outer' : 'inner') : type === 'restriction' ? ['from', 'via', 'to'][m]! : '';
			members.push(`w${start + m + 1_000_000}@${role}`);
		}
		const t: [string, string][] =
			type === 'multipolygon' ? [['type', 'multipolygon'], ['landuse', 'forest']]
			: type === 'restriction' ? [['type', 'restriction'], ['restriction', 'no_left_turn']]
			: type === 'boundary' ? [['type', 'boundary'], ['boundary', 'administrative'], ['admin_level', '8'], ['name', `Fixture municipality ${r}`]]
			: [['type', 'route'], ['route', type], ['name', `Fixture route ${r}`], ['network', type === 'bus' ? 'fixture' : 'rwn']];
		await out(`r${r + 10_000} ${meta()} T${tags(t)} M${members.join(',')}\n`);
	}
	if (buf.length) await write(buf.join(''));
	return { nodes, ways, relations };
}

/** Generates the fixture PBF at `file` (via osmium) and returns its counts. */
export async function generateFixture(scale: number, file: string): Promise<FixtureStats> {
	const osmium = ensureOsmium();
	mkdirSync(path.dirname(file), { recursive: true });
	const child = spawn(
		osmium,
		['cat', '-F', 'opl', '-', '-o', file, '-O', '--output-header=osmosis_replication_timestamp=2026-11-30T21:21:02Z', '--output-header=generator=standortkarte-bench-fixture'],
		{ stdio: ['pipe', 'inherit', 'inherit'] }
	);
	const exited = once(child, 'exit');
	const stats = await writeFixtureOpl(scale, async (chunk) => {
		if (!child.stdin.write(chunk)) await once(child.stdin, 'drain');
	});
	child.stdin.end();
	const [code] = (await exited) as [number | null];
	if (code !== 0) throw new Error(`osmium cat failed with status ${code}`);
	const { statSync } = await import('node:fs');
	return { ...stats, bytes: statSync(file).size };
}

export function defaultFixturePath(): string {
	return path.join(os.tmpdir(), 'nt-osm-bench', FIXTURE_NAME);
}

if (import.meta.main) {
	const args = process.argv.slice(2);
	const arg = (name: string) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const scale = Number(arg('--scale') ?? '1');
	if (!Number.isFinite(scale) || scale <= 0) {
		console.error('--scale must be a positive number');
		process.exit(2);
	}
	const file = path.resolve(arg('--out') ?? defaultFixturePath());
	const t0 = performance.now();
	const s = await generateFixture(scale, file);
	console.log(`${file}: ${(s.bytes! / 1e6).toFixed(1)} MB, ${s.nodes} nodes, ${s.ways} ways, ${s.relations} relations (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
