/**
 * The back office's calls to /api/admin/*: same-origin fetches that carry the session cookie; every
 * answer comes back as { ok, status, body } so pages can show the API's per-field messages in place.
 */
import type { I18nText } from '../data/model.ts';

export interface FieldProblem {
	field: string;
	code: string;
	message: I18nText;
}

export interface ApiAnswer<T> {
	ok: boolean;
	status: number;
	body: T & { error?: string; detail?: string; parameter?: string; fields?: FieldProblem[] };
}

export async function adminApi<T = Record<string, unknown>>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiAnswer<T>> {
	const res = await fetch(path, {
		method: init.method ?? 'GET',
		credentials: 'same-origin',
		headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const body = (await res.json().catch(() => ({ error: 'invalid_response', detail: `HTTP ${res.status}` }))) as ApiAnswer<T>['body'];
	return { ok: res.ok, status: res.status, body };
}

/** Per-field messages of a 422, keyed by field. */
export function fieldMessages(answer: ApiAnswer<unknown>): Record<string, I18nText> {
	const out: Record<string, I18nText> = {};
	for (const f of answer.body.fields ?? []) if (!out[f.field]) out[f.field] = f.message;
	return out;
}

export interface AdminLayer {
	id: string;
	theme: string;
	categories: { value: string; label: I18nText }[];
	idPrefix: string;
	label: I18nText;
	geometries: string[];
	fields: Record<string, import('../themes/registry.ts').Field[]>;
	shown: Record<string, import('../themes/registry.ts').Field[]>;
}

export type Value = string | number | boolean | null;

export interface AdminItem {
	id: string;
	layer: string;
	theme: string;
	category: string;
	name: string;
	geometry: GeoJSON.Geometry;
	values: Record<string, Value>;
	published: boolean;
	deleted: boolean;
	version: number;
	approx: boolean;
	municipality: string | null;
	district: string | null;
	updated_at: string;
	updated_by: string;
}

export interface VersionRow {
	version: number;
	at: string;
	by: string;
	action: string;
	changes: { field: string; from: unknown; to: unknown }[];
}
