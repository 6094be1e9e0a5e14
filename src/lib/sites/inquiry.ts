/**
 * The inquiry form's fields, limits and checks, shared by the page (checks before sending) and the
 * server action (the same checks when the form is posted without script). The API checks again and
 * has the last word; its per-field answers are mapped onto the same messages.
 */
import type { I18nText, Lang } from '../data/model.ts';
import type { SiteStringKey } from '../i18n/sites.ts';

export const INQUIRY_FIELDS = ['name', 'company', 'email', 'phone', 'message', 'consent'] as const;
export type InquiryField = (typeof INQUIRY_FIELDS)[number];

/** The hidden field people never see; bots that fill every field give themselves away. */
export const HONEYPOT_FIELD = 'website';

export const INQUIRY_LIMITS: Record<Exclude<InquiryField, 'consent'>, number> = { name: 200, company: 200, email: 200, phone: 40, message: 5000 };
export const MESSAGE_MIN = 10;

export interface InquiryValues {
	site: string;
	name: string;
	company: string;
	email: string;
	phone: string;
	message: string;
	consent: boolean;
	lang: Lang;
	honeypot: string;
}

export interface FieldError {
	key: SiteStringKey;
	vars?: Record<string, string | number>;
	/** the API's own wording in both languages, preferred over `key` when present */
	text?: I18nText;
}

export type InquiryErrors = Partial<Record<InquiryField, FieldError>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()/.-]{2,38}$/;

export function validateInquiry(v: InquiryValues): InquiryErrors {
	const errors: InquiryErrors = {};
	for (const field of ['name', 'company', 'email', 'message'] as const) {
		if (v[field].trim() === '') errors[field] = { key: 'errRequired' };
	}
	for (const field of ['name', 'company', 'email', 'phone', 'message'] as const) {
		if (v[field].length > INQUIRY_LIMITS[field]) errors[field] = { key: 'errTooLong', vars: { max: INQUIRY_LIMITS[field] } };
	}
	if (!errors.message && v.message.trim().length < MESSAGE_MIN) errors.message = { key: 'errTooShort', vars: { min: MESSAGE_MIN } };
	if (!errors.email && !EMAIL.test(v.email.trim())) errors.email = { key: 'errEmail' };
	if (!errors.phone && v.phone.trim() !== '' && !PHONE.test(v.phone.trim())) errors.phone = { key: 'errPhone' };
	if (!v.consent) errors.consent = { key: 'errConsent' };
	return errors;
}

/** Maps the API's answer about one field (its `parameter` and English `detail`) onto the page's message. */
export function apiFieldError(detail: string): FieldError {
	const d = detail.toLowerCase();
	if (/consent/.test(d)) return { key: 'errConsent' };
	if (/required|missing|empty/.test(d)) return { key: 'errRequired' };
	const max = /at most (\d+)/.exec(d);
	if (max || /too long/.test(d)) return { key: 'errTooLong', vars: { max: max ? Number(max[1]) : '…' } };
	if (/e-?mail/.test(d)) return { key: 'errEmail' };
	if (/phone/.test(d)) return { key: 'errPhone' };
	return { key: 'errInvalid' };
}

export function isInquiryField(name: string): name is InquiryField {
	return (INQUIRY_FIELDS as readonly string[]).includes(name);
}

export interface ApiErrorBody {
	error?: string;
	detail?: string;
	parameter?: string;
	/** per-field problems with their wording in both languages */
	fields?: { field: string; code?: string; message?: I18nText }[];
}

/** Maps an API refusal onto per-field messages (the API's own de/en wording where it gives one). */
export function errorsFromApi(body: ApiErrorBody): InquiryErrors {
	const errors: InquiryErrors = {};
	const list = body.fields?.length ? body.fields : body.parameter ? [{ field: body.parameter, message: undefined as I18nText | undefined }] : [];
	for (const e of list) {
		if (!isInquiryField(e.field) || errors[e.field]) continue;
		errors[e.field] = { ...apiFieldError(`${e.code ?? ''} ${e.message?.en ?? body.detail ?? ''}`), ...(e.message ? { text: e.message } : {}) };
	}
	return errors;
}


/** The JSON body the API takes. */
export function inquiryBody(v: InquiryValues): Record<string, unknown> {
	return {
		site_id: v.site,
		name: v.name.trim(),
		company: v.company.trim(),
		email: v.email.trim(),
		...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
		message: v.message.trim(),
		consent: v.consent,
		lang: v.lang,
		[HONEYPOT_FIELD]: v.honeypot
	};
}

