/**
 * The public inquiry form: a named error per field, bounded sizes, the honeypot, the per-address
 * rate limit, storage before the 201, and delivery to the site's contact through a local SMTP server
 * the test starts (smtp-server), plus the inbox with status, notes and CSV export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { EDITOR, login, makeBackOffice, send } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';

const SITE = 'commercial:industriegebiet-goldene-aue';
const valid = (extra: Record<string, unknown> = {}) => ({
	site_id: SITE,
	name: 'Erika Mustermann',
	company: 'Muster <b>GmbH</b>',
	email: 'erika@example.org',
	phone: '+49 3631 123456',
	message: 'Wir suchen 5 ha für eine Produktionshalle. <script>alert(1)</script>',
	consent: true,
	...extra
});

interface Received {
	from: string;
	to: string[];
	data: string;
}

describe('POST /api/inquiries without SMTP', () => {
	let t: TestBackOffice;
	beforeAll(async () => {
		t = await makeBackOffice({ limits: { inquiries: 4 } });
	}, 60_000);
	afterAll(() => t.cleanup());

	it('names every invalid field in German and English and stores nothing', async () => {
		const res = await send(t, 'POST', '/api/inquiries', { site_id: SITE, name: '', company: 'x'.repeat(201), email: 'kein-mail', phone: 'abc', message: 'kurz' }, { address: '198.51.100.1' });
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: string; fields: { field: string; code: string; message: { de: string; en: string } }[] };
		expect(body.error).toBe('invalid_fields');
		expect(body.fields.map((f) => `${f.field}:${f.code}`)).toEqual(['name:required', 'company:too_long', 'email:invalid_email', 'phone:invalid_phone', 'message:too_short', 'consent:required']);
		expect(body.fields[5]!.message.de).toMatch(/^Einwilligung:/);
		expect(body.fields[5]!.message.en).toMatch(/^Consent:/);
		expect(t.bo.inquiries.list()).toHaveLength(0);
		const unknown = await send(t, 'POST', '/api/inquiries', valid({ site_id: 'tourism:kyffhaeuser-denkmal' }), { address: '198.51.100.1' });
		expect(unknown.status).toBe(422);
		expect(((await unknown.json()) as { parameter: string }).parameter).toBe('site_id');
		expect(t.bo.inquiries.list()).toHaveLength(0);
	});

	it('stores a valid inquiry before answering 201, as typed (the inbox escapes on display)', async () => {
		const res = await send(t, 'POST', '/api/inquiries', valid(), { address: '198.51.100.2' });
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: number };
		const row = t.bo.inquiries.get(id)!;
		expect(row).toMatchObject({ site_id: SITE, site_name: 'Industriegebiet Goldene Aue', status: 'new', mail_status: 'not_configured', company: 'Muster <b>GmbH</b>' });
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	});

	it('answers a filled honeypot like a success but stores nothing', async () => {
		const before = t.bo.inquiries.list().length;
		const res = await send(t, 'POST', '/api/inquiries', valid({ website: 'http://spam.example' }), { address: '198.51.100.3' });
		expect(res.status).toBe(201);
		expect(t.bo.inquiries.list()).toHaveLength(before);
		expect(t.bo.content.auditLog().some((e) => e.action === 'inquiry.honeypot')).toBe(true);
	});

	it('accepts a plain form post from the site page', async () => {
		const form = new URLSearchParams({ site_id: SITE, name: 'Max', company: 'Firma', email: 'max@example.org', message: 'Bitte um Rückruf zur Fläche.', consent: 'on' });
		const res = await t.app.request('http://localhost/api/inquiries', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', 'x-forwarded-for': '198.51.100.4' }, body: form.toString() });
		expect(res.status).toBe(201);
	});

	it('refuses oversized bodies with 413 and limits inquiries per address', async () => {
		const big = await send(t, 'POST', '/api/inquiries', valid({ message: 'x'.repeat(40_000) }), { address: '198.51.100.5' });
		expect(big.status).toBe(413);
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await send(t, 'POST', '/api/inquiries', valid(), { address: '198.51.100.9' })).status);
		// The 413 above came from another address; this one may send 4 per window.
		expect(statuses).toEqual([201, 201, 201, 201, 429]);
		expect((await send(t, 'POST', '/api/inquiries', valid(), { address: '198.51.100.10' })).status).toBe(201);
	});

	it('is described in the OpenAPI document with the live layer', async () => {
		const doc = (await (await t.app.request('http://localhost/api/openapi.json')).json()) as { paths: Record<string, unknown> };
		expect(doc.paths).toHaveProperty(['/api/inquiries']);
		expect(doc.paths).toHaveProperty(['/api/live/{theme}']);
	});

	it('the inbox sets status and notes, filters and exports CSV', async () => {
		const cookie = await login(t, EDITOR);
		const list = (await (await send(t, 'GET', '/api/admin/inquiries?status=new', undefined, { cookie })).json()) as { inquiries: { id: number }[] };
		expect(list.inquiries.length).toBeGreaterThan(3);
		const id = list.inquiries[0]!.id;
		const bad = await send(t, 'PATCH', `/api/admin/inquiries/${id}`, { status: 'lost' }, { cookie });
		expect(bad.status).toBe(400);
		const ok = await send(t, 'PATCH', `/api/admin/inquiries/${id}`, { status: 'answered', note: 'Exposé per Mail' }, { cookie });
		expect(ok.status).toBe(200);
		expect(((await ok.json()) as { inquiry: { status: string; notes: { by: string; text: string }[] } }).inquiry).toMatchObject({ status: 'answered', notes: [{ by: EDITOR.email, text: 'Exposé per Mail' }] });
		const answered = (await (await send(t, 'GET', '/api/admin/inquiries?status=answered', undefined, { cookie })).json()) as { inquiries: { id: number }[] };
		expect(answered.inquiries.map((i) => i.id)).toEqual([id]);
		const csv = await (await send(t, 'GET', '/api/admin/inquiries/export', undefined, { cookie })).text();
		expect(csv.split('\r\n')[0]).toBe('Nr.;Eingang;Standort-ID;Standort;Name;Unternehmen;E-Mail;Telefon;Nachricht;Sprache;Status;Notizen;E-Mail-Versand;Automatische Löschung');
		expect(csv).toContain('Exposé per Mail');
	});
});

describe('POST /api/inquiries with SMTP', () => {
	let t: TestBackOffice;
	let server: SMTPServer;
	const received: Received[] = [];

	beforeAll(async () => {
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, session, callback) {
				let data = '';
				stream.on('data', (c: Buffer) => (data += c.toString()));
				stream.on('end', () => {
					received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.server.address() as AddressInfo).port;
		t = await makeBackOffice({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Standortkarte <karte@example.org>' });
	}, 60_000);
	afterAll(async () => {
		t.cleanup();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it("mails the site's contact, reply-to the inquirer, in plain text", async () => {
		const cookie = await login(t, EDITOR);
		const cur = t.bo.content.get(SITE)!;
		const saved = await send(t, 'PUT', `/api/admin/items/${SITE}`, { version: cur.version, name: cur.name, category: cur.category, geometry: cur.geometry, values: { ...cur.values, contact_email: 'standort@example.org' } }, { cookie });
		expect(saved.status).toBe(200);
		const res = await send(t, 'POST', '/api/inquiries', valid(), { address: '198.51.100.20' });
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: number };
		expect(received).toHaveLength(1);
		expect(received[0]!.to).toEqual(['standort@example.org']);
		expect(received[0]!.from).toBe('karte@example.org');
		expect(received[0]!.data).toMatch(/Reply-To: erika@example\.org/);
		expect(received[0]!.data).toMatch(/Content-Type: text\/plain/);
		expect(received[0]!.data).not.toMatch(/text\/html/);
		expect(t.bo.inquiries.get(id)!.mail_status).toBe('sent');
	});

	it('without a contact e-mail it uses the fallback address from the settings, else keeps it in the inbox', async () => {
		const other = 'commercial:gewerbegebiet-ellrich';
		const before = received.length;
		const res = await send(t, 'POST', '/api/inquiries', valid({ site_id: other }), { address: '198.51.100.21' });
		expect(res.status).toBe(201);
		expect(received).toHaveLength(before);
		expect(t.bo.inquiries.get(((await res.json()) as { id: number }).id)!.mail_status).toBe('no_recipient');
		t.bo.content.setSetting('inquiry_fallback_email', 'regionalmanagement@example.org');
		const again = await send(t, 'POST', '/api/inquiries', valid({ site_id: other }), { address: '198.51.100.22' });
		expect(again.status).toBe(201);
		expect(received.at(-1)!.to).toEqual(['regionalmanagement@example.org']);
	});
});
