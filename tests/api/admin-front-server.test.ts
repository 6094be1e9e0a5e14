/**
 * The back office behind the production front server (what `npm start` runs), over real HTTP: the
 * session cookie round trip, a publish seen by the next public request, the client address taken
 * from the socket for rate limits, and a forged X-Forwarded-For ignored unless a proxy is trusted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { createApp } from '../../src/lib/server/api/app.ts';
import { createFrontServer } from '../../src/lib/server/front/server.ts';
import { createBackOffice } from '../../src/lib/server/admin/back-office.ts';
import type { BackOffice } from '../../src/lib/server/admin/back-office.ts';
import { buildFixture } from '../helpers/fixture-data.ts';
import type { Fixture } from '../helpers/fixture-data.ts';
import { PROJECT_ROOT } from '../helpers/sources.ts';
import { EDITOR, SQUARE } from '../helpers/back-office.ts';

let fx: Fixture;
let dir: string;
let bo: BackOffice;
let server: http.Server;
let base: string;

beforeAll(async () => {
	fx = buildFixture();
	dir = mkdtempSync(path.join(tmpdir(), 'nt-admin-front-'));
	bo = createBackOffice({ contentDbFile: path.join(dir, 'content.sqlite'), seedDir: path.join(PROJECT_ROOT, 'data', 'seed'), limits: { inquiries: 2 } });
	await bo.accounts.create(EDITOR.email, 'editor', EDITOR.password);
	const api = createApp({ dbFile: fx.dbFile, tilesDir: fx.tilesDir, backOffice: bo, log: () => {} });
	server = createFrontServer({ apiFetch: api.fetch, pages: (_req, res) => res.end('page'), log: () => {} });
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
	bo.content.close();
	fx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
	fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base, ...headers }, body: JSON.stringify(body) });

describe('back office over HTTP', () => {
	it('logs in, creates and publishes a site, and the next public request shows it', async () => {
		const login = await post('/api/admin/login', EDITOR);
		expect(login.status).toBe(200);
		const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
		const created = await post('/api/admin/items', { layer: 'sites', name: 'HTTP-Testfläche', category: 'commercial_area', geometry: SQUARE, values: { gross_area_ha: 2 }, publish: true }, { cookie });
		expect(created.status).toBe(201);
		const id = ((await created.json()) as { item: { id: string } }).item.id;
		const pub = await fetch(`${base}/api/features/${id}`);
		expect(pub.status).toBe(200);
		expect(((await pub.json()) as { properties: { name: string } }).properties.name).toBe('HTTP-Testfläche');
		const me = await fetch(`${base}/api/admin/me`, { headers: { cookie } });
		expect(me.status).toBe(200);
		expect(me.headers.get('cache-control')).toBe('no-store');
	});

	it('counts inquiries per socket address; a forged X-Forwarded-For does not reset the count', async () => {
		const inquiry = { site_id: 'commercial:industriegebiet-goldene-aue', name: 'Test', company: 'Test GmbH', email: 'test@example.org', message: 'Bitte um Unterlagen zur Fläche.', consent: true };
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) statuses.push((await post('/api/inquiries', inquiry, { 'x-forwarded-for': `203.0.113.${i}` })).status);
		expect(statuses).toEqual([201, 201, 429]);
		expect(bo.inquiries.list()).toHaveLength(2);
	});
});

describe('back office from the environment', () => {
	it('is one per content database and process (shared by the server and the page bundle), and can be switched off', async () => {
		const { backOfficeFromEnv } = await import('../../src/lib/server/admin/from-env.ts');
		const { dataPaths } = await import('../../src/lib/server/config.ts');
		const paths = dataPaths({ NT_ROOT: PROJECT_ROOT, NT_CONTENT_DB: path.join(dir, 'env.sqlite') }, PROJECT_ROOT);
		const a = backOfficeFromEnv(paths, {});
		const b = backOfficeFromEnv(paths, {});
		expect(a).toBeDefined();
		expect(b).toBe(a);
		expect(a!.content.file).toBe(path.join(dir, 'env.sqlite'));
		expect(backOfficeFromEnv(paths, { NT_BACK_OFFICE: '0' })).toBeUndefined();
		a!.content.close();
	});
});
