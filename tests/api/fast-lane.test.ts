/**
 * The front server's fast lane (src/lib/server/front/fast-lane.ts): tiles and repeated read queries
 * answered from prepared headers and bytes. Over real HTTP with the fixture data, against a second
 * front server on the same files without the lane: both must answer alike, the lane's answers must
 * count against the same rate limits, and a new data or content version must never get an old answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp } from '../../src/lib/server/api/app.ts';
import { DataContext } from '../../src/lib/server/api/context.ts';
import { ClientLimits, LIMITS } from '../../src/lib/server/api/limits.ts';
import { createFrontServer } from '../../src/lib/server/front/server.ts';
import { createFastLane } from '../../src/lib/server/front/fast-lane.ts';
import type { FastLane } from '../../src/lib/server/front/fast-lane.ts';
import { createBackOffice } from '../../src/lib/server/admin/back-office.ts';
import type { BackOffice } from '../../src/lib/server/admin/back-office.ts';
import { buildFixture, FIXTURE_VERSION } from '../helpers/fixture-data.ts';
import type { Fixture } from '../helpers/fixture-data.ts';
import { PROJECT_ROOT } from '../helpers/sources.ts';
import { EDITOR, SQUARE } from '../helpers/back-office.ts';

interface Running {
	base: string;
	server: http.Server;
	lane: FastLane | null;
	data: DataContext;
	bo?: BackOffice;
}

let fx: Fixture;
let dir: string;
let withLane: Running;
let withoutLane: Running;
let limited: Running;
let limitedSearch: Running;
let edited: Running;

async function start(opts: { lane: boolean; limitFactor?: number; backOffice?: BackOffice }): Promise<Running> {
	const data = new DataContext({ dbFile: fx.dbFile, tilesDir: fx.tilesDir, contentFile: opts.backOffice?.content.file });
	const limits = new ClientLimits(opts.limitFactor ?? 1000);
	const api = createApp({ dbFile: fx.dbFile, tilesDir: fx.tilesDir, data, limits, backOffice: opts.backOffice, log: () => {} });
	const lane = opts.lane ? createFastLane({ data, limits, apiFetch: api.fetch }) : null;
	const server = createFrontServer({ apiFetch: api.fetch, pages: (_req, res) => res.end('page'), log: () => {}, fastLane: lane ?? undefined });
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, lane, data, bo: opts.backOffice };
}

beforeAll(async () => {
	fx = buildFixture();
	dir = mkdtempSync(path.join(tmpdir(), 'nt-fast-lane-'));
	withLane = await start({ lane: true });
	withoutLane = await start({ lane: false });
	// 3 tiles, 3 searches per window and address
	limited = await start({ lane: true, limitFactor: 3 / LIMITS.tiles.limit });
	// 3 searches per window and address
	limitedSearch = await start({ lane: true, limitFactor: 3 / LIMITS.search.limit });
	const bo = createBackOffice({ contentDbFile: path.join(dir, 'content.sqlite'), seedDir: path.join(PROJECT_ROOT, 'data', 'seed') });
	await bo.accounts.create(EDITOR.email, 'editor', EDITOR.password);
	edited = await start({ lane: true, backOffice: bo });
}, 60_000);

afterAll(async () => {
	for (const r of [withLane, withoutLane, limited, limitedSearch, edited]) if (r) await new Promise<void>((resolve) => r.server.close(() => resolve()));
	edited?.bo?.content.close();
	fx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP GET (fetch would decode the body and hide Content-Encoding). */
function get(base: string, url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = http.request(`${base}${url}`, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

/** Headers that may differ between two answers to the same request. */
const PER_REQUEST = new Set(['x-request-id', 'date', 'ratelimit-remaining', 'ratelimit-reset', 'connection', 'keep-alive']);
const comparable = (h: http.IncomingHttpHeaders) => Object.fromEntries(Object.entries(h).filter(([k]) => !PER_REQUEST.has(k)));

const tileUrl = (query = '') => `/tiles/standortkarte/12/2053/2042.mvt${query}`;

describe('tiles in the fast lane', () => {
	it.each([
		['GET', ''],
		['GET', `?v=${FIXTURE_VERSION}`],
		['HEAD', ''],
		['HEAD', `?v=${FIXTURE_VERSION}`]
	])('%s %s answers exactly as the API does (headers and bytes)', async (method, query) => {
		const gz = { 'Accept-Encoding': 'gzip' };
		// The first tile answer teaches the lane its headers; the next ones come from the lane.
		await get(withLane.base, tileUrl(query), gz);
		const before = withLane.lane!.stats().tiles;
		const fast = await get(withLane.base, tileUrl(query), gz, method);
		const plain = await get(withoutLane.base, tileUrl(query), gz, method);
		expect(withLane.lane!.stats().tiles).toBe(before + 1);
		expect(fast.status).toBe(200);
		expect(comparable(fast.headers)).toEqual(comparable(plain.headers));
		expect(fast.body).toEqual(plain.body);
		expect(fast.headers['x-content-type-options']).toBe('nosniff');
		expect(fast.headers['access-control-allow-origin']).toBe('*');
		expect(fast.headers['cross-origin-resource-policy']).toBe('cross-origin');
	});

	it('answers a tile with the headers that concern data only, from the lane and the API alike', async () => {
		const gz = { 'Accept-Encoding': 'gzip' };
		await get(withLane.base, tileUrl(), gz);
		const before = withLane.lane!.stats().tiles;
		const fast = await get(withLane.base, tileUrl(), gz);
		const plain = await get(withoutLane.base, tileUrl(), gz);
		expect(withLane.lane!.stats().tiles).toBe(before + 1);
		for (const r of [fast, plain]) {
			expect(r.status).toBe(200);
			// Page-only rules (framing, referrer, XSS filter, opener), per-request ids and quotas, and HSTS over plain HTTP: none.
			for (const name of ['x-frame-options', 'referrer-policy', 'x-xss-protection', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-request-id', 'ratelimit-remaining', 'ratelimit-limit', 'strict-transport-security']) {
				expect(r.headers[name], name).toBeUndefined();
			}
			// Connection and Keep-Alive are Node's own, depending on the client's connection.
			expect(Object.keys(r.headers).filter((h) => h !== 'connection' && h !== 'keep-alive').sort()).toEqual(
				// No exposed headers: those concern the archive's range answers (tiles.test.ts), not a z/x/y tile.
				['access-control-allow-origin', 'cache-control', 'content-encoding', 'content-length', 'content-type', 'cross-origin-resource-policy', 'date', 'etag', 'vary', 'x-content-type-options']
			);
		}
	});

	it('finds a loaded archive without waiting a turn: the same promise for an unchanged file', async () => {
		const first = withLane.data.archive('standortkarte');
		await first;
		// An async function would hand out a new promise per call, and the lane would wait for each tile.
		expect(withLane.data.archive('standortkarte')).toBe(first);
		expect(await withLane.data.archive('elsewhere')).toBeNull();
	});

	it('leaves everything but a plain stored tile to the API', async () => {
		await get(withLane.base, tileUrl(), { 'Accept-Encoding': 'gzip' });
		const before = withLane.lane!.stats().tiles;
		const etag = (await get(withLane.base, tileUrl(), { 'Accept-Encoding': 'gzip' })).headers.etag!;
		const cases: [string, Record<string, string>, number][] = [
			[tileUrl(), { 'Accept-Encoding': 'gzip', 'If-None-Match': etag }, 304],
			[tileUrl(), {}, 200], // no gzip: the API decodes the tile
			[tileUrl(), { 'Accept-Encoding': 'gzip;q=0, br' }, 200], // gzip refused: likewise
			['/tiles/standortkarte/12/0/0.mvt', { 'Accept-Encoding': 'gzip' }, 204],
			['/tiles/standortkarte/13/0/0.mvt', { 'Accept-Encoding': 'gzip' }, 404],
			['/tiles/standortkarte/12/4096/0.mvt', { 'Accept-Encoding': 'gzip' }, 400],
			['/tiles/elsewhere/12/2053/2042.mvt', { 'Accept-Encoding': 'gzip' }, 404],
			[tileUrl('?v=x&y=1'), { 'Accept-Encoding': 'gzip' }, 200]
		];
		for (const [url, headers, status] of cases) {
			const fast = await get(withLane.base, url, headers);
			const plain = await get(withoutLane.base, url, headers);
			expect([url, fast.status]).toEqual([url, status]);
			expect(comparable(fast.headers)).toEqual(comparable(plain.headers));
			expect(fast.body).toEqual(plain.body);
		}
		// Only the first request above was the lane's.
		expect(withLane.lane!.stats().tiles).toBe(before + 1);
	});

	it('counts its tiles against the client\'s tile limit; over it, the API answers 429', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) {
			const r = await get(limited.base, tileUrl(), { 'Accept-Encoding': 'gzip' });
			statuses.push(r.status);
			if (r.status === 429) {
				expect(r.headers['retry-after']).toBe('60');
				expect(JSON.parse(r.body.toString())).toMatchObject({ error: 'rate_limited' });
			}
		}
		expect(statuses).toEqual([200, 200, 200, 429]);
		expect(limited.lane!.stats().tiles).toBe(2);
	});
});

describe('repeated read queries in the fast lane', () => {
	const search = '/api/search?q=fixture';

	it('answers a repeated query from memory with the API\'s bytes, compressed as the client accepts', async () => {
		const first = await get(withLane.base, search);
		const hitsBefore = withLane.lane!.stats().queryHits;
		const again = await get(withLane.base, search);
		const gz = await get(withLane.base, search, { 'Accept-Encoding': 'gzip' });
		const br = await get(withLane.base, search, { 'Accept-Encoding': 'gzip, br' });
		const refused = await get(withLane.base, search, { 'Accept-Encoding': 'gzip;q=0, br;q=0' });
		const plain = await get(withoutLane.base, search);
		expect(withLane.lane!.stats().queryHits).toBe(hitsBefore + 4);
		expect(JSON.parse(first.body.toString()).results.length).toBeGreaterThan(0);
		for (const r of [first, again, gz, br, refused]) {
			expect(r.status).toBe(200);
			expect(r.headers.vary).toMatch(/Accept-Encoding/);
			expect(r.headers['x-content-type-options']).toBe('nosniff');
			expect(r.headers['content-type']).toBe(plain.headers['content-type']);
			expect(r.headers['cache-control']).toBe(plain.headers['cache-control']);
			expect(r.headers['access-control-allow-origin']).toBe('*');
		}
		expect(again.body).toEqual(plain.body);
		expect(refused.body).toEqual(plain.body);
		expect(refused.headers['content-encoding']).toBeUndefined();
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body)).toEqual(plain.body);
		expect(br.headers['content-encoding']).toBe('br');
		expect(brotliDecompressSync(br.body)).toEqual(plain.body);
		expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
		// One ETag per representation, all of the same answer as the API tags it.
		expect(again.headers.etag).toBe(plain.headers.etag);
		expect(new Set([again.headers.etag, gz.headers.etag, br.headers.etag]).size).toBe(3);
	});

	it('revalidates every representation with 304 and answers HEAD without a body', async () => {
		const gz = await get(withLane.base, search, { 'Accept-Encoding': 'gzip' });
		const revalidated = await get(withLane.base, search, { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag! });
		expect(revalidated.status).toBe(304);
		expect(revalidated.body.length).toBe(0);
		expect(revalidated.headers.etag).toBe(gz.headers.etag);
		// The API itself knows the representations' tags too (after the lane's entry is gone, or without a lane).
		expect((await get(withoutLane.base, search, { 'If-None-Match': gz.headers.etag! })).status).toBe(304);
		const head = await get(withLane.base, search, { 'Accept-Encoding': 'gzip' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.body.length).toBe(0);
		expect(head.headers['content-length']).toBe(gz.headers['content-length']);
	});

	it('treats the same box written differently, and parameters in another order, as one query', async () => {
		const a = await get(withLane.base, '/api/features?theme=gewerbe&bbox=0.30,0.3,0.7,0.70');
		const hits = withLane.lane!.stats().queryHits;
		const b = await get(withLane.base, '/api/features?bbox=0.3,0.300,0.7,0.7&theme=gewerbe');
		expect(withLane.lane!.stats().queryHits).toBe(hits + 1);
		expect(b.body).toEqual(a.body);
		expect(b.headers.etag).toBe(a.headers.etag);
		expect(JSON.parse(a.body.toString()).features.length).toBeGreaterThan(0);
	});

	it('leaves refusals, health, exports and requests with credentials to the API', async () => {
		const before = withLane.lane!.stats();
		for (const url of ['/api/search?q=', '/api/features?theme=nope', '/api/health', '/api/export?theme=gewerbe&format=csv']) {
			const fast = await get(withLane.base, url);
			const plain = await get(withoutLane.base, url);
			expect([url, fast.status]).toEqual([url, plain.status]);
			expect(fast.headers['cache-control']).toBe(plain.headers['cache-control']);
		}
		await get(withLane.base, search, { Cookie: 'nt_session=x' });
		await get(withLane.base, '/api/%61dmin/me');
		const after = withLane.lane!.stats();
		expect(after.queryHits).toBe(before.queryHits);
		// The two refusals were asked for once each (not kept: not 200); health, export and the cookie never reached the lane.
		expect(after.queryMisses).toBe(before.queryMisses + 2);
	});

	it('counts a kept answer against the search limit like the API does', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await get(limitedSearch.base, '/api/search?q=alpha')).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		expect(limitedSearch.lane!.stats().queryHits).toBe(2);
	});

	it('never answers with a kept answer once the data version changed', async () => {
		const url = '/api/features?theme=gewerbe&limit=1';
		const a = await get(withLane.base, url);
		await get(withLane.base, url);
		const misses = withLane.lane!.stats().queryMisses;
		withLane.data.liveVersion++;
		const b = await get(withLane.base, url);
		expect(withLane.lane!.stats().queryMisses).toBe(misses + 1);
		expect(b.headers.etag).not.toBe(a.headers.etag);
	});
});

describe('a publish in the back office and the fast lane', () => {
	const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
		fetch(`${edited.base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: edited.base, ...headers }, body: JSON.stringify(body) });
	const names = async (url: string) => {
		const r = await get(edited.base, url, { 'Accept-Encoding': 'gzip' });
		expect(r.status).toBe(200);
		return (JSON.parse(gunzipSync(r.body).toString()) as { features: { properties: { name: string } }[] }).features.map((f) => f.properties.name);
	};

	it('shows a published site at the next request of a query that was answered from memory before', async () => {
		const url = '/api/features?theme=gewerbe&limit=200';
		const before = await names(url);
		await names(url);
		expect(edited.lane!.stats().queryHits).toBeGreaterThan(0);
		expect(before).not.toContain('Schnellspur-Testfläche');

		const login = await post('/api/admin/login', EDITOR);
		expect(login.status).toBe(200);
		const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
		const created = await post('/api/admin/items', { layer: 'sites', name: 'Schnellspur-Testfläche', category: 'commercial_area', geometry: SQUARE, values: { gross_area_ha: 2 }, publish: true }, { cookie });
		expect(created.status).toBe(201);

		expect(await names(url)).toContain('Schnellspur-Testfläche');
		const search = JSON.parse((await get(edited.base, '/api/search?q=schnellspur')).body.toString()) as { results: { label: string }[] };
		expect(search.results.map((r) => r.label)).toContain('Schnellspur-Testfläche');
	});
});
