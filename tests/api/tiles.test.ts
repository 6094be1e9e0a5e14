/**
 * Tile delivery against the fixture archive: HTTP Range edge cases on the .pmtiles file (as
 * MapLibre's pmtiles:// protocol uses it), path traversal, single decoded tiles and TileJSON.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import type { RangeResponse, Source } from 'pmtiles';
import { createApp } from '../../src/lib/server/api/app.ts';
import { parseRange } from '../../src/lib/server/api/routes/tiles.ts';
import { buildFixture, FIXTURE_MAX_ZOOM, FIXTURE_MIN_ZOOM, FIXTURE_VERSION, SECRET_TEXT } from '../helpers/fixture-data.ts';
import type { Fixture } from '../helpers/fixture-data.ts';

type App = ReturnType<typeof createApp>;

let fx: Fixture;
let app: App;
let size: number;
const logged: string[] = [];
const ARCHIVE = '/tiles/standortkarte.pmtiles';

beforeAll(() => {
	fx = buildFixture();
	app = createApp({ dbFile: fx.dbFile, tilesDir: fx.tilesDir, log: (line) => logged.push(line) });
	size = fx.archive.byteLength;
});

afterAll(() => fx.cleanup());

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => app.request(url, { method, headers });
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

async function expectJsonError(res: Response, status: number, code: string): Promise<{ error: string; detail: string; parameter?: string }> {
	expect(res.status).toBe(status);
	expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
	const body = (await res.json()) as { error: string; detail: string; parameter?: string };
	expect(body.error).toBe(code);
	expect(body.detail.length).toBeGreaterThan(0);
	return body;
}

/** Web-mercator tile containing a point (the same formula as the tile builder). */
function tileAt(lon: number, lat: number, z: number): [number, number] {
	const n = 2 ** z;
	const r = (lat * Math.PI) / 180;
	return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

function decode(bytes: Uint8Array): VectorTile {
	return new VectorTile(new PbfReader(bytes));
}

function names(tile: VectorTile, layer: string): string[] {
	const l = tile.layers[layer];
	if (!l) return [];
	return Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.name));
}

describe('the archive with HTTP Range', () => {
	it('serves the whole file without Range, with validators and length', async () => {
		const res = await get(ARCHIVE);
		expect(res.status).toBe(200);
		expect(res.headers.get('accept-ranges')).toBe('bytes');
		expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{24}"$/);
		expect(res.headers.get('content-length')).toBe(String(size));
		expect(res.headers.get('content-type')).toBe('application/vnd.pmtiles');
		expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('access-control-expose-headers') ?? '').toMatch(/Content-Range/);
		expect(await bytesOf(res)).toEqual(fx.archive);
	});

	it('serves the 127-byte header as 206 with Content-Range', async () => {
		const res = await get(ARCHIVE, { Range: 'bytes=0-126' });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes 0-126/${size}`);
		expect(res.headers.get('content-length')).toBe('127');
		expect(res.headers.get('content-type')).toBe('application/vnd.pmtiles');
		const body = await bytesOf(res);
		expect(body).toEqual(fx.archive.subarray(0, 127));
		expect(new TextDecoder().decode(body.subarray(0, 7))).toBe('PMTiles');
		expect(body[7]).toBe(3);
	});

	it('serves a single byte', async () => {
		const res = await get(ARCHIVE, { Range: 'bytes=7-7' });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes 7-7/${size}`);
		expect(await bytesOf(res)).toEqual(new Uint8Array([3]));
	});

	it('serves an open-ended range to the end', async () => {
		const res = await get(ARCHIVE, { Range: 'bytes=100-' });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes 100-${size - 1}/${size}`);
		expect(res.headers.get('content-length')).toBe(String(size - 100));
		expect(await bytesOf(res)).toEqual(fx.archive.subarray(100));
	});

	it('serves a suffix range, the whole file when the suffix is longer than it', async () => {
		const res = await get(ARCHIVE, { Range: 'bytes=-50' });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes ${size - 50}-${size - 1}/${size}`);
		expect(await bytesOf(res)).toEqual(fx.archive.subarray(size - 50));
		const all = await get(ARCHIVE, { Range: `bytes=-${size + 1000}` });
		expect(all.status).toBe(206);
		expect(all.headers.get('content-range')).toBe(`bytes 0-${size - 1}/${size}`);
		expect(await bytesOf(all)).toEqual(fx.archive);
	});

	it('clamps an end beyond the file', async () => {
		const res = await get(ARCHIVE, { Range: `bytes=${size - 10}-${size + 5000}` });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
		expect(res.headers.get('content-length')).toBe('10');
		expect(await bytesOf(res)).toEqual(fx.archive.subarray(size - 10));
		// PMTiles readers ask for 16 KiB first, whatever the archive's size
		const big = await get(ARCHIVE, { Range: 'bytes=0-99999999999' });
		expect(big.status).toBe(206);
		expect(await bytesOf(big)).toEqual(fx.archive);
	});

	it.each([
		['starting at the size', () => `bytes=${size}-`],
		['starting beyond the end', () => `bytes=${size + 10}-${size + 20}`],
		['an empty suffix', () => 'bytes=-0']
	])('answers 416 with Content-Range */size for a range %s', async (_name, range) => {
		const res = await get(ARCHIVE, { Range: range() });
		expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
		const body = await expectJsonError(res, 416, 'range_not_satisfiable');
		expect(body.parameter).toBe('Range');
	});

	it('refuses multiple ranges with 416 JSON', async () => {
		const res = await get(ARCHIVE, { Range: 'bytes=0-1,5-6' });
		expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
		const body = await expectJsonError(res, 416, 'range_not_satisfiable');
		expect(body.detail).toMatch(/multiple ranges/);
	});

	// RFC 9110 14.2: a Range that is not a valid byte-range set, or names another unit, is ignored.
	it.each(['bytes=abc', 'bytes=', 'bytes=-', 'bytes=5-3', 'bytes=5-1', 'bytes=1.5-3', 'items=0-5', 'items=0-1', 'bytes 0-5', 'bytes=0x10-0x20', 'bytes=,'])(
		'ignores the invalid Range "%s" and sends the whole archive',
		async (range) => {
			const res = await get(ARCHIVE, { Range: range });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-range')).toBeNull();
			expect((await bytesOf(res)).length).toBe(size);
		}
	);

	it('answers 304 to If-None-Match with the ETag, 200 to another tag', async () => {
		const tag = (await get(ARCHIVE, { Range: 'bytes=0-0' })).headers.get('etag')!;
		const res = await get(ARCHIVE, { 'If-None-Match': tag });
		expect(res.status).toBe(304);
		expect(res.headers.get('etag')).toBe(tag);
		expect((await bytesOf(res)).length).toBe(0);
		expect((await get(ARCHIVE, { 'If-None-Match': '"something-else"' })).status).toBe(200);
	});

	it('honours If-Range only with the current ETag', async () => {
		const tag = (await get(ARCHIVE, { Range: 'bytes=0-0' })).headers.get('etag')!;
		const stale = await get(ARCHIVE, { Range: 'bytes=0-126', 'If-Range': '"an-older-archive"' });
		expect(stale.status).toBe(200);
		expect(stale.headers.get('content-range')).toBeNull();
		expect(await bytesOf(stale)).toEqual(fx.archive);
		const current = await get(ARCHIVE, { Range: 'bytes=0-126', 'If-Range': tag });
		expect(current.status).toBe(206);
		expect((await bytesOf(current)).length).toBe(127);
	});

	it('answers HEAD with the headers and no body', async () => {
		const whole = await get(ARCHIVE, {}, 'HEAD');
		expect(whole.status).toBe(200);
		expect(whole.headers.get('content-length')).toBe(String(size));
		expect(whole.headers.get('accept-ranges')).toBe('bytes');
		expect((await bytesOf(whole)).length).toBe(0);
		const part = await get(ARCHIVE, { Range: 'bytes=0-126' }, 'HEAD');
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 0-126/${size}`);
		expect(part.headers.get('content-length')).toBe('127');
		expect((await bytesOf(part)).length).toBe(0);
	});

	it('is readable by the pmtiles client through Range requests alone', async () => {
		const source: Source = {
			getKey: () => 'fixture',
			getBytes: async (offset: number, length: number): Promise<RangeResponse> => {
				const res = await get(ARCHIVE, { Range: `bytes=${offset}-${offset + length - 1}` });
				expect(res.status).toBe(206);
				return { data: await res.arrayBuffer(), etag: res.headers.get('etag') ?? undefined };
			}
		};
		const reader = new PMTiles(source);
		const header = await reader.getHeader();
		expect([header.minZoom, header.maxZoom]).toEqual([FIXTURE_MIN_ZOOM, FIXTURE_MAX_ZOOM]);
		expect(((await reader.getMetadata()) as { version: string }).version).toBe(FIXTURE_VERSION);
		for (const t of fx.tiles.filter((_, i) => i % 5 === 0)) {
			const got = await reader.getZxy(t.z, t.x, t.y);
			// the client hands out tiles decompressed
			expect(got && new Uint8Array(got.data), `${t.z}/${t.x}/${t.y}`).toEqual(new Uint8Array(gunzipSync(t.data)));
		}
	});
});

describe('parseRange', () => {
	it('computes inclusive ranges against the size', () => {
		expect(parseRange(undefined, 1000)).toBeNull();
		expect(parseRange('bytes=0-0', 1000)).toEqual({ start: 0, end: 0 });
		expect(parseRange('bytes=0-999', 1000)).toEqual({ start: 0, end: 999 });
		expect(parseRange('bytes=0-1000', 1000)).toEqual({ start: 0, end: 999 });
		expect(parseRange('bytes=999-', 1000)).toEqual({ start: 999, end: 999 });
		expect(parseRange('bytes=-1', 1000)).toEqual({ start: 999, end: 999 });
		expect(parseRange('BYTES=10-19', 1000)).toEqual({ start: 10, end: 19 });
		expect(parseRange(' bytes=10-19 ', 1000)).toEqual({ start: 10, end: 19 });
		expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
		expect(parseRange('bytes=0-1, 3-4', 1000)).toBe('multiple');
		expect(parseRange('bytes=9-8', 1000)).toBeNull();
		expect(parseRange('bytes=,', 1000)).toBeNull();
		expect(parseRange('bytes=0-1,,', 1000)).toEqual({ start: 0, end: 1 });
		expect(parseRange('items=0-1', 1000)).toBeNull();
	});
});

describe('Accept-Encoding', () => {
	it('honours q-values', async () => {
		const { acceptsEncoding } = await import('../../src/lib/server/api/routes/tiles.ts');
		expect(acceptsEncoding('gzip', 'gzip')).toBe(true);
		expect(acceptsEncoding('gzip;q=0', 'gzip')).toBe(false);
		expect(acceptsEncoding('GZIP; q=0.5', 'gzip')).toBe(true);
		expect(acceptsEncoding('br, *', 'gzip')).toBe(true);
		expect(acceptsEncoding('*;q=0', 'gzip')).toBe(false);
		expect(acceptsEncoding('gzip;q=0, *', 'gzip')).toBe(false);
		expect(acceptsEncoding(undefined, 'gzip')).toBe(false);
	});
});

describe('path traversal', () => {
	it.each([
		'/tiles/..%2F..%2Fetc%2Fpasswd.pmtiles',
		'/tiles/../package.json',
		'/tiles/%2e%2e/x.pmtiles',
		'/tiles/..%2Fsecret.pmtiles',
		'/tiles/%2e%2e%2fsecret.pmtiles',
		'/tiles/..%5Csecret.pmtiles',
		'/tiles/....%2F%2Fsecret.pmtiles',
		'/tiles/%252e%252e%252fsecret.pmtiles',
		'/tiles/..%2Fsecret.txt',
		'/tiles/..%2Fsecret.json',
		'/tiles/..%2Fsecret/5/16/15.mvt',
		'/tiles/..%2F..%2Fetc%2Fpasswd',
		'/tiles/standort.karte.pmtiles',
		'/tiles/.standortkarte.pmtiles',
		'/tiles/standortkarte%00.pmtiles',
		'/tiles/Standortkarte.pmtiles',
		'/tiles/a%2Fb.pmtiles',
		'/tiles/%2Fetc%2Fpasswd.pmtiles',
		'/tiles/secret.pmtiles/../standortkarte.pmtiles/..%2F..%2Fsecret.pmtiles'
	])('never serves a file for %s', async (url) => {
		for (const headers of [{}, { Range: 'bytes=0-126' }] as Record<string, string>[]) {
			const res = await get(url, headers);
			expect([400, 404]).toContain(res.status);
			expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
			const text = await res.text();
			const body = JSON.parse(text) as { error: string; detail: string };
			expect(body.error).toMatch(/^(not_found|invalid_parameter)$/);
			expect(text).not.toContain(SECRET_TEXT.trim());
			expect(text).not.toContain('PMTiles');
			expect(text).not.toContain('root:');
			expect(text).not.toContain('"devDependencies"');
		}
	});
});

describe('single tiles', () => {
	// Fixture Site Alpha at lon 0.5, lat 0.5
	const [ax, ay] = tileAt(0.5, 0.5, 12);
	const tileUrl = (z: number, x: number, y: number, query = '') => `/tiles/standortkarte/${z}/${x}/${y}.mvt${query}`;
	const stored = (z: number, x: number, y: number) => {
		const t = fx.tiles.find((e) => e.z === z && e.x === x && e.y === y);
		return t ? new Uint8Array(t.data) : undefined; // the builder returns Buffers; compare plain bytes
	};

	it('finds Alpha in tile 12/2053/2042 (hand-computed)', () => {
		// x = ⌊(180.5 / 360) · 4096⌋ = ⌊2053.69⌋; y = ⌊(1 − asinh(tan 0.5°)/π) / 2 · 4096⌋ = ⌊2042.31⌋
		expect([ax, ay]).toEqual([2053, 2042]);
	});

	it('sends the stored gzip bytes when gzip is accepted', async () => {
		const res = await get(tileUrl(12, ax, ay), { 'Accept-Encoding': 'gzip, deflate, br' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-encoding')).toBe('gzip');
		expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
		expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
		const body = await bytesOf(res);
		expect(res.headers.get('content-length')).toBe(String(body.length));
		expect(body).toEqual(stored(12, ax, ay));
		const tile = decode(gunzipSync(body));
		expect(names(tile, 'gewerbe')).toContain('Fixture Site Alpha');
		const alpha = tile.layers.gewerbe!;
		const i = names(tile, 'gewerbe').indexOf('Fixture Site Alpha');
		// the numeric feature id is the database fid, for MapLibre's hover state
		expect(alpha.feature(i).id).toBe(fx.features.find((f) => f.id === 'site:fixture-alpha')!.fid);
		expect(alpha.feature(i).properties.fid).toBe('site:fixture-alpha');
		expect(Object.keys(tile.layers)).toEqual(expect.arrayContaining(['districts', 'gewerbe', 'breitband', 'verkehr']));
	});

	it('sends plain MVT bytes when gzip is not accepted', async () => {
		for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'br, deflate' }, { 'Accept-Encoding': 'gzip;q=0' }, { 'Accept-Encoding': 'gzip; q=0.0, br' }, { 'Accept-Encoding': '*;q=0' }] as Record<string, string>[]) {
			const res = await get(tileUrl(12, ax, ay), headers);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-encoding')).toBeNull();
			const body = await bytesOf(res);
			expect(res.headers.get('content-length')).toBe(String(body.length));
			expect(body).toEqual(new Uint8Array(gunzipSync(stored(12, ax, ay)!)));
			expect(names(decode(body), 'gewerbe')).toContain('Fixture Site Alpha');
		}
	});

	it('serves every tile of the archive as stored', async () => {
		expect(fx.tiles.length).toBeGreaterThan(30);
		for (const t of fx.tiles) {
			const res = await get(tileUrl(t.z, t.x, t.y), { 'Accept-Encoding': 'gzip' });
			expect(res.status, `${t.z}/${t.x}/${t.y}`).toBe(200);
			expect(await bytesOf(res)).toEqual(new Uint8Array(t.data));
		}
	});

	it('answers 204 for an empty tile inside the zoom range', async () => {
		const res = await get(tileUrl(FIXTURE_MIN_ZOOM, 0, 0), { 'Accept-Encoding': 'gzip' });
		expect(res.status).toBe(204);
		expect((await bytesOf(res)).length).toBe(0);
		// just outside the fixture's bounds, at the highest zoom
		const [x, y] = tileAt(0.25, 0.5, FIXTURE_MAX_ZOOM);
		expect((await get(tileUrl(FIXTURE_MAX_ZOOM, x, y))).status).toBe(204);
	});

	it('answers 404 for zooms outside the archive', async () => {
		for (const z of [FIXTURE_MIN_ZOOM - 1, FIXTURE_MAX_ZOOM + 1, 0, 20]) {
			const body = await expectJsonError(await get(tileUrl(z, 0, 0)), 404, 'not_found');
			expect(body.detail).toMatch(/zoom range/);
		}
	});

	it('answers 400 for coordinates outside the zoom level, naming the coordinate', async () => {
		const cases: [string, string][] = [
			[tileUrl(5, 32, 0), 'x'],
			[tileUrl(5, 0, 32), 'y'],
			[tileUrl(12, 4096, 0), 'x'],
			[tileUrl(31, 0, 0), 'z'],
			[tileUrl(99999999, 0, 0), 'z'],
			['/tiles/standortkarte/12/-1/0.mvt', 'x'],
			['/tiles/standortkarte/12/1.5/0.mvt', 'x'],
			['/tiles/standortkarte/12/0/abc.mvt', 'y'],
			['/tiles/standortkarte/z/0/0.mvt', 'z'],
			['/tiles/standortkarte/12/0/123456789.mvt', 'y']
		];
		for (const [url, parameter] of cases) {
			const body = await expectJsonError(await get(url), 400, 'invalid_parameter');
			expect(body.parameter, url).toBe(parameter);
		}
	});

	it('answers 404 for an unknown archive', async () => {
		await expectJsonError(await get('/tiles/elsewhere/12/0/0.mvt'), 404, 'not_found');
	});

	it('caches versioned URLs for a year and unversioned ones briefly', async () => {
		const versioned = await get(tileUrl(12, ax, ay, `?v=${FIXTURE_VERSION}`));
		expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const plain = await get(tileUrl(12, ax, ay));
		expect(plain.headers.get('cache-control')).toBe('public, max-age=300');
		const stale = await get(tileUrl(12, ax, ay, '?v=some-older-build'));
		expect(stale.headers.get('cache-control')).toBe('public, max-age=300');
		// an empty tile is cached the same way
		expect((await get(tileUrl(FIXTURE_MIN_ZOOM, 0, 0, `?v=${FIXTURE_VERSION}`))).headers.get('cache-control')).toMatch(/immutable/);
	});

	it('revalidates with the tile ETag and answers HEAD without a body', async () => {
		const tag = (await get(tileUrl(12, ax, ay))).headers.get('etag');
		expect(tag).toBe(`"${FIXTURE_VERSION}-12-${ax}-${ay}"`);
		const again = await get(tileUrl(12, ax, ay), { 'If-None-Match': tag! });
		expect(again.status).toBe(304);
		expect((await bytesOf(again)).length).toBe(0);
		const head = await get(tileUrl(12, ax, ay), { 'Accept-Encoding': 'gzip' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe(String(stored(12, ax, ay)!.length));
		expect((await bytesOf(head)).length).toBe(0);
	});
});

describe('TileJSON', () => {
	it('describes the archive with a versioned tile URL', async () => {
		const res = await get('/tiles/standortkarte.json');
		expect(res.status).toBe(200);
		const body = (await res.json()) as {
			tilejson: string;
			version: string;
			attribution: string;
			tiles: string[];
			minzoom: number;
			maxzoom: number;
			bounds: number[];
			center: number[];
			vector_layers: { id: string }[];
		};
		expect(body.tilejson).toBe('3.0.0');
		expect(body.version).toBe(FIXTURE_VERSION);
		expect(body.attribution).toBe('Hand-written test fixture');
		// No public address configured: a relative URL, never one built from the client's Host header.
		expect(body.tiles).toEqual([`/tiles/standortkarte/{z}/{x}/{y}.mvt?v=${FIXTURE_VERSION}`]);
		expect(res.headers.get('cache-control')).toMatch(/max-age/);
		expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect([body.minzoom, body.maxzoom]).toEqual([FIXTURE_MIN_ZOOM, FIXTURE_MAX_ZOOM]);
		expect(body.bounds).toEqual([0.3, 0.3, 0.7, 0.7]);
		expect(body.center).toEqual([0.5, 0.5, 9]);
		expect(body.vector_layers.map((l) => l.id)).toEqual(['districts', 'gewerbe', 'breitband', 'verkehr', 'wohnen', 'daseinsvorsorge', 'tourismus']);
		// the URL it names works
		const path = new URL(body.tiles[0]!.replace('{z}', '12').replace('{x}', '2053').replace('{y}', '2042'), 'http://localhost').pathname;
		expect((await get(path)).status).toBe(200);
	});

	it('names the configured public address, whatever Host the request carries', async () => {
		const before = { public: process.env.NT_PUBLIC_URL, origin: process.env.ORIGIN };
		try {
			delete process.env.ORIGIN;
			process.env.NT_PUBLIC_URL = 'https://karte.example.org/';
			const body = (await (await get('/tiles/standortkarte.json', { Host: 'attacker.example' })).json()) as { tiles: string[] };
			expect(body.tiles[0]).toBe(`https://karte.example.org/tiles/standortkarte/{z}/{x}/{y}.mvt?v=${FIXTURE_VERSION}`);
			delete process.env.NT_PUBLIC_URL;
			process.env.ORIGIN = 'http://127.0.0.1:3000';
			const plain = (await (await get('/tiles/standortkarte.json', { Host: 'attacker.example' })).json()) as { tiles: string[] };
			expect(plain.tiles[0]).toMatch(/^http:\/\/127\.0\.0\.1:3000\/tiles\//);
		} finally {
			for (const [k, v] of [['NT_PUBLIC_URL', before.public], ['ORIGIN', before.origin]] as const) {
				if (v === undefined) delete process.env[k];
				else process.env[k] = v;
			}
		}
	});

	it('answers 404 for unknown archives', async () => {
		await expectJsonError(await get('/tiles/elsewhere.json'), 404, 'not_found');
		await expectJsonError(await get('/tiles/..%2Fsecret.json'), 404, 'not_found');
	});
});

describe('no unexpected errors', () => {
	it('logged nothing (no 500 in this suite)', () => {
		expect(logged).toEqual([]);
	});
});
