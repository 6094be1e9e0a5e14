/** The site page's inquiry: read from a posted form, checked, and handed to the API (POST /api/inquiries). */
import { api } from '../api/instance.ts';
import type { Lang } from '../../data/model.ts';
import { HONEYPOT_FIELD, errorsFromApi, inquiryBody, validateInquiry } from '../../sites/inquiry.ts';
import type { ApiErrorBody, InquiryErrors, InquiryValues } from '../../sites/inquiry.ts';
import type { SiteStringKey } from '../../i18n/sites.ts';

export function readInquiry(form: FormData, site: string, lang: Lang): { values: InquiryValues } {
	const text = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : '';
	};
	return {
		values: {
			site,
			name: text('name'),
			company: text('company'),
			email: text('email'),
			phone: text('phone'),
			message: text('message'),
			consent: form.get('consent') === 'on' || form.get('consent') === 'true',
			lang,
			honeypot: text(HONEYPOT_FIELD)
		}
	};
}

export type InquiryResult = { ok: true } | { ok: false; status: number; errors: InquiryErrors; message: SiteStringKey };

export async function sendInquiry({ values }: { values: InquiryValues }, from: { origin: string; address: string }): Promise<InquiryResult> {
	const local = validateInquiry(values);
	if (Object.keys(local).length) return { ok: false, status: 422, errors: local, message: 'inquiryErrors' };
	// Handed to the API in-process, as the visitor's own request from this site (origin and address).
	const request = new Request(`${from.origin}/api/inquiries`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: from.origin },
		body: JSON.stringify(inquiryBody(values))
	});
	const res = await api.fetch(request, { clientAddress: from.address });
	if (res.ok) return { ok: true };
	const body = (await res.json().catch(() => ({}))) as ApiErrorBody;
	if (res.status === 429) return { ok: false, status: 429, errors: {}, message: 'inquiryRateLimited' };
	const errors = errorsFromApi(body);
	if (res.status >= 400 && res.status < 500 && Object.keys(errors).length) return { ok: false, status: res.status, errors, message: 'inquiryErrors' };
	return { ok: false, status: res.status >= 500 ? 503 : res.status, errors: {}, message: 'inquiryFailed' };
}
