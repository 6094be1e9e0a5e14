/**
 * The API on the full built data: the committed seed plus, where the sources folder is present,
 * the official files — the questions investors, tourists and planners actually ask.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/lib/server/api/app.ts';
import { runBuild, SOURCES, HAVE_SOURCES } from '../helpers/build.ts';

const withSources = HAVE_SOURCES;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
	const out = runBuild({ sources: withSources ? SOURCES : null });
	if (out.status !== 0) throw new Error(`build failed: ${out.stderr}`);
	app = createApp({ dbFile: out.dbFile, tilesDir: out.tilesDir, log: () => undefined });
}, 60_000);

async function get(path: string) {
	const res = await app.request(path);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> & { results?: { ref: string; label: string; kind: string }[] } };
}

describe('search on the real data', () => {
	it('finds the Kyffhäuser monument by a prefix', async () => {
		const { body } = await get('/api/search?q=kyffh');
		expect(body.results!.map((r) => r.ref)).toContain('tourism:kyffhaeuser-denkmal');
	});

	it('ignores diacritics and ß: muhlhausen, Rossleben, Roßleben', async () => {
		const muhl = await get('/api/search?q=muhlhausen');
		expect(muhl.body.results![0]!.label).toMatch(/^Mühlhausen/);
		const a = await get('/api/search?q=Rossleben');
		const b = await get('/api/search?q=Ro%C3%9Fleben');
		expect(a.body.results![0]!.label).toBe('Roßleben');
		expect(a.body.results!.map((r) => r.ref)).toEqual(b.body.results!.map((r) => r.ref));
	});

	it('ranks the municipality before stops of the same name', async () => {
		const { body } = await get('/api/search?q=nordhausen');
		expect(body.results![0]!.kind).toMatch(/district|municipality/);
	});
});

describe('a sight with how to get there', () => {
	it('gives the Kyffhäuser monument its municipality, district and nearest stop and station', async () => {
		const { status, body } = await get('/api/features/tourism:kyffhaeuser-denkmal');
		expect(status).toBe(200);
		const p = body.properties as Record<string, { name?: string; distance_km?: number } | string>;
		expect(p.municipality).toBe('Kyffhäuserland');
		expect(p.district).toBe('Kyffhäuserkreis');
		const stop = p.nearest_stop as { name: string; distance_km: number };
		const station = p.nearest_station as { name: string; distance_km: number };
		expect(stop.distance_km).toBeLessThan(2);
		expect(station.distance_km).toBeGreaterThan(stop.distance_km);
		expect((body.source as { attribution: string }).attribution).toBeTruthy();
	});
});

describe('regions and goals', () => {
	it('shows the Kyffhäuserkreis broadband share ≥ 100 Mbit/s mid-2021 = 86.64 %', async () => {
		const { body } = await get('/api/regions/16065');
		const bb = body.broadband as { as_of: string; metric: string; audience: string; value: number }[];
		expect(bb.find((b) => b.as_of === '2021-06' && b.metric === 'all_100' && b.audience === 'private')?.value).toBe(86.64);
		expect(body.name).toBe('Kyffhäuserkreis');
	});

	it('lists the five goals, compares 2016 with the newest year and names the source of what is missing', async () => {
		const { body } = await get('/api/goals');
		type Ind = { code: string; status: string; series: string | null; kind: string; official_source: { de: string }; districts: { ags: string; change: { baseline: { year: number; value: number } | null; latest: { year: number; value: number } | null; direction: string | null; good: boolean | null } }[] };
		const goals = body.goals as { id: string; indicators: Ind[] }[];
		expect(body.baseline_year).toBe(2016);
		expect(goals.map((g) => g.id)).toEqual(['migration', 'unemployment', 'employment', 'training', 'productivity']);
		const all = goals.flatMap((g) => g.indicators);
		const byCode = (code: string) => all.find((i) => i.code === code)!;
		// none of the files at hand has these: honest no-data cards naming the official source
		for (const code of ['net_migration_per_1000', 'unemployment_rate', 'youth_unemployment_rate']) {
			expect(byCode(code).status).toBe('no_data');
			expect(byCode(code).official_source.de).toMatch(/Statistik/);
		}
		// every comparison starts in 2016, whatever year the series starts in
		for (const i of all.filter((x) => x.status === 'data')) {
			for (const d of i.districts) if (d.change.baseline) expect(d.change.baseline.year).toBe(2016);
		}
		const azubi = byCode('apprentices_per_1000_employees');
		const employment = byCode('employees_workplace');
		if (withSources) {
			// INKAR a_azubi starts in 1995 (55.26 in Nordhausen): compared from 2016 (32.63) the quotient rose.
			expect(azubi.series).toBe('a_azubi');
			const ndh = azubi.districts.find((d) => d.ags === '16062')!.change;
			expect([ndh.baseline, ndh.latest, ndh.direction, ndh.good]).toEqual([{ year: 2016, value: 32.63 }, { year: 2022, value: 37.21 }, 'up', true]);
			// BA employees start in 2013: Unstrut-Hainich-Kreis 33667 (2016) → 33205 (2025) is a fall, not a rise.
			const uhk = employment.districts.find((d) => d.ags === '16064')!.change;
			expect([uhk.baseline?.value, uhk.latest?.year, uhk.direction, uhk.good]).toEqual([33667, 2025, 'down', false]);
			// the SGB II share (a rate) is listed before the head count of unemployed people
			const unemployment = goals.find((g) => g.id === 'unemployment')!.indicators.filter((i) => i.status === 'data').map((i) => i.code);
			expect(unemployment).toEqual(['sgb2_share', 'unemployed']);
		} else {
			expect(azubi.series).toBe('apprentices_per_1000_employees');
			expect(azubi.districts.find((d) => d.ags === '16062')!.change.direction).toBe('up');
		}
	});
});

describe('housing: density per municipality', () => {
	it('says how many municipalities Wohnen colours, and from which source — or that the value is missing', async () => {
		const { body } = await get('/api/themes');
		const wohnen = (body.themes as { id: string; area?: { regions: number; of: number; as_of: string } | null; sources: { id: string; title: { en: string } }[] }[]).find((t) => t.id === 'wohnen')!;
		if (withSources) {
			// 108 of the 112 municipalities of 2016 still carry their code in the register of 31 Dec 2018.
			expect(wohnen.area).toEqual({ regions: 108, of: 112, as_of: '2018-12-31' });
			expect(wohnen.sources.some((s) => /register|Gemeindeverzeichnis/i.test(s.title.en + s.id))).toBe(true);
		} else {
			expect(wohnen.area).toBeNull();
		}
		const other = (body.themes as { id: string; area?: unknown }[]).find((t) => t.id === 'gewerbe')!;
		expect(other.area).toBeUndefined();
	});
});

describe('lists and exports agree', () => {
	it('exports exactly the rows the filtered list counts', async () => {
		const q = 'theme=verkehr&bbox=10.6,51.3,11.0,51.6&category=station,tram';
		const list = await get(`/api/features?${q}&limit=5`);
		const res = await app.request(`/api/export?${q}&format=csv`);
		const rows = (await res.text()).trim().split('\r\n').filter((l) => !l.startsWith('#'));
		expect(rows.length - 1).toBe(list.body.total);
		expect(list.body.total as number).toBeGreaterThan(5);
	});

	it('has the 12 hospitals', async () => {
		const { body } = await get('/api/features?theme=daseinsvorsorge');
		expect(body.total).toBe(12);
	});
});

describe.runIf(withSources)('with the official files imported', () => {
	it('offers municipality broadband for both editions', async () => {
		const { body } = await get('/api/themes');
		const bb = (body.themes as { id: string; editions: { level: string; asOf: string }[] }[]).find((t) => t.id === 'breitband')!;
		expect(bb.editions).toEqual(
			expect.arrayContaining([
				{ level: 'municipality', asOf: '2018-12' },
				{ level: 'municipality', asOf: '2021-06' }
			])
		);
		expect(body.official_sources).toBe(true);
	});
});
