/**
 * Retention of inquiries (personal data): a closed inquiry is deleted NT_INQUIRY_RETENTION_DAYS days
 * after closing, at start and by the daily purge, noted in the audit log and announced in the inbox.
 * The clock is injected; no test waits for real time to pass.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createBackOffice } from '../../src/lib/server/admin/back-office.ts';
import { ContentDb } from '../../src/lib/server/admin/content-db.ts';
import { DEFAULT_INQUIRY_RETENTION_DAYS, Inquiries, inquiryRetentionDays } from '../../src/lib/server/admin/inquiries.ts';
import { EDITOR, login, makeBackOffice, send } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';
import { PROJECT_ROOT } from '../helpers/sources.ts';

const SITE = 'commercial:industriegebiet-goldene-aue';
const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-03-02T09:00:00Z');

let t: TestBackOffice | null = null;
afterEach(() => {
	vi.useRealTimers();
	t?.cleanup();
	t = null;
});

async function inquire(tb: TestBackOffice, n: number): Promise<number> {
	const res = await send(tb, 'POST', '/api/inquiries', { site_id: SITE, name: `Fixture Person ${n}`, company: 'Fixture GmbH', email: `person${n}@example.org`, message: 'Bitte um ein Exposé zur Fläche.', consent: true }, { address: `198.51.100.${20 + n}` });
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: number }).id;
}

interface Listed {
	id: number;
	status: string;
	closed_at: string | null;
	deletes_at: string | null;
}

describe('NT_INQUIRY_RETENTION_DAYS', () => {
	it('defaults to 180 days and accepts whole days from 0 to 3650', () => {
		expect(DEFAULT_INQUIRY_RETENTION_DAYS).toBe(180);
		expect(inquiryRetentionDays(undefined)).toBe(180);
		expect(inquiryRetentionDays('')).toBe(180);
		expect(inquiryRetentionDays(' 30 ')).toBe(30);
		expect(inquiryRetentionDays('0')).toBe(0);
		expect(inquiryRetentionDays('3650')).toBe(3650);
	});

	it('refuses anything else with a message naming the setting', () => {
		for (const bad of ['abc', '-1', '1.5', '3651', '1e3', '30 days']) expect(() => inquiryRetentionDays(bad), bad).toThrow(/NT_INQUIRY_RETENTION_DAYS must be a whole number of days from 0 to 3650/);
	});
});

describe('retention of closed inquiries', () => {
	it('deletes a closed inquiry exactly when its period ends, keeps open ones, logs ids only, shows the date in the inbox', async () => {
		t = await makeBackOffice({ inquiryRetentionDays: 30 });
		const tb = t;
		const closed = await inquire(tb, 1);
		const answered = await inquire(tb, 2);
		const fresh = await inquire(tb, 3);
		const cookie = await login(tb, EDITOR);
		expect((await send(tb, 'PATCH', `/api/admin/inquiries/${closed}`, { status: 'closed' }, { cookie })).status).toBe(200);
		expect((await send(tb, 'PATCH', `/api/admin/inquiries/${answered}`, { status: 'answered' }, { cookie })).status).toBe(200);

		const inbox = (await (await send(tb, 'GET', '/api/admin/inquiries', undefined, { cookie })).json()) as { inquiries: Listed[]; retention_days: number };
		expect(inbox.retention_days).toBe(30);
		// closed on 2 March 2026 09:00 UTC + 30 days = 1 April 2026 09:00 UTC
		expect(inbox.inquiries.find((i) => i.id === closed)).toMatchObject({ status: 'closed', closed_at: '2026-03-02T09:00:00.000Z', deletes_at: '2026-04-01T09:00:00.000Z' });
		expect(inbox.inquiries.find((i) => i.id === answered)).toMatchObject({ closed_at: null, deletes_at: null });
		expect(inbox.inquiries.find((i) => i.id === fresh)).toMatchObject({ status: 'new', deletes_at: null });

		tb.clock.now = START + 30 * DAY - 1000;
		expect(tb.bo.inquiries.purgeExpired()).toBe(0);
		expect(tb.bo.inquiries.get(closed)).not.toBeNull();

		tb.clock.now = START + 30 * DAY;
		expect(tb.bo.inquiries.purgeExpired()).toBe(1);
		expect(tb.bo.inquiries.get(closed)).toBeNull();
		expect(tb.bo.inquiries.list().map((i) => i.id).sort()).toEqual([answered, fresh].sort());

		const purge = tb.bo.content.auditLog().find((e) => e.action === 'inquiry.purge')!;
		expect(purge).toMatchObject({ actor: null, detail: { count: 1, ids: [closed], retention_days: 30 } });
		// the log says what was deleted by number only, never whose inquiry it was
		expect(JSON.stringify(purge)).not.toMatch(/person1|Fixture Person/);
		// nothing left to delete: no further log entry
		expect(tb.bo.inquiries.purgeExpired()).toBe(0);
		expect(tb.bo.content.auditLog().filter((e) => e.action === 'inquiry.purge')).toHaveLength(1);
	}, 60_000);

	it('reopening stops the period and closing again restarts it', async () => {
		t = await makeBackOffice({ inquiryRetentionDays: 30 });
		const tb = t;
		const id = await inquire(tb, 4);
		tb.bo.inquiries.update(id, { status: 'closed' }, EDITOR.email, '192.0.2.1');
		tb.clock.now = START + 10 * DAY;
		expect(tb.bo.inquiries.update(id, { status: 'answered' }, EDITOR.email, '192.0.2.1')).toMatchObject({ closed_at: null, deletes_at: null });
		tb.clock.now = START + 20 * DAY;
		expect(tb.bo.inquiries.update(id, { status: 'closed' }, EDITOR.email, '192.0.2.1')!.deletes_at).toBe(new Date(START + 50 * DAY).toISOString());
		// a note on a closed inquiry does not move its date
		tb.clock.now = START + 25 * DAY;
		expect(tb.bo.inquiries.update(id, { note: 'Nachfrage telefonisch beantwortet' }, EDITOR.email, '192.0.2.1')!.deletes_at).toBe(new Date(START + 50 * DAY).toISOString());
		tb.clock.now = START + 40 * DAY;
		expect(tb.bo.inquiries.purgeExpired()).toBe(0);
		tb.clock.now = START + 50 * DAY;
		expect(tb.bo.inquiries.purgeExpired()).toBe(1);
	}, 60_000);

	it('purges at start: a back office opened after the period has ended deletes the inquiry before serving', async () => {
		t = await makeBackOffice({ inquiryRetentionDays: 7 });
		const id = await inquire(t, 5);
		t.bo.inquiries.update(id, { status: 'closed' }, EDITOR.email, '192.0.2.1');
		const file = t.bo.content.file;
		t.bo.content.close();
		const later = createBackOffice({ contentDbFile: file, seedDir: path.join(PROJECT_ROOT, 'data', 'seed'), now: () => new Date(START + 8 * DAY), inquiryRetentionDays: 7 });
		try {
			expect(later.inquiries.get(id)).toBeNull();
			expect(later.content.auditLog().some((e) => e.action === 'inquiry.purge')).toBe(true);
		} finally {
			later.content.close();
		}
	}, 60_000);

	it('purges daily while the server runs', async () => {
		vi.useFakeTimers({ toFake: ['setInterval'] });
		t = await makeBackOffice({ inquiryRetentionDays: 1 });
		const id = await inquire(t, 6);
		t.bo.inquiries.update(id, { status: 'closed' }, EDITOR.email, '192.0.2.1');
		t.clock.now = START + 2 * DAY;
		expect(t.bo.inquiries.get(id)).not.toBeNull();
		vi.advanceTimersByTime(DAY);
		expect(t.bo.inquiries.get(id)).toBeNull();
	}, 60_000);

	it('a database from before the retention period gains the closing date (its last change) and is purged by it', () => {
		t = null;
		const dir = mkdtempSync(path.join(tmpdir(), 'nt-retention-'));
		const file = path.join(dir, 'content.sqlite');
		const content = new ContentDb({ file, seedDir: path.join(PROJECT_ROOT, 'data', 'seed'), now: () => new Date(START + 100 * DAY) });
		try {
			new Inquiries(content); // today's schema, then take the column away again: the old layout
			content.db.exec('ALTER TABLE inquiries DROP COLUMN closed_at');
			content.db
				.prepare("INSERT INTO inquiries (created_at, site_id, site_name, name, company, email, message, lang, status, updated_at) VALUES (?, ?, 'Fixture', 'Fixture', 'Fixture', 'f@example.org', 'Fixture-Nachricht', 'de', 'closed', ?)")
				.run('2026-01-01T00:00:00.000Z', SITE, '2026-01-05T00:00:00.000Z');
			const inquiries = new Inquiries(content, 30);
			const [row] = inquiries.list();
			expect(row).toMatchObject({ closed_at: '2026-01-05T00:00:00.000Z', deletes_at: '2026-02-04T00:00:00.000Z' });
			expect(inquiries.purgeExpired()).toBe(1);
		} finally {
			content.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
