/**
 * Inquiries from a site page: validated with a named error per field, stored before the answer,
 * then (when SMTP is configured) mailed to the site's contact. The inbox keeps status and notes.
 */
import type { ContentDb } from './content-db.ts';
import type { FieldError } from './validate-item.ts';
import { isEmail } from './validate-item.ts';
import type { I18nText } from '../../data/model.ts';

export const INQUIRY_STATUSES = ['new', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

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
	constructor(content: ContentDb) {
		this.content = content;
	}

	private toRow(r: Record<string, unknown>): InquiryRow {
		return { ...(r as unknown as InquiryRow), notes: JSON.parse(String(r.notes)) as InquiryRow['notes'] };
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
			const notes = change.note ? [...cur.notes, { at: this.content.nowIso(), by, text: change.note }] : cur.notes;
			this.content.db
				.prepare('UPDATE inquiries SET status = ?, notes = ?, updated_at = ? WHERE id = ?')
				.run(change.status ?? cur.status, JSON.stringify(notes), this.content.nowIso(), id);
			this.content.audit(by, 'inquiry.update', String(id), { status: change.status ?? null, note: change.note ? true : false }, address);
			return this.get(id);
		});
	}
}
