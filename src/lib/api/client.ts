/**
 * The browser's one way to the public API. Every call takes an AbortSignal and never throws: it
 * answers `{ ok: true, data }` or `{ ok: false, … }` with the server's own JSON message, so a page can
 * say what went wrong and tell a refused request from a lost connection or one it cancelled itself.
 * (The back office's calls with the session cookie stay in src/lib/admin/client.ts.)
 */
import type { Lang } from '../data/model.ts';
import type {
	ErrorResponse,
	FeatureResponse,
	FeaturesResponse,
	GoalsResponse,
	InquiryResponse,
	LiveThemeResponse,
	NearestResponse,
	RegionResponse,
	SearchResponse
} from './types.ts';

export interface ApiFailure {
	ok: false;
	/** the HTTP status; 0 when no answer came (no connection, or the request was aborted) */
	status: number;
	/** the server's error code, or `network`, `aborted`, `invalid_response` */
	error: string;
	/** the server's message (English, for the log and for developers embedding the map) */
	detail: string;
	parameter?: string;
	/** the whole error answer where the server sent one (per-field problems of a refused write) */
	body: ErrorResponse | null;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export interface RequestOptions {
	signal?: AbortSignal;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export const ABORTED: ApiFailure = Object.freeze({ ok: false, status: 0, error: 'aborted', detail: 'the request was cancelled', body: null });

/** True for the answer of a request that was cancelled, e.g. because a newer one replaced it. */
export function isAborted(result: ApiResult<unknown>): boolean {
	return !result.ok && result.error === 'aborted';
}

function query(params: Record<string, string | number | undefined>): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
	const s = q.toString();
	return s ? `?${s}` : '';
}

function isErrorResponse(body: unknown): body is ErrorResponse {
	return typeof body === 'object' && body !== null && typeof (body as ErrorResponse).error === 'string';
}

export function createApiClient(fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
	async function request<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
		const signal = init.signal ?? undefined;
		if (signal?.aborted) return ABORTED;
		let res: Response;
		try {
			res = await fetchImpl(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
		} catch (e) {
			if (signal?.aborted || (e as Error).name === 'AbortError') return ABORTED;
			return { ok: false, status: 0, error: 'network', detail: (e as Error).message || 'no connection', body: null };
		}
		let body: unknown;
		try {
			body = await res.json();
		} catch {
			if (signal?.aborted) return ABORTED;
			return { ok: false, status: res.status, error: 'invalid_response', detail: `HTTP ${res.status} without a JSON body`, body: null };
		}
		// An answer that arrives after its request was cancelled is never used, even if fetch ignored the signal.
		if (signal?.aborted) return ABORTED;
		if (res.ok) return { ok: true, status: res.status, data: body as T };
		if (isErrorResponse(body)) {
			return { ok: false, status: res.status, error: body.error, detail: body.detail ?? '', ...(body.parameter ? { parameter: body.parameter } : {}), body };
		}
		return { ok: false, status: res.status, error: 'invalid_response', detail: `HTTP ${res.status}`, body: null };
	}

	const get = <T>(path: string, opts: RequestOptions = {}) => request<T>(path, { signal: opts.signal });

	return {
		search: (q: string, lang: Lang, limit: number, opts?: RequestOptions) => get<SearchResponse>(`/api/search${query({ q, lang, limit })}`, opts),
		/** one feature; with `lang`, its source lines in that language */
		feature: (id: string, lang?: Lang, opts?: RequestOptions) => get<FeatureResponse>(`/api/features/${encodeURIComponent(id)}${query({ lang })}`, opts),
		/** one page of a theme's features; `cursor` is the previous page's next_cursor */
		features: (theme: string, page: { limit?: number; cursor?: string | null }, opts?: RequestOptions) =>
			get<FeaturesResponse>(`/api/features${query({ theme, limit: page.limit, cursor: page.cursor ?? undefined })}`, opts),
		nearest: (lon: number, lat: number, opts?: RequestOptions) => get<NearestResponse>(`/api/nearest${query({ lon, lat })}`, opts),
		region: (ags: string, opts?: RequestOptions) => get<RegionResponse>(`/api/regions/${encodeURIComponent(ags)}`, opts),
		goals: (opts?: RequestOptions) => get<GoalsResponse>('/api/goals', opts),
		live: (theme: string, opts?: RequestOptions) => get<LiveThemeResponse>(`/api/live/${encodeURIComponent(theme)}`, opts),
		sendInquiry: (body: Record<string, unknown>, opts?: RequestOptions) =>
			request<InquiryResponse>('/api/inquiries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: opts?.signal })
	};
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The client the pages use. */
export const api: ApiClient = createApiClient();

/**
 * One request at a time for one purpose (the search box's suggestions, the open card, …): starting a
 * new one aborts the one before, and the earlier one's answer comes back as ABORTED even when it
 * arrives last, so a slow old answer can never replace a newer one.
 */
export class LatestRequest {
	#current: AbortController | null = null;

	async run<T>(start: (signal: AbortSignal) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
		this.#current?.abort();
		const controller = new AbortController();
		this.#current = controller;
		const result = await start(controller.signal);
		if (controller.signal.aborted) return ABORTED;
		if (this.#current === controller) this.#current = null;
		return result;
	}

	/** Cancels the request in flight (a closed card, a search box emptied, a page left). */
	abort(): void {
		this.#current?.abort();
		this.#current = null;
	}
}
