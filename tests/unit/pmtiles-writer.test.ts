import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PMTiles, zxyToTileId as readerTileId } from 'pmtiles';
import type { RangeResponse, Source } from 'pmtiles';
import { tileIdToZxy, writePMTiles, zxyToTileId, TILE_DATA_HASH_KEY } from '../../scripts/lib/pmtiles-writer.ts';
import { createHash } from 'node:crypto';
import type { PMTilesWriteOptions, TileEntry } from '../../scripts/lib/pmtiles-writer.ts';

/** Serves byte ranges of an in-memory archive to the pmtiles reader. */
class MemorySource implements Source {
	private readonly bytes: Uint8Array;
	private readonly key: string;
	constructor(bytes: Uint8Array, key: string) {
		this.bytes = bytes;
		this.key = key;
	}
	getKey(): string {
		return this.key;
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		return { data: this.bytes.slice(offset, offset + length).buffer };
	}
}

const enc = new TextEncoder();
const bytesOf = (s: string) => enc.encode(s);

function options(over: Partial<PMTilesWriteOptions> = {}): PMTilesWriteOptions {
	return {
		tileType: 'mvt',
		tileCompression: 'none',
		minZoom: 0,
		maxZoom: 3,
		bounds: [10.2, 51.0, 11.3, 51.7],
		center: [10.75, 51.35, 9],
		metadata: { name: 'test', vector_layers: [{ id: 'a', fields: { n: 'Number' } }], version: '1.0.0' },
		...over
	};
}

async function readTile(p: PMTiles, z: number, x: number, y: number): Promise<Uint8Array | undefined> {
	const r = await p.getZxy(z, x, y);
	return r ? new Uint8Array(r.data) : undefined;
}

describe('tile ids', () => {
	it('numbers tiles along the Hilbert curve, zoom by zoom', () => {
		expect(zxyToTileId(0, 0, 0)).toBe(0);
		// z1: the order-1 curve visits (0,0) → (0,1) → (1,1) → (1,0)
		expect(zxyToTileId(1, 0, 0)).toBe(1);
		expect(zxyToTileId(1, 0, 1)).toBe(2);
		expect(zxyToTileId(1, 1, 1)).toBe(3);
		expect(zxyToTileId(1, 1, 0)).toBe(4);
		// z2 starts after 1 + 4 tiles; the order-2 curve runs (0,0),(1,0),(1,1),(0,1),(0,2),… and ends at (3,0)
		expect(zxyToTileId(2, 0, 0)).toBe(5);
		expect(zxyToTileId(2, 1, 0)).toBe(6);
		expect(zxyToTileId(2, 1, 1)).toBe(7);
		expect(zxyToTileId(2, 0, 1)).toBe(8);
		expect(zxyToTileId(2, 0, 2)).toBe(9);
		expect(zxyToTileId(2, 3, 0)).toBe(20);
		// z3 starts after 1 + 4 + 16 = 21 tiles
		expect(zxyToTileId(3, 0, 0)).toBe(21);
	});

	it('round-trips id ↔ zxy and agrees with the pmtiles reader', () => {
		for (let z = 0; z <= 5; z++) {
			for (let x = 0; x < 2 ** z; x++) {
				for (let y = 0; y < 2 ** z; y++) {
					const id = zxyToTileId(z, x, y);
					expect(tileIdToZxy(id)).toEqual([z, x, y]);
					expect(id).toBe(readerTileId(z, x, y));
				}
			}
		}
		// ids beyond 2^32 (z17+) must not go through 32-bit bit operators
		for (const [z, x, y] of [
			[14, 8650, 5430],
			[20, 555_555, 333_333],
			[26, 2 ** 26 - 1, 12_345]
		] as const) {
			const id = zxyToTileId(z, x, y);
			expect(id).toBe(readerTileId(z, x, y));
			expect(tileIdToZxy(id)).toEqual([z, x, y]);
		}
	});

	it('rejects tiles outside their zoom level', () => {
		expect(() => zxyToTileId(1, 2, 0)).toThrow(RangeError);
		expect(() => zxyToTileId(-1, 0, 0)).toThrow(RangeError);
	});
});

describe('writePMTiles', () => {
	it('writes an archive the pmtiles reader parses: header, metadata, tiles', async () => {
		const tiles: TileEntry[] = [
			{ z: 0, x: 0, y: 0, data: bytesOf('root') },
			{ z: 1, x: 1, y: 0, data: bytesOf('one-one-zero') },
			{ z: 3, x: 4, y: 2, data: bytesOf('three') },
			{ z: 2, x: 2, y: 1, data: bytesOf('two') }
		];
		const o = options();
		const archive = writePMTiles(tiles, o);
		expect(new TextDecoder().decode(archive.subarray(0, 7))).toBe('PMTiles');
		expect(archive[7]).toBe(3);

		const p = new PMTiles(new MemorySource(archive, 'small'));
		const h = await p.getHeader();
		expect(h.specVersion).toBe(3);
		expect(h.minZoom).toBe(0);
		expect(h.maxZoom).toBe(3);
		expect(h.minLon).toBeCloseTo(10.2, 7);
		expect(h.minLat).toBeCloseTo(51.0, 7);
		expect(h.maxLon).toBeCloseTo(11.3, 7);
		expect(h.maxLat).toBeCloseTo(51.7, 7);
		expect(h.centerLon).toBeCloseTo(10.75, 7);
		expect(h.centerLat).toBeCloseTo(51.35, 7);
		expect(h.centerZoom).toBe(9);
		expect(h.numAddressedTiles).toBe(4);
		expect(h.numTileEntries).toBe(4);
		expect(h.numTileContents).toBe(4);
		expect(h.clustered).toBe(true);
		expect(h.tileType).toBe(1); // MVT
		expect(h.tileCompression).toBe(1); // none
		expect(h.internalCompression).toBe(2); // gzip
		expect(h.rootDirectoryOffset).toBe(127);
		expect(h.leafDirectoryLength).toBe(0);

		// The writer adds the tile data's SHA-256 (the server checks it on load) to the given metadata.
		const { [TILE_DATA_HASH_KEY]: hash, ...given } = (await p.getMetadata()) as Record<string, unknown>;
		expect(given).toEqual(o.metadata);
		const dataOffset = Number(h.tileDataOffset);
		expect(hash).toBe(createHash('sha256').update(archive.subarray(dataOffset, dataOffset + Number(h.tileDataLength))).digest('hex'));
		for (const t of tiles) expect(await readTile(p, t.z, t.x, t.y)).toEqual(t.data);
		expect(await readTile(p, 1, 0, 0)).toBeUndefined();
		expect(await readTile(p, 3, 7, 7)).toBeUndefined();
	});

	it('declares gzip tile compression so readers decompress the stored bytes', async () => {
		const raw = bytesOf('a tile that was gzipped by the tile builder');
		const archive = writePMTiles([{ z: 2, x: 1, y: 2, data: gzipSync(raw) }], options({ tileCompression: 'gzip' }));
		const p = new PMTiles(new MemorySource(archive, 'gzip'));
		expect((await p.getHeader()).tileCompression).toBe(2);
		expect(await readTile(p, 2, 1, 2)).toEqual(raw);
	});

	it('stores identical tiles once and run-length encodes consecutive ones', async () => {
		const same = bytesOf('x'.repeat(500));
		// ids 400..1399 are consecutive (z5 holds 341..1364, z6 starts at 1365) → one run-length entry
		const tiles: TileEntry[] = [];
		for (let id = 400; id < 1400; id++) {
			const [z, x, y] = tileIdToZxy(id);
			tiles.push({ z, x, y, data: same });
		}
		const archive = writePMTiles(tiles, options({ minZoom: 0, maxZoom: 6 }));
		expect(archive.length).toBeLessThan(2 * same.length); // 1000 copies would be 500 kB
		const p = new PMTiles(new MemorySource(archive, 'dedup'));
		const h = await p.getHeader();
		expect(h.numAddressedTiles).toBe(1000);
		expect(h.numTileEntries).toBe(1);
		expect(h.numTileContents).toBe(1);
		expect(h.tileDataLength).toBe(500);
		for (const id of [400, 777, 1399]) {
			const [z, x, y] = tileIdToZxy(id);
			expect(await readTile(p, z, x, y)).toEqual(same);
		}
		const [z, x, y] = tileIdToZxy(1400);
		expect(await readTile(p, z, x, y)).toBeUndefined();
	});

	it('dedups identical tiles that are not neighbours without merging them into a run', async () => {
		const same = bytesOf('empty-ish');
		const tiles: TileEntry[] = [];
		for (let i = 0; i < 10; i++) {
			const [z, x, y] = tileIdToZxy(21 + 2 * i); // z3 ids, every second one
			tiles.push({ z, x, y, data: i % 2 === 0 ? same : bytesOf(`distinct-${i}`) });
		}
		const archive = writePMTiles(tiles, options());
		const p = new PMTiles(new MemorySource(archive, 'interleaved'));
		const h = await p.getHeader();
		expect(h.numAddressedTiles).toBe(10);
		expect(h.numTileEntries).toBe(10);
		expect(h.numTileContents).toBe(6); // 'same' once + 5 distinct
		for (const t of tiles) expect(await readTile(p, t.z, t.x, t.y)).toEqual(t.data);
	});

	it('uses leaf directories for a large archive and keeps header + root within 16 KiB', async () => {
		// Sparse ids and varied lengths keep the directory from compressing away, so it cannot fit the root.
		let seed = 12345;
		const next = () => (seed = (seed * 48271) % 2147483647);
		const tiles: TileEntry[] = [];
		let id = zxyToTileId(12, 0, 0);
		for (let i = 0; i < 25_000; i++) {
			id += 1 + (next() % 5);
			const [z, x, y] = tileIdToZxy(id);
			const data = enc.encode(`tile ${i} ${'.'.repeat(next() % 300)}`);
			tiles.push({ z, x, y, data });
		}
		// Input order must not matter: hand the writer the tiles reversed.
		const archive = writePMTiles([...tiles].reverse(), options({ minZoom: 12, maxZoom: 13 }));
		const p = new PMTiles(new MemorySource(archive, 'large'));
		const h = await p.getHeader();
		expect(h.numTileEntries).toBe(25_000);
		expect(h.numTileContents).toBe(25_000);
		expect(h.leafDirectoryLength).toBeGreaterThan(0);
		expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
		for (const t of tiles) expect(await readTile(p, t.z, t.x, t.y)).toEqual(t.data);
		// a gap between two written ids
		const gap = tiles.findIndex((t, i) => i > 0 && zxyToTileId(t.z, t.x, t.y) - zxyToTileId(tiles[i - 1]!.z, tiles[i - 1]!.x, tiles[i - 1]!.y) > 1);
		const missing = tileIdToZxy(zxyToTileId(tiles[gap]!.z, tiles[gap]!.x, tiles[gap]!.y) - 1);
		expect(await readTile(p, ...missing)).toBeUndefined();
	}, 30_000);

	it('rejects duplicate tiles, tiles outside the zoom range and empty input', () => {
		const t = { z: 1, x: 0, y: 0, data: bytesOf('a') };
		expect(() => writePMTiles([t, { ...t }], options())).toThrow(/given twice/);
		expect(() => writePMTiles([{ ...t, z: 4, x: 0, y: 0 }], options())).toThrow(/outside zoom range/);
		expect(() => writePMTiles([], options())).toThrow(/at least one tile/);
		expect(() => writePMTiles([{ ...t, data: new Uint8Array(0) }], options())).toThrow(/empty/);
	});
});
