/**
 * A PMTiles archive held in memory for serving. The region's archive is a few MB, so reading it
 * once (directories through the pmtiles package's reader, see directory.ts) and indexing every tile by
 * id makes each request a map lookup and a slice — no disk seek, no directory walk per request. The
 * archive is checked on load against its own directory and the tile-data hash the build wrote.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { bytesToHeader, zxyToTileId, Compression } from 'pmtiles';
import { readArchiveIndex } from './directory.ts';
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

/** The archive's bytes disagree with its own directory or hash. */
export class ArchiveDamaged extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ArchiveDamaged';
	}
}

/** Metadata key of the tile data's SHA-256, as scripts/lib/pmtiles-writer.ts writes it. */
export const TILE_DATA_HASH_KEY = 'tile_data_sha256';

export async function loadArchive(name: string, file: string): Promise<LoadedArchive> {
	const buf = readFileSync(file);
	const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
	if (bytes.byteLength < 127 || bytes[0] !== 0x50 || bytes[1] !== 0x4d) throw new Error(`${file} is not a PMTiles archive`);
	const size = bytes.byteLength;
	// A file cut short after an intact header still has a readable header; every section must lie
	// inside the file before the reader is let loose on the directories.
	const header = bytesToHeader(bytes.slice(0, 127).buffer);
	if (header.specVersion !== 3) throw new Error(`${file}: PMTiles spec version ${header.specVersion} is not supported`);
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

	const { entries } = await readArchiveIndex(bytes, file);
	const index = new Map<number, TileSlice>();
	for (const e of entries) {
		if (header.tileDataOffset + e.offset + e.length > tileDataEnd) throw new ArchiveDamaged(`${file}: tile ${e.tileId} lies outside the tile data section`);
		for (let r = 0; r < e.runLength; r++) index.set(e.tileId + r, { offset: header.tileDataOffset + e.offset, length: e.length });
	}

	const rawMeta = bytes.subarray(header.jsonMetadataOffset, header.jsonMetadataOffset + header.jsonMetadataLength);
	const metaBytes = header.internalCompression === Compression.Gzip ? gunzipSync(rawMeta) : rawMeta;
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
