/**
 * Public pages rendered once per URL and data version: the second visitor gets the same bytes and
 * headers without a new render; anything personal (cookies) always renders.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPageCache } from '../../src/lib/server/front/page-cache.ts';

let server: http.Server;
let base: string;
let renders = 0;
let version = 'v1';

beforeAll(async () => {
	const pages = withPageCache(
		(req, res) => {
			renders += 1;
			if (req.url?.startsWith('/login')) res.setHeader('Set-Cookie', 'session=abc; HttpOnly');
			res.setHeader('Content-Security-Policy', "script-src 'self'");
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.write(`<p>${req.url} render ${renders}`);
			res.end('</p>');
		},
		{ version: () => version }
	);
	server = http.createServer((req, res) => {
		res.setHeader('X-Content-Type-Options', 'nosniff');
		pages(req, res, () => undefined);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('page cache', () => {
	it('renders a public page once per URL and data version', async () => {
		const before = renders;
		const a = await fetch(`${base}/?lang=en`);
		const b = await fetch(`${base}/?lang=en`);
		expect(renders - before).toBe(1);
		expect(await b.text()).toBe(await a.text());
		expect(b.headers.get('content-security-policy')).toBe("script-src 'self'");
		expect(b.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(b.headers.get('x-content-type-options')).toBe('nosniff');
		await fetch(`${base}/?lang=de`);
		expect(renders - before).toBe(2);
		const head = await fetch(`${base}/?lang=en`, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(await head.text()).toBe('');
		expect(renders - before).toBe(2);
	});

	it('renders again after the data changed', async () => {
		await fetch(`${base}/changes`);
		const before = renders;
		version = 'v2';
		expect(await (await fetch(`${base}/changes`)).text()).toContain(`render ${before + 1}`);
	});

	it('never keeps personal answers', async () => {
		const before = renders;
		await fetch(`${base}/private`, { headers: { Cookie: 'session=x' } });
		await fetch(`${base}/private`, { headers: { Cookie: 'session=x' } });
		await fetch(`${base}/login`);
		await fetch(`${base}/login`);
		expect(renders - before).toBe(4);
	});
});
