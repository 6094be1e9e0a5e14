/**
 * A back office for API tests: the hand-written fixture database (tests/helpers/fixture-data.ts),
 * a fresh content database seeded from data/seed, a settable clock, and logged-in accounts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/lib/server/api/app.ts';
import { createBackOffice } from '../../src/lib/server/admin/back-office.ts';
import type { BackOffice, BackOfficeOptions } from '../../src/lib/server/admin/back-office.ts';
import { buildFixture } from './fixture-data.ts';
import type { Fixture } from './fixture-data.ts';
import { PROJECT_ROOT } from './sources.ts';

export const ORIGIN = 'http://localhost';
export const EVIL_ORIGIN = 'https://evil.example';
export const ADMIN = { email: 'admin@example.org', password: 'admin password 1234' };
export const EDITOR = { email: 'editor@example.org', password: 'editor password 1234' };

export interface TestBackOffice {
	app: ReturnType<typeof createApp>;
	bo: BackOffice;
	fx: Fixture;
	dir: string;
	clock: { now: number };
	logged: string[];
	cleanup(): void;
}

export async function makeBackOffice(opts: Partial<BackOfficeOptions> = {}): Promise<TestBackOffice> {
	const fx = buildFixture();
	const dir = mkdtempSync(path.join(tmpdir(), 'nt-admin-'));
	const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
	const bo = createBackOffice({
		contentDbFile: path.join(dir, 'content.sqlite'),
		seedDir: path.join(PROJECT_ROOT, 'data', 'seed'),
		now: () => new Date(clock.now),
		trustProxy: true,
		...opts
	});
	const logged: string[] = [];
	const app = createApp({ dbFile: fx.dbFile, tilesDir: fx.tilesDir, backOffice: bo, log: (l) => logged.push(l) });
	await bo.accounts.create(ADMIN.email, 'admin', ADMIN.password);
	await bo.accounts.create(EDITOR.email, 'editor', EDITOR.password);
	return {
		app,
		bo,
		fx,
		dir,
		clock,
		logged,
		cleanup() {
			bo.content.close();
			fx.cleanup();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A same-site JSON request (Origin of the app), optionally with a session cookie and a client address. */
export async function send(t: TestBackOffice, method: string, url: string, body?: unknown, opts: { cookie?: string; origin?: string | null; address?: string } = {}): Promise<Response> {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
	if (opts.cookie) headers.cookie = opts.cookie;
	headers['x-forwarded-for'] = opts.address ?? '192.0.2.1';
	return t.app.request(`${ORIGIN}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function login(t: TestBackOffice, who: { email: string; password: string }, address = '192.0.2.10'): Promise<string> {
	const res = await send(t, 'POST', '/api/admin/login', who, { address });
	if (res.status !== 200) throw new Error(`login of ${who.email} failed: ${res.status} ${await res.text()}`);
	const cookie = res.headers.get('set-cookie') ?? '';
	return cookie.split(';')[0]!;
}

/** A commercial site inside Nordhausen (a square of about 700 m × 1.1 km). */
export const SQUARE: GeoJSON.Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[10.78, 51.49],
			[10.79, 51.49],
			[10.79, 51.5],
			[10.78, 51.5],
			[10.78, 51.49]
		]
	]
};
