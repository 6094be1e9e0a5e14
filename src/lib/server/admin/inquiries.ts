/**
 * Inquiries from a site page: validated with a named error per field, stored before the answer,
 * then (when SMTP is configured) mailed to the site's contact. The inbox keeps status and notes.
 *
 * Inquiries hold personal data (name, e-mail, phone, message), so they are not kept for ever
 * (GDPR Art. 5(1)(e), storage limitation): a closed inquiry is deleted a fixed number of days after
 * it was closed (NT_INQUIRY_RETENTION_DAYS, default 180 — long enough to answer a follow-up
 * question about the same site, short enough not to build up a contact archive). Open inquiries
 * (new, answered) are the staff's work in progress and stay until closed.
 */
import type { ContentDb } from './content-db.ts';
import type { FieldError } from './validate-item.ts';
import { isEmail } from './validate-item.ts';
import type { I18nText } from '../../data/model.ts';
import type { InquiryStatus } from '../../admin/inquiry-status.ts';

// The inbox offers the same states with their names (src/lib/admin/inquiry-status.ts).
export { INQUIRY_STATUSES } from '../../admin/inquiry-status.ts';
export type { InquiryStatus } from '../../admin/inquiry-status.ts';

/** Days a closed inquiry is kept; the inbox shows the date it will be deleted. */
export const DEFAULT_INQUIRY_RETENTION_DAYS = 180;
/** Ten years: anything longer is no longer a retention period. */
export const MAX_INQUIRY_RETENTION_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * NT_INQUIRY_RETENTION_DAYS: whole days from 0 (deleted at the next purge after closing) to
 * MAX_INQUIRY_RETENTION_DAYS; unset or empty means the default. Anything else stops the start with
 * a clear message rather than silently keeping personal data longer than intended.
 */
export function inquiryRetentionDays(raw: string | undefined): number {
	if (raw === undefined || raw.trim() === '') return DEFAULT_INQUIRY_RETENTION_DAYS;
	const s = raw.trim();
	const n = Number(s);
	if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n > MAX_INQUIRY_RETENTION_DAYS) {
		throw new Error(`NT_INQUIRY_RETENTION_DAYS must be a whole number of days from 0 to ${MAX_INQUIRY_RETENTION_DAYS} (got "${s.slice(0, 20)}")`);
	}
	return n;
}

export const INQUIRY_LIMITS = { name: 200, company: 200, email: 200, phone: 40, message: 5000, site_id: 200 } as const;

export interface InquiryInput {
	site_id: string;
	name: string;
	company: string;
	email: string;
	phone: string | null;
	message: string;
	lang: 'de' | 'en';
}

export interface InquiryRow {
	id: number;
	created_at: string;
	site_id: string;
	site_name: string;
	name: string;
	company: string;
	email: string;
	phone: string | null;
	message: string;
	lang: string;
	status: InquiryStatus;
	notes: { at: string; by: string; text: string }[];
	mail_status: string;
	updated_at: string;
	/** when the status last became "closed"; null while open */
	closed_at: string | null;
	/** when a closed inquiry is deleted automatically (closed_at + retention); null while open */
	deletes_at: string | null;
}

const LABELS: Record<string, I18nText> = {
	site_id: { de: 'Standort', en: 'Site' },
	name: { de: 'Name', en: 'Name' },
	company: { de: 'Unternehmen', en: 'Company' },
	email: { de: 'E-Mail', en: 'E-mail' },
	phone: { de: 'Telefon', en: 'Phone' },
	message: { de: 'Nachricht', en: 'Message' },
	consent: { de: 'Einwilligung', en: 'Consent' }
};

const fieldError = (field: string, code: string, de: string, en: string): FieldError => ({
	field,
	code,
	message: { de: `${LABELS[field]?.de ?? field}: ${de}`, en: `${LABELS[field]?.en ?? field}: ${en}` }
});

/** Checks the form; `website` is the honeypot (people never see it, so any value means a bot). */
export function validateInquiry(body: Record<string, unknown>): { ok: true; input: InquiryInput; honeypot: boolean } | { ok: false; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const text = (key: keyof typeof INQUIRY_LIMITS, required: boolean): string | null => {
		const v = body[key];
		if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
			if (required) errors.push(fieldError(key, 'required', 'Angabe fehlt.', 'value required.'));
			return null;
		}
		if (typeof v !== 'string') {
			errors.push(fieldError(key, 'not_text', 'Text erwartet.', 'text expected.'));
			return null;
		}
		const s = v.trim();
		if (s.length > INQUIRY_LIMITS[key]) {
			errors.push(fieldError(key, 'too_long', `höchstens ${INQUIRY_LIMITS[key]} Zeichen.`, `at most ${INQUIRY_LIMITS[key]} characters.`));
			return null;
		}
		return s;
	};
	const site_id = text('site_id', true);
	const name = text('name', true);
	const company = text('company', true);
	const email = text('email', true);
	const phone = text('phone', false);
	const message = text('message', true);
	if (email !== null && !isEmail(email)) errors.push(fieldError('email', 'invalid_email', 'keine gültige E-Mail-Adresse.', 'not a valid e-mail address.'));
	if (phone !== null && !/^\+?[0-9][0-9 ()/.-]{2,38}$/.test(phone)) errors.push(fieldError('phone', 'invalid_phone', 'keine gültige Telefonnummer.', 'not a valid phone number.'));
	if (message !== null && message.length < 10) errors.push(fieldError('message', 'too_short', 'mindestens 10 Zeichen.', 'at least 10 characters.'));
	if (body.consent !== true && body.consent !== 'true' && body.consent !== 'on') {
		errors.push(fieldError('consent', 'required', 'Bitte der Verarbeitung der Angaben zustimmen.', 'please agree to the processing of your details.'));
	}
	const lang = body.lang === 'en' ? 'en' : 'de';
	const honeypot = typeof body.website === 'string' && body.website.trim() !== '';
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, input: { site_id: site_id!, name: name!, company: company!, email: email!, phone, message: message!, lang }, honeypot };
}

export class Inquiries {
	private readonly content: ContentDb;
	readonly retentionDays: number;
	constructor(content: ContentDb, retentionDays = DEFAULT_INQUIRY_RETENTION_DAYS) {
		this.content = content;
		this.retentionDays = retentionDays;
		// Databases from before the retention period have no closing date: add it, and count their
		// closed inquiries as closed at their last change (the closest date on record).
		const columns = this.content.db.prepare('PRAGMA table_info(inquiries)').all() as { name: string }[];
		if (!columns.some((c) => c.name === 'closed_at')) {
			this.content.tx(() => {
				this.content.db.exec('ALTER TABLE inquiries ADD COLUMN closed_at TEXT');
				this.content.db.exec("UPDATE inquiries SET closed_at = updated_at WHERE status = 'closed'");
			});
		}
	}

	private toRow(r: Record<string, unknown>): InquiryRow {
		const closedAt = typeof r.closed_at === 'string' ? r.closed_at : null;
		return {
			...(r as unknown as InquiryRow),
			notes: JSON.parse(String(r.notes)) as InquiryRow['notes'],
			closed_at: closedAt,
			deletes_at: closedAt ? new Date(Date.parse(closedAt) + this.retentionDays * DAY_MS).toISOString() : null
		};
	}

	/**
	 * Deletes the closed inquiries whose retention period has ended (run at start and daily) and
	 * notes it in the audit log (ids and count only: the log must not keep what was deleted).
	 */
	purgeExpired(): number {
		const cutoff = new Date(this.content.now().getTime() - this.retentionDays * DAY_MS).toISOString();
		return this.content.tx(() => {
			const ids = (this.content.db.prepare("SELECT id FROM inquiries WHERE status = 'closed' AND closed_at IS NOT NULL AND closed_at <= ? ORDER BY id").all(cutoff) as { id: number }[]).map(
				(r) => r.id
			);
			if (ids.length === 0) return 0;
			this.content.db.prepare("DELETE FROM inquiries WHERE status = 'closed' AND closed_at IS NOT NULL AND closed_at <= ?").run(cutoff);
			this.content.audit(null, 'inquiry.purge', null, { count: ids.length, ids, retention_days: this.retentionDays, closed_before: cutoff }, null);
			return ids.length;
		});
	}

	add(input: InquiryInput, siteName: string, mailStatus: string): InquiryRow {
		const at = this.content.nowIso();
		return this.content.tx(() => {
			const r = this.content.db
				.prepare(
					'INSERT INTO inquiries (created_at, site_id, site_name, name, company, email, phone, message, lang, mail_status, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)'
				)
				.run(at, input.site_id, siteName, input.name, input.company, input.email, input.phone, input.message, input.lang, mailStatus, at);
			this.content.audit(null, 'inquiry.received', input.site_id, { id: Number(r.lastInsertRowid) }, null);
			return this.get(Number(r.lastInsertRowid))!;
		});
	}

	get(id: number): InquiryRow | null {
		const r = this.content.db.prepare('SELECT * FROM inquiries WHERE id = ?').get(id) as Record<string, unknown> | undefined;
		return r ? this.toRow(r) : null;
	}

	list(status?: InquiryStatus): InquiryRow[] {
		const rows = status
			? this.content.db.prepare('SELECT * FROM inquiries WHERE status = ? ORDER BY id DESC').all(status)
			: this.content.db.prepare('SELECT * FROM inquiries ORDER BY id DESC').all();
		return (rows as Record<string, unknown>[]).map((r) => this.toRow(r));
	}

	setMailStatus(id: number, status: string): void {
		this.content.db.prepare('UPDATE inquiries SET mail_status = ? WHERE id = ?').run(status, id);
	}

	update(id: number, change: { status?: InquiryStatus; note?: string }, by: string, address: string): InquiryRow | null {
		return this.content.tx(() => {
			const cur = this.get(id);
			if (!cur) return null;
			const now = this.content.nowIso();
			const notes = change.note ? [...cur.notes, { at: now, by, text: change.note }] : cur.notes;
			const status = change.status ?? cur.status;
			// The retention period runs from the closing; reopening stops it, closing again restarts it.
			const closedAt = status !== 'closed' ? null : cur.status === 'closed' ? cur.closed_at : now;
			this.content.db.prepare('UPDATE inquiries SET status = ?, notes = ?, updated_at = ?, closed_at = ? WHERE id = ?').run(status, JSON.stringify(notes), now, closedAt, id);
			this.content.audit(by, 'inquiry.update', String(id), { status: change.status ?? null, note: change.note ? true : false }, address);
			return this.get(id);
		});
	}
}
