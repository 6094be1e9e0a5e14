/**
 * Reads a PMTiles archive held in memory with the pmtiles package's own reader: its header parser and
 * its directory cache over an in-memory Source. Used by the server (archive.ts) and the benchmark.
 */
import { gunzipSync } from 'node:zlib';
import { Compression, ResolvedValueCache } from 'pmtiles';
import type { Entry, Header, RangeResponse, Source } from 'pmtiles';

/** The archive's bytes as a pmtiles Source; slices are copies, as the reader may keep them. */
export class MemorySource implements Source {
	private readonly bytes: Uint8Array;
	private readonly key: string;

	constructor(bytes: Uint8Array, key: string) {
		this.bytes = bytes;
		this.key = key;
	}

	getKey(): string {
		return this.key;
	}

	/**
	 * Like an HTTP Range answer, a read that runs past the end returns the bytes there are: the reader
	 * asks for its first 16 KiB whatever the archive's size, and small archives are smaller than that.
	 */
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		if (offset >= this.bytes.byteLength) throw new Error(`bytes ${offset}–${offset + length} lie beyond the end of the ${this.bytes.byteLength}-byte archive`);
		const data = this.bytes.slice(offset, Math.min(offset + length, this.bytes.byteLength));
		return { data: data.buffer };
	}
}

/** Directories are gzip-compressed in practice; Node decompresses them synchronously and fast. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
	if (compression === Compression.None || compression === Compression.Unknown) return buf;
	if (compression === Compression.Gzip) {
		const out = gunzipSync(new Uint8Array(buf));
		return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
	}
	throw new Error(`unsupported internal compression ${compression}`);
}

export interface ArchiveIndex {
	header: Header;
	/** every tile entry (run lengths ≥ 1), offsets relative to the tile data section */
	entries: Entry[];
}

/** Header and every tile entry of the archive, leaf directories followed. */
export async function readArchiveIndex(bytes: Uint8Array, key: string): Promise<ArchiveIndex> {
	const source = new MemorySource(bytes, key);
	const cache = new ResolvedValueCache(64, undefined, decompress);
	const header = await cache.getHeader(source);
	if (header.specVersion !== 3) throw new Error(`PMTiles spec version ${header.specVersion} is not supported`);
	const entries: Entry[] = [];
	const walk = async (offset: number, length: number, depth: number): Promise<void> => {
		if (depth > 3) throw new Error('directory depth exceeded');
		for (const e of await cache.getDirectory(source, offset, length, header)) {
			if (e.runLength === 0) await walk(header.leafDirectoryOffset + e.offset, e.length, depth + 1);
			else entries.push(e);
		}
	};
	await walk(header.rootDirectoryOffset, header.rootDirectoryLength, 0);
	return { header, entries };
}
