/**
 * The production front server (what `npm start` runs): /api and /tiles answered by the API in its
 * JSON shape, pages handed to SvelteKit, slow and malformed requests closed with a JSON answer.
 * Runs a real HTTP server on a free port with the fixture data and a stand-in page handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { createApp } from '../../src/lib/server/api/app.ts';
import { createFrontServer, PROTOCOL_HEADER } from '../../src/lib/server/front/server.ts';
import { buildFixture } from '../helpers/fixture-data.ts';
import type { Fixture } from '../helpers/fixture-data.ts';

let fx: Fixture;
let server: http.Server;
let base: string;
let port: number;
const seenByPages: { url: string; proto: string | undefined }[] = [];
const logged: string[] = [];

beforeAll(async () => {
	fx = buildFixture();
	const api = createApp({ dbFile: fx.dbFile, tilesDir: fx.tilesDir, log: (l) => logged.push(l) });
	server = createFrontServer({
		apiFetch: api.fetch,
		requestTimeoutMs: 1_000,
		log: (l) => logged.push(l),
		pages: (req, res) => {
			seenByPages.push({ url: req.url ?? '', proto: req.headers[PROTOCOL_HEADER] as string | undefined });
			res.setHeader('Content-Type', 'text/html');
			res.end('<!doctype html><p>page</p>');
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
	base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
	fx.cleanup();
});

/** Sends raw bytes and collects the answer until the server closes the socket. */
function raw(request: string, opts: { keepOpenMs?: number } = {}): Promise<{ text: string; closedAfterMs: number }> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.write(request);
		});
		let text = '';
		socket.on('data', (d) => (text += d.toString()));
		socket.on('error', reject);
		socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
		if (opts.keepOpenMs) setTimeout(() => socket.destroy(), opts.keepOpenMs);
	});
}

describe('front server', () => {
	it('answers /api and /tiles itself and hands pages to SvelteKit', async () => {
		const health = await fetch(`${base}/api/health`);
		expect(health.status).toBe(200);
		const tile = await fetch(`${base}/tiles/standortkarte.pmtiles`, { headers: { Range: 'bytes=0-6' } });
		expect(tile.status).toBe(206);
		expect(tile.headers.get('x-content-type-options')).toBe('nosniff');
		const page = await fetch(`${base}/standorte?lang=en`);
		expect(await page.text()).toContain('page');
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		expect(seenByPages.map((p) => p.url)).toEqual(['/standorte?lang=en']);
	});

	it('tells the pages the real scheme, whatever header the client sends', async () => {
		await fetch(`${base}/?x=1`, { headers: { [PROTOCOL_HEADER]: 'https' } });
		expect(seenByPages.at(-1)).toEqual({ url: '/?x=1', proto: 'http' });
	});

	it.each([
		['POST', '/tiles/standortkarte.pmtiles', 405],
		['DELETE', '/tiles/standortkarte/10/1/1.mvt', 405],
		['POST', '/api/features?theme=gewerbe', 405],
		['GET', '/api/features/%C0%AE', 404],
		['GET', '/api/nope', 404]
	])('answers %s %s with JSON %i', async (method, path, status) => {
		const res = await fetch(`${base}${path}`, { method, headers: { Origin: 'https://elsewhere.example' } });
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(((await res.json()) as { error: string }).error).toBeTruthy();
	});

	it('answers oversized headers with JSON 431', async () => {
		const { text } = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
		expect(text).toMatch(/^HTTP\/1\.1 431/);
		expect(text).toMatch(/Content-Type: application\/json/);
		expect(text).toContain('"error":"headers_too_large"');
	});

	it('answers a request line that is not HTTP with JSON 400', async () => {
		const { text } = await raw('HELLO\r\n\r\n');
		expect(text).toMatch(/^HTTP\/1\.1 400/);
		expect(text).toContain('"error":"bad_request"');
	});

	it('closes a socket that sends its headers too slowly, with JSON 408', async () => {
		// Headers never finished: the server must not hold the socket much past its timeout (1 s here).
		const { text, closedAfterMs } = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\n', { keepOpenMs: 15_000 });
		expect(closedAfterMs).toBeLessThan(10_000);
		expect(text).toMatch(/^HTTP\/1\.1 408/);
		expect(text).toContain('"error":"request_timeout"');
	});

	it('closes a socket that sends its body too slowly', async () => {
		const { closedAfterMs } = await raw('POST /api/inquiries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":', { keepOpenMs: 15_000 });
		expect(closedAfterMs).toBeLessThan(10_000);
	});

	it('neither answers nor logs a client that resets its connection mid-request', async () => {
		const linesBefore = logged.filter((l) => l.startsWith('client error')).length;
		let reset = false;
		const watch = (err: NodeJS.ErrnoException) => {
			if (err.code === 'ECONNRESET') reset = true;
		};
		server.on('clientError', watch);
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
			// Give the server the partial request before the reset, so the reset lands in its parser.
			setTimeout(() => socket.resetAndDestroy(), 100);
		});
		socket.on('error', () => {});
		for (let i = 0; i < 200 && !reset; i++) await new Promise((r) => setTimeout(r, 50));
		server.off('clientError', watch);
		expect(reset).toBe(true);
		expect(logged.filter((l) => l.startsWith('client error')).length).toBe(linesBefore);
	});

	it('logs one line per malformed request, no stack trace', () => {
		const clientErrors = logged.filter((l) => l.startsWith('client error'));
		expect(clientErrors.length).toBeGreaterThanOrEqual(3);
		expect(logged.some((l) => /\n\s+at /.test(l))).toBe(false);
	});
});
