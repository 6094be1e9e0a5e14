/**
 * The permission matrix of every back-office route: anonymous callers get 401, editors get 403 where
 * only administrators may, and a request from another site (or without an Origin) gets 403 even with
 * a valid administrator session. None of the refused requests changes anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, EDITOR, EVIL_ORIGIN, login, makeBackOffice, send, SQUARE } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';

let t: TestBackOffice;
let adminCookie: string;
let editorCookie: string;
const SITE = 'commercial:industriegebiet-goldene-aue';
let inquiryId: number;
let editorId: number;

beforeAll(async () => {
	t = await makeBackOffice();
	adminCookie = await login(t, ADMIN);
	editorCookie = await login(t, EDITOR);
	const res = await send(t, 'POST', '/api/inquiries', { site_id: SITE, name: 'Erika Muster', company: 'Muster GmbH', email: 'erika@example.org', message: 'Bitte um ein Exposé zur Fläche.', consent: true });
	expect(res.status).toBe(201);
	inquiryId = ((await res.json()) as { id: number }).id;
	editorId = t.bo.accounts.byEmail(EDITOR.email)!.id;
}, 60_000);

afterAll(() => t.cleanup());

interface Route {
	method: string;
	path: string;
	body?: unknown;
	adminOnly?: boolean;
}

const site = () => ({ layer: 'sites', name: 'Matrix-Fläche', category: 'commercial_area', geometry: SQUARE, values: {} });

const MUTATIONS: Route[] = [
	{ method: 'POST', path: '/api/admin/logout' },
	{ method: 'POST', path: '/api/admin/items', body: site() },
	{ method: 'PUT', path: `/api/admin/items/${SITE}`, body: { ...site(), version: 1 } },
	{ method: 'DELETE', path: `/api/admin/items/${SITE}` },
	{ method: 'POST', path: `/api/admin/items/${SITE}/publish` },
	{ method: 'POST', path: `/api/admin/items/${SITE}/unpublish` },
	{ method: 'POST', path: `/api/admin/items/${SITE}/restore`, body: { version: 1 } },
	{ method: 'POST', path: '/api/admin/import/preview', body: { layer: 'sites', format: 'geojson', content: '{"type":"FeatureCollection","features":[]}' } },
	{ method: 'POST', path: '/api/admin/import/apply', body: { layer: 'sites', format: 'geojson', content: '{"type":"FeatureCollection","features":[]}' } },
	{ method: 'PUT', path: '/api/admin/junctions/source', body: { title_de: 'a', title_en: 'a', publisher: 'a', edition: 'a', licence: 'a', attribution: 'a' } },
	{ method: 'PATCH', path: '/api/admin/inquiries/1', body: { status: 'closed' } },
	{ method: 'POST', path: '/api/admin/users', body: { email: 'new@example.org', role: 'admin', password: 'a long password 99' }, adminOnly: true },
	{ method: 'PATCH', path: '/api/admin/users/2', body: { role: 'admin' }, adminOnly: true },
	{ method: 'PUT', path: '/api/admin/settings', body: { inquiry_fallback_email: 'x@example.org' }, adminOnly: true }
];

const READS: Route[] = [
	{ method: 'GET', path: '/api/admin/me' },
	{ method: 'GET', path: '/api/admin/layers' },
	{ method: 'GET', path: '/api/admin/items' },
	{ method: 'GET', path: `/api/admin/items/${SITE}` },
	{ method: 'GET', path: `/api/admin/items/${SITE}/history` },
	{ method: 'GET', path: '/api/admin/export?layer=sites' },
	{ method: 'GET', path: '/api/admin/junctions' },
	{ method: 'GET', path: '/api/admin/inquiries' },
	{ method: 'GET', path: '/api/admin/inquiries/export' },
	{ method: 'GET', path: '/api/admin/inquiries/1' },
	{ method: 'GET', path: '/api/admin/users', adminOnly: true },
	{ method: 'GET', path: '/api/admin/settings', adminOnly: true },
	{ method: 'GET', path: '/api/admin/audit', adminOnly: true }
];

/** Everything a mutation could change, except the audit log (refusals are logged by design). */
function state(): string {
	const db = t.bo.content.db;
	return JSON.stringify([
		db.prepare('SELECT id, version, published, deleted, props FROM items ORDER BY id').all(),
		db.prepare('SELECT count(*) AS n FROM item_versions').get(),
		db.prepare('SELECT id, email, role, disabled, password_hash FROM users ORDER BY id').all(),
		db.prepare('SELECT * FROM settings ORDER BY key').all(),
		db.prepare('SELECT id, status, notes FROM inquiries ORDER BY id').all(),
		db.prepare('SELECT * FROM sources ORDER BY id').all()
	]);
}

describe('permission matrix', () => {
	it('the fixture has the inquiry and the editor the routes point at', () => {
		expect(inquiryId).toBe(1);
		expect(editorId).toBe(2);
	});

	it.each([...MUTATIONS, ...READS])('$method $path: anonymous → 401', async (r) => {
		const before = state();
		const res = await send(t, r.method, r.path, r.body);
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: 'unauthenticated' });
		expect(state()).toBe(before);
	});

	it.each([...MUTATIONS, ...READS].filter((r) => r.adminOnly))('$method $path: editor → 403', async (r) => {
		const before = state();
		const res = await send(t, r.method, r.path, r.body, { cookie: editorCookie });
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: 'forbidden' });
		expect(state()).toBe(before);
	});

	it.each(MUTATIONS)('$method $path: cross-site with an admin session → 403', async (r) => {
		const before = state();
		const res = await send(t, r.method, r.path, r.body, { cookie: adminCookie, origin: EVIL_ORIGIN });
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: 'cross_site_request' });
		expect(state()).toBe(before);
	});

	it.each(MUTATIONS)('$method $path: no Origin with an admin session → 403', async (r) => {
		const before = state();
		const res = await send(t, r.method, r.path, r.body, { cookie: adminCookie, origin: null });
		expect(res.status).toBe(403);
		expect(state()).toBe(before);
	});

	it('a cross-site form post (the classic CSRF) is refused by the csrf middleware as well', async () => {
		const before = state();
		const res = await t.app.request('http://localhost/api/admin/items', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL_ORIGIN, cookie: adminCookie },
			body: 'layer=sites&name=x'
		});
		expect(res.status).toBe(403);
		expect(state()).toBe(before);
	});

	it('behind a trusted TLS proxy the forwarded scheme counts; a configured public address is allowed', async () => {
		const preview = { layer: 'sites', format: 'geojson', content: '{"type":"FeatureCollection","features":[]}' };
		const viaProxy = await t.app.request('http://localhost/api/admin/import/preview', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://localhost', 'x-forwarded-proto': 'https', cookie: adminCookie, 'x-forwarded-for': '192.0.2.1' },
			body: JSON.stringify(preview)
		});
		expect(viaProxy.status).toBe(200);
		const noProxyHeader = await send(t, 'POST', '/api/admin/import/preview', preview, { cookie: adminCookie, origin: 'https://localhost' });
		expect(noProxyHeader.status).toBe(403);
		const configured = await makeBackOffice({ allowedOrigins: ['https://karte.example'] });
		try {
			const cookie = await login(configured, ADMIN);
			const ok = await send(configured, 'POST', '/api/admin/import/preview', preview, { cookie, origin: 'https://karte.example' });
			expect(ok.status).toBe(200);
			const other = await send(configured, 'POST', '/api/admin/import/preview', preview, { cookie, origin: 'https://karte.example.evil' });
			expect(other.status).toBe(403);
		} finally {
			configured.cleanup();
		}
	});

	it('login and the public inquiry form refuse other sites too', async () => {
		const a = await send(t, 'POST', '/api/admin/login', ADMIN, { origin: EVIL_ORIGIN });
		expect(a.status).toBe(403);
		expect(a.headers.get('set-cookie')).toBeNull();
		const before = state();
		const b = await send(t, 'POST', '/api/inquiries', { site_id: SITE, name: 'X', company: 'Y', email: 'x@example.org', message: 'Eine Nachricht.', consent: true }, { origin: EVIL_ORIGIN });
		expect(b.status).toBe(403);
		expect(state()).toBe(before);
	});

	it('a back-office answer is never replayed from the read cache to someone without a session', async () => {
		const url = `/api/admin/items/${SITE}`;
		const first = await send(t, 'GET', url, undefined, { cookie: adminCookie });
		expect(first.status).toBe(200);
		const tag = first.headers.get('etag');
		expect(tag).toBeNull();
		const again = await send(t, 'GET', url);
		expect(again.status).toBe(401);
		const conditional = await t.app.request(`http://localhost${url}`, { headers: { 'if-none-match': '"anything"' } });
		expect(conditional.status).toBe(401);
	});

	it('the same requests pass with the right role and origin (the matrix is not refusing everything)', async () => {
		const editorOk = await send(t, 'PATCH', `/api/admin/inquiries/${inquiryId}`, { status: 'answered', note: 'Exposé verschickt' }, { cookie: editorCookie });
		expect(editorOk.status).toBe(200);
		const adminOk = await send(t, 'PUT', '/api/admin/settings', { inquiry_fallback_email: 'standorte@example.org' }, { cookie: adminCookie });
		expect(adminOk.status).toBe(200);
		for (const r of READS) {
			const res = await send(t, r.method, r.path, undefined, { cookie: adminCookie });
			expect(res.status, r.path).toBe(200);
			expect(res.headers.get('cache-control')).toBe('no-store');
		}
	});
});
