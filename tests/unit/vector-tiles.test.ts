import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { buildVectorTiles } from '../../scripts/lib/vector-tiles.ts';
import type { BuildTilesOptions, BuildTilesResult, LayerInput } from '../../scripts/lib/vector-tiles.ts';

// Hand-written test geometry (not real places): a square, two points and a late-zoom point.
const square: GeoJSON.Feature = {
	type: 'Feature',
	id: 7,
	properties: { label: 'square', share: 0.25 },
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[10.7, 51.45],
				[10.9, 51.45],
				[10.9, 51.55],
				[10.7, 51.55],
				[10.7, 51.45]
			]
		]
	}
};
const pointA: GeoJSON.Feature = {
	type: 'Feature',
	id: 42,
	properties: { name: 'A', count: 3, open: true, meta: { kind: 'x', n: 2 }, missing: null },
	geometry: { type: 'Point', coordinates: [10.8, 51.5] }
};
const pointB: GeoJSON.Feature = {
	type: 'Feature',
	id: 'b-1', // not an unsigned integer: must not reach the MVT as a bogus id
	properties: { name: 'B', count: 4.5 },
	geometry: { type: 'Point', coordinates: [10.81, 51.51] }
};
const latePoint: GeoJSON.Feature = {
	type: 'Feature',
	id: 1,
	properties: { name: 'late' },
	geometry: { type: 'Point', coordinates: [10.8, 51.5] }
};

const layers: LayerInput[] = [
	{ name: 'areas', features: [square] },
	{ name: 'points', features: [pointA, pointB] },
	{ name: 'late', features: [latePoint], minZoom: 10 }
];
const opts: BuildTilesOptions = { minZoom: 8, maxZoom: 11, bounds: [10.5, 51.3, 11.1, 51.7], maxTileBytes: 100_000 };

function decode(result: BuildTilesResult, z: number, x: number, y: number): VectorTile | undefined {
	const t = result.tiles.find((e) => e.z === z && e.x === x && e.y === y);
	return t ? new VectorTile(new PbfReader(gunzipSync(t.data))) : undefined;
}

/*
 * Where point A (lon 10.8°, lat 51.5°) lands, by hand, web mercator:
 *   x = (lon + 180) / 360 · 2^z = 190.8 / 360 · 1024 = 542.72          (z10)
 *   y = (1 − ln(tan φ + sec φ) / π) / 2 · 2^z
 *     φ = 51.5°: tan φ = 1.257172, sec φ = 1 / cos φ = 1.606388, sum 2.863560, ln = 1.052066,
 *     / π = 0.334883 → (1 − 0.334883) / 2 = 0.332559 → · 1024 = 340.540  (z10)
 *   → tile 10/542/340, in-tile position (0.72 · 4096, 0.540 · 4096) = (2949.1, 2211.6) → (2949, 2212).
 *   At z9 the same point is at 271.36 / 170.27 → tile 9/271/170.
 */
describe('buildVectorTiles', () => {
	const result = buildVectorTiles(layers, opts);

	it('writes one source-layer per input layer, dropping a layer outside its zoom range', () => {
		const z10 = decode(result, 10, 542, 340);
		expect(z10).toBeDefined();
		expect(Object.keys(z10!.layers).sort()).toEqual(['areas', 'late', 'points']);
		expect(z10!.layers.points!.length).toBe(2);
		expect(z10!.layers.points!.version).toBe(2);
		expect(z10!.layers.points!.extent).toBe(4096);

		const z9 = decode(result, 9, 271, 170);
		expect(z9).toBeDefined();
		expect(Object.keys(z9!.layers).sort()).toEqual(['areas', 'points']); // 'late' starts at z10
	});

	it('places a point at the hand-computed tile pixel and keeps its numeric id', () => {
		const points = decode(result, 10, 542, 340)!.layers.points!;
		const a = [0, 1].map((i) => points.feature(i)).find((f) => f.properties.name === 'A')!;
		expect(a.type).toBe(1);
		expect(a.id).toBe(42);
		const geom = a.loadGeometry();
		expect(geom[0]![0]!.x).toBe(2949);
		expect(geom[0]![0]!.y).toBe(2212);

		const b = [0, 1].map((i) => points.feature(i)).find((f) => f.properties.name === 'B')!;
		expect(b.id).toBeUndefined();
	});

	it('keeps string/number/boolean values, stringifies objects and drops nulls', () => {
		const points = decode(result, 10, 542, 340)!.layers.points!;
		const a = [0, 1].map((i) => points.feature(i)).find((f) => f.properties.name === 'A')!;
		expect(a.properties).toEqual({ name: 'A', count: 3, open: true, meta: '{"kind":"x","n":2}' });
		expect('missing' in a.properties).toBe(false);
		const b = [0, 1].map((i) => points.feature(i)).find((f) => f.properties.name === 'B')!;
		expect(b.properties.count).toBe(4.5);

		const area = decode(result, 10, 542, 340)!.layers.areas!.feature(0);
		expect(area.type).toBe(3);
		expect(area.id).toBe(7);
		expect(area.properties).toEqual({ label: 'square', share: 0.25 });
	});

	it('describes the layers for vector_layers metadata', () => {
		expect(result.layers).toEqual([
			{ name: 'areas', features: 1, geometryType: 'Polygon', fields: { label: 'String', share: 'Number' } },
			{
				name: 'points',
				features: 2,
				geometryType: 'Point',
				fields: { name: 'String', count: 'Number', open: 'Boolean', meta: 'String' }
			},
			{ name: 'late', features: 1, geometryType: 'Point', fields: { name: 'String' } }
		]);
	});

	/*
	 * Which z11 tiles hold anything, by hand: the square spans lon 10.7..10.9 → x = 1084.871..1086.009 and
	 * lat 51.55..51.45 → y = 680.623..681.537 (twice the z10 values 340.311 / 340.768). With the 64/4096 = 0.0156
	 * tile buffer no neighbour column/row is touched (1084.871 > 1084.016, 1086.009 < 1086.984, …), so exactly
	 * columns 1084–1086 × rows 680–681 = 6 tiles, although the bounds span 5 columns at z11.
	 */
	it('emits only tiles that hold features', () => {
		const z11 = result.tiles.filter((t) => t.z === 11).map((t) => `${t.x}/${t.y}`);
		expect(z11.sort()).toEqual(['1084/680', '1084/681', '1085/680', '1085/681', '1086/680', '1086/681']);
		const stats = result.perZoom.find((s) => s.z === 11)!;
		expect(stats.tiles).toBe(6);
		expect(result.perZoom.map((s) => s.z)).toEqual([8, 9, 10, 11]);
		const sum = result.tiles.filter((t) => t.z === 11).reduce((n, t) => n + t.data.length, 0);
		expect(stats.totalBytes).toBe(sum);
		expect(result.maxTileBytes).toBe(Math.max(...result.tiles.map((t) => t.data.length)));
		// the tiles are gzip (magic 1f 8b)
		expect([result.tiles[0]!.data[0], result.tiles[0]!.data[1]]).toEqual([0x1f, 0x8b]);
	});

	it('honours a layer maxZoom', () => {
		const r = buildVectorTiles([{ name: 'areas', features: [square], maxZoom: 9 }, layers[1]!], opts);
		expect(Object.keys(decode(r, 9, 271, 170)!.layers)).toContain('areas');
		expect(Object.keys(decode(r, 10, 542, 340)!.layers)).toEqual(['points']);
	});

	it('leaves a feature out of the tiles of zooms outside its own range, keeping the order of the others', () => {
		// A and B as before; a "cluster" for z9 only; a point from z10 on; nothing at all for a range outside the layer's.
		const clusterZ9: GeoJSON.Feature = { type: 'Feature', properties: { name: 'cluster', z: 9 }, geometry: { type: 'Point', coordinates: [10.8, 51.5] } };
		const fromZ10: GeoJSON.Feature = { type: 'Feature', properties: { name: 'close', z: 10 }, geometry: { type: 'Point', coordinates: [10.8, 51.5] } };
		const never: GeoJSON.Feature = { type: 'Feature', properties: { name: 'never', z: 20 }, geometry: { type: 'Point', coordinates: [10.8, 51.5] } };
		const zooms = (f: GeoJSON.Feature) => {
			const name = f.properties?.name;
			if (name === 'cluster') return { minZoom: 9, maxZoom: 9 };
			if (name === 'close') return { minZoom: 10, maxZoom: Number.POSITIVE_INFINITY };
			if (name === 'never') return { minZoom: 20, maxZoom: 20 };
			return undefined;
		};
		const r = buildVectorTiles([{ name: 'points', features: [pointA, clusterZ9, fromZ10, never, pointB], featureZooms: zooms }], opts);
		const names = (z: number, x: number, y: number) => {
			const layer = decode(r, z, x, y)!.layers.points!;
			return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.name);
		};
		expect(names(8, 135, 85)).toEqual(['A', 'B']);
		expect(names(9, 271, 170)).toEqual(['A', 'cluster', 'B']);
		expect(names(10, 542, 340)).toEqual(['A', 'close', 'B']);
		expect(names(11, 1085, 681)).toEqual(['A', 'close', 'B']);
		// the one drawn at no zoom is not counted; the others' fields are described once
		expect(r.layers[0]).toMatchObject({ name: 'points', features: 4 });
		expect(Object.keys(r.layers[0]!.fields).sort()).toEqual(['count', 'meta', 'name', 'open', 'z']);
		// the range travels with the feature through the slicer under a name of its own, which data may not use
		expect(() => buildVectorTiles([{ name: 'points', features: [{ ...pointA, properties: { __nt_tile_zooms: '1-2' } }] }], opts)).toThrow(/reserved/);
	});

	it('fails naming the tile when a compressed tile exceeds maxTileBytes', () => {
		expect(() => buildVectorTiles(layers, { ...opts, maxTileBytes: 20 })).toThrow(/tile 8\/\d+\/\d+ is \d+ bytes gzipped, over the limit of 20/);
	});
});
