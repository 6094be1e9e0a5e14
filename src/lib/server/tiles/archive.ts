/**
 * A PMTiles archive held in memory for serving. The region's archive is a few MB, so reading it
 * once and indexing every tile by id makes each request a map lookup and a slice — no disk seek,
 * no directory walk per request.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { bytesToHeader, readVarint, zxyToTileId, Compression } from 'pmtiles';
import type { Header } from 'pmtiles';

export interface TileSlice {
	offset: number;
	length: number;
}

export interface LoadedArchive {
	name: string;
	file: string;
	bytes: Uint8Array;
	header: Header;
	metadata: Record<string, unknown>;
	/** strong validator for the whole archive (content hash), used as ETag and cache key */
	etag: string;
	mtimeMs: number;
	tileCompression: 'gzip' | 'none';
	tile(z: number, x: number, y: number): Uint8Array | null;
}

interface DirEntry {
	tileId: number;
	offset: number;
	length: number;
	runLength: number;
}

function decodeDirectory(buf: Uint8Array): DirEntry[] {
	const p = { buf, pos: 0 };
	const n = readVarint(p);
	const entries: DirEntry[] = [];
	let last = 0;
	for (let i = 0; i < n; i++) {
		last += readVarint(p);
		entries.push({ tileId: last, offset: 0, length: 0, runLength: 1 });
	}
	for (const e of entries) e.runLength = readVarint(p);
	for (const e of entries) e.length = readVarint(p);
	for (let i = 0; i < n; i++) {
		const v = readVarint(p);
		const e = entries[i]!;
		const prev = entries[i - 1];
		e.offset = v === 0 && prev ? prev.offset + prev.length : v - 1;
	}
	return entries;
}

function internal(bytes: Uint8Array, header: Header): Uint8Array {
	if (header.internalCompression === Compression.Gzip) return gunzipSync(bytes);
	if (header.internalCompression === Compression.None || header.internalCompression === Compression.Unknown) return bytes;
	throw new Error(`unsupported internal compression ${header.internalCompression}`);
}

/** The archive's bytes disagree with its own directory or hash. */
export class ArchiveDamaged extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ArchiveDamaged';
	}
}

/** Metadata key of the tile data's SHA-256, as scripts/lib/pmtiles-writer.ts writes it. */
export const TILE_DATA_HASH_KEY = 'tile_data_sha256';

export function loadArchive(name: string, file: string): LoadedArchive {
	const buf = readFileSync(file);
	const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
	if (bytes.byteLength < 127 || bytes[0] !== 0x50 || bytes[1] !== 0x4d) throw new Error(`${file} is not a PMTiles archive`);
	const header = bytesToHeader(bytes.slice(0, 127).buffer);
	if (header.specVersion !== 3) throw new Error(`${file}: PMTiles spec version ${header.specVersion} is not supported`);

	// A file cut short after an intact header still parses; every section must lie inside the file.
	const size = bytes.byteLength;
	const sections: [string, number, number][] = [
		['root directory', header.rootDirectoryOffset, header.rootDirectoryLength],
		['metadata', header.jsonMetadataOffset, header.jsonMetadataLength],
		['leaf directories', header.leafDirectoryOffset, header.leafDirectoryLength ?? 0],
		['tile data', header.tileDataOffset, header.tileDataLength ?? 0]
	];
	for (const [what, offset, length] of sections) {
		if (offset + length > size) throw new ArchiveDamaged(`${file}: ${what} ends at byte ${offset + length}, but the file has ${size} bytes (truncated?)`);
	}
	const tileDataEnd = header.tileDataOffset + (header.tileDataLength ?? 0);

	const index = new Map<number, TileSlice>();
	const walk = (offset: number, length: number, depth: number): void => {
		if (depth > 3) throw new Error(`${file}: directory depth exceeded`);
		for (const e of decodeDirectory(internal(bytes.subarray(offset, offset + length), header))) {
			if (e.runLength === 0) {
				walk(header.leafDirectoryOffset + e.offset, e.length, depth + 1);
			} else {
				if (header.tileDataOffset + e.offset + e.length > tileDataEnd) {
					throw new ArchiveDamaged(`${file}: tile ${e.tileId} lies outside the tile data section`);
				}
				for (let r = 0; r < e.runLength; r++) {
					index.set(e.tileId + r, { offset: header.tileDataOffset + e.offset, length: e.length });
				}
			}
		}
	};
	walk(header.rootDirectoryOffset, header.rootDirectoryLength, 0);

	const metaBytes = internal(bytes.subarray(header.jsonMetadataOffset, header.jsonMetadataOffset + header.jsonMetadataLength), header);
	const metadata = JSON.parse(new TextDecoder().decode(metaBytes)) as Record<string, unknown>;
	// Archives of this project carry the hash of their tile data (scripts/lib/pmtiles-writer.ts).
	const expected = metadata[TILE_DATA_HASH_KEY];
	if (typeof expected === 'string') {
		const actual = createHash('sha256').update(bytes.subarray(header.tileDataOffset, tileDataEnd)).digest('hex');
		if (actual !== expected) throw new ArchiveDamaged(`${file}: tile data does not match the hash the build wrote (damaged on disk?)`);
	}
	const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}"`;

	return {
		name,
		file,
		bytes,
		header,
		metadata,
		etag,
		mtimeMs: statSync(file).mtimeMs,
		tileCompression: header.tileCompression === Compression.Gzip ? 'gzip' : 'none',
		tile(z, x, y) {
			if (z < header.minZoom || z > header.maxZoom) return null;
			const n = 2 ** z;
			if (x < 0 || y < 0 || x >= n || y >= n) return null;
			const slice = index.get(zxyToTileId(z, x, y));
			return slice ? bytes.subarray(slice.offset, slice.offset + slice.length) : null;
		}
	};
}
