/**
 * Planner endpoints: broadband gaps per municipality and district for a chosen edition and speed
 * class (with change between editions, ranks and weighted aggregates), their export, and the goals
 * as CSV. Everything is read from tables the build prepared; requests only select and sum.
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app.ts';
import { badParam } from '../errors.ts';
import { langParam } from '../params.ts';
import { apiRouter, COMMON_ERRORS, errorResponse, fileResponse, jsonResponse } from '../openapi.ts';
import { PlanningBroadbandResponseSchema, PlanningShapesResponseSchema } from '../../../api/schemas.ts';
import type { Lang, Provenance } from '../../../data/model.ts';
import type { PlanningValueRow, Store } from '../../db/store.ts';
import { FUNDING_VIEWS, aggregate, metricLabel, ranks, sortMetrics, summarySentence, type MunicipalityValue } from '../../../planning/broadband-view.ts';
import { goalSeriesCodes, goalsView } from '../goals-view.ts';
import { DEFAULT_BROADBAND_METRIC } from '../../../themes/broadband.ts';

const READ_CACHE = 'public, max-age=60';
const EDITION = /^\d{4}-\d{2}$/;
const METRIC = /^[a-z0-9]+_(\d+(p\d+)?|any)$/;

const editionParam = (name: string, description: string) => z.string().regex(EDITION, `${name} must be an edition like 2021-06`).optional().meta({ description });
const metricParam = z
	.string()
	.regex(METRIC, 'metric must be a speed class like all_100 or ftth_1000')
	.optional()
	.meta({ description: 'speed class `<tech>_<Mbit/s>`, e.g. all_100, all_30, ftth_1000 (default all_100)' });
const audienceParam = z.enum(['private', 'business'], { error: 'audience must be "private" or "business"' }).optional().meta({ description: 'private households (default) or businesses' });

const VIEW_QUERY = {
	edition: editionParam('edition', 'Breitbandatlas edition, e.g. 2021-06 (default: newest)'),
	metric: metricParam,
	audience: audienceParam,
	compare: editionParam('compare', 'another edition: change in percentage points'),
	lang: langParam
};
const invalid = errorResponse('unknown edition, speed class or audience, or another invalid parameter');

const broadbandRoute = createRoute({
	method: 'get',
	path: '/api/planning/broadband',
	summary:
		"Broadband gaps on today's municipalities for one edition and speed class: shares, population-weighted district and region aggregates, change between editions, ranks, summary",
	request: { query: z.strictObject(VIEW_QUERY) },
	responses: { 200: jsonResponse('the view (available=false without imported municipality files)', PlanningBroadbandResponseSchema), 400: invalid, ...COMMON_ERRORS }
});

const shapesRoute = createRoute({
	method: 'get',
	path: '/api/planning/broadband/shapes',
	summary: "Outlines of the planner's municipalities (GeoJSON)",
	request: { query: z.strictObject({ lang: langParam }) },
	responses: { 200: jsonResponse('FeatureCollection', PlanningShapesResponseSchema), 400: invalid, ...COMMON_ERRORS }
});

const broadbandExportRoute = createRoute({
	method: 'get',
	path: '/api/planning/broadband/export',
	summary: 'Every broadband value (CSV, long format, each with its file and method) or the selection with outlines (GeoJSON)',
	request: {
		query: z.strictObject({
			...VIEW_QUERY,
			format: z.enum(['csv', 'geojson'], { error: 'format must be "csv" or "geojson"' }).optional().meta({ description: 'csv (default) or geojson' })
		})
	},
	responses: { 200: fileResponse('file download', 'text/csv', 'application/geo+json'), 400: invalid, ...COMMON_ERRORS }
});

const goalsExportRoute = createRoute({
	method: 'get',
	path: '/api/planning/goals/export',
	summary: 'The goal series with baseline, change and goal direction as CSV',
	request: { query: z.strictObject({ format: z.enum(['csv'], { error: 'format must be "csv"' }).optional().meta({ description: 'csv' }), lang: langParam }) },
	responses: { 200: fileResponse('file download', 'text/csv'), 400: errorResponse('invalid parameter'), ...COMMON_ERRORS }
});

function sourceLine(p: Provenance | undefined): Pick<Provenance, 'id' | 'title' | 'attribution' | 'edition' | 'licence'> | null {
	return p ? { id: p.id, title: p.title, attribution: p.attribution, edition: p.edition, licence: p.licence } : null;
}

interface Selection {
	edition?: string | undefined;
	metric?: string | undefined;
	audience?: 'private' | 'business' | undefined;
	compare?: string | undefined;
	lang?: Lang | undefined;
}

/** Everything the /breitband page shows for one selection. */
export function broadbandView(s: Store, q: Selection) {
	const meta = s.meta();
	const sources = s.sources();
	const boundary = meta.planning_boundary ? (JSON.parse(meta.planning_boundary) as { edition: string; source_id: string; population_source_id: string | null }) : null;
	const region = JSON.parse(meta.region ?? '{}') as { districts?: { ags: string; name: string }[] };
	const districts = region.districts ?? [];
	const audience = q.audience ?? 'private';
	const catalogue = s.planningCatalogue().filter((c) => c.audience === audience && c.n > 0);
	const editions = [...new Set(catalogue.map((c) => c.as_of))].sort();
	const audiences = [...new Set(s.planningCatalogue().map((c) => c.audience))].sort();
	const lang: Lang = q.lang ?? 'de';
	if (!boundary || editions.length === 0) {
		if (q.edition || q.metric || q.compare) throw badParam(q.edition ? 'edition' : q.metric ? 'metric' : 'compare', 'no municipality broadband values in the data');
		return { available: false as const, audiences, editions: [], districts: districts.map((d) => ({ ags: d.ags, name: d.name })) };
	}
	const edition = q.edition ?? editions[editions.length - 1]!;
	if (!editions.includes(edition)) throw badParam('edition', `no edition ${edition} for ${audience}; available: ${editions.join(', ')}`);
	if (q.compare !== undefined && !editions.includes(q.compare)) throw badParam('compare', `no edition ${q.compare} for ${audience}; available: ${editions.join(', ')}`);
	if (q.compare === edition) throw badParam('compare', 'compare must differ from edition');
	const metrics = sortMetrics(catalogue.filter((c) => c.as_of === edition).map((c) => c.metric));
	const metric = q.metric ?? (metrics.includes(DEFAULT_BROADBAND_METRIC) ? DEFAULT_BROADBAND_METRIC : metrics.includes('wired_100') ? 'wired_100' : metrics[0]!);
	if (!metrics.includes(metric)) throw badParam('metric', `no speed class ${metric} in edition ${edition}; available: ${metrics.join(', ')}`);

	const units = s.planningUnits();
	const rows = s.planningValues(audience, metric);
	const at = (asOf: string) => new Map(rows.filter((r) => r.as_of === asOf).map((r) => [r.ags, r]));
	const current = at(edition);
	const before = q.compare ? at(q.compare) : null;
	const districtName = new Map(districts.map((d) => [d.ags, d.name]));

	const municipalities = units.map((u) => {
		const r = current.get(u.ags);
		const b = before?.get(u.ags);
		const value = r?.value ?? null;
		const compareValue = b?.value ?? null;
		return {
			ags: u.ags,
			name: u.name,
			ags_district: u.ags_district,
			district: districtName.get(u.ags_district) ?? u.ags_district,
			population: u.population,
			value,
			not_covered: value === null ? null : Math.round(Math.max(0, 100 - value) * 100) / 100,
			not_covered_population: value === null || u.population === null ? null : Math.round((u.population * Math.max(0, 100 - value)) / 100),
			method: r?.method ?? null,
			reason: r ? r.reason : 'not_in_data',
			from: r?.from_codes ?? '',
			source_id: r?.source_id ?? null,
			compare_value: compareValue,
			compare_method: b?.method ?? null,
			change_pp: value !== null && compareValue !== null ? Math.round((value - compareValue) * 100) / 100 : null,
			rank_district: null as number | null,
			rank_region: null as number | null
		};
	});
	const regionRanks = ranks(municipalities);
	for (const m of municipalities) m.rank_region = regionRanks.get(m.ags) ?? null;
	for (const d of districts) {
		const r = ranks(municipalities.filter((m) => m.ags_district === d.ags));
		for (const m of municipalities) if (m.ags_district === d.ags) m.rank_district = r.get(m.ags) ?? null;
	}

	const published = s.districtBroadband(audience, metric);
	const asValues = (asOf: string, ags?: string): MunicipalityValue[] =>
		units
			.filter((u) => !ags || u.ags_district === ags)
			.map((u) => {
				const r = rows.find((x) => x.as_of === asOf && x.ags === u.ags);
				return { ags: u.ags, name: u.name, ags_district: u.ags_district, population: u.population, value: r?.value ?? null, method: null, reason: null, from: '', source_id: null };
			});
	const districtRows = districts.map((d) => {
		const agg = aggregate(municipalities.filter((m) => m.ags_district === d.ags));
		const cmp = q.compare ? aggregate(asValues(q.compare, d.ags)) : null;
		const pub = published.find((p) => p.ags === d.ags && p.as_of === edition);
		return {
			ags: d.ags,
			name: d.name,
			...agg,
			not_covered: agg.value === null ? null : Math.round((100 - agg.value) * 100) / 100,
			compare_value: cmp?.value ?? null,
			change_pp: agg.value !== null && cmp?.value != null ? Math.round((agg.value - cmp.value) * 100) / 100 : null,
			published_value: pub?.value ?? null,
			published_source: sourceLine(pub ? sources.get(pub.source_id) : undefined),
			series: editions.map((e) => ({ edition: e, value: aggregate(asValues(e, d.ags)).value, published: published.find((p) => p.ags === d.ags && p.as_of === e)?.value ?? null }))
		};
	});
	const regionAgg = aggregate(municipalities);
	const regionCmp = q.compare ? aggregate(asValues(q.compare)) : null;
	const usedSources = new Set([...municipalities.map((m) => m.source_id), boundary.source_id, boundary.population_source_id].filter((x): x is string => !!x));
	return {
		available: true as const,
		audience,
		audiences,
		edition,
		compare: q.compare ?? null,
		metric,
		metric_label: { de: metricLabel(metric, 'de'), en: metricLabel(metric, 'en') },
		editions,
		metrics: metrics.map((m) => ({ key: m, label: { de: metricLabel(m, 'de'), en: metricLabel(m, 'en') } })),
		funding_views: FUNDING_VIEWS.filter((v) => metrics.includes(v.metric)),
		boundary: {
			edition: boundary.edition,
			source: sourceLine(sources.get(boundary.source_id)),
			converted: municipalities.filter((m) => m.method?.startsWith('converted')).length
		},
		population_source: sourceLine(boundary.population_source_id ? sources.get(boundary.population_source_id) : undefined),
		municipalities,
		districts: districtRows,
		region: {
			...regionAgg,
			not_covered: regionAgg.value === null ? null : Math.round((100 - regionAgg.value) * 100) / 100,
			compare_value: regionCmp?.value ?? null,
			change_pp: regionAgg.value !== null && regionCmp?.value != null ? Math.round((regionAgg.value - regionCmp.value) * 100) / 100 : null
		},
		summary: { de: summarySentence('de', edition, metric, regionAgg, districtRows), en: summarySentence('en', edition, metric, regionAgg, districtRows) },
		summary_lang: lang,
		sources: [...usedSources].map((id) => sourceLine(sources.get(id))).filter((p) => p !== null)
	};
}

function csvCell(v: unknown): string {
	if (v === null || v === undefined) return '';
	const s = String(v);
	return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function attachment(c: Context<AppEnv>, name: string, type: string): void {
	c.header('Content-Disposition', `attachment; filename="${name}"`);
	c.header('Content-Type', type);
	c.header('Cache-Control', 'no-store');
}

export function planningRoutes(): OpenAPIHono<AppEnv> {
	const app = apiRouter<AppEnv>();

	app.openapi(broadbandRoute, (c) => {
		c.header('Cache-Control', READ_CACHE);
		return c.json(broadbandView(c.get('data').store, c.req.valid('query')), 200);
	});

	app.openapi(shapesRoute, (c) => {
		const s = c.get('data').store;
		const meta = s.meta();
		const boundary = meta.planning_boundary ? (JSON.parse(meta.planning_boundary) as { edition: string; source_id: string }) : null;
		c.header('Cache-Control', READ_CACHE);
		return c.json({
			type: 'FeatureCollection' as const,
			boundary_edition: boundary?.edition ?? null,
			attribution: boundary ? [s.sources().get(boundary.source_id)?.attribution ?? ''] : [],
			features: s.planningShapes().map((u) => ({ type: 'Feature' as const, id: u.ags, geometry: JSON.parse(u.geometry) as GeoJSON.Geometry, properties: { ags: u.ags, name: u.name, ags_district: u.ags_district } }))
		}, 200);
	});

	app.openapi(broadbandExportRoute, (c) => {
		const q = c.req.valid('query');
		const s = c.get('data').store;
		const view = broadbandView(s, q);
		if (!view.available) throw badParam('format', 'no municipality broadband values to export');
		const sources = s.sources();
		const all = s.planningAll(view.audience);
		const stamp = new Date().toISOString().slice(0, 10);
		const attribution = [...new Set(all.map((r) => r.source_id))].map((id) => sources.get(id)).filter((p): p is Provenance => !!p);
		const lines = attribution.map((p) => `${p.attribution} (${p.title.de}, Stand ${p.edition}, ${p.licence})`);
		if (view.boundary.source) lines.push(`${view.boundary.source.attribution} (${view.boundary.source.title.de})`);
		if (view.population_source) lines.push(`${view.population_source.attribution} (${view.population_source.title.de})`);
		if ((q.format ?? 'csv') === 'csv') {
			// Long format: every value of every edition and speed class, each with its own file and method.
			const byAgs = new Map(view.municipalities.map((m) => [m.ags, m]));
			const cols = ['ags', 'name', 'district', 'boundary_edition', 'population', 'audience', 'edition', 'metric', 'share_pct', 'not_covered_pct', 'not_covered_population', 'method', 'reason', 'from_codes', 'source_id', 'source_file_edition'];
			const out = [cols.join(',')];
			for (const r of all as PlanningValueRow[]) {
				const m = byAgs.get(r.ags);
				const pop = m?.population ?? null;
				out.push(
					[
						r.ags,
						m?.name,
						m?.district,
						view.boundary.edition,
						pop,
						r.audience,
						r.as_of,
						r.metric,
						r.value,
						r.value === null ? null : Math.round(Math.max(0, 100 - r.value) * 100) / 100,
						r.value === null || pop === null ? null : Math.round((pop * Math.max(0, 100 - r.value)) / 100),
						r.method,
						r.reason,
						r.from_codes,
						r.source_id,
						sources.get(r.source_id)?.edition
					]
						.map(csvCell)
						.join(',')
				);
			}
			for (const l of lines) out.push(`# ${l}`);
			attachment(c, `breitband-${view.audience}-${stamp}.csv`, 'text/csv; charset=utf-8');
			return c.body(out.join('\r\n') + '\r\n');
		}
		const geometries = new Map(s.regions('municipality').filter((r) => r.boundary_edition === view.boundary.edition).map((r) => [r.ags, r.geometry]));
		const values = new Map<string, Record<string, number | null>>();
		for (const r of all) {
			const v = values.get(r.ags) ?? {};
			v[`${r.as_of}:${r.metric}`] = r.value;
			values.set(r.ags, v);
		}
		attachment(c, `breitband-${view.audience}-${view.edition}-${view.metric}-${stamp}.geojson`, 'application/geo+json; charset=utf-8');
		return c.body(
			JSON.stringify({
				type: 'FeatureCollection',
				attribution: lines,
				selection: { audience: view.audience, edition: view.edition, metric: view.metric, compare: view.compare, boundary_edition: view.boundary.edition },
				features: view.municipalities.map((m) => ({
					type: 'Feature',
					id: m.ags,
					geometry: geometries.has(m.ags) ? JSON.parse(geometries.get(m.ags)!) : null,
					properties: { ...m, values: values.get(m.ags) ?? {} }
				}))
			})
		);
	});

	app.openapi(goalsExportRoute, (c) => {
		const s = c.get('data').store;
		const meta = s.meta();
		const region = JSON.parse(meta.region ?? '{}') as { goals_until_2025?: { id: string; de: string; en: string }[]; districts?: { ags: string; name: string }[] };
		const view = goalsView(region.goals_until_2025 ?? [], region.districts ?? [], s.indicatorSeries(goalSeriesCodes()), s.sources());
		const lang = c.req.valid('query').lang ?? 'de';
		const cols = ['goal', 'indicator', 'label', 'unit', 'better', 'area', 'name', 'year', 'value', 'baseline_year', 'baseline_value', 'latest_year', 'latest_value', 'change', 'in_goal_direction', 'series', 'status'];
		const out = [cols.join(',')];
		for (const g of view.goals) {
			for (const i of g.indicators) {
				if (i.status === 'no_data') {
					out.push([g.id, i.code, i.label[lang], i.unit[lang], i.better, '', '', '', '', view.baseline_year, '', '', '', '', '', '', `no data; ${i.official_source[lang]}`].map(csvCell).join(','));
					continue;
				}
				for (const d of i.districts) {
					for (const p of d.points) {
						const ch = d.change;
						out.push([g.id, i.code, i.label[lang], i.unit[lang], i.better, d.ags, d.name, p.year, p.value, view.baseline_year, ch.baseline?.value, ch.latest?.year, ch.latest?.value, ch.change, ch.good, i.series, 'data'].map(csvCell).join(','));
					}
				}
				for (const r of i.references) for (const p of r.points) out.push([g.id, i.code, i.label[lang], i.unit[lang], i.better, r.ags, r.name[lang], p.year, p.value, '', '', '', '', '', '', i.series, 'reference'].map(csvCell).join(','));
			}
		}
		for (const p of view.sources) out.push(`# ${p.attribution} (${p.title.de}, Stand ${p.edition}, ${p.licence})`);
		attachment(c, `ziele-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv; charset=utf-8');
		return c.body(out.join('\r\n') + '\r\n');
	});

	return app;
}
