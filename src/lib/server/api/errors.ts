/**
 * Every error leaves the API as JSON `{ error, detail, parameter? }` with a 4xx/5xx status, so that
 * embedding partners and the UI can show what went wrong without parsing HTML.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
	readonly status: ContentfulStatusCode;
	readonly code: string;
	readonly parameter: string | undefined;
	constructor(status: ContentfulStatusCode, code: string, detail: string, parameter?: string) {
		super(detail);
		this.status = status;
		this.code = code;
		this.parameter = parameter;
	}
}

export const badParam = (parameter: string, detail: string) => new ApiError(400, 'invalid_parameter', detail, parameter);
export const notFound = (detail: string) => new ApiError(404, 'not_found', detail);

export function errorBody(code: string, detail: string, parameter?: string) {
	return parameter ? { error: code, detail, parameter } : { error: code, detail };
}

export function sendError(c: Context, e: ApiError) {
	return c.json(errorBody(e.code, e.message, e.parameter), e.status);
}
