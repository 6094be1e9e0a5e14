/** Read endpoints on the database: health, themes, features, search, regions, nearest, export. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { ApiError, badParam, notFound } from '../errors.ts';
import {
	assertKnownParams,
	encodeCursor,
	parseBbox,
	parseCursor,
	parseFilters,
	parseLang,
	parseLimit,
	parseSearchQuery,
	parseTheme,
	validQuery,
	numberIn,
	langParam
} from '../params.ts';
import { z } from 'zod';
import { toCsv, readableFeatures } from '../features.ts';
import { DataUnavailable } from '../../db/store.ts';
import { THEMES, PRESETS, COMMON_FIELDS, themeFields } from '../../../themes/registry.ts';
import { goalSeriesCodes, goalsView } from '../goals-view.ts';
import { GOALS_CSV_FORMAT } from '../../../themes/goals.ts';
import type { Provenance } from '../../../data/model.ts';
import type { Store } from '../../db/store.ts';
import { siteFacts } from '../site-facts.ts';

const READ_CACHE = 'public, max-age=60';

function store(c: Context<AppEnv>): Store {
	return c.get('data').store;
}

function queryOf(c: Context<AppEnv>): Record<string, string> {
	return c.req.query() as Record<string, string>;
}

function attributionLines(sources: Iterable<Provenance>): string[] {
	return [...new Set([...sources].map((s) => `${s.attribution} (${s.title.de}, Stand ${s.edition}, ${s.licence})`))];
}

/** Nearest railway station and nearest bus/tram stop: what "how do I get there" needs. */
function access(s: Store, lon: number, lat: number, excludeId?: string) {
	const fmt = (hit: ReturnType<Store['nearest']>[number] | undefined) =>
		hit ? { id: hit.row.id, name: hit.row.name, category: hit.row.category, distance_km: Math.round(hit.km * 100) / 100, lon: hit.row.lon, lat: hit.row.lat } : null;
	return {
		nearest_station: fmt(s.nearest(lon, lat, 'verkehr', ['station'], 1, excludeId)[0]),
		nearest_stop: fmt(s.nearest(lon, lat, 'verkehr', ['bus', 'tram', 'other'], 1, excludeId)[0])
	};
}

const FEATURE_RESERVED = ['theme', 'bbox', 'limit', 'cursor', 'lang'] as const;
const EXPORT_RESERVED = ['theme', 'bbox', 'format', 'lang'] as const;

export function dataRoutes(): Hono<AppEnv> {
	const app = new Hono<AppEnv>();

	app.get('/api/health', async (c) => {
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

	app.get('/api/themes', (c) => {
		assertKnownParams(queryOf(c), ['lang']);
		parseLang(c.req.query('lang'));
		const s = store(c);
		const counts = s.themeCounts();
		const categoryCounts = s.categoryCounts();
		const sources = s.sources();
		const themeSources = s.themeSources();
		const meta = s.meta();
		const editions = JSON.parse(meta.broadband_editions ?? '[]') as { level: string; asOf: string }[];
		const areaFills = JSON.parse(meta.area_fills ?? '{}') as Record<string, { regions: number; of: number; as_of: string; source_id: string }>;
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			data_version: meta.data_version,
			built_at: meta.built_at,
			official_sources: meta.official_sources === 'yes',
			presets: PRESETS,
			common_fields: COMMON_FIELDS,
			themes: THEMES.map((t) => ({
				...t,
				fields: themeFields(t),
				feature_count: counts.get(t.id) ?? 0,
				empty: (counts.get(t.id) ?? 0) === 0,
				category_counts: categoryCounts.get(t.id) ?? {},
				editions: t.id === 'breitband' ? editions : undefined,
				// Municipalities coloured by the theme's areaFill value; null when that value is not in the data.
				area: t.areaFill ? (areaFills[t.id] ? { regions: areaFills[t.id]!.regions, of: areaFills[t.id]!.of, as_of: areaFills[t.id]!.as_of } : null) : undefined,
				sources: [...new Set([...(themeSources.get(t.id) ?? []), ...(areaFills[t.id] ? [areaFills[t.id]!.source_id] : [])])].map((id) => sources.get(id)).filter(Boolean)
			}))
		});
	});

	app.get('/api/features', (c) => {
		const q = queryOf(c);
		const theme = parseTheme(q.theme);
		const bbox = parseBbox(q.bbox);
		const limit = parseLimit(q.limit);
		const afterFid = parseCursor(q.cursor);
		parseLang(q.lang);
		const filters = parseFilters(theme, q, FEATURE_RESERVED);
		const s = store(c);
		const sources = s.sources();
		const { rows, total } = s.features({ ...filters, bbox, limit: limit + 1, afterFid });
		const page = rows.slice(0, limit);
		const last = page[page.length - 1];
		const used = new Set(page.map((r) => r.source_id));
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			type: 'FeatureCollection',
			theme: theme.id,
			total,
			returned: page.length,
			next_cursor: rows.length > limit && last ? encodeCursor(last.fid) : null,
			attribution: attributionLines([...used].map((id) => sources.get(id)).filter((p): p is Provenance => !!p)),
			features: readableFeatures(page, sources, s, c.get('data').log)
		});
	});

	app.get('/api/features/:id', (c) => {
		assertKnownParams(queryOf(c), ['lang']);
		parseLang(c.req.query('lang'));
		const id = c.req.param('id');
		if (id.length > 200) throw badParam('id', 'id is too long');
		const s = store(c);
		const row = s.feature(id);
		if (!row) throw notFound(`no feature with id "${id.slice(0, 80)}"`);
		const sources = s.sources();
		const damaged = new DataUnavailable('The stored data of this feature is damaged.', `feature ${row.id}: stored geometry or properties are not readable`);
		if (s.isBadRow(row.id)) throw damaged;
		const feature = readableFeatures([row], sources, s, c.get('data').log)[0];
		if (!feature) throw damaged;
		const source = sources.get(row.source_id) ?? null;
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			...feature,
			properties: {
				...feature.properties,
				...(row.lon !== null && row.lat !== null ? access(s, row.lon, row.lat, row.id) : {}),
				...(row.theme === 'gewerbe' ? siteFacts(s, row) : {})
			},
			source
		});
	});

	app.get('/api/nearest', validQuery({ lon: numberIn('lon', -180, 180), lat: numberIn('lat', -90, 90), lang: langParam }), (c) => {
		const { lon, lat } = c.req.valid('query');
		c.header('Cache-Control', READ_CACHE);
		return c.json({ lon, lat, ...access(store(c), lon, lat) });
	});

	app.get('/api/search', (c) => {
		const q = queryOf(c);
		assertKnownParams(q, ['q', 'lang', 'limit']);
		const text = parseSearchQuery(q.q);
		parseLang(q.lang);
		const limit = q.limit === undefined ? 10 : parseLimit(q.limit);
		if (limit > 50) throw badParam('limit', 'limit must be between 1 and 50 for search');
		c.header('Cache-Control', READ_CACHE);
		return c.json({ query: text, results: store(c).search(text, limit) });
	});

	const levelParam = z.enum(['district', 'municipality'], { error: 'level must be "district" or "municipality"' }).optional();
	app.get('/api/regions', validQuery({ level: levelParam, lang: langParam }), (c) => {
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
				label_point: [r.lon, r.lat],
				bbox: [r.min_x, r.min_y, r.max_x, r.max_y]
			}))
		});
	});

	app.get('/api/regions/:ags', (c) => {
		const q = queryOf(c);
		assertKnownParams(q, ['lang', 'geometry']);
		parseLang(q.lang);
		if (q.geometry !== undefined && q.geometry !== 'true' && q.geometry !== 'false') throw badParam('geometry', 'geometry must be "true" or "false"');
		const ags = c.req.param('ags');
		if (!/^\d{5}(\d{3})?$/.test(ags)) throw badParam('ags', 'ags must be a 5-digit district or 8-digit municipality code');
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
							const m = /^bb_(\d{4})_(\d{2})_(.+)$/.exec(k);
							return m && typeof v === 'number' ? [{ audience: 'private', as_of: `${m[1]}-${m[2]}`, metric: m[3]!, value: v, source_id: f.source_id }] : [];
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
				label_point: [r.lon, r.lat],
				bbox: [r.min_x, r.min_y, r.max_x, r.max_y],
				...(withGeometry ? { geometry: JSON.parse(r.geometry) } : {})
			})),
			stats,
			broadband: figures,
			indicators,
			sources: [...usedSources].map((id) => sources.get(id)).filter(Boolean)
		});
	});

	app.get('/api/goals', (c) => {
		assertKnownParams(queryOf(c), ['lang']);
		parseLang(c.req.query('lang'));
		const s = store(c);
		const meta = s.meta();
		const region = JSON.parse(meta.region ?? '{}') as { goals_until_2025?: { id: string; de: string; en: string }[]; districts?: { ags: string; name: string }[] };
		const view = goalsView(region.goals_until_2025 ?? [], region.districts ?? [], s.indicatorSeries(goalSeriesCodes()), s.sources());
		c.header('Cache-Control', READ_CACHE);
		return c.json({ ...view, official_sources: meta.official_sources === 'yes', csv_format: GOALS_CSV_FORMAT });
	});

	app.get('/api/export', (c) => {
		const q = queryOf(c);
		const theme = parseTheme(q.theme);
		const format = q.format ?? 'geojson';
		if (format !== 'csv' && format !== 'geojson') throw badParam('format', 'format must be "csv" or "geojson"');
		const bbox = parseBbox(q.bbox);
		parseLang(q.lang);
		const filters = parseFilters(theme, q, EXPORT_RESERVED);
		const s = store(c);
		const sources = s.sources();
		const rows = s.allFeatures({ ...filters, bbox });
		const features = readableFeatures(rows, sources, s, c.get('data').log);
		const attribution = attributionLines([...new Set(rows.map((r) => r.source_id))].map((id) => sources.get(id)).filter((p): p is Provenance => !!p));
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
