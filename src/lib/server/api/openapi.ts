/**
 * The OpenAPI 3.1 description of the API, generated from the route definitions (createRoute with
 * the zod schemas the routes validate with), and a small readable page built from it. A route that
 * is not declared this way is not in the document; tests/api/openapi.test.ts compares both.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { RouteConfig } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { badParam } from './errors.ts';
import { ErrorSchema } from '../../api/schemas.ts';

/** The session cookie the back office sets at login (see admin/back-office.ts). */
export const SESSION_SECURITY = [{ session: [] }];

/**
 * Failed request validation in the API's own shape: 400 `{ error: 'invalid_parameter', detail,
 * parameter }` naming the first problem. An unknown parameter is named before anything else, as a
 * typo must not read as a wrong value of another parameter.
 */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError }): void {
	if (result.success) return;
	const issues = result.error.issues;
	const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
	if (issue.code === 'unrecognized_keys') {
		const key = String(issue.keys[0]);
		throw badParam(key, `unknown parameter "${key.slice(0, 40)}"`);
	}
	throw badParam(String(issue.path[0] ?? 'query'), issue.message);
}

/** A router whose declared routes validate into the API's error shape and appear in the document. */
export function apiRouter<E extends Env>(): OpenAPIHono<E> {
	return new OpenAPIHono<E>({ defaultHook: (result) => validationHook(result) });
}

/**
 * The router path of a documented path: `{name}` is a path parameter; `{name}.ext` matches one path
 * segment ending in `.ext` (the router cannot match a literal suffix after a plain parameter, so the
 * parameter keeps the suffix and the handler strips it).
 */
export function routingPath(docPath: string): string {
	return docPath.replace(/\{(\w+)\}\.(\w+)/g, (_, name: string, ext: string) => `:${name}{[^/]+\\.${ext}}`).replace(/\{(\w+)\}/g, ':$1');
}

/** The documented path of a router path (the inverse of routingPath). */
export function documentedPath(routerPath: string): string {
	return routerPath.replace(/:(\w+)\{\[\^\/\]\+\\\.(\w+)\}/g, '{$1}.$2').replace(/:(\w+)/g, '{$1}');
}

/** A JSON error answer in the API's shape, for a route's responses. */
export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** A JSON answer with its schema, for a route's responses. */
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

/** A file download: its media type(s), documented without a schema for the bytes. */
export const fileResponse = (description: string, ...types: string[]) => ({
	description,
	content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' as const } }]))
});

/** Errors every data route may answer besides its own. */
export const COMMON_ERRORS = {
	429: errorResponse('too many requests from this address (see Retry-After)'),
	503: errorResponse('the data are missing or damaged')
} as const;

/** Registers a route in the document only (for routes that cannot be declared with createRoute). */
export function documentOnly<E extends Env>(app: OpenAPIHono<E>, route: RouteConfig): void {
	app.openAPIRegistry.registerPath(route);
}

const INFO = {
	title: 'Standortkarte Nordthüringen – Geodaten-API',
	version: '1',
	description:
		'Geodata API of the Standortkarte Nordthüringen (Landkreis Nordhausen, Kyffhäuserkreis, Unstrut-Hainich-Kreis). Every response carries the sources and their attribution. Errors are JSON: `{ error, detail, parameter? }`. Routes marked with the `session` security need a back-office login (cookie set by POST /api/admin/login) and come from the same site only.'
};

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/** The document of an app; built once per app, as the routes do not change while it runs. */
const documents = new WeakMap<object, Document>();
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>): Document {
	let doc = documents.get(app);
	if (!doc) {
		app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
			type: 'apiKey',
			in: 'cookie',
			name: 'nt_session',
			description: 'back-office session (POST /api/admin/login); mutations also need a same-site Origin'
		});
		doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO });
		documents.set(app, doc);
	}
	return doc;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface DocParameter {
	name: string;
	in: string;
	required?: boolean;
	description?: string;
}
interface DocOperation {
	summary?: string;
	description?: string;
	parameters?: DocParameter[];
	security?: unknown[];
}

export function apiDocsHtml(doc: Document): string {
	const rows = Object.entries(doc.paths ?? {})
		.flatMap(([p, ops]) =>
			Object.entries(ops as Record<string, DocOperation>)
				.filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
				.map(([method, op]) => {
					const params = (op.parameters ?? [])
						.map((x) => `<li><code>${esc(x.name)}</code> (${esc(x.in)}${x.required ? ', required' : ''})${x.description ? ` – ${esc(x.description)}` : ''}</li>`)
						.join('');
					const session = op.security?.length ? '<p><em>Back office: needs a session.</em></p>' : '';
					return `<section><h2><code>${method.toUpperCase()} ${esc(p)}</code></h2><p>${esc(op.summary ?? '')}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}${session}${params ? `<ul>${params}</ul>` : ''}</section>`;
				})
		)
		.join('\n');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a202c}code{background:#edf2f7;padding:0 .2em;border-radius:3px}section{border-top:1px solid #e2e8f0;padding:.5rem 0}h2{font-size:1.05rem}</style></head>
<body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>${rows}</body></html>`;
}

export { z };
