/**
 * Logins and sessions of the back office: cookie flags, wrong passwords, the lock after repeated
 * failures (and its end), idle expiry after 8 hours, logout, the per-address login limit and the
 * audit log of all of it. The clock is the test's, so nothing waits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, EDITOR, login, makeBackOffice, send } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';
import { LOGIN_LOCK_MS, LOGIN_MAX_FAILURES, SESSION_IDLE_MS } from '../../src/lib/server/admin/accounts.ts';

let t: TestBackOffice;
beforeEach(async () => {
	t = await makeBackOffice({ limits: { login: 12 } });
}, 60_000);
afterEach(() => t.cleanup());

const HOUR = 60 * 60 * 1000;

describe('login', () => {
	it('sets an HttpOnly, SameSite session cookie; Secure over HTTPS', async () => {
		const res = await send(t, 'POST', '/api/admin/login', ADMIN);
		expect(res.status).toBe(200);
		const cookie = res.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^nt_session=[A-Za-z0-9_-]{40,}/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect(cookie).not.toMatch(/Secure/);
		// A browser-session cookie: the server ends idle sessions, so an active one is never cut at a fixed time.
		expect(cookie).not.toMatch(/Max-Age|Expires/);
		expect(await res.json()).toMatchObject({ user: { email: ADMIN.email, role: 'admin' } });

		const https = await t.app.request('https://karte.example/api/admin/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://karte.example', 'x-forwarded-for': '192.0.2.50' },
			body: JSON.stringify(ADMIN)
		});
		expect(https.status).toBe(200);
		expect(https.headers.get('set-cookie')).toMatch(/Secure/);
	});

	it('refuses a wrong password or an unknown account alike, and names missing fields', async () => {
		const wrong = await send(t, 'POST', '/api/admin/login', { email: ADMIN.email, password: 'not the password' });
		expect(wrong.status).toBe(401);
		const unknown = await send(t, 'POST', '/api/admin/login', { email: 'nobody@example.org', password: 'not the password' });
		expect(unknown.status).toBe(401);
		expect(await wrong.json()).toEqual(await unknown.json());
		const missing = await send(t, 'POST', '/api/admin/login', { email: ADMIN.email });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({ error: 'invalid_parameter', parameter: 'password' });
		const notJson = await t.app.request('http://localhost/api/admin/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: '{oops' });
		expect(notJson.status).toBe(400);
		expect(await notJson.json()).toMatchObject({ error: 'invalid_body' });
	});

	it(`locks an account for one address after ${LOGIN_MAX_FAILURES} failures, even for the right password, until the lock ends`, async () => {
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
			const r = await send(t, 'POST', '/api/admin/login', { email: EDITOR.email, password: `wrong ${i}` }, { address: '198.51.100.7' });
			expect(r.status).toBe(401);
		}
		const locked = await send(t, 'POST', '/api/admin/login', EDITOR, { address: '198.51.100.7' });
		expect(locked.status).toBe(429);
		expect(locked.headers.get('retry-after')).toBe(String(LOGIN_LOCK_MS / 1000));
		expect(await locked.json()).toMatchObject({ error: 'login_locked' });
		// Another address is not locked out by the attacker's failures.
		expect((await send(t, 'POST', '/api/admin/login', EDITOR, { address: '198.51.100.8' })).status).toBe(200);
		t.clock.now += LOGIN_LOCK_MS - 1000;
		expect((await send(t, 'POST', '/api/admin/login', EDITOR, { address: '198.51.100.7' })).status).toBe(429);
		t.clock.now += 2000;
		expect((await send(t, 'POST', '/api/admin/login', EDITOR, { address: '198.51.100.7' })).status).toBe(200);
		const actions = t.bo.content.auditLog().map((e) => e.action);
		expect(actions.filter((a) => a === 'login.failure')).toHaveLength(LOGIN_MAX_FAILURES);
		expect(actions.filter((a) => a === 'login.locked')).toHaveLength(2);
		expect(actions.filter((a) => a === 'login.success')).toHaveLength(2);
	});

	it('limits login attempts per address (429 from the rate limiter)', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 13; i++) {
			statuses.push((await send(t, 'POST', '/api/admin/login', { email: `x${i}@example.org`, password: 'whatever it is' }, { address: '203.0.113.9' })).status);
		}
		expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
		expect(statuses[12]).toBe(429);
		// Another address still gets through.
		expect((await send(t, 'POST', '/api/admin/login', ADMIN, { address: '203.0.113.10' })).status).toBe(200);
	});
});

describe('sessions', () => {
	it('end after 8 hours without a request and stay alive while used', async () => {
		const cookie = await login(t, EDITOR);
		const me = () => send(t, 'GET', '/api/admin/me', undefined, { cookie });
		expect((await me()).status).toBe(200);
		t.clock.now += SESSION_IDLE_MS - HOUR;
		expect((await me()).status).toBe(200); // 7 h idle: still valid, and this request counts as activity
		t.clock.now += SESSION_IDLE_MS - HOUR;
		expect((await me()).status).toBe(200); // 7 h after the last request
		t.clock.now += SESSION_IDLE_MS + 1000;
		const expired = await me();
		expect(expired.status).toBe(401);
		expect(await expired.json()).toMatchObject({ error: 'unauthenticated' });
		// An expired session does not come back when the clock is set back.
		t.clock.now -= 2 * HOUR;
		expect((await me()).status).toBe(401);
	});

	it('end on logout, and a forged or garbled cookie is no session', async () => {
		const cookie = await login(t, ADMIN);
		expect((await send(t, 'POST', '/api/admin/logout', undefined, { cookie })).status).toBe(200);
		expect((await send(t, 'GET', '/api/admin/me', undefined, { cookie })).status).toBe(401);
		expect((await send(t, 'GET', '/api/admin/me', undefined, { cookie: 'nt_session=' + 'A'.repeat(43) })).status).toBe(401);
		expect((await send(t, 'GET', '/api/admin/me', undefined, { cookie: 'nt_session=../../etc' })).status).toBe(401);
	});

	it('end when an administrator disables the account or changes its role; the last administrator stays', async () => {
		const admin = await login(t, ADMIN);
		const editor = await login(t, EDITOR);
		const editorId = t.bo.accounts.byEmail(EDITOR.email)!.id;
		expect((await send(t, 'PATCH', `/api/admin/users/${editorId}`, { disabled: true }, { cookie: admin })).status).toBe(200);
		expect((await send(t, 'GET', '/api/admin/me', undefined, { cookie: editor })).status).toBe(401);
		expect((await send(t, 'POST', '/api/admin/login', EDITOR)).status).toBe(401);
		const adminId = t.bo.accounts.byEmail(ADMIN.email)!.id;
		const last = await send(t, 'PATCH', `/api/admin/users/${adminId}`, { role: 'editor' }, { cookie: admin });
		expect(last.status).toBe(409);
		expect(await last.json()).toMatchObject({ error: 'last_admin' });
		const weak = await send(t, 'POST', '/api/admin/users', { email: 'neu@example.org', role: 'editor', password: 'short' }, { cookie: admin });
		expect(weak.status).toBe(400);
		expect(await weak.json()).toMatchObject({ parameter: 'password' });
		const created = await send(t, 'POST', '/api/admin/users', { email: 'neu@example.org', role: 'editor', password: 'a long enough password' }, { cookie: admin });
		expect(created.status).toBe(201);
		expect(JSON.stringify(await created.json())).not.toMatch(/scrypt|password_hash/);
		expect((await send(t, 'POST', '/api/admin/login', { email: 'neu@example.org', password: 'a long enough password' })).status).toBe(200);
		const audit = await send(t, 'GET', '/api/admin/audit', undefined, { cookie: admin });
		const actions = ((await audit.json()) as { entries: { action: string }[] }).entries.map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['user.update', 'user.create', 'login.success', 'login.failure']));
	});

	it('store only a hash of the session token and scrypt password hashes', async () => {
		const cookie = await login(t, ADMIN);
		const token = cookie.split('=')[1]!;
		const rows = t.bo.content.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.some((r) => r.token_hash === token)).toBe(false);
		const users = t.bo.content.db.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
		expect(users.every((u) => u.password_hash.startsWith('scrypt$16384$8$1$'))).toBe(true);
		expect(users.some((u) => u.password_hash.includes(ADMIN.password))).toBe(false);
	});
});
