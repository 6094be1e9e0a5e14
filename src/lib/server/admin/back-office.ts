/**
 * The back office's API (/api/admin/*) and the public routes that write or read back-office content
 * (/api/inquiries, /api/live/<theme>). Every mutation needs this site's Origin, is rate-limited per
 * address, and (except the inquiry form) a session with the right role.
 */
import type { Hono, Context, MiddlewareHandler } from 'hono';
import { createRoute, z } from '@hono/zod-openapi';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../api/app.ts';
import { ApiError, badParam, notFound } from '../api/errors.ts';
import { EDITABLE_LAYERS, FIELD_GROUPS, editableFieldsFor, editableLayerOf, fieldsFor, getTheme, isThemeId } from '../../themes/registry.ts';
import type { EditableLayer, Theme } from '../../themes/registry.ts';
import type { Provenance } from '../../data/model.ts';
import { ContentConflict, ContentDb, ContentNotFound, JUNCTION_SOURCE_ID, layerById } from './content-db.ts';
import type { Actor, ContentDbOptions } from './content-db.ts';
import { Accounts, SESSION_IDLE_MS } from './accounts.ts';
import type { Role, User } from './accounts.ts';
import { passwordProblem } from './passwords.ts';
import { validateItem, isEmail } from './validate-item.ts';
import type { FieldError } from './validate-item.ts';
import { Inquiries, INQUIRY_STATUSES, validateInquiry } from './inquiries.ts';
import type { InquiryStatus } from './inquiries.ts';
import { smtpMailer } from './mailer.ts';
import type { Mailer } from './mailer.ts';
import { applyImport, exportCsv, exportGeoJson, MAX_IMPORT_BYTES, previewImport } from './transfer.ts';
import { clientAddress, perAddressLimit, sameOriginOnly } from './request-guards.ts';
import { stringify } from 'csv-stringify/sync';
import { apiRouter, documentOnly, errorResponse, jsonResponse, SESSION_SECURITY } from '../api/openapi.ts';
import { langParam } from '../api/params.ts';
import { InquiryCreatedSchema, LiveThemeResponseSchema } from '../../api/schemas.ts';
import { INQUIRY_LIMITS } from './inquiries.ts';

export const SESSION_COOKIE = 'nt_session';

export interface BackOfficeOptions extends Pick<ContentDbOptions, 'now' | 'onSaveStep'> {
	/** the content database (NT_CONTENT_DB, default var/content.sqlite) */
	contentDbFile: string;
	/** the seed folder (initial content and the municipality boundaries) */
	seedDir: string;
	/** SMTP URL for inquiry mails (NT_SMTP_URL); without it inquiries wait in the inbox */
	smtpUrl?: string | null;
	/** sender of inquiry mails (NT_SMTP_FROM) */
	mailFrom?: string;
	/** a mailer to use instead of SMTP (tests) */
	mailer?: Mailer;
	/** public origins allowed to send mutations besides the request's own (NT_PUBLIC_URL) */
	allowedOrigins?: string[];
	/** take the client address from X-Forwarded-For (NT_TRUST_PROXY=1) */
	trustProxy?: boolean;
	/** always mark the session cookie Secure (otherwise only when the request came over HTTPS) */
	secureCookies?: boolean;
	/** days a closed inquiry is kept before it is deleted (NT_INQUIRY_RETENTION_DAYS; default 180) */
	inquiryRetentionDays?: number;
	/** how often expired inquiries are purged after the purge at start (default daily) */
	inquiryPurgeEveryMs?: number;
	/** per-address limits per window; defaults suit people, tests lower them */
	limits?: { windowMs?: number; login?: number; mutations?: number; inquiries?: number };
}

export type AdminEnv = { Variables: AppEnv['Variables'] & { user: User; address: string } };

export interface BackOffice {
	content: ContentDb;
	accounts: Accounts;
	inquiries: Inquiries;
	routes: Hono<AppEnv>;
}

function invalidFields(errors: FieldError[]): ApiError & { fields: FieldError[] } {
	const e = new ApiError(422, 'invalid_fields', `${errors.length} field(s) invalid: ${[...new Set(errors.map((x) => x.field))].join(', ')}`, errors[0]?.field) as ApiError & {
		fields: FieldError[];
	};
	e.fields = errors;
	return e;
}

/** Field errors travel in the JSON body next to the usual `{ error, detail, parameter }`. */
function sendApiError(c: Context, e: ApiError) {
	const body: Record<string, unknown> = { error: e.code, detail: e.message };
	if (e.parameter) body.parameter = e.parameter;
	const fields = (e as ApiError & { fields?: FieldError[] }).fields;
	if (fields) body.fields = fields;
	const extra = (e as ApiError & { extra?: Record<string, unknown> }).extra;
	if (extra) Object.assign(body, extra);
	return c.json(body, e.status);
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
	const type = c.req.header('content-type') ?? '';
	if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
		const form = await c.req.parseBody();
		return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v : null]));
	}
	let body: unknown;
	try {
		body = await c.req.json();
	} catch {
		throw new ApiError(400, 'invalid_body', 'the request body must be a JSON object');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'invalid_body', 'the request body must be a JSON object');
	return body as Record<string, unknown>;
}

const limitBody = (maxSize: number) =>
	bodyLimit({
		maxSize,
		onError: (c) => c.json({ error: 'payload_too_large', detail: `the request body may be at most ${Math.round(maxSize / 1024)} KB` }, 413)
	});

function layerParam(raw: unknown, name = 'layer'): EditableLayer {
	const layer = typeof raw === 'string' ? layerById(raw) : undefined;
	if (!layer) throw badParam(name, `${name} must be one of ${EDITABLE_LAYERS.map((l) => l.id).join(', ')}`);
	return layer;
}

function versionParam(raw: unknown, name: string, required: boolean): number | undefined {
	if (raw === undefined || raw === null) {
		if (required) throw badParam(name, `${name} is required`);
		return undefined;
	}
	if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) throw badParam(name, `${name} must be a positive integer`);
	return raw;
}

/**
 * The back office's routes as the API description lists them: each needs a session (the admin role
 * where marked) except the login. tests/api/openapi.test.ts compares this list with the routes.
 */
const ADMIN_ROUTES: readonly [method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, summary: string, access?: 'admin' | 'login'][] = [
	['post', '/api/admin/login', 'Log in with e-mail and password; sets the session cookie', 'login'],
	['post', '/api/admin/logout', 'Log out (ends the session)'],
	['get', '/api/admin/me', 'The logged-in user and the idle timeout'],
	['get', '/api/admin/layers', 'Editable layers with their categories and form fields'],
	['get', '/api/admin/items', 'Entries, filtered by layer, status (published, draft, deleted) and text'],
	['post', '/api/admin/items', 'Create an entry (draft or published)'],
	['get', '/api/admin/items/{id}', 'One entry'],
	['put', '/api/admin/items/{id}', 'Change an entry (with the version it was read at)'],
	['delete', '/api/admin/items/{id}', 'Delete an entry (kept in its history)'],
	['post', '/api/admin/items/{id}/publish', 'Publish an entry'],
	['post', '/api/admin/items/{id}/unpublish', 'Withdraw an entry from the map'],
	['get', '/api/admin/items/{id}/history', 'The changes of an entry: who, when, what'],
	['post', '/api/admin/items/{id}/restore', 'Restore an earlier version of an entry'],
	['post', '/api/admin/import/preview', 'Check a CSV or GeoJSON import: what would be created, changed, refused'],
	['post', '/api/admin/import/apply', 'Apply a checked import, all or nothing'],
	['get', '/api/admin/export', 'The entries of a layer as CSV or GeoJSON'],
	['get', '/api/admin/junctions', 'The motorway junction layer and its source'],
	['put', '/api/admin/junctions/source', 'Set the source of the motorway junction layer'],
	['get', '/api/admin/inquiries', 'The inquiry inbox, filtered by status'],
	['get', '/api/admin/inquiries/export', 'The inquiries as CSV'],
	['get', '/api/admin/inquiries/{id}', 'One inquiry'],
	['patch', '/api/admin/inquiries/{id}', 'Set the status of an inquiry and add a note'],
	['get', '/api/admin/users', 'Back-office accounts', 'admin'],
	['post', '/api/admin/users', 'Create an account', 'admin'],
	['patch', '/api/admin/users/{id}', 'Change role, password or status of an account', 'admin'],
	['get', '/api/admin/settings', 'Settings (fallback address for inquiries)', 'admin'],
	['put', '/api/admin/settings', 'Change the settings', 'admin'],
	['get', '/api/admin/audit', 'The audit log', 'admin'],
];

/** What every back-office route may answer besides its own result. */
const SESSION_RESPONSES = {
	200: { description: 'done (JSON, or a file for exports)' },
	400: errorResponse('invalid parameter or field'),
	401: errorResponse('no session or session expired'),
	403: errorResponse('missing role, or the request came from another site'),
	404: errorResponse('no such entry'),
	409: errorResponse('changed by someone else meanwhile'),
	413: errorResponse('body too large'),
	429: errorResponse('too many changes from this address')
};
const SESSION_RESPONSES_LOGIN = {
	200: { description: 'logged in; the session cookie is set' },
	400: errorResponse('email or password missing'),
	401: errorResponse('e-mail or password is wrong'),
	403: errorResponse('request from another site'),
	429: errorResponse('too many failed logins (see Retry-After)')
};

const text = (max: number, description: string) => z.string().max(max).meta({ description });
const InquirySchema = z
	.object({
		site_id: text(INQUIRY_LIMITS.site_id, 'id of a commercial site'),
		name: text(INQUIRY_LIMITS.name, 'name'),
		company: text(INQUIRY_LIMITS.company, 'company'),
		email: text(INQUIRY_LIMITS.email, 'e-mail address'),
		phone: text(INQUIRY_LIMITS.phone, 'phone number').optional(),
		message: text(INQUIRY_LIMITS.message, 'at least 10 characters'),
		consent: z.union([z.literal(true), z.literal('true'), z.literal('on')]).meta({ description: 'consent to the processing of the details' }),
		lang: z.enum(['de', 'en']).optional()
	})
	.meta({ id: 'Inquiry' });
const inquiryRoute = {
	method: 'post',
	path: '/api/inquiries',
	summary: 'Inquiry about a commercial site (same-site form); each refused field is named with a German and English message',
	request: {
		body: {
			required: true,
			// The site page's form posts without script as application/x-www-form-urlencoded, with the same fields.
			content: { 'application/json': { schema: InquirySchema }, 'application/x-www-form-urlencoded': { schema: InquirySchema } }
		}
	},
	responses: {
		201: jsonResponse('stored (and mailed to the site contact when configured)', InquiryCreatedSchema),
		403: errorResponse('request from another site'),
		413: errorResponse('body too large'),
		422: errorResponse('invalid fields, each named with a German and English message'),
		429: errorResponse('too many inquiries from this address')
	}
} as const;

const liveRoute = createRoute({
	method: 'get',
	path: '/api/live/{theme}',
	summary: 'Published back-office entries of a theme to draw over the tiles, and the ids they replace',
	request: {
		params: z.object({ theme: z.string().meta({ description: 'Theme id' }) }),
		query: z.strictObject({ lang: langParam })
	},
	responses: {
		200: jsonResponse('FeatureCollection with overridden ids and content_version', LiveThemeResponseSchema),
		400: errorResponse('unknown parameter'),
		404: errorResponse('unknown theme')
	}
});

export function createBackOffice(opts: BackOfficeOptions): BackOffice {
	const content = new ContentDb({ file: opts.contentDbFile, seedDir: opts.seedDir, now: opts.now, onSaveStep: opts.onSaveStep });
	const accounts = new Accounts(content);
	const inquiries = new Inquiries(content, opts.inquiryRetentionDays);
	inquiries.purgeExpired();
	// Daily; unref: the purge never keeps a finished process (a script, a test) alive.
	setInterval(() => inquiries.purgeExpired(), opts.inquiryPurgeEveryMs ?? 24 * 60 * 60 * 1000).unref();
	const mailer: Mailer | null = opts.mailer ?? (opts.smtpUrl ? smtpMailer(opts.smtpUrl, opts.mailFrom ?? 'Standortkarte Nordthüringen <standortkarte@localhost>') : null);
	const windowMs = opts.limits?.windowMs ?? 15 * 60 * 1000;
	const guard = { allowedOrigins: opts.allowedOrigins, trustProxy: opts.trustProxy };
	const app = apiRouter<AdminEnv>();
	for (const [method, path, summary, access] of ADMIN_ROUTES) {
		documentOnly(app, {
			method,
			path,
			tags: ['back office'],
			summary,
			...(access === 'login' ? { responses: SESSION_RESPONSES_LOGIN } : { security: SESSION_SECURITY, responses: SESSION_RESPONSES }),
			...(access === 'admin' ? { description: 'Needs the admin role.' } : {})
		});
	}
	documentOnly(app, inquiryRoute);
	documentOnly(app, {
		method: 'get',
		path: '/api/live',
		summary: 'Back-office edits published since the tiles were built, per theme: features to draw and tile feature ids to hide',
		responses: { 200: { description: '{ content_version, themes: { <theme>: { hidden, features } } }' }, 400: errorResponse('unknown parameter') }
	});

	const actor = (c: Context<AdminEnv>): Actor => ({ user: c.get('user').email, address: c.get('address') });
	const secure = (c: Context) => opts.secureCookies === true || new URL(c.req.url).protocol === 'https:';

	app.onError((err, c) => {
		if (err instanceof ApiError) return sendApiError(c, err);
		if (err instanceof ContentNotFound) return c.json({ error: 'not_found', detail: err.message }, 404);
		if (err instanceof ContentConflict) return c.json({ error: 'conflict', detail: err.message }, 409);
		throw err;
	});

	app.use('/api/admin/*', async (c, next) => {
		c.set('address', clientAddress(c, opts.trustProxy));
		await next();
		c.header('Cache-Control', 'no-store');
	});
	app.use('/api/inquiries', async (c, next) => {
		c.set('address', clientAddress(c, opts.trustProxy));
		await next();
	});
	app.use('/api/admin/*', sameOriginOnly(guard));
	app.use('/api/inquiries', sameOriginOnly(guard));
	app.use('/api/admin/login', perAddressLimit({ ...guard, name: 'login', windowMs, limit: opts.limits?.login ?? 30, onlyMutations: true }));
	app.use('/api/admin/*', perAddressLimit({ ...guard, name: 'admin', windowMs, limit: opts.limits?.mutations ?? 600, onlyMutations: true }));
	app.use('/api/inquiries', perAddressLimit({ ...guard, name: 'inquiry', windowMs, limit: opts.limits?.inquiries ?? 5, onlyMutations: true }));
	app.use('/api/admin/*', limitBody(MAX_IMPORT_BYTES + 64 * 1024));
	app.use('/api/inquiries', limitBody(32 * 1024));

	// ---- session ---------------------------------------------------------------------------------

	app.post('/api/admin/login', async (c) => {
		const body = await jsonBody(c);
		const email = typeof body.email === 'string' ? body.email.trim().slice(0, 200) : '';
		const password = typeof body.password === 'string' ? body.password.slice(0, 300) : '';
		if (!email) throw badParam('email', 'email is required');
		if (!password) throw badParam('password', 'password is required');
		const address = c.get('address');
		const locked = accounts.lockedFor(email, address);
		if (locked > 0) {
			content.audit(email, 'login.locked', null, null, address);
			c.header('Retry-After', String(locked));
			return c.json({ error: 'login_locked', detail: `too many failed logins; try again in ${Math.ceil(locked / 60)} min`, retry_after: locked }, 429);
		}
		const user = await accounts.checkPassword(email, password, address);
		if (!user) {
			content.audit(email, 'login.failure', null, null, address);
			return c.json({ error: 'invalid_credentials', detail: 'e-mail or password is wrong' }, 401);
		}
		const token = accounts.startSession(user.id);
		content.audit(user.email, 'login.success', null, null, address);
		// No Max-Age: a fixed lifetime would end an active session 8 h after login; the server ends idle ones.
		setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: '/' });
		return c.json({ user, idle_timeout_s: SESSION_IDLE_MS / 1000 });
	});

	const requireUser: MiddlewareHandler<AdminEnv> = async (c, next) => {
		const token = getCookie(c, SESSION_COOKIE);
		const user = token ? accounts.sessionUser(token) : null;
		if (!user) throw new ApiError(401, 'unauthenticated', 'log in first (the session is missing or expired)');
		c.set('user', user);
		await next();
	};
	const requireRole =
		(role: Role): MiddlewareHandler<AdminEnv> =>
		async (c, next) => {
			if (c.get('user').role !== role) throw new ApiError(403, 'forbidden', `this needs the ${role} role`);
			await next();
		};

	app.use('/api/admin/*', async (c, next) => {
		if (new URL(c.req.url).pathname === '/api/admin/login') return next();
		return requireUser(c, next);
	});
	app.use('/api/admin/users', requireRole('admin'));
	app.use('/api/admin/users/*', requireRole('admin'));
	app.use('/api/admin/settings', requireRole('admin'));
	app.use('/api/admin/audit', requireRole('admin'));

	app.post('/api/admin/logout', (c) => {
		const token = getCookie(c, SESSION_COOKIE);
		if (token) accounts.endSession(token);
		content.audit(c.get('user').email, 'logout', null, null, c.get('address'));
		deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
		return c.json({ ok: true });
	});

	app.get('/api/admin/me', (c) => c.json({ user: c.get('user'), idle_timeout_s: SESSION_IDLE_MS / 1000 }));

	// ---- layers and entries ------------------------------------------------------------------------

	app.get('/api/admin/layers', (c) =>
		c.json({
			groups: FIELD_GROUPS,
			layers: EDITABLE_LAYERS.map((l) => {
				const theme = getTheme(l.theme) as Theme;
				return {
					...l,
					categories: l.categories.map((value) => ({ value, label: theme.categories?.find((x) => x.value === value)?.label ?? { de: value, en: value } })),
					fields: Object.fromEntries(l.categories.map((cat) => [cat, editableFieldsFor(theme, cat)])),
					shown: Object.fromEntries(l.categories.map((cat) => [cat, fieldsFor(theme, cat)]))
				};
			})
		})
	);

	app.get('/api/admin/items', (c) => {
		const q = c.req.query();
		for (const k of Object.keys(q)) if (!['layer', 'status', 'q'].includes(k)) throw badParam(k, `unknown parameter "${k.slice(0, 40)}"`);
		const layer = q.layer === undefined ? undefined : layerParam(q.layer);
		const status = q.status;
		if (status !== undefined && !['published', 'draft', 'deleted'].includes(status)) throw badParam('status', 'status must be published, draft or deleted');
		if (q.q !== undefined && q.q.length > 100) throw badParam('q', 'q may be at most 100 characters');
		return c.json({ items: content.list({ layer, status: status as 'published' | 'draft' | 'deleted' | undefined, text: q.q }) });
	});

	app.post('/api/admin/items', async (c) => {
		const body = await jsonBody(c);
		const layer = layerParam(body.layer);
		const checked = validateItem(layer, body);
		if (!checked.ok) throw invalidFields(checked.errors);
		const item = content.create(layer, checked.item, actor(c), { publish: body.publish === true });
		return c.json({ item }, 201);
	});

	const itemOr404 = (id: string) => {
		if (id.length > 200) throw badParam('id', 'id is too long');
		const item = content.get(id);
		if (!item) throw notFound(`no entry "${id.slice(0, 80)}"`);
		return item;
	};

	app.get('/api/admin/items/:id', (c) => c.json({ item: itemOr404(c.req.param('id')) }));

	app.put('/api/admin/items/:id', async (c) => {
		const current = itemOr404(c.req.param('id'));
		const body = await jsonBody(c);
		const version = versionParam(body.version, 'version', true);
		const layer = layerById(current.layer)!;
		const checked = validateItem(layer, body);
		if (!checked.ok) throw invalidFields(checked.errors);
		return c.json({ item: content.update(current.id, checked.item, actor(c), version) });
	});

	app.delete('/api/admin/items/:id', (c) => {
		const current = itemOr404(c.req.param('id'));
		return c.json({ item: content.remove(current.id, actor(c)) });
	});

	app.post('/api/admin/items/:id/publish', (c) => c.json({ item: content.setPublished(itemOr404(c.req.param('id')).id, true, actor(c)) }));
	app.post('/api/admin/items/:id/unpublish', (c) => c.json({ item: content.setPublished(itemOr404(c.req.param('id')).id, false, actor(c)) }));

	app.get('/api/admin/items/:id/history', (c) => {
		const item = itemOr404(c.req.param('id'));
		return c.json({ id: item.id, versions: content.history(item.id) });
	});

	app.post('/api/admin/items/:id/restore', async (c) => {
		const item = itemOr404(c.req.param('id'));
		const body = await jsonBody(c);
		const version = versionParam(body.version, 'version', true)!;
		return c.json({ item: content.restore(item.id, version, actor(c)) });
	});

	// ---- import and export ---------------------------------------------------------------------------

	const importArgs = async (c: Context) => {
		const body = await jsonBody(c);
		const layer = layerParam(body.layer);
		if (body.format !== 'csv' && body.format !== 'geojson') throw badParam('format', 'format must be "csv" or "geojson"');
		if (typeof body.content !== 'string' || body.content.length === 0) throw badParam('content', 'content must be the file text');
		if (Buffer.byteLength(body.content) > MAX_IMPORT_BYTES) throw new ApiError(413, 'payload_too_large', `an import may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, 'content');
		return { layer, format: body.format as 'csv' | 'geojson', text: body.content };
	};

	app.post('/api/admin/import/preview', async (c) => {
		const { layer, format, text } = await importArgs(c);
		return c.json(previewImport(content, layer, format, text));
	});

	app.post('/api/admin/import/apply', async (c) => {
		const { layer, format, text } = await importArgs(c);
		const report = applyImport(content, layer, format, text, actor(c));
		if (!report.applied) return c.json({ error: 'invalid_import', detail: `${report.errors.length} problem(s); nothing was imported`, ...report }, 422);
		return c.json(report);
	});

	const attributionOf = (items: { source_id: string }[]) => {
		const sources = content.sources();
		return [...new Set(items.map((i) => i.source_id))]
			.map((id) => sources.get(id))
			.filter((p): p is Provenance => !!p)
			.map((s) => `${s.attribution} (${s.title.de}, Stand ${s.edition}, ${s.licence})`);
	};

	app.get('/api/admin/export', (c) => {
		const q = c.req.query();
		for (const k of Object.keys(q)) if (!['layer', 'format', 'status'].includes(k)) throw badParam(k, `unknown parameter "${k.slice(0, 40)}"`);
		const layer = layerParam(q.layer);
		const format = q.format ?? 'csv';
		if (format !== 'csv' && format !== 'geojson') throw badParam('format', 'format must be "csv" or "geojson"');
		const items = content.list({ layer, status: q.status === 'published' ? 'published' : undefined });
		const stamp = content.nowIso().slice(0, 10);
		c.header('Content-Disposition', `attachment; filename="standortkarte-${layer.id}-${stamp}.${format}"`);
		if (format === 'csv') {
			c.header('Content-Type', 'text/csv; charset=utf-8');
			return c.body(exportCsv(layer, items, attributionOf(items)));
		}
		c.header('Content-Type', 'application/geo+json; charset=utf-8');
		return c.body(exportGeoJson(layer, items, attributionOf(items)));
	});

	// ---- motorway junction layer -----------------------------------------------------------------------

	app.get('/api/admin/junctions', (c) =>
		c.json({ source: content.sources().get(JUNCTION_SOURCE_ID) ?? null, items: content.list({ layer: layerById('motorway_junctions') }) })
	);

	app.put('/api/admin/junctions/source', async (c) => {
		const body = await jsonBody(c);
		const errors: FieldError[] = [];
		const text = (key: string, max: number, required: boolean): string => {
			const v = body[key];
			if (v === undefined || v === null || v === '') {
				if (required) errors.push({ field: key, code: 'required', message: { de: `${key}: Angabe fehlt.`, en: `${key}: value required.` } });
				return '';
			}
			if (typeof v !== 'string' || v.length > max) errors.push({ field: key, code: 'invalid', message: { de: `${key}: Text bis ${max} Zeichen.`, en: `${key}: text up to ${max} characters.` } });
			return typeof v === 'string' ? v.trim() : '';
		};
		const p = {
			title: { de: text('title_de', 200, true), en: text('title_en', 200, true) },
			publisher: text('publisher', 200, true),
			edition: text('edition', 100, true),
			licence: text('licence', 200, true),
			attribution: text('attribution', 300, true),
			url: text('url', 500, false) || undefined
		};
		if (p.url && !/^https?:\/\//.test(p.url)) errors.push({ field: 'url', code: 'invalid_url', message: { de: 'url: muss mit http(s):// beginnen.', en: 'url: must start with http(s)://.' } });
		if (errors.length) throw invalidFields(errors);
		content.tx(() => {
			content.setJunctionSource(p);
			content.audit(c.get('user').email, 'junctions.source', JUNCTION_SOURCE_ID, p, c.get('address'));
		});
		return c.json({ source: content.sources().get(JUNCTION_SOURCE_ID) });
	});

	// ---- inbox ------------------------------------------------------------------------------------------

	const statusParam = (raw: unknown): InquiryStatus | undefined => {
		if (raw === undefined) return undefined;
		if (typeof raw !== 'string' || !(INQUIRY_STATUSES as readonly string[]).includes(raw)) throw badParam('status', `status must be one of ${INQUIRY_STATUSES.join(', ')}`);
		return raw as InquiryStatus;
	};

	app.get('/api/admin/inquiries', (c) => c.json({ inquiries: inquiries.list(statusParam(c.req.query('status'))), retention_days: inquiries.retentionDays }));

	app.get('/api/admin/inquiries/export', (c) => {
		const rows = inquiries.list(statusParam(c.req.query('status')));
		const header = ['Nr.', 'Eingang', 'Standort-ID', 'Standort', 'Name', 'Unternehmen', 'E-Mail', 'Telefon', 'Nachricht', 'Sprache', 'Status', 'Notizen', 'E-Mail-Versand', 'Automatische Löschung'];
		const body = stringify(
			[
				header,
				...rows.map((r) => [r.id, r.created_at, r.site_id, r.site_name, r.name, r.company, r.email, r.phone ?? '', r.message, r.lang, r.status, r.notes.map((n) => `${n.at} ${n.by}: ${n.text}`).join(' | '), r.mail_status, r.deletes_at ?? ''])
			],
			{ delimiter: ';', record_delimiter: '\r\n' }
		);
		c.header('Content-Type', 'text/csv; charset=utf-8');
		c.header('Content-Disposition', `attachment; filename="anfragen-${content.nowIso().slice(0, 10)}.csv"`);
		return c.body('\uFEFF' + body);
	});

	const inquiryId = (raw: string) => {
		if (!/^\d{1,9}$/.test(raw)) throw badParam('id', 'id must be a number');
		const row = inquiries.get(Number(raw));
		if (!row) throw notFound(`no inquiry ${raw}`);
		return row;
	};

	app.get('/api/admin/inquiries/:id', (c) => c.json({ inquiry: inquiryId(c.req.param('id')) }));

	app.patch('/api/admin/inquiries/:id', async (c) => {
		const row = inquiryId(c.req.param('id'));
		const body = await jsonBody(c);
		const status = statusParam(body.status);
		let note: string | undefined;
		if (body.note !== undefined) {
			if (typeof body.note !== 'string' || body.note.trim() === '' || body.note.length > 2000) throw badParam('note', 'note must be text of 1–2000 characters');
			note = body.note.trim();
		}
		if (!status && !note) throw badParam('status', 'give a status or a note');
		return c.json({ inquiry: inquiries.update(row.id, { status, note }, c.get('user').email, c.get('address')) });
	});

	// ---- administrators only ----------------------------------------------------------------------------

	app.get('/api/admin/users', (c) => c.json({ users: accounts.list() }));

	const roleParam = (raw: unknown): Role => {
		if (raw !== 'editor' && raw !== 'admin') throw badParam('role', 'role must be "editor" or "admin"');
		return raw;
	};

	app.post('/api/admin/users', async (c) => {
		const body = await jsonBody(c);
		const email = typeof body.email === 'string' ? body.email.trim() : '';
		if (!isEmail(email)) throw badParam('email', 'email must be an e-mail address');
		const role = roleParam(body.role);
		const problem = passwordProblem(body.password);
		if (problem) throw badParam('password', problem);
		if (accounts.byEmail(email)) throw new ApiError(409, 'conflict', `an account for ${email} exists`, 'email');
		const user = await accounts.create(email, role, body.password as string);
		content.audit(c.get('user').email, 'user.create', email, { role }, c.get('address'));
		return c.json({ user }, 201);
	});

	app.patch('/api/admin/users/:id', async (c) => {
		const raw = c.req.param('id');
		if (!/^\d{1,9}$/.test(raw)) throw badParam('id', 'id must be a number');
		const target = accounts.byId(Number(raw));
		if (!target) throw notFound(`no account ${raw}`);
		const body = await jsonBody(c);
		const role = body.role === undefined ? undefined : roleParam(body.role);
		if (body.disabled !== undefined && typeof body.disabled !== 'boolean') throw badParam('disabled', 'disabled must be true or false');
		const disabled = body.disabled as boolean | undefined;
		let password: string | undefined;
		if (body.password !== undefined) {
			const problem = passwordProblem(body.password);
			if (problem) throw badParam('password', problem);
			password = body.password as string;
		}
		const losesAdmin = target.role === 'admin' && !target.disabled && (role === 'editor' || disabled === true);
		if (losesAdmin && accounts.countAdmins() <= 1) throw new ApiError(409, 'last_admin', 'the last active administrator cannot be demoted or disabled');
		const user = await accounts.update(target.id, { role, disabled, password });
		content.audit(c.get('user').email, 'user.update', target.email, { role: role ?? null, disabled: disabled ?? null, password: password ? true : false }, c.get('address'));
		return c.json({ user });
	});

	app.get('/api/admin/settings', (c) => c.json({ settings: { inquiry_fallback_email: content.setting<string>('inquiry_fallback_email') } }));

	app.put('/api/admin/settings', async (c) => {
		const body = await jsonBody(c);
		for (const k of Object.keys(body)) if (k !== 'inquiry_fallback_email') throw badParam(k, `unknown setting "${k.slice(0, 40)}"`);
		const v = body.inquiry_fallback_email;
		if (v !== null && v !== undefined && (typeof v !== 'string' || !isEmail(v))) throw badParam('inquiry_fallback_email', 'inquiry_fallback_email must be an e-mail address or null');
		content.tx(() => {
			content.setSetting('inquiry_fallback_email', v ?? null);
			content.audit(c.get('user').email, 'settings.update', 'inquiry_fallback_email', { value: v ?? null }, c.get('address'));
		});
		return c.json({ settings: { inquiry_fallback_email: v ?? null } });
	});

	app.get('/api/admin/audit', (c) => {
		const before = c.req.query('before');
		if (before !== undefined && !/^\d{1,12}$/.test(before)) throw badParam('before', 'before must be an audit entry id');
		return c.json({ entries: content.auditLog(200, before ? Number(before) : undefined) });
	});

	app.all('/api/admin/*', (c) => {
		throw notFound(`no endpoint ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}`);
	});

	// ---- public: inquiries and live content ---------------------------------------------------------------

	// The form's fields are checked one by one (422 naming each), so its schema only documents them.
	app.post('/api/inquiries', async (c) => {
		const body = await jsonBody(c);
		const checked = validateInquiry(body);
		if (!checked.ok) throw invalidFields(checked.errors);
		// A bot filled the hidden field: answer as if accepted, store and send nothing.
		if (checked.honeypot) {
			content.audit(null, 'inquiry.honeypot', checked.input.site_id, null, c.get('address'));
			return c.json({ ok: true }, 201);
		}
		const site = c.get('data').store.feature(checked.input.site_id);
		if (!site || editableLayerOf(site.theme, site.category)?.id !== 'sites') throw invalidFields([{ field: 'site_id', code: 'unknown_site', message: { de: 'Standort: unbekannt.', en: 'Site: unknown.' } }]);
		const props = JSON.parse(site.props) as Record<string, unknown>;
		const to = typeof props.contact_email === 'string' ? props.contact_email : content.setting<string>('inquiry_fallback_email');
		const row = inquiries.add(checked.input, site.name, mailer ? (to ? 'pending' : 'no_recipient') : 'not_configured');
		if (mailer && to) {
			try {
				await mailer.send({
					to,
					replyTo: row.email,
					subject: `Anfrage zum Standort ${site.name} (Standortkarte Nordthüringen)`,
					text: [
						`Anfrage Nr. ${row.id} zum Standort ${site.name} (${site.id})`,
						'',
						`Name: ${row.name}`,
						`Unternehmen: ${row.company}`,
						`E-Mail: ${row.email}`,
						`Telefon: ${row.phone ?? '–'}`,
						'',
						row.message
					].join('\n')
				});
				inquiries.setMailStatus(row.id, 'sent');
			} catch (e) {
				// Stored already: the inbox still has it; the failure is noted, not shown to the visitor.
				inquiries.setMailStatus(row.id, 'failed');
				content.audit(null, 'inquiry.mail_failed', String(row.id), { error: String((e as Error).message).slice(0, 200) }, null);
			}
		}
		return c.json({ ok: true, id: row.id }, 201);
	});

	// Everything the main map draws over its tiles: edits published since the build, for all themes at
	// once. Empty (a few bytes) while the tiles are current; the map page carries it from the start.
	app.get('/api/live', (c) => {
		for (const k of Object.keys(c.req.query())) throw badParam(k, `unknown parameter "${k.slice(0, 40)}"`);
		const since = c.get('data').store.meta().content_read_at || null;
		c.header('Cache-Control', 'no-cache');
		return c.json({ content_version: content.contentVersion(), themes: Object.fromEntries(content.changedSince(since)) });
	});

	app.openapi(liveRoute, (c) => {
		const { theme } = c.req.valid('param');
		if (!isThemeId(theme)) throw new ApiError(404, 'unknown_theme', `unknown theme "${theme.slice(0, 40)}"`, 'theme');
		const live = content.live(theme);
		const sources = content.sources();
		c.header('Cache-Control', 'no-cache');
		return c.json({
			type: 'FeatureCollection' as const,
			theme,
			content_version: content.contentVersion(),
			overridden: live.overridden,
			attribution: [...new Set(live.features.map((f) => sources.get(String(f.properties?.source_id))?.attribution).filter((a) => a !== undefined))],
			features: live.features
		}, 200);
	});

	return { content, accounts, inquiries, routes: app as unknown as Hono<AppEnv> };
}
