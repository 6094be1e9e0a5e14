/**
 * The OpenAPI document against the app itself: every route the app answers under /api and /tiles is
 * described and nothing else is, back-office routes are marked as needing a session, the answers on
 * the fixture data match the response schemas the document (and the browser's types) are made from,
 * and requests the schemas refuse come back in the API's error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FIXTURE_ARCHIVE, DISTRICT, MUNICIPALITY } from '../helpers/fixture-data.ts';
import { makeBackOffice, send } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';
import * as S from '../../src/lib/api/schemas.ts';
import { documentedPath, routingPath } from '../../src/lib/server/api/openapi.ts';

interface Operation {
	summary?: string;
	security?: Record<string, string[]>[];
	parameters?: { name: string; in: string }[];
	responses: Record<string, unknown>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components?: { securitySchemes?: Record<string, unknown> } };

let t: TestBackOffice;
let doc: Doc;

beforeAll(async () => {
	t = await makeBackOffice();
	doc = (await (await t.app.request('http://localhost/api/openapi.json')).json()) as Doc;
}, 60_000);
afterAll(() => t.cleanup());

/**
 * The router's `:name` → `{name}`, and `:name{[^/]+\.ext}` (one segment ending in .ext) → `{name}.ext`.
 * Written out here rather than taken from the app, so a change of notation shows up as a failure.
 */
function asDocumented(path: string): string {
	return path.replace(/:(\w+)\{\[\^\/\]\+\\\.(\w+)\}/g, '{$1}.$2').replace(/:(\w+)/g, '{$1}');
}

/** `METHOD /path` of every concrete route the app answers under /api and /tiles. */
function appOperations(): Set<string> {
	const ops = new Set<string>();
	for (const r of t.app.routes) {
		// Middleware is registered for ALL methods; wildcards are the 404/405 fallbacks, not endpoints.
		if (r.method === 'ALL' || r.path.includes('*')) continue;
		if (!/^\/(api|tiles)\//.test(r.path)) continue;
		// HEAD is answered wherever GET is (checked below), and not listed separately in the document.
		if (r.method === 'HEAD') continue;
		ops.add(`${r.method} ${asDocumented(r.path)}`);
	}
	return ops;
}

function documentedOperations(): Set<string> {
	const ops = new Set<string>();
	for (const [path, methods] of Object.entries(doc.paths)) {
		for (const method of Object.keys(methods)) ops.add(`${method.toUpperCase()} ${path}`);
	}
	return ops;
}

describe('the OpenAPI document matches the routes', () => {
	it('is OpenAPI 3.1 and describes every route the app answers, and nothing else', () => {
		expect(doc.openapi).toBe('3.1.0');
		const app = appOperations();
		const documented = documentedOperations();
		// Sanity: the walk found the routes at all (data, planning, tiles, back office, inquiries).
		for (const op of ['GET /api/goals', 'GET /api/features/{id}', 'GET /tiles/{archive}.pmtiles', 'GET /tiles/{archive}/{z}/{x}/{y}.mvt', 'POST /api/admin/login', 'POST /api/inquiries', 'GET /api/live/{theme}']) {
			expect(app, op).toContain(op);
		}
		expect([...app].filter((op) => !documented.has(op)).sort(), 'routes missing from the document').toEqual([]);
		expect([...documented].filter((op) => !app.has(op)).sort(), 'documented operations the app does not answer').toEqual([]);
	});

	it('answers HEAD only where it answers GET', () => {
		const get = new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path));
		for (const r of t.app.routes.filter((x) => x.method === 'HEAD')) expect(get, r.path).toContain(r.path);
	});

	it('marks every back-office route except login as needing a session, and no public route', () => {
		expect(doc.components?.securitySchemes).toHaveProperty('session');
		for (const [path, methods] of Object.entries(doc.paths)) {
			for (const [method, op] of Object.entries(methods)) {
				const needsSession = path.startsWith('/api/admin/') && !(method === 'post' && path === '/api/admin/login');
				expect(op.security ?? [], `${method} ${path}`).toEqual(needsSession ? [{ session: [] }] : []);
				expect(op.summary, `${method} ${path}`).toBeTruthy();
			}
		}
	});

	it('routes the documented paths: suffixed parameters keep one path segment', () => {
		expect(routingPath('/tiles/{archive}.pmtiles')).toBe('/tiles/:archive{[^/]+\\.pmtiles}');
		expect(routingPath('/tiles/{archive}/{z}/{x}/{y}.mvt')).toBe('/tiles/:archive/:z/:x/:y{[^/]+\\.mvt}');
		expect(routingPath('/api/admin/items/{id}/history')).toBe('/api/admin/items/:id/history');
		for (const p of ['/tiles/{archive}.json', '/api/regions/{ags}', '/api/admin/items/{id}/publish']) expect(documentedPath(routingPath(p))).toBe(p);
	});

	it('lists the query parameters the routes accept', () => {
		const names = (path: string) => (doc.paths[path]!.get!.parameters ?? []).map((p) => `${p.in}:${p.name}`).sort();
		expect(names('/api/goals')).toEqual(['query:lang']);
		expect(names('/api/regions/{ags}')).toEqual(['path:ags', 'query:geometry', 'query:lang']);
		expect(names('/api/nearest')).toEqual(['query:lang', 'query:lat', 'query:lon']);
		expect(names('/api/planning/broadband')).toEqual(['query:audience', 'query:compare', 'query:edition', 'query:lang', 'query:metric']);
	});

	it('the docs page shows every documented operation', async () => {
		const html = await (await t.app.request('http://localhost/api/docs')).text();
		for (const op of documentedOperations()) {
			const [method, path] = op.split(' ') as [string, string];
			expect(html, op).toContain(`${method} ${path.replace(/&/g, '&amp;')}`);
		}
		expect(html).toContain('needs a session');
	});
});

describe('answers match the response schemas', () => {
	async function parsed<T extends z.ZodType>(url: string, schema: T): Promise<z.infer<T>> {
		const res = await t.app.request(`http://localhost${url}`);
		const body: unknown = await res.json();
		expect(res.status, `${url} → ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
		const result = schema.safeParse(body);
		expect(result.success ? [] : result.error.issues.slice(0, 5), url).toEqual([]);
		return result.data as z.infer<T>;
	}

	it('data routes', async () => {
		await parsed('/api/health', S.HealthResponseSchema);
		const themes = await parsed('/api/themes?lang=en', S.ThemesResponseSchema);
		expect(themes.themes.length).toBeGreaterThan(0);
		const page = await parsed('/api/features?theme=gewerbe&limit=2', S.FeaturePageSchema);
		expect(page.features).toHaveLength(2);
		for (const theme of ['verkehr', 'breitband', 'tourismus']) await parsed(`/api/features?theme=${theme}`, S.FeaturePageSchema);
		const site = await parsed('/api/features/site:fixture-alpha', S.FeatureResponseSchema);
		expect(site.properties.nearest_station?.id).toBe('station:fixture-central');
		await parsed('/api/features/station:fixture-central', S.FeatureResponseSchema);
		await parsed('/api/nearest?lon=0.5&lat=0.5', S.NearestResponseSchema);
		const search = await parsed('/api/search?q=fixture', S.SearchResponseSchema);
		expect(search.results.length).toBeGreaterThan(0);
		await parsed('/api/regions', S.RegionsResponseSchema);
		await parsed(`/api/regions/${DISTRICT.ags}?geometry=true`, S.RegionResponseSchema);
		await parsed(`/api/regions/${MUNICIPALITY.ags}`, S.RegionResponseSchema);
		await parsed('/api/goals?lang=en', S.GoalsResponseSchema);
		await parsed(`/tiles/${FIXTURE_ARCHIVE}.json`, S.TileJsonSchema);
	});

	it('planning and live routes', async () => {
		await parsed('/api/planning/broadband', S.PlanningBroadbandResponseSchema);
		await parsed('/api/planning/broadband/shapes', S.PlanningShapesResponseSchema);
		const live = await parsed('/api/live/gewerbe', S.LiveThemeResponseSchema);
		expect(live.theme).toBe('gewerbe');
	});

	it('errors, also a refused form naming each field', async () => {
		const missing = await t.app.request('http://localhost/api/features/nope:nothing');
		expect(missing.status).toBe(404);
		expect(S.ErrorSchema.safeParse(await missing.json()).success).toBe(true);
		const refused = await send(t, 'POST', '/api/inquiries', { site_id: 'site:fixture-alpha', name: '' }, { address: '198.51.100.77' });
		expect(refused.status).toBe(422);
		const body = S.ErrorSchema.parse(await refused.json());
		expect(body.fields?.map((f) => f.field)).toContain('name');
	});

	it('a schema that does not fit is noticed (the check above can fail)', () => {
		expect(S.SearchResponseSchema.safeParse({ query: 'x', results: [{ ref: 'a' }] }).success).toBe(false);
		expect(S.FeaturePageSchema.safeParse({ type: 'FeatureCollection', features: [] }).success).toBe(false);
	});
});

describe('requests the schemas refuse come back in the API error shape', () => {
	async function refused(url: string, parameter: string, detail: RegExp) {
		const res = await t.app.request(`http://localhost${url}`);
		expect(res.status, url).toBe(400);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const body = (await res.json()) as { error: string; detail: string; parameter?: string };
		expect(body).toMatchObject({ error: 'invalid_parameter', parameter });
		expect(body.detail).toMatch(detail);
	}

	it('names the parameter, with a message written for people', async () => {
		await refused('/api/regions/123', 'ags', /5-digit district or 8-digit municipality/);
		await refused(`/api/features/${'x'.repeat(201)}`, 'id', /too long/);
		await refused('/api/goals?lang=fr', 'lang', /lang must be "de" or "en"/);
		await refused('/api/live/gewerbe?lang=fr', 'lang', /lang must be "de" or "en"/);
		await refused('/api/live/gewerbe?foo=1', 'foo', /unknown parameter "foo"/);
		await refused('/api/features', 'theme', /theme is required/);
	});

	it('refuses a parameter given twice instead of reading only the first', async () => {
		await refused('/api/features?theme=gewerbe&theme=verkehr', 'theme', /theme must be given once/);
		await refused('/api/search?q=a&q=b', 'q', /q must be given once/);
		await refused('/api/export?theme=gewerbe&format=csv&format=geojson', 'format', /format must be given once/);
	});

	it('names an unknown parameter before a wrong value of a known one', async () => {
		await refused('/api/search?q=&typo=1', 'typo', /unknown parameter/);
		await refused('/api/regions/1?lang=fr&zzz=1', 'zzz', /unknown parameter/);
	});
});
