/**
 * PMTiles v3 writer (spec: github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md).
 * npm only ships a reader, so the build writes archives itself. Layout, in file order:
 * header (127 bytes) | root directory | metadata | leaf directories | tile data.
 * Directories and metadata are gzip-compressed; identical tiles are stored once and runs of
 * identical consecutive tiles collapse into one entry, so the many near-empty tiles cost nothing.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { TILE_DATA_HASH_KEY } from '../../src/lib/server/tiles/archive.ts';
import { tileIdToZxy as pmtilesTileIdToZxy, zxyToTileId as pmtilesZxyToTileId } from 'pmtiles';

/** `data` is already compressed the way `PMTilesWriteOptions.tileCompression` says. */
export interface TileEntry {
	z: number;
	x: number;
	y: number;
	data: Uint8Array;
}

export interface PMTilesWriteOptions {
	tileType: 'mvt';
	tileCompression: 'gzip' | 'none';
	minZoom: number;
	maxZoom: number;
	/** west, south, east, north in degrees */
	bounds: [number, number, number, number];
	/** lon, lat, zoom */
	center: [number, number, number];
	/** TileJSON-style: name, attribution, vector_layers, version, ... */
	metadata: Record<string, unknown>;
}

/** A directory entry as the spec defines it; runLength 0 marks a pointer to a leaf directory. */
interface DirEntry {
	tileId: number;
	offset: number;
	length: number;
	runLength: number;
}

const HEADER_BYTES = 127;
/** Latency-optimised readers fetch this many bytes first; header + root must fit inside. */
const ROOT_PREFETCH_BYTES = 16_384;
const COMPRESSION = { none: 1, gzip: 2 } as const;
const TILE_TYPE = { mvt: 1 } as const;
/** 4^27 exceeds Number.MAX_SAFE_INTEGER, so ids stay exact only up to z26 (far beyond any use here). */
const MAX_ZOOM = 26;

// ---- Hilbert tile ids -------------------------------------------------------------------

/** Number of tiles on all zoom levels below z: (4^z - 1) / 3. */
function tilesBelowZoom(z: number): number {
	return (4 ** z - 1) / 3;
}

function checkZoom(z: number): void {
	if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM) throw new RangeError(`zoom ${z} outside 0..${MAX_ZOOM}`);
}

/** Tile ids along the Hilbert curve as the spec defines them, computed by the pmtiles package. */
export function zxyToTileId(z: number, x: number, y: number): number {
	checkZoom(z);
	const n = 2 ** z;
	if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n) {
		throw new RangeError(`tile ${z}/${x}/${y} outside the zoom level`);
	}
	return pmtilesZxyToTileId(z, x, y);
}

export function tileIdToZxy(id: number): [number, number, number] {
	if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`invalid tile id ${id}`);
	if (id >= tilesBelowZoom(MAX_ZOOM + 1)) throw new RangeError(`tile id ${id} beyond zoom ${MAX_ZOOM}`);
	return pmtilesTileIdToZxy(id);
}

// ---- Directory serialisation ------------------------------------------------------------

class ByteWriter {
	private buf = new Uint8Array(1024);
	length = 0;

	private ensure(extra: number): void {
		if (this.length + extra <= this.buf.length) return;
		let size = this.buf.length * 2;
		while (size < this.length + extra) size *= 2;
		const next = new Uint8Array(size);
		next.set(this.buf.subarray(0, this.length));
		this.buf = next;
	}

	/** Unsigned LEB128; arithmetic instead of bit shifts because values may exceed 2^32. */
	varint(value: number): void {
		if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
		this.ensure(10);
		let v = value;
		while (v >= 0x80) {
			this.buf[this.length++] = (v % 0x80) | 0x80;
			v = Math.floor(v / 0x80);
		}
		this.buf[this.length++] = v;
	}

	bytes(): Uint8Array {
		return this.buf.slice(0, this.length);
	}
}

/** Columnar, delta/varint-encoded, gzip-compressed directory as the spec prescribes. */
function serializeDirectory(entries: readonly DirEntry[]): Uint8Array {
	const w = new ByteWriter();
	w.varint(entries.length);
	let lastId = 0;
	for (const e of entries) {
		w.varint(e.tileId - lastId);
		lastId = e.tileId;
	}
	for (const e of entries) w.varint(e.runLength);
	for (const e of entries) w.varint(e.length);
	let prev: DirEntry | undefined;
	for (const e of entries) {
		// 0 means "directly after the previous entry", which is the common case in a clustered archive.
		w.varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
		prev = e;
	}
	return gzipSync(w.bytes());
}

interface Directories {
	root: Uint8Array;
	leaves: Uint8Array;
}

/**
 * Puts everything into the root if it fits in the prefetch window; otherwise splits entries into
 * leaf directories, doubling the leaf size until the root pointing at them fits.
 */
function buildDirectories(entries: readonly DirEntry[]): Directories {
	const rootBudget = ROOT_PREFETCH_BYTES - HEADER_BYTES;
	const single = serializeDirectory(entries);
	if (single.length <= rootBudget) return { root: single, leaves: new Uint8Array(0) };

	for (let leafSize = 4096; ; leafSize *= 2) {
		const rootEntries: DirEntry[] = [];
		const leafParts: Uint8Array[] = [];
		let offset = 0;
		for (let i = 0; i < entries.length; i += leafSize) {
			const chunk = entries.slice(i, i + leafSize);
			const leaf = serializeDirectory(chunk);
			rootEntries.push({ tileId: chunk[0]!.tileId, offset, length: leaf.length, runLength: 0 });
			leafParts.push(leaf);
			offset += leaf.length;
		}
		const root = serializeDirectory(rootEntries);
		if (root.length <= rootBudget) return { root, leaves: concat(leafParts, offset) };
		if (leafSize >= entries.length) throw new Error('PMTiles root directory does not fit in 16 KiB');
	}
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
	const out = new Uint8Array(total);
	let pos = 0;
	for (const p of parts) {
		out.set(p, pos);
		pos += p.length;
	}
	return out;
}

// ---- Tile data --------------------------------------------------------------------------

interface TileLayout {
	entries: DirEntry[];
	data: Uint8Array;
	addressedTiles: number;
	tileContents: number;
}

/**
 * Sorts tiles by id, stores each distinct content once (in order of first appearance, which keeps
 * the archive clustered) and merges runs of consecutive ids sharing one content.
 */
function layoutTiles(tiles: Iterable<TileEntry>, options: PMTilesWriteOptions): TileLayout {
	const byId: { id: number; tile: TileEntry }[] = [];
	for (const tile of tiles) {
		if (tile.z < options.minZoom || tile.z > options.maxZoom) {
			throw new RangeError(`tile ${tile.z}/${tile.x}/${tile.y} outside zoom range ${options.minZoom}..${options.maxZoom}`);
		}
		if (tile.data.length === 0) throw new Error(`tile ${tile.z}/${tile.x}/${tile.y} is empty; the spec requires length > 0`);
		byId.push({ id: zxyToTileId(tile.z, tile.x, tile.y), tile });
	}
	if (byId.length === 0) throw new Error('a PMTiles archive needs at least one tile (directories must be non-empty)');
	byId.sort((a, b) => a.id - b.id);

	const offsetByHash = new Map<string, number>();
	const parts: Uint8Array[] = [];
	let dataLength = 0;
	const entries: DirEntry[] = [];
	let prevId = -1;
	for (const { id, tile } of byId) {
		if (id === prevId) throw new Error(`tile ${tile.z}/${tile.x}/${tile.y} given twice`);
		prevId = id;
		const hash = createHash('sha256').update(tile.data).digest('base64');
		let offset = offsetByHash.get(hash);
		if (offset === undefined) {
			offset = dataLength;
			offsetByHash.set(hash, offset);
			parts.push(tile.data);
			dataLength += tile.data.length;
		}
		const last = entries.at(-1);
		if (last && last.offset === offset && last.tileId + last.runLength === id) {
			last.runLength++;
		} else {
			entries.push({ tileId: id, offset, length: tile.data.length, runLength: 1 });
		}
	}
	return { entries, data: concat(parts, dataLength), addressedTiles: byId.length, tileContents: parts.length };
}

// ---- Archive ----------------------------------------------------------------------------

function e7(deg: number): number {
	return Math.round(deg * 1e7);
}

function checkOptions(o: PMTilesWriteOptions): void {
	for (const z of [o.minZoom, o.maxZoom, o.center[2]]) checkZoom(z);
	if (o.minZoom > o.maxZoom) throw new RangeError(`minZoom ${o.minZoom} > maxZoom ${o.maxZoom}`);
	const [w, s, e, n] = o.bounds;
	if (!(w <= e && s <= n && w >= -180 && e <= 180 && s >= -90 && n <= 90)) {
		throw new RangeError(`invalid bounds ${o.bounds.join(',')}`);
	}
}

/** Metadata key holding the SHA-256 (hex) of the tile data section; the server checks it on load. */
export { TILE_DATA_HASH_KEY };

export function writePMTiles(tiles: Iterable<TileEntry>, options: PMTilesWriteOptions): Uint8Array {
	checkOptions(options);
	const layout = layoutTiles(tiles, options);
	const dirs = buildDirectories(layout.entries);
	// The tile data's hash travels in the metadata, so a server can tell damaged tile bytes from good ones.
	const tileDataSha256 = createHash('sha256').update(layout.data).digest('hex');
	const metadata = gzipSync(new TextEncoder().encode(JSON.stringify({ ...options.metadata, [TILE_DATA_HASH_KEY]: tileDataSha256 })));

	const rootOffset = HEADER_BYTES;
	const metadataOffset = rootOffset + dirs.root.length;
	const leafOffset = metadataOffset + metadata.length;
	const dataOffset = leafOffset + dirs.leaves.length;
	const total = dataOffset + layout.data.length;

	const out = new Uint8Array(total);
	const view = new DataView(out.buffer);
	out.set(new TextEncoder().encode('PMTiles'), 0);
	view.setUint8(7, 3);
	const u64 = (pos: number, value: number) => view.setBigUint64(pos, BigInt(value), true);
	u64(8, rootOffset);
	u64(16, dirs.root.length);
	u64(24, metadataOffset);
	u64(32, metadata.length);
	u64(40, leafOffset);
	u64(48, dirs.leaves.length);
	u64(56, dataOffset);
	u64(64, layout.data.length);
	u64(72, layout.addressedTiles);
	u64(80, layout.entries.length);
	u64(88, layout.tileContents);
	view.setUint8(96, 1); // clustered: contents are written in tile-id order
	view.setUint8(97, COMPRESSION.gzip);
	view.setUint8(98, COMPRESSION[options.tileCompression]);
	view.setUint8(99, TILE_TYPE[options.tileType]);
	view.setUint8(100, options.minZoom);
	view.setUint8(101, options.maxZoom);
	const [w, s, e, n] = options.bounds;
	view.setInt32(102, e7(w), true);
	view.setInt32(106, e7(s), true);
	view.setInt32(110, e7(e), true);
	view.setInt32(114, e7(n), true);
	view.setUint8(118, options.center[2]);
	view.setInt32(119, e7(options.center[0]), true);
	view.setInt32(123, e7(options.center[1]), true);

	out.set(dirs.root, rootOffset);
	out.set(metadata, metadataOffset);
	out.set(dirs.leaves, leafOffset);
	out.set(layout.data, dataOffset);
	return out;
}
