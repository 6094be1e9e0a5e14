/**
 * Read endpoints on the database: health, themes, features, search, regions, nearest, export. Each is
 * declared with createRoute: its parameters and answers are what the OpenAPI document describes.
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { ApiError, badParam, notFound } from '../errors.ts';
import {
	encodeCursor,
	parseBbox,
	parseCursor,
	parseFilters,
	parseLang,
	parseLimit,
	parseSearchQuery,
	parseTheme,
	numberIn,
	langParam,
	textParam,
	MAX_LIMIT,
	DEFAULT_LIMIT,
	MAX_QUERY_LENGTH,
	MAX_BBOX_DEGREES
} from '../params.ts';
import { z } from 'zod';
import { apiRouter, COMMON_ERRORS, errorResponse, fileResponse, jsonResponse } from '../openapi.ts';
import {
	FeaturePageSchema,
	FeatureResponseSchema,
	GoalsResponseSchema,
	HealthResponseSchema,
	NearestResponseSchema,
	RegionResponseSchema,
	RegionsResponseSchema,
	SearchResponseSchema,
	ThemesResponseSchema
} from '../../../api/schemas.ts';
import type { FeaturePropertiesSchema } from '../../../api/schemas.ts';
import type { Classes } from '../../../map/classes.ts';
import { toCsv, readableFeatures } from '../features.ts';
import { DataUnavailable } from '../../db/store.ts';
import { THEMES, PRESETS, COMMON_FIELDS, themeFields, nearestTarget, hasSiteFacts } from '../../../themes/registry.ts';
import { parseBroadbandProperty } from '../../../themes/broadband.ts';
import { goalSeriesCodes, goalsView } from '../goals-view.ts';
import { GOALS_CSV_FORMAT } from '../../../themes/goals.ts';
import { provenanceIn } from '../../../data/model.ts';
import type { Lang, Provenance } from '../../../data/model.ts';
import type { Store } from '../../db/store.ts';
import { siteFacts } from '../site-facts.ts';

const READ_CACHE = 'public, max-age=60';

function store(c: Context<AppEnv>): Store {
	return c.get('data').store;
}

function queryOf(c: Context<AppEnv>): Record<string, string> {
	return c.req.query() as Record<string, string>;
}

function attributionLines(sources: Iterable<Provenance>, lang: Lang): string[] {
	const edition = lang === 'en' ? 'edition' : 'Stand';
	return [...new Set([...sources].map((stored) => provenanceIn(stored, lang)).map((s) => `${s.attribution} (${s.title[lang]}, ${edition} ${s.edition}, ${s.licence})`))];
}

const STATION = nearestTarget('station');
const STOP = nearestTarget('stop');

/** Nearest railway station and nearest bus/tram stop: what "how do I get there" needs. */
function access(s: Store, lon: number, lat: number, excludeId?: string) {
	const fmt = (hit: ReturnType<Store['nearest']>[number] | undefined) =>
		// A hit has coordinates: the distance was measured from them.
		hit ? { id: hit.row.id, name: hit.row.name, category: hit.row.category, distance_km: Math.round(hit.km * 100) / 100, lon: hit.row.lon as number, lat: hit.row.lat as number } : null;
	return {
		nearest_station: fmt(s.nearest(lon, lat, STATION.theme, STATION.categories, 1, excludeId)[0]),
		nearest_stop: fmt(s.nearest(lon, lat, STOP.theme, STOP.categories, 1, excludeId)[0])
	};
}

const FEATURE_RESERVED = ['theme', 'bbox', 'limit', 'cursor', 'lang'] as const;
const EXPORT_RESERVED = ['theme', 'bbox', 'format', 'lang'] as const;

const FILTER_NOTE =
	'Field filters from the theme registry (see /api/themes → fields with `filter`): `<field>=a,b` (enum), `<field>=true|false` (flag), `<field>_min=` / `<field>_max=` (range). Unknown parameters are refused with 400.';
const themeQuery = textParam('theme', `Theme id: ${THEMES.map((t) => t.id).join(', ')}`);
const bboxQuery = textParam('bbox', `west,south,east,north in degrees (WGS84), at most ${MAX_BBOX_DEGREES}° wide, e.g. 10.6,51.3,11.2,51.6`).optional();
const strictLang = z.strictObject({ lang: langParam });
const levelParam = z.enum(['district', 'municipality'], { error: 'level must be "district" or "municipality"' }).optional().meta({ description: 'district or municipality' });
const invalid = errorResponse('invalid or unknown parameter');

const health = createRoute({
	method: 'get',
	path: '/api/health',
	summary: 'Data edition, database and archive status',
	responses: { 200: jsonResponse('all data available', HealthResponseSchema), 503: jsonResponse('database or archive missing or damaged', HealthResponseSchema) }
});

const themes = createRoute({
	method: 'get',
	path: '/api/themes',
	summary: 'Theme registry with counts, fields, legends, sources and editions',
	request: { query: strictLang },
	responses: { 200: jsonResponse('themes', ThemesResponseSchema), 400: invalid, ...COMMON_ERRORS }
});

const features = createRoute({
	method: 'get',
	path: '/api/features',
	summary: 'Features of a theme as GeoJSON, paged with a stable cursor',
	description: FILTER_NOTE,
	request: {
		query: z.looseObject({
			theme: themeQuery,
			bbox: bboxQuery,
			limit: textParam('limit', `page size 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT})`).optional(),
			cursor: textParam('cursor', 'next_cursor of the previous page').optional(),
			lang: langParam
		})
	},
	responses: { 200: jsonResponse('FeatureCollection with total, next_cursor and attribution', FeaturePageSchema), 400: invalid, 404: errorResponse('unknown theme'), ...COMMON_ERRORS }
});

const feature = createRoute({
	method: 'get',
	path: '/api/features/{id}',
	summary: 'One feature with district, municipality, nearest station and stop, and its source',
	request: {
		params: z.object({ id: z.string().max(200, 'id is too long').meta({ description: 'feature id, e.g. tourism:kyffhaeuser-denkmal' }) }),
		query: strictLang
	},
	responses: { 200: jsonResponse('Feature', FeatureResponseSchema), 400: invalid, 404: errorResponse('no such feature'), ...COMMON_ERRORS }
});

const nearest = createRoute({
	method: 'get',
	path: '/api/nearest',
	summary: 'Nearest railway station and bus/tram stop to a point',
	request: {
		query: z.strictObject({
			lon: numberIn('lon', -180, 180).meta({ description: 'longitude (decimal degrees)' }),
			lat: numberIn('lat', -90, 90).meta({ description: 'latitude (decimal degrees)' }),
			lang: langParam
		})
	},
	responses: { 200: jsonResponse('nearest station and stop with distances in km', NearestResponseSchema), 400: errorResponse('invalid coordinates'), ...COMMON_ERRORS }
});

const search = createRoute({
	method: 'get',
	path: '/api/search',
	summary: 'Search places, municipalities, stops, sites and sights (prefix, diacritic-insensitive)',
	request: {
		query: z.strictObject({
			q: textParam('q', `search text, at most ${MAX_QUERY_LENGTH} characters`),
			lang: langParam,
			limit: textParam('limit', '1–50 (default 10)').optional()
		})
	},
	responses: { 200: jsonResponse('ranked results', SearchResponseSchema), 400: errorResponse('missing or too long q'), ...COMMON_ERRORS }
});

const regions = createRoute({
	method: 'get',
	path: '/api/regions',
	summary: 'Districts and municipalities',
	request: { query: z.strictObject({ level: levelParam, lang: langParam }) },
	responses: { 200: jsonResponse('regions', RegionsResponseSchema), 400: invalid, ...COMMON_ERRORS }
});

const region = createRoute({
	method: 'get',
	path: '/api/regions/{ags}',
	summary: 'A district or municipality with headline figures (population, broadband, indicators) and their editions',
	request: {
		params: z.object({
			ags: z
				.string()
				.regex(/^\d{5}(\d{3})?$/, 'ags must be a 5-digit district or 8-digit municipality code')
				.meta({ description: '5-digit district or 8-digit municipality code' })
		}),
		query: z.strictObject({
			lang: langParam,
			geometry: z.enum(['true', 'false'], { error: 'geometry must be "true" or "false"' }).optional().meta({ description: 'true to include the boundary' })
		})
	},
	responses: { 200: jsonResponse('region', RegionResponseSchema), 400: errorResponse('malformed code'), 404: errorResponse('not in the region'), ...COMMON_ERRORS }
});

const goals = createRoute({
	method: 'get',
	path: '/api/goals',
	summary:
		"The region's five goals: per indicator the districts' series, change from the baseline year 2016 to the newest year with the goal-direction mark, reference lines, and no-data entries naming the official source",
	request: { query: strictLang },
	responses: { 200: jsonResponse('goals', GoalsResponseSchema), 400: invalid, ...COMMON_ERRORS }
});

const exportRoute = createRoute({
	method: 'get',
	path: '/api/export',
	summary: 'Download exactly what a filtered list shows, with attribution (CSV or GeoJSON)',
	description: FILTER_NOTE,
	request: {
		query: z.looseObject({
			theme: themeQuery,
			bbox: bboxQuery,
			format: textParam('format', 'csv or geojson (default)').optional(),
			lang: langParam
		})
	},
	responses: { 200: fileResponse('file download', 'text/csv', 'application/geo+json'), 400: invalid, 404: errorResponse('unknown theme'), ...COMMON_ERRORS }
});

type FeatureProperties = z.infer<typeof FeaturePropertiesSchema>;

export function dataRoutes(): OpenAPIHono<AppEnv> {
	const app = apiRouter<AppEnv>();

	app.openapi(health, async (c) => {
		const data = c.get('data');
		const db = data.store.status();
		const archives = await Promise.all(data.archiveNames().map(async (name) => {
			try {
				const a = await data.archive(name);
				return { name, ok: true, bytes: a?.bytes.byteLength ?? 0, version: a?.metadata.version ?? null, etag: a?.etag ?? null };
			} catch (e) {
				return { name, ok: false, error: (e as Error).message };
			}
		}));
		const meta = db.ok ? data.store.meta() : {};
		const damagedRows = db.ok ? [...data.store.damagedRows()].map(([id, problem]) => ({ id, problem })) : [];
		const ok = db.ok && damagedRows.length === 0 && archives.length > 0 && archives.every((a) => a.ok);
		return c.json(
			{
				status: ok ? 'ok' : 'degraded',
				data_version: meta.data_version ?? null,
				built_at: meta.built_at ?? null,
				official_sources: meta.official_sources === 'yes',
				database: db.ok ? (damagedRows.length ? { ok: false, error: 'Some stored features are damaged and left out.', damaged_rows: damagedRows } : { ok: true }) : { ok: false, error: db.error },
				archives: archives.length ? archives : [{ name: null, ok: false, error: 'The map tiles have not been built yet.' }]
			},
			ok ? 200 : 503,
			{ 'Cache-Control': 'no-store' }
		);
	});

	app.openapi(themes, (c) => {
		const s = store(c);
		const counts = s.themeCounts();
		const categoryCounts = s.categoryCounts();
		const sources = s.sources();
		const themeSources = s.themeSources();
		const meta = s.meta();
		const editions = JSON.parse(meta.broadband_editions ?? '[]') as { level: string; asOf: string }[];
		const areaFills = JSON.parse(meta.area_fills ?? '{}') as Record<string, { regions: number; of: number; as_of: string; source_id: string }>;
		const startClasses = JSON.parse(meta.start_classes ?? '{}') as Record<string, Record<string, Classes>>;
		c.header('Cache-Control', READ_CACHE);
		// The registry's interfaces have no index signature, which the schema's open objects ask for; the
		// answer is checked against the schema in tests/api/openapi.test.ts.
		const body = {
			data_version: meta.data_version,
			built_at: meta.built_at,
			official_sources: meta.official_sources === 'yes',
			presets: [...PRESETS],
			common_fields: [...COMMON_FIELDS],
			themes: THEMES.map((t) => ({
				...t,
				fields: themeFields(t),
				feature_count: counts.get(t.id) ?? 0,
				empty: (counts.get(t.id) ?? 0) === 0,
				category_counts: categoryCounts.get(t.id) ?? {},
				// The Breitbandatlas editions the choropleth can show.
				editions: t.choropleth ? editions : undefined,
				// Its colour classes over the whole region, so the map starts with them (empty before a rebuild).
				start_classes: t.choropleth ? startClasses : undefined,
				// Municipalities coloured by the theme's areaFill value; null when that value is not in the data.
				area: t.areaFill ? (areaFills[t.id] ? { regions: areaFills[t.id]!.regions, of: areaFills[t.id]!.of, as_of: areaFills[t.id]!.as_of } : null) : undefined,
				sources: [...new Set([...(themeSources.get(t.id) ?? []), ...(areaFills[t.id] ? [areaFills[t.id]!.source_id] : [])])].map((id) => sources.get(id)).filter((p): p is Provenance => !!p)
			}))
		};
		return c.json(body as unknown as z.infer<typeof ThemesResponseSchema>, 200);
	});

	app.openapi(features, (c) => {
		const q = queryOf(c);
		const theme = parseTheme(q.theme);
		const bbox = parseBbox(q.bbox);
		const limit = parseLimit(q.limit);
		const afterFid = parseCursor(q.cursor);
		const lang = parseLang(q.lang);
		const filters = parseFilters(theme, q, FEATURE_RESERVED);
		const s = store(c);
		const sources = s.sources();
		const { rows, total } = s.features({ ...filters, bbox, limit: limit + 1, afterFid });
		const page = rows.slice(0, limit);
		const last = page[page.length - 1];
		const used = new Set(page.map((r) => r.source_id));
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			type: 'FeatureCollection' as const,
			theme: theme.id,
			total,
			returned: page.length,
			next_cursor: rows.length > limit && last ? encodeCursor(last.fid) : null,
			attribution: attributionLines([...used].map((id) => sources.get(id)).filter((p): p is Provenance => !!p), lang),
			// readableFeatures builds every feature's common properties (features.ts)
			features: readableFeatures(page, sources, s, c.get('data').log, lang).map((f) => ({ ...f, properties: f.properties as FeatureProperties }))
		}, 200);
	});

	app.openapi(feature, (c) => {
		const { id } = c.req.valid('param');
		const lang = parseLang(c.req.valid('query').lang);
		const s = store(c);
		const row = s.feature(id);
		if (!row) throw notFound(`no feature with id "${id.slice(0, 80)}"`);
		const sources = s.sources();
		const damaged = new DataUnavailable('The stored data of this feature is damaged.', `feature ${row.id}: stored geometry or properties are not readable`);
		if (s.isBadRow(row.id)) throw damaged;
		const feature = readableFeatures([row], sources, s, c.get('data').log, lang)[0];
		if (!feature) throw damaged;
		const stored = sources.get(row.source_id);
		const source = stored ? provenanceIn(stored, lang) : null;
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			...feature,
			properties: {
				...(feature.properties as FeatureProperties),
				...(row.lon !== null && row.lat !== null ? access(s, row.lon, row.lat, row.id) : {}),
				...(hasSiteFacts(row.theme) ? siteFacts(s, row) : {})
			},
			source
		}, 200);
	});

	app.openapi(nearest, (c) => {
		const { lon, lat } = c.req.valid('query');
		c.header('Cache-Control', READ_CACHE);
		return c.json({ lon, lat, ...access(store(c), lon, lat) }, 200);
	});

	app.openapi(search, (c) => {
		const q = c.req.valid('query');
		const text = parseSearchQuery(q.q);
		const limit = q.limit === undefined ? 10 : parseLimit(q.limit);
		if (limit > 50) throw badParam('limit', 'limit must be between 1 and 50 for search');
		c.header('Cache-Control', READ_CACHE);
		return c.json({ query: text, results: store(c).search(text, limit) }, 200);
	});

	app.openapi(regions, (c) => {
		const q = c.req.valid('query');
		const s = store(c);
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			regions: s.regions(q.level).map((r) => ({
				ags: r.ags,
				level: r.level,
				name: r.name,
				bez: r.bez,
				ags_district: r.ags_district,
				boundary_edition: r.boundary_edition,
				label_point: [r.lon, r.lat] as [number, number],
				bbox: [r.min_x, r.min_y, r.max_x, r.max_y] as [number, number, number, number]
			}))
		}, 200);
	});

	app.openapi(region, (c) => {
		const q = c.req.valid('query');
		const { ags } = c.req.valid('param');
		const s = store(c);
		const rows = s.region(ags);
		if (rows.length === 0) throw notFound(`no district or municipality with code ${ags} in Nordthüringen`);
		const sources = s.sources();
		const withGeometry = q.geometry === 'true';
		// Municipalities on today's boundaries: the carried-over values, each with its file and method.
		const planned = s.planningFor(ags).filter((r) => r.value !== null);
		const broadband = planned.length > 0 ? planned.map((r) => ({ audience: r.audience, as_of: r.as_of, metric: r.metric, value: r.value, source_id: r.source_id, method: r.method })) : s.broadband(ags);
		// Without imported files the choropleth's headline figures (curated facts) are the broadband data.
		const headline = broadband.length > 0 ? [] : s.broadbandFeature(ags);
		const figures =
			broadband.length > 0
				? broadband
				: headline.flatMap((f) =>
						Object.entries(JSON.parse(f.props) as Record<string, unknown>).flatMap(([k, v]) => {
							const p = parseBroadbandProperty(k);
							return p && typeof v === 'number' ? [{ audience: 'private', as_of: p.edition, metric: p.metric, value: v, source_id: f.source_id }] : [];
						})
					);
		const stats = s.regionStats(ags);
		const indicators = s.indicators(ags);
		const usedSources = new Set([...rows, ...stats, ...figures, ...indicators].map((x) => x.source_id));
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			ags,
			level: rows[0]!.level,
			name: rows[rows.length - 1]!.name,
			bez: rows[0]!.bez,
			boundary_editions: rows.map((r) => ({
				edition: r.boundary_edition,
				name: r.name,
				label_point: [r.lon, r.lat] as [number, number],
				bbox: [r.min_x, r.min_y, r.max_x, r.max_y] as [number, number, number, number],
				...(withGeometry ? { geometry: JSON.parse(r.geometry) } : {})
			})),
			stats,
			broadband: figures,
			indicators,
			sources: [...usedSources].map((id) => sources.get(id)).filter((p): p is Provenance => !!p)
		}, 200);
	});

	app.openapi(goals, (c) => {
		const s = store(c);
		const meta = s.meta();
		const region = JSON.parse(meta.region ?? '{}') as { goals_until_2025?: { id: string; de: string; en: string }[]; districts?: { ags: string; name: string }[] };
		const view = goalsView(region.goals_until_2025 ?? [], region.districts ?? [], s.indicatorSeries(goalSeriesCodes()), s.sources());
		c.header('Cache-Control', READ_CACHE);
		return c.json({ ...view, official_sources: meta.official_sources === 'yes', csv_format: GOALS_CSV_FORMAT }, 200);
	});

	app.openapi(exportRoute, (c) => {
		const q = queryOf(c);
		const theme = parseTheme(q.theme);
		const format = q.format ?? 'geojson';
		if (format !== 'csv' && format !== 'geojson') throw badParam('format', 'format must be "csv" or "geojson"');
		const bbox = parseBbox(q.bbox);
		const lang = parseLang(q.lang);
		const filters = parseFilters(theme, q, EXPORT_RESERVED);
		const s = store(c);
		const sources = s.sources();
		const rows = s.allFeatures({ ...filters, bbox });
		const features = readableFeatures(rows, sources, s, c.get('data').log, lang);
		const attribution = attributionLines([...new Set(rows.map((r) => r.source_id))].map((id) => sources.get(id)).filter((p): p is Provenance => !!p), lang);
		const stamp = new Date().toISOString().slice(0, 10);
		const filename = `standortkarte-${theme.id}-${stamp}.${format === 'csv' ? 'csv' : 'geojson'}`;
		c.header('Content-Disposition', `attachment; filename="${filename}"`);
		c.header('Cache-Control', 'no-store');
		if (format === 'csv') {
			c.header('Content-Type', 'text/csv; charset=utf-8');
			return c.body(toCsv(theme.id, features, attribution));
		}
		c.header('Content-Type', 'application/geo+json; charset=utf-8');
		return c.body(JSON.stringify({ type: 'FeatureCollection', theme: theme.id, attribution, features }));
	});

	app.all('/api/*', (c) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
			throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed; the API is read-only`);
		}
		throw notFound(`no endpoint ${new URL(c.req.url).pathname.slice(0, 200)}`);
	});

	return app;
}
