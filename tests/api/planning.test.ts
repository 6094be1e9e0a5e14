/**
 * The planner endpoints on the built data, in Hono's style (app.request): broadband gaps on today's
 * municipalities with change, ranks and weighted aggregates, the exports with every value and its
 * own source, and the goals CSV. With the official files when present, else the seed only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/lib/server/api/app.ts';
import { runBuild, SOURCES, HAVE_SOURCES } from '../helpers/build.ts';
import { parseCsv } from '../../scripts/lib/csv.ts';

let app: ReturnType<typeof createApp>;
let seedOnly: ReturnType<typeof createApp>;

beforeAll(() => {
	const out = runBuild({ sources: HAVE_SOURCES ? SOURCES : null });
	if (out.status !== 0) throw new Error(`build failed: ${out.stderr}`);
	app = createApp({ dbFile: out.dbFile, tilesDir: out.tilesDir, log: () => undefined });
	const bare = runBuild({ sources: null });
	if (bare.status !== 0) throw new Error(`build failed: ${bare.stderr}`);
	seedOnly = createApp({ dbFile: bare.dbFile, tilesDir: bare.tilesDir, log: () => undefined });
}, 240_000);

type Muni = { ags: string; name: string; ags_district: string; population: number | null; value: number | null; not_covered: number | null; method: string | null; reason: string | null; compare_value: number | null; change_pp: number | null; rank_district: number | null; rank_region: number | null; source_id: string | null };
type View = {
	available: boolean;
	edition: string;
	metric: string;
	editions: string[];
	metrics: { key: string }[];
	funding_views: { id: string; metric: string }[];
	boundary: { edition: string; converted: number; source: { id: string } };
	population_source: { id: string } | null;
	municipalities: Muni[];
	districts: { ags: string; name: string; value: number | null; population: number; published_value: number | null; change_pp: number | null; series: { edition: string; value: number | null }[] }[];
	region: { value: number | null; change_pp: number | null };
	summary: { de: string; en: string };
	sources: { id: string }[];
};

async function json(a: ReturnType<typeof createApp>, url: string) {
	const res = await a.request(url);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/planning/broadband', () => {
	it('refuses bad parameters with a 400 naming the parameter', async () => {
		for (const [url, parameter] of [
			['/api/planning/broadband?edition=2021', 'edition'],
			['/api/planning/broadband?metric=all%20100', 'metric'],
			['/api/planning/broadband?audience=everyone', 'audience'],
			['/api/planning/broadband?colour=red', 'colour']
		] as const) {
			const { status, body } = await json(app, url);
			expect(status, url).toBe(400);
			expect(body.parameter, url).toBe(parameter);
		}
	});

	it('without imported files says there are no municipality values', async () => {
		const { status, body } = await json(seedOnly, '/api/planning/broadband');
		expect(status).toBe(200);
		expect(body.available).toBe(false);
		expect((await json(seedOnly, '/api/planning/broadband?edition=2021-06')).status).toBe(400);
	});

	describe.runIf(HAVE_SOURCES)('with the official files', () => {
		it('shows all 73 municipalities of 2021, the merged ones converted from the old codes', async () => {
			const { status, body } = await json(app, '/api/planning/broadband?edition=2018-12&metric=all_50');
			const v = body as unknown as View;
			expect(status).toBe(200);
			expect(v.boundary.edition).toBe('2021');
			expect(v.editions).toEqual(['2018-12', '2021-06']);
			expect(v.municipalities).toHaveLength(73);
			expect(v.municipalities.every((m) => m.value !== null || m.reason)).toBe(true);
			const bleicherode = v.municipalities.find((m) => m.ags === '16062066')!;
			expect([bleicherode.name, bleicherode.value, bleicherode.method]).toEqual(['Bleicherode', 78.06, 'converted_population']);
			// no municipality code that no longer exists
			expect(v.municipalities.some((m) => m.ags === '16062002')).toBe(false);
			expect(v.boundary.converted).toBe(13);
			expect(v.population_source?.id).toBe('gemeindeverzeichnis-2018');
		});

		it('change between editions in percentage points, district aggregates weighted, published district value beside it', async () => {
			const v = (await json(app, '/api/planning/broadband?edition=2021-06&compare=2018-12&metric=all_100')).body as unknown as View;
			for (const m of v.municipalities.filter((x) => x.value !== null && x.compare_value !== null)) {
				expect(m.change_pp).toBeCloseTo(m.value! - m.compare_value!, 2);
			}
			const kyf = v.districts.find((d) => d.ags === '16065')!;
			const munis = v.municipalities.filter((m) => m.ags_district === '16065' && m.value !== null && m.population !== null);
			const weighted = munis.reduce((s, m) => s + m.population! * m.value!, 0) / munis.reduce((s, m) => s + m.population!, 0);
			expect(kyf.value).toBeCloseTo(weighted, 2);
			// the district file of mid-2021 publishes 86.64 % for the Kyffhäuserkreis
			expect(kyf.published_value).toBe(86.64);
			expect(kyf.series.map((s) => s.edition)).toEqual(['2018-12', '2021-06']);
			expect(v.summary.de).toMatch(/^In Nordthüringen haben \d+,\d % der Haushalte Zugang zu ≥ 100 Mbit\/s, alle Technologien \(Breitbandatlas, Stand 2021-06/);
			expect(v.summary.en).toMatch(/edition 2021-06/);
			expect(v.funding_views.map((f) => f.id)).toEqual(['below_30', 'below_100']);
		});

		it('ranks within the district and the region, largest gap first', async () => {
			const v = (await json(app, '/api/planning/broadband?edition=2021-06&metric=all_100')).body as unknown as View;
			const ranked = v.municipalities.filter((m) => m.rank_region !== null).sort((a, b) => a.rank_region! - b.rank_region!);
			expect(ranked[0]!.value).toBe(Math.min(...ranked.map((m) => m.value!)));
			for (const d of ['16062', '16064', '16065']) {
				const inD = v.municipalities.filter((m) => m.ags_district === d && m.rank_district !== null);
				expect(Math.min(...inD.map((m) => m.rank_district!))).toBe(1);
			}
		});

		it('exports every value with its own file as CSV, and the selection as GeoJSON', async () => {
			const csv = await app.request('/api/planning/broadband/export?format=csv');
			expect(csv.status).toBe(200);
			expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			const text = await csv.text();
			const [header, ...lines] = text.trim().split('\r\n');
			expect(header).toBe('ags,name,district,boundary_edition,population,audience,edition,metric,share_pct,not_covered_pct,not_covered_population,method,reason,from_codes,source_id,source_file_edition');
			const row = lines.find((l) => l.startsWith('16062066,Bleicherode,') && l.includes(',2018-12,all_50,'))!;
			expect(row).toContain(',78.06,21.94,');
			expect(row).toContain('breitbandatlas-private-municipality-2018-12,2018-12');
			expect(lines.some((l) => l.includes('breitbandatlas-private-municipality-2021-06,2021-06'))).toBe(true);
			expect(lines.at(-1)).toMatch(/^# /);
			const geo = await app.request('/api/planning/broadband/export?format=geojson&edition=2021-06&metric=ftth_1000');
			const fc = (await geo.json()) as { features: { id: string; geometry: unknown; properties: { value: number | null; values: Record<string, number | null> } }[] };
			expect(fc.features).toHaveLength(73);
			expect(fc.features.every((f) => f.geometry !== null)).toBe(true);
			expect(Object.keys(fc.features[0]!.properties.values)).toEqual(expect.arrayContaining(['2018-12:all_50', '2021-06:ftth_1000']));
		});
	});
});

describe('broadband features and the theme export cite each edition', () => {
	it.runIf(HAVE_SOURCES)('a district feature lists one source per edition and the CSV export has the shares', async () => {
		const f = (await json(app, '/api/features/broadband:district:16065')).body as { properties: { sources: { for_edition: string; id: string }[] } };
		expect(f.properties.sources.map((s) => [s.for_edition, s.id])).toEqual([
			['2018-12', 'breitbandatlas-private-district-2018-12'],
			['2021-06', 'breitbandatlas-private-district-2021-06']
		]);
		const csv = await (await app.request('/api/export?theme=breitband&format=csv')).text();
		const table = parseCsv(csv.split('\r\n').filter((l) => !l.startsWith('#')).join('\n'), 'export.csv');
		expect(table.header).toContain('bb_2021_06_all_100');
		const kyf = table.rows.find((r) => r.cells[0] === 'broadband:district:16065')!.cells;
		expect(kyf[table.header.indexOf('bb_2021_06_all_100')]).toBe('86.64');
		expect(kyf[table.header.indexOf('sources')]).toContain('2018-12: Breitbandatlas, Bundesnetzagentur [breitbandatlas-private-district-2018-12]');
	});
});

describe.runIf(HAVE_SOURCES)('the map colours today\'s municipalities', () => {
	it('draws merged municipalities with their carried-over values and no longer the old codes', async () => {
		const f = await json(app, '/api/features/broadband:municipality:16062066');
		expect(f.status).toBe(200);
		const p = (f.body as { properties: Record<string, unknown> }).properties;
		expect([p.name, p.boundary_edition, p.bb_2018_12_all_50, p.converted]).toEqual(['Bleicherode', '2021', 78.06, true]);
		expect((await json(app, '/api/features/broadband:municipality:16062002')).status).toBe(404);
		const all = (await json(app, '/api/features?theme=breitband&level=municipality&limit=500')).body as { total: number };
		expect(all.total).toBe(73);
	});

	it('a region card of a merged municipality cites each edition\'s own file and says the value is converted', async () => {
		const { body } = await json(app, '/api/regions/16062066');
		const bb = body.broadband as { audience: string; as_of: string; metric: string; value: number; source_id: string; method: string }[];
		const v18 = bb.find((b) => b.audience === 'private' && b.as_of === '2018-12' && b.metric === 'all_50')!;
		expect([v18.value, v18.source_id, v18.method]).toEqual([78.06, 'breitbandatlas-private-municipality-2018-12', 'converted_population']);
		expect(bb.find((b) => b.audience === 'private' && b.as_of === '2021-06')!.source_id).toBe('breitbandatlas-private-municipality-2021-06');
		expect(bb.find((b) => b.audience === 'business')!.source_id).toBe('breitbandatlas-business-municipality-2021-06');
		const ids = (body.sources as { id: string }[]).map((x) => x.id);
		expect(ids).toEqual(expect.arrayContaining(['breitbandatlas-private-municipality-2018-12', 'breitbandatlas-private-municipality-2021-06']));
	});

	it('serves the outlines of the planner map', async () => {
		const { body } = await json(app, '/api/planning/broadband/shapes');
		const fc = body as { boundary_edition: string; features: { id: string; geometry: { type: string } }[] };
		expect(fc.boundary_edition).toBe('2021');
		expect(fc.features).toHaveLength(73);
		expect(fc.features.every((x) => /Polygon/.test(x.geometry.type))).toBe(true);
	});
});

describe('GET /api/planning/goals/export', () => {
	it('exports every goal series with baseline, change and direction, and the no-data indicators with their source', async () => {
		const res = await app.request('/api/planning/goals/export?format=csv');
		expect(res.status).toBe(200);
		const lines = (await res.text()).trim().split('\r\n');
		expect(lines[0]).toBe('goal,indicator,label,unit,better,area,name,year,value,baseline_year,baseline_value,latest_year,latest_value,change,in_goal_direction,series,status');
		expect(lines.some((l) => l.startsWith('migration,net_migration_per_1000,') && l.includes('no data'))).toBe(true);
		const azubi = lines.filter((l) => l.startsWith('training,apprentices_per_1000_employees,') && l.includes(',16062,'));
		expect(azubi.length).toBeGreaterThan(1);
		expect(azubi[0]).toContain(',2016,32.63,');
		expect((await app.request('/api/planning/goals/export?format=xlsx')).status).toBe(400);
	});
});
