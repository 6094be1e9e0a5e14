/**
 * The geodata API: the one door to the data for the map, embedding partners and planners' tools.
 * Mounted into SvelteKit (src/routes/api, src/routes/tiles) and runnable alone (standalone.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { requestId } from 'hono/request-id';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { versionedEtag, ResponseCache, isVersionTagged } from './versioned-etag.ts';
import { ClientLimits, LIMITS } from './limits.ts';
import type { Context } from 'hono';
import { ApiError, errorBody, notFound, sendError, badParam } from './errors.ts';
import { DataContext } from './context.ts';
import type { DataContextOptions } from './context.ts';
import { DataUnavailable, isCorruptDatabaseError } from '../db/store.ts';
import { HSTS } from '../security-headers.ts';
import { tileRoutes } from './routes/tiles.ts';
import { dataRoutes } from './routes/data.ts';
import { planningRoutes } from './routes/planning.ts';
import { openApiDocument, apiDocsHtml, apiRouter, fileResponse } from './openapi.ts';
import type { BackOffice } from '../admin/back-office.ts';
import { revalidateEditedReads } from '../admin/live-cache.ts';

export interface AppOptions extends DataContextOptions {
	/** share a data context with the caller (the front server keys its page cache on its version) */
	data?: DataContext;
	/** log function for unexpected errors and request ids; defaults to console.error */
	log?: (line: string) => void;
	/** one line per request with its id, status and duration (operators turn it on with NT_ACCESS_LOG=1) */
	accessLog?: boolean;
	/** the back office (/api/admin, inquiries, live content); its published entries overlay the built rows */
	backOffice?: BackOffice;
	/** the limits' counters, shared with the front server's fast lane (one quota per client however answered) */
	limits?: ClientLimits;
}

export type AppEnv = { Variables: { data: DataContext; requestId: string } };

/**
 * A tile or a JSON answer is data, not a document: it keeps the headers that concern data (no
 * sniffing, may be read cross-origin) and leaves out those that only mean something for a page
 * (framing, referrer, XSS filter, opener and agent cluster), which would otherwise make up most of
 * every answer. The API's one page, /api/docs, gets the page rules.
 */
const DATA_SECURITY = {
	crossOriginResourcePolicy: 'cross-origin',
	crossOriginOpenerPolicy: false,
	originAgentCluster: false,
	referrerPolicy: false,
	strictTransportSecurity: false,
	xDnsPrefetchControl: false,
	xDownloadOptions: false,
	xFrameOptions: false,
	xPermittedCrossDomainPolicies: false,
	xXssProtection: false
} as const;

const documentRoute = createRoute({
	method: 'get',
	path: '/api/openapi.json',
	summary: 'This description of the API (OpenAPI 3.1)',
	responses: { 200: fileResponse('the OpenAPI document', 'application/json') }
});
const docsRoute = createRoute({
	method: 'get',
	path: '/api/docs',
	summary: 'A readable page of this description',
	responses: { 200: fileResponse('HTML page', 'text/html') }
});

export function createApp(opts: AppOptions): OpenAPIHono<AppEnv> {
	const log = opts.log ?? ((line: string) => console.error(line));
	const data = opts.data ?? new DataContext({ ...opts, log, contentFile: opts.backOffice?.content.file });
	// A broken file fails every request alike; the operator needs its reason once, not per request.
	const logged = new Set<string>();
	const logOnce = (line: string) => {
		if (logged.has(line)) return;
		if (logged.size > 100) logged.clear();
		logged.add(line);
		log(line);
	};
	const app = apiRouter<AppEnv>();

	// Every request has an id for the log; only API answers name it. A tile is asked for by the thousand
	// and nobody quotes its id, so its answer stays short (see DATA_SECURITY).
	const idNamed = requestId();
	const idUnnamed = requestId({ headerName: '' });
	app.use('*', (c, next) => (c.req.path.startsWith('/tiles/') ? idUnnamed(c, next) : idNamed(c, next)));
	app.use('*', async (c, next) => {
		c.set('data', data);
		if (!opts.accessLog) return next();
		const started = performance.now();
		await next();
		log(`[${c.get('requestId')}] ${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${(performance.now() - started).toFixed(1)} ms`);
	});
	// The map may be embedded on partners' sites: tiles and read-only data are open to any origin.
	app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
	// A pmtiles:// client on another site reads the archive's range headers; a z/x/y tile needs none exposed.
	const archiveCors = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['Content-Range', 'Content-Length', 'ETag', 'Accept-Ranges'] });
	const tileCors = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] });
	app.use('/tiles/*', (c, next) => (c.req.path.endsWith('.pmtiles') ? archiveCors(c, next) : tileCors(c, next)));
	const pageSecurity = secureHeaders({ crossOriginResourcePolicy: 'cross-origin', strictTransportSecurity: false });
	const dataSecurity = secureHeaders(DATA_SECURITY);
	app.use('/api/*', (c, next) => (c.req.path === docsRoute.path ? pageSecurity(c, next) : dataSecurity(c, next)));
	app.use('/tiles/*', dataSecurity);
	// HSTS means something only over HTTPS; over plain HTTP it would claim a promise the server cannot keep.
	app.use('*', async (c, next) => {
		await next();
		if (c.req.url.startsWith('https:')) c.header('Strict-Transport-Security', HSTS);
	});
	const limits = opts.limits ?? new ClientLimits();
	// limits.ts limitsFor() lists these per path in this order: the front server's fast lane counts with it.
	app.use('/tiles/*', limits.middleware('tile', LIMITS.tiles, { quotaHeaders: false }));
	app.use('/api/search', limits.middleware('search', LIMITS.search));
	app.use('/api/*', limits.middleware('API', LIMITS.api));
	// Health and exports change without a rebuild (status, download date), so they are not tagged.
	const tagged = versionedEtag({ cache: new ResponseCache() });
	app.use('/api/*', async (c, next) => {
		// Back-office answers depend on the session: never tagged or cached. Exports carry their download date.
		if (!isVersionTagged(new URL(c.req.url).pathname)) return next();
		return tagged(c, next);
	});

	if (opts.backOffice) app.use('/api/*', revalidateEditedReads());

	app.route('/', tileRoutes());
	if (opts.backOffice) app.route('/', opts.backOffice.routes);
	// Before the data routes: their `/api/*` catch-all (404/405) would otherwise answer these first.
	app.openapi(documentRoute, (c) => c.json(openApiDocument(app)));
	app.openapi(docsRoute, (c) => c.html(apiDocsHtml(openApiDocument(app))));
	app.route('/', planningRoutes());
	app.route('/', dataRoutes());

	app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}`), 404));

	app.onError((err, c: Context) => {
		if (err instanceof ApiError) return sendError(c, err);
		// Middleware (CSRF, body limits) signal refusals this way; they keep their status, in our shape.
		if (err instanceof HTTPException && err.status < 500) {
			return c.json(errorBody(err.status === 403 ? 'forbidden' : 'request_refused', err.message || 'the request was refused'), err.status);
		}
		if (err instanceof DataUnavailable) {
			logOnce(`data unavailable: ${err.detail}`);
			return c.json(errorBody('data_unavailable', err.message), 503);
		}
		// Damage that appears after the open-time check (file overwritten in place) is still the data's fault.
		if (isCorruptDatabaseError(err)) {
			logOnce(`data unavailable: database unreadable: ${(err as Error).message}`);
			return c.json(errorBody('data_unavailable', 'The map database cannot be read.'), 503);
		}
		const id = c.get('requestId');
		log(`[${id}] ${c.req.method} ${c.req.url}: ${err.stack ?? err}`);
		return c.json(errorBody('internal_error', `unexpected error; reference ${id}`), 500);
	});

	return app;
}

export { ApiError, badParam, notFound };
