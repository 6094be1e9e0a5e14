/**
 * The geodata API against a small hand-written fixture (tests/helpers/fixture-data.ts): every
 * endpoint, every refusal, paging, filters, export, search and the behaviour without data.
 * Expected numbers are worked out by hand from the fixture's description, not read back from it.
 */
import { DatabaseSync } from 'node:sqlite';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/lib/server/api/app.ts';
import { THEMES } from '../../src/lib/themes/registry.ts';
import { buildCorruptData, buildFixture, BROADBAND, DISTRICT, DISTRICT_POLYGON, DISTRICT_POPULATION, MUNICIPALITY, SOURCES } from '../helpers/fixture-data.ts';
import type { Fixture } from '../helpers/fixture-data.ts';

type App = ReturnType<typeof createApp>;

interface ErrorBody {
	error: string;
	detail: string;
	parameter?: string;
}

interface ApiFeature {
	type: 'Feature';
	id: string;
	geometry: GeoJSON.Geometry;
	properties: Record<string, unknown>;
}

interface Page {
	type: 'FeatureCollection';
	theme: string;
	total: number;
	returned: number;
	next_cursor: string | null;
	attribution: string[];
	features: ApiFeature[];
}

interface Access {
	id: string;
	name: string;
	category: string;
	distance_km: number;
	lon: number;
	lat: number;
}

interface SearchBody {
	query: string;
	results: { ref: string; kind: string; label: string; detail: string; lon: number; lat: number; theme: string | null }[];
}

let fx: Fixture;
let app: App;
/** Unexpected errors the app logged (each one would have been a 500). */
const logged: string[] = [];

beforeAll(() => {
	fx = buildFixture();
	app = createApp({ dbFile: fx.dbFile, tilesDir: fx.tilesDir, log: (line) => logged.push(line) });
});

afterAll(() => {
	fx.cleanup();
});

async function getJson<T>(url: string, init?: RequestInit): Promise<{ res: Response; body: T }> {
	const res = await app.request(url, init);
	expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
	return { res, body: (await res.json()) as T };
}

async function ok<T>(url: string): Promise<T> {
	const { res, body } = await getJson<T>(url);
	expect(res.status, `${url} → ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
	return body;
}

/** Asserts the JSON error shape; `parameter` is checked when given, and must be absent when null. */
async function expectError(url: string, status: number, code: string, parameter?: string | null, init?: RequestInit, target: App = app): Promise<ErrorBody> {
	const res = await target.request(url, init);
	const text = await res.text();
	expect(res.status, `${url} → ${text.slice(0, 300)}`).toBe(status);
	expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
	const body = JSON.parse(text) as ErrorBody;
	expect(body.error).toBe(code);
	expect(typeof body.detail).toBe('string');
	expect(body.detail.length).toBeGreaterThan(0);
	if (parameter === null) expect(body).not.toHaveProperty('parameter');
	else if (parameter !== undefined) expect(body.parameter).toBe(parameter);
	return body;
}

const featuresOf = (theme: string) =>
	fx.features
		.filter((f) => f.theme === theme)
		.sort((a, b) => a.fid - b.fid)
		.map((f) => f.id);

/** Minimal RFC 4180 reader: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) rows.push([...row, cell]);
	return rows;
}

/** Header, data rows and the trailing `# …` attribution lines (written as plain text, not as cells). */
function splitCsv(text: string): { header: string[]; data: string[][]; attribution: string[] } {
	const lines = text.split('\r\n');
	expect(lines.pop()).toBe(''); // the file ends with a line break
	const attribution: string[] = [];
	while (lines.length > 0 && lines[lines.length - 1]!.startsWith('# ')) attribution.unshift(lines.pop()!.slice(2));
	const rows = parseCsv(lines.join('\r\n') + '\r\n');
	return { header: rows[0] ?? [], data: rows.slice(1), attribution };
}

async function walk(query: string, limit: number): Promise<{ ids: string[]; pages: number; totals: Set<number> }> {
	const ids: string[] = [];
	const totals = new Set<number>();
	let cursor: string | null = null;
	let pages = 0;
	do {
		const page: Page = await ok<Page>(`/api/features?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
		expect(page.returned).toBe(page.features.length);
		expect(page.features.length).toBeLessThanOrEqual(limit);
		ids.push(...page.features.map((f) => f.id));
		totals.add(page.total);
		cursor = page.next_cursor;
		pages++;
	} while (cursor && pages < 100);
	return { ids, pages, totals };
}

// -------------------------------------------------------------------------------------------

describe('GET /api/health', () => {
	it('answers 200 with the data edition and the archive when everything is present', async () => {
		const { res, body } = await getJson<{ status: string; data_version: string; built_at: string; database: { ok: boolean }; archives: { name: string; ok: boolean; bytes: number; version: string }[] }>(
			'/api/health'
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(body.status).toBe('ok');
		expect(body.data_version).toBe('fixture-v1');
		expect(body.built_at).toBe('2099-01-01T00:00:00.000Z');
		expect(body.database).toEqual({ ok: true });
		expect(body.archives).toHaveLength(1);
		expect(body.archives[0]).toMatchObject({ name: 'standortkarte', ok: true, bytes: fx.archive.byteLength, version: 'fixture-v1' });
	});
});

describe('GET /api/themes', () => {
	const expected: Record<string, { count: number; sources: string[] }> = {
		gewerbe: { count: 25, sources: [SOURCES.sites.id] },
		breitband: { count: 1, sources: [SOURCES.boundaries.id] },
		verkehr: { count: 5, sources: [SOURCES.transport.id] },
		wohnen: { count: 3, sources: [SOURCES.places.id] },
		daseinsvorsorge: { count: 0, sources: [] },
		tourismus: { count: 4, sources: [SOURCES.sights.id] }
	};

	it('lists all six themes in registry order with counts, the empty flag and their sources', async () => {
		const body = await ok<{
			data_version: string;
			themes: { id: string; feature_count: number; empty: boolean; sources: { id: string; attribution: string }[]; fields: { key: string }[] }[];
		}>('/api/themes');
		expect(body.data_version).toBe('fixture-v1');
		expect(body.themes.map((t) => t.id)).toEqual(['gewerbe', 'breitband', 'verkehr', 'wohnen', 'daseinsvorsorge', 'tourismus']);
		expect(body.themes.map((t) => t.id)).toEqual(THEMES.map((t) => t.id));
		for (const t of body.themes) {
			const e = expected[t.id]!;
			expect(t.feature_count, t.id).toBe(e.count);
			expect(t.empty, t.id).toBe(e.count === 0);
			expect(t.sources.map((s) => s.id)).toEqual(e.sources);
			for (const s of t.sources) expect(s.attribution).toMatch(/^Hand-written test fixture/);
			// common fields come with every theme
			expect(t.fields.map((f) => f.key)).toContain('approx');
		}
	});

	it('gives the choropleth theme its colour classes over the region, by level and value property', async () => {
		const body = await ok<{ themes: { id: string; start_classes?: Record<string, Record<string, { method: string; classes: { from: number; to: number; count: number }[] }>> }[] }>('/api/themes');
		const breitband = body.themes.find((t) => t.id === 'breitband')!;
		// the fixture's one district: one class holding its value, for each of its four values
		expect(Object.keys(breitband.start_classes!)).toEqual(['district']);
		expect(Object.keys(breitband.start_classes!.district!).sort()).toEqual(Object.keys(BROADBAND).sort());
		expect(breitband.start_classes!.district!.bb_2021_06_all_100).toMatchObject({ method: 'distinct', classes: [{ from: 61.25, to: 61.25, count: 1 }] });
		for (const t of body.themes.filter((x) => x.id !== 'breitband')) expect(t.start_classes, t.id).toBeUndefined();
	});

	it('accepts lang=en and refuses other languages and unknown parameters', async () => {
		await ok('/api/themes?lang=en');
		await expectError('/api/themes?lang=fr', 400, 'invalid_parameter', 'lang');
		await expectError('/api/themes?verbose=1', 400, 'invalid_parameter', 'verbose');
	});
});

describe('GET /api/features', () => {
	it('returns a theme as a FeatureCollection with total, sources and attribution', async () => {
		const page = await ok<Page>('/api/features?theme=gewerbe');
		expect(page.type).toBe('FeatureCollection');
		expect(page.theme).toBe('gewerbe');
		expect(page.total).toBe(25);
		expect(page.returned).toBe(25);
		expect(page.next_cursor).toBeNull();
		expect(page.features.map((f) => f.id)).toEqual(featuresOf('gewerbe'));
		expect(page.attribution).toEqual(['Hand-written test fixture: sites (sites (Testdaten), Stand 2099-01, CC0-1.0)']);
		const alpha = page.features[0]!;
		expect(alpha.id).toBe('site:fixture-alpha');
		expect(alpha.geometry).toEqual({ type: 'Point', coordinates: [0.5, 0.5] });
		expect(alpha.properties).toMatchObject({
			name: 'Fixture Site Alpha',
			theme: 'gewerbe',
			category: 'commercial_area',
			gross_area_ha: 5,
			free_area_ha: 1,
			approx: false,
			source: { id: SOURCES.sites.id, attribution: SOURCES.sites.attribution, edition: '2099-01', licence: 'CC0-1.0' }
		});
		// pipeline internals never leave the API
		expect(alpha.properties).not.toHaveProperty('fid');
		expect(alpha.properties).not.toHaveProperty('source_id');
	});

	it('returns an empty collection for the empty theme', async () => {
		const page = await ok<Page>('/api/features?theme=daseinsvorsorge');
		expect(page).toMatchObject({ total: 0, returned: 0, next_cursor: null, features: [], attribution: [] });
	});

	it('walks every feature exactly once, in stable order, with limit=4', async () => {
		const { ids, pages, totals } = await walk('theme=gewerbe', 4);
		expect(pages).toBe(7); // ⌈25 / 4⌉
		expect(totals).toEqual(new Set([25]));
		expect(ids).toHaveLength(25);
		expect(new Set(ids).size).toBe(25);
		expect(ids).toEqual(featuresOf('gewerbe'));
		// walking again gives the same order
		expect((await walk('theme=gewerbe', 4)).ids).toEqual(ids);
	});

	it('pages exactly when the total is a multiple of the limit, and with limit=1', async () => {
		const five = await walk('theme=verkehr', 5);
		expect(five.pages).toBe(1);
		expect(five.ids).toEqual(featuresOf('verkehr'));
		const one = await walk('theme=verkehr', 1);
		expect(one.pages).toBe(5);
		expect(one.ids).toEqual(featuresOf('verkehr'));
	});

	it('pages a filtered list consistently with its total', async () => {
		const { ids, totals } = await walk('theme=gewerbe&category=commercial_area', 4);
		// 25 − Gamma (kali_site) − Psi, Omega (research)
		expect(totals).toEqual(new Set([22]));
		expect(ids).toHaveLength(22);
		expect(new Set(ids).size).toBe(22);
		expect(ids).not.toContain('site:fixture-gamma');
	});

	it('answers a cursor past the end with an empty page', async () => {
		const cursor = Buffer.from('f:999999').toString('base64url');
		const page = await ok<Page>(`/api/features?theme=gewerbe&cursor=${cursor}`);
		expect(page).toMatchObject({ total: 25, returned: 0, next_cursor: null, features: [] });
	});

	describe('filters', () => {
		const count = async (query: string) => (await ok<Page>(`/api/features?${query}`)).total;
		const names = async (query: string) => (await ok<Page>(`/api/features?${query}`)).features.map((f) => f.properties.name);

		it('enum: category=a,b', async () => {
			expect(await names('theme=gewerbe&category=kali_site,research')).toEqual(['Fixture Site Gamma', 'Fixture Site Psi', 'Fixture Site Omega']);
			expect(await count('theme=gewerbe&category=research')).toBe(2);
			expect(await count('theme=tourismus&category=castle,cave')).toBe(2);
			expect(await count('theme=gewerbe&category=no_such_category')).toBe(0);
			expect(await count(`theme=gewerbe&ags_district=${DISTRICT.ags}`)).toBe(25);
			expect(await count('theme=gewerbe&ags_district=16062')).toBe(0);
		});

		it('flag: kali_region and approx', async () => {
			expect(await names('theme=gewerbe&kali_region=true')).toEqual(['Fixture Site Gamma']);
			expect(await count('theme=gewerbe&kali_region=1')).toBe(1);
			// sites without the property count as "not in the Kali region"
			expect(await count('theme=gewerbe&kali_region=false')).toBe(24);
			expect(await names('theme=tourismus&approx=true')).toEqual(['Fixture Lost Cave']);
			expect(await count('theme=tourismus&approx=false')).toBe(3);
		});

		it('range: _min / _max, alone and together', async () => {
			// gross_area_ha = 5·i for sites i = 1…22, and 200 for the Mühlfixture park
			expect(await names('theme=gewerbe&gross_area_ha_min=20&gross_area_ha_max=50')).toEqual([
				'Fixture Site Delta',
				'Fixture Site Epsilon',
				'Fixture Site Zeta',
				'Fixture Site Eta',
				'Fixture Site Theta',
				'Fixture Site Iota',
				'Fixture Site Kappa'
			]);
			expect(await count('theme=gewerbe&gross_area_ha_min=100')).toBe(4); // i = 20, 21, 22 + park
			expect(await count('theme=gewerbe&gross_area_ha_max=10')).toBe(2); // i = 1, 2
			expect(await count('theme=gewerbe&gross_area_ha_min=25&gross_area_ha_max=25')).toBe(1);
			expect(await names('theme=gewerbe&free_area_ha_max=0')).toEqual(['Mühlfixture Gewerbepark']);
			expect(await count('theme=gewerbe&gross_area_ha_min=12.5&gross_area_ha_max=17.5')).toBe(1); // 15: Gamma
		});

		it('combines filters with AND, and with a bbox', async () => {
			expect(await count('theme=gewerbe&category=commercial_area&gross_area_ha_min=100')).toBe(4);
			expect(await count('theme=gewerbe&kali_region=true&gross_area_ha_min=20')).toBe(0);
			// Alpha is the only site near (0.5, 0.5)
			expect(await names('theme=gewerbe&bbox=0.49,0.49,0.51,0.51')).toEqual(['Fixture Site Alpha']);
			// Central (0.51) and the bus stop (0.505) are inside, the tram stop (lon 0.52) and North (0.56) are not
			expect(await names('theme=verkehr&bbox=0.49,0.49,0.51,0.515')).toEqual(['Fixture Central', 'Fixture Alpha Gate']);
			expect(await names('theme=verkehr&bbox=0.49,0.49,0.51,0.515&category=bus')).toEqual(['Fixture Alpha Gate']);
			expect(await count('theme=gewerbe&bbox=10,50,11,51')).toBe(0);
		});
	});

	describe('refusals', () => {
		it('requires a known theme', async () => {
			await expectError('/api/features', 400, 'invalid_parameter', 'theme');
			await expectError('/api/features?theme=', 400, 'invalid_parameter', 'theme');
			await expectError('/api/features?theme=castles', 404, 'unknown_theme', 'theme');
		});

		it('names an unknown parameter', async () => {
			const e = await expectError('/api/features?theme=gewerbe&colour=red', 400, 'invalid_parameter', 'colour');
			expect(e.detail).toContain('colour');
			// a field of another theme is unknown here
			await expectError('/api/features?theme=verkehr&kali_region=true', 400, 'invalid_parameter', 'kali_region');
			// a field without a filter cannot be used as one
			await expectError('/api/features?theme=gewerbe&companies_min=3', 400, 'invalid_parameter', 'companies_min');
		});

		it.each([
			['wrong order west > east', '1,0,0,1'],
			['wrong order south > north', '0,1,1,0'],
			['zero width', '0.5,0,0.5,1'],
			['longitude out of range', '-181,0,0,1'],
			['latitude out of range', '0,-91,1,0'],
			['NaN', 'a,0,1,1'],
			['empty value', '0,,1,1'],
			['Infinity', '0,0,Infinity,1'],
			['three values', '0,0,1'],
			['five values', '0,0,1,1,1'],
			['empty', ''],
			['too large', '0,0,20,1']
		])('refuses a bad bbox: %s', async (_name, bbox) => {
			await expectError(`/api/features?theme=gewerbe&bbox=${encodeURIComponent(bbox)}`, 400, 'invalid_parameter', 'bbox');
			await expectError(`/api/export?theme=gewerbe&bbox=${encodeURIComponent(bbox)}`, 400, 'invalid_parameter', 'bbox');
		});

		it.each(['-1', '0', '501', '1000000', '2.5', '1e2', 'abc', ''])('refuses limit=%s', async (limit) => {
			await expectError(`/api/features?theme=gewerbe&limit=${limit}`, 400, 'invalid_parameter', 'limit');
		});

		it('accepts the largest limit', async () => {
			expect((await ok<Page>('/api/features?theme=gewerbe&limit=500')).returned).toBe(25);
		});

		it.each([
			['not base64url', '!!!'],
			['garbage', 'abc'],
			['wrong prefix', Buffer.from('x:12').toString('base64url')],
			['not a number', Buffer.from('f:abc').toString('base64url')],
			['negative', Buffer.from('f:-1').toString('base64url')],
			['too long', 'A'.repeat(100)],
			['empty', '']
		])('refuses a malformed cursor: %s', async (_name, cursor) => {
			await expectError(`/api/features?theme=gewerbe&cursor=${encodeURIComponent(cursor)}`, 400, 'invalid_parameter', 'cursor');
		});

		it('refuses bad filter values', async () => {
			const e = await expectError('/api/features?theme=gewerbe&gross_area_ha_min=50&gross_area_ha_max=20', 400, 'invalid_parameter', 'gross_area_ha_min');
			expect(e.detail).toMatch(/gross_area_ha_max/);
			await expectError('/api/features?theme=gewerbe&gross_area_ha_min=abc', 400, 'invalid_parameter', 'gross_area_ha_min');
			await expectError('/api/features?theme=gewerbe&gross_area_ha_max=', 400, 'invalid_parameter', 'gross_area_ha_max');
			await expectError('/api/features?theme=gewerbe&kali_region=maybe', 400, 'invalid_parameter', 'kali_region');
			await expectError('/api/features?theme=gewerbe&kali_region_min=1', 400, 'invalid_parameter', 'kali_region_min');
			await expectError('/api/features?theme=gewerbe&category=', 400, 'invalid_parameter', 'category');
			await expectError('/api/features?theme=gewerbe&gross_area_ha=5', 400, 'invalid_parameter', 'gross_area_ha');
			await expectError('/api/features?theme=gewerbe&lang=xx', 400, 'invalid_parameter', 'lang');
		});
	});
});

describe('GET /api/features/:id', () => {
	it('returns the feature with district, municipality, source and nearest station and stop', async () => {
		const f = await ok<ApiFeature & { source: { id: string; attribution: string } }>('/api/features/site:fixture-alpha');
		expect(f.id).toBe('site:fixture-alpha');
		expect(f.properties).toMatchObject({
			name: 'Fixture Site Alpha',
			district: DISTRICT.name,
			ags_district: DISTRICT.ags,
			municipality: MUNICIPALITY.name,
			ags_municipality: MUNICIPALITY.ags
		});
		expect(f.source).toMatchObject({ id: SOURCES.sites.id, attribution: SOURCES.sites.attribution });
		// 0.01° of latitude north = 6371.0088 km · π/180 · 0.01 = 1.112 km
		expect(f.properties.nearest_station).toEqual<Access>({ id: 'station:fixture-central', name: 'Fixture Central', category: 'station', distance_km: 1.11, lon: 0.5, lat: 0.51 });
		// 0.005° north = 0.556 km; the tram stop 0.02° east is 2.22 km away and loses
		expect(f.properties.nearest_stop).toEqual<Access>({ id: 'stop:fixture-alpha-gate', name: 'Fixture Alpha Gate', category: 'bus', distance_km: 0.56, lon: 0.5, lat: 0.505 });
	});

	it('gives the source line in the language asked for, or the one it is kept in, and says which', async () => {
		const note = async (id: string, lang: string) => {
			const p = (await ok<ApiFeature>(`/api/features/${id}?lang=${lang}`)).properties;
			// the stored lines themselves do not go out (properties.source is the dataset's provenance)
			return [p.source_note, p.source_note_lang, typeof p.source === 'string' || 'source_en' in p];
		};
		// Kept in English only (as the curated facts write them): on a German page it is the English line, marked as such.
		expect(await note('site:fixture-gamma', 'de')).toEqual(['Fixture source line, English only', 'en', false]);
		expect(await note('site:fixture-gamma', 'en')).toEqual(['Fixture source line, English only', 'en', false]);
		expect(await note('site:fixture-beta', 'en')).toEqual(['Fixture-Quellenzeile, nur deutsch', 'de', false]);
		expect(await note('site:fixture-beta', 'de')).toEqual(['Fixture-Quellenzeile, nur deutsch', 'de', false]);
		expect(await note('site:fixture-alpha', 'de')).toEqual([undefined, undefined, false]);
	});

	it('does not offer a station as its own nearest station', async () => {
		const f = await ok<ApiFeature>('/api/features/station:fixture-central');
		// North lies 0.05° further: 5.56 km
		expect((f.properties.nearest_station as Access).id).toBe('station:fixture-north');
		expect((f.properties.nearest_station as Access).distance_km).toBe(5.56);
		expect((f.properties.nearest_stop as Access).id).toBe('stop:fixture-alpha-gate');
		expect((f.properties.nearest_stop as Access).distance_km).toBe(0.56);
	});

	it('returns a polygon feature without access information', async () => {
		const f = await ok<ApiFeature>(`/api/features/${encodeURIComponent(`broadband:district:2016:${DISTRICT.ags}`)}`);
		expect(f.geometry).toEqual(DISTRICT_POLYGON);
		expect(f.properties).toMatchObject({ theme: 'breitband', bb_2021_06_all_100: 61.25 });
		expect(f.properties).not.toHaveProperty('nearest_station');
	});

	it('accepts a percent-encoded id', async () => {
		expect((await ok<ApiFeature>('/api/features/site%3Afixture-beta')).properties.name).toBe('Fixture Site Beta');
	});

	it('refuses unknown ids, over-long ids and unknown parameters', async () => {
		await expectError('/api/features/site:no-such-site', 404, 'not_found', null);
		await expectError(`/api/features/${'x'.repeat(201)}`, 400, 'invalid_parameter', 'id');
		await expectError('/api/features/site:fixture-alpha?with=everything', 400, 'invalid_parameter', 'with');
	});
});

describe('GET /api/nearest', () => {
	it('finds the nearest station and stop to a point, with hand-checked distances', async () => {
		const body = await ok<{ lon: number; lat: number; nearest_station: Access; nearest_stop: Access }>('/api/nearest?lon=0.5&lat=0.5');
		expect(body.nearest_station).toMatchObject({ id: 'station:fixture-central', distance_km: 1.11 });
		expect(body.nearest_stop).toMatchObject({ id: 'stop:fixture-alpha-gate', distance_km: 0.56 });
	});

	it('counts a tram stop as a stop and measures diagonal distances', async () => {
		const body = await ok<{ nearest_station: Access; nearest_stop: Access }>('/api/nearest?lon=0.52&lat=0.5');
		expect(body.nearest_stop).toMatchObject({ id: 'stop:fixture-tram-loop', category: 'tram', distance_km: 0 });
		// to Central: 0.02° east (× cos 0.5° ≈ 1) and 0.01° north → 1.112 km · √(4 + 1) = 2.486 km
		expect(body.nearest_station).toMatchObject({ id: 'station:fixture-central', distance_km: 2.49 });
	});

	it('answers null far from any stop', async () => {
		const body = await ok<{ nearest_station: unknown; nearest_stop: unknown }>('/api/nearest?lon=50&lat=50');
		expect(body.nearest_station).toBeNull();
		expect(body.nearest_stop).toBeNull();
	});

	it.each([
		['lon=0.5', 'lat'],
		['lat=0.5', 'lon'],
		['lon=abc&lat=0.5', 'lon'],
		['lon=181&lat=0.5', 'lon'],
		['lon=0.5&lat=-91', 'lat'],
		['lon=&lat=0.5', 'lon'],
		['lon=0.5&lat=NaN', 'lat'],
		['lon=0.5&lat=0.5&radius=3', 'radius'],
		['lon=0.5&lon=0.6&lat=0.5', 'lon'],
		['lon=0.5&lat=0.5&lang=fr', 'lang'],
		['lon=Infinity&lat=0.5', 'lon'],
		['lon=0x10&lat=0.5', 'lon'],
		['lon=0.5&lat=1e1', 'lat']
	])('refuses %s', async (query, parameter) => {
		await expectError(`/api/nearest?${query}`, 400, 'invalid_parameter', parameter);
	});

	it('says in the error what a valid value is', async () => {
		const res = await app.request('/api/nearest?lon=181&lat=0.5');
		expect(await res.json()).toEqual({ error: 'invalid_parameter', detail: 'lon must be a number between -180 and 180', parameter: 'lon' });
		const twice = await app.request('/api/nearest?lon=1&lon=2&lat=0.5');
		expect(((await twice.json()) as { detail: string }).detail).toBe('lon must be given once');
	});
});

describe('GET /api/search', () => {
	const search = async (q: string, extra = '') => (await ok<SearchBody>(`/api/search?q=${encodeURIComponent(q)}${extra}`)).results;

	it.each(['Roßfixture', 'Rossfixture', 'rossfixture', 'ROSSFIXTURE', 'rossf', 'Roßf'])('finds Roßfixture from "%s", the exact name first', async (q) => {
		const results = await search(q);
		expect(results.map((r) => r.label)).toEqual(['Roßfixture', 'Roßfixture Siedlung']);
		expect(results[0]).toMatchObject({ ref: 'place:rossfixture', kind: 'wohnen', theme: 'wohnen', lon: 0.58, lat: 0.42, detail: `${MUNICIPALITY.name}, ${DISTRICT.name}` });
	});

	it.each(['Mühlfixture', 'muhlfixture', 'Muehlfixture', 'MUEHLFIXTURE'])('finds Mühlfixture from "%s", the exact name first', async (q) => {
		const results = await search(q);
		// the bus stop named exactly so comes before the business park whose name only starts so
		expect(results.map((r) => r.label)).toEqual(['Mühlfixture', 'Mühlfixture Gewerbepark']);
		expect(results[0]).toMatchObject({ ref: 'stop:muehlfixture', kind: 'bus', theme: 'verkehr' });
	});

	it('finds by prefix, including the start of a later word', async () => {
		// neither is exact here: among prefix matches the business park ranks before the bus stop
		expect((await search('mühlf')).map((r) => r.label)).toEqual(['Mühlfixture Gewerbepark', 'Mühlfixture']);
		expect((await search('fixture sit')).map((r) => r.label)).toContain('Fixture Site Alpha');
		expect((await search('site alph')).map((r) => r.label)).toEqual(['Fixture Site Alpha']);
	});

	it('finds districts and municipalities, not neighbours or broadband polygons', async () => {
		const district = await search('Fixturekreis');
		expect(district[0]).toMatchObject({ ref: `region:${DISTRICT.ags}`, kind: 'district', label: DISTRICT.name, lon: 0.5, lat: 0.5, theme: null });
		expect(district.some((r) => r.ref.startsWith('broadband:'))).toBe(false);
		const town = await search('Testburg Grossfixture');
		expect(town.map((r) => r.ref)).toEqual(expect.arrayContaining([`region:${MUNICIPALITY.ags}`, 'place:testburg']));
		expect(town[0]!.label).toBe(MUNICIPALITY.name);
		expect(await search('Nachbarfixture')).toEqual([]);
	});

	it('honours limit and answers no match with an empty list', async () => {
		expect(await search('fixture', '&limit=3')).toHaveLength(3);
		// 24 sites, 4 transport, 4 sights (Fixturehafen included) and the district "Fixturekreis"
		expect(await search('fixture', '&limit=50')).toHaveLength(33);
		expect(await search('zzqqxx')).toEqual([]);
	});

	it('treats search syntax as text', async () => {
		for (const q of ['"', '*', 'NEAR(a b)', 'a OR b', "'; DROP TABLE features; --", '^fix', 'col:fix']) {
			const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
			expect(res.status, q).toBe(200);
		}
	});

	it('refuses a missing, blank or over-long q and a bad limit', async () => {
		await expectError('/api/search', 400, 'invalid_parameter', 'q');
		await expectError('/api/search?q=', 400, 'invalid_parameter', 'q');
		await expectError('/api/search?q=%20%20', 400, 'invalid_parameter', 'q');
		await expectError(`/api/search?q=${'a'.repeat(101)}`, 400, 'invalid_parameter', 'q');
		await ok(`/api/search?q=${'a'.repeat(100)}`);
		await expectError('/api/search?q=fix&limit=51', 400, 'invalid_parameter', 'limit');
		await expectError('/api/search?q=fix&limit=0', 400, 'invalid_parameter', 'limit');
		await expectError('/api/search?q=fix&theme=gewerbe', 400, 'invalid_parameter', 'theme');
	});
});

describe('GET /api/regions and /api/regions/:ags', () => {
	it('lists district and municipality, without neighbours', async () => {
		const body = await ok<{ regions: { ags: string; level: string; name: string; label_point: number[]; bbox: number[] }[] }>('/api/regions');
		expect(body.regions.map((r) => [r.ags, r.level, r.name])).toEqual([
			[DISTRICT.ags, 'district', DISTRICT.name],
			[MUNICIPALITY.ags, 'municipality', MUNICIPALITY.name]
		]);
		expect(body.regions[0]!.bbox).toEqual([0.32, 0.32, 0.68, 0.68]);
		expect(body.regions[1]!.label_point).toEqual([0.48, 0.48]);
		expect((await ok<{ regions: unknown[] }>('/api/regions?level=municipality')).regions).toHaveLength(1);
		expect((await ok<{ regions: unknown[] }>('/api/regions?level=district')).regions).toHaveLength(1);
	});

	it('refuses other levels and unknown parameters', async () => {
		await expectError('/api/regions?level=neighbour', 400, 'invalid_parameter', 'level');
		await expectError('/api/regions?level=state', 400, 'invalid_parameter', 'level');
		await expectError('/api/regions?sort=name', 400, 'invalid_parameter', 'sort');
	});

	it('returns a district with population, broadband figures and sources', async () => {
		const body = await ok<{
			ags: string;
			level: string;
			name: string;
			boundary_editions: { edition: string; bbox: number[]; geometry?: unknown }[];
			stats: { key: string; value: number; as_of: string }[];
			broadband: { audience: string; as_of: string; metric: string; value: number }[];
			sources: { id: string }[];
		}>(`/api/regions/${DISTRICT.ags}`);
		expect(body).toMatchObject({ ags: DISTRICT.ags, level: 'district', name: DISTRICT.name });
		expect(body.boundary_editions).toHaveLength(1);
		expect(body.boundary_editions[0]).not.toHaveProperty('geometry');
		expect(body.stats).toContainEqual(expect.objectContaining({ key: 'population', value: DISTRICT_POPULATION, as_of: '2099-12-31' }));
		expect(body.broadband).toHaveLength(4);
		expect(body.broadband).toContainEqual(expect.objectContaining({ audience: 'private', as_of: '2021-06', metric: 'all_100', value: BROADBAND.bb_2021_06_all_100 }));
		expect(body.broadband).toContainEqual(expect.objectContaining({ metric: 'ftth_1000', value: 7.75 }));
		expect(body.sources.map((s) => s.id)).toEqual([SOURCES.boundaries.id]);
	});

	it('includes the boundary when asked', async () => {
		const body = await ok<{ boundary_editions: { geometry: unknown }[] }>(`/api/regions/${DISTRICT.ags}?geometry=true`);
		expect(body.boundary_editions[0]!.geometry).toEqual(DISTRICT_POLYGON);
	});

	it('returns a municipality', async () => {
		const body = await ok<{ level: string; name: string; broadband: unknown[] }>(`/api/regions/${MUNICIPALITY.ags}`);
		expect(body).toMatchObject({ level: 'municipality', name: MUNICIPALITY.name, broadband: [] });
	});

	it('refuses malformed codes and answers 404 for codes not in the data', async () => {
		for (const ags of ['123', '990010', 'abcde', '99001001x', '9900100', '%20']) {
			await expectError(`/api/regions/${ags}`, 400, 'invalid_parameter', 'ags');
		}
		await expectError('/api/regions/16062', 404, 'not_found', null);
		await expectError('/api/regions/99001999', 404, 'not_found', null);
		// a neighbour is context on the map, not a region of the product
		await expectError('/api/regions/99002', 404, 'not_found', null);
		await expectError(`/api/regions/${DISTRICT.ags}?geometry=true&simplify=1`, 400, 'invalid_parameter', 'simplify');
	});
});

describe('parameters every read endpoint checks', () => {
	it.each([
		['/api/features/gewerbe:does-not-matter?lang=fr', 'lang'],
		['/api/regions/16062?lang=fr', 'lang'],
		['/api/regions/16062?geometry=abc', 'geometry'],
		['/api/goals?lang=fr', 'lang'],
		['/api/features?theme=gewerbe&bbox=0x1,0,1,1', 'bbox'],
		['/api/features?theme=gewerbe&free_area_ha_min=0x10', 'free_area_ha_min']
	])('%s is refused naming %s', async (url, parameter) => {
		await expectError(url, 400, 'invalid_parameter', parameter);
	});
});

describe('GET /api/export', () => {
	const today = () => new Date().toISOString().slice(0, 10);

	it('exports CSV with type, filename, header and attribution', async () => {
		const res = await app.request('/api/export?theme=gewerbe&format=csv');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="standortkarte-gewerbe-${today()}.csv"`);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const { header, data, attribution } = splitCsv(await res.text());
		expect(header.slice(0, 4)).toEqual(['id', 'name', 'lon', 'lat']);
		expect(header).toEqual(expect.arrayContaining(['gross_area_ha', 'free_area_ha', 'kali_region', 'source', 'source_edition', 'source_licence']));
		expect(data).toHaveLength(25);
		for (const row of data) expect(row).toHaveLength(header.length);
		expect(attribution).toEqual(['Hand-written test fixture: sites (sites (Testdaten), Stand 2099-01, CC0-1.0)']);
		const gamma = Object.fromEntries(header.map((h, i) => [h, data.find((r) => r[0] === 'site:fixture-gamma')![i]]));
		expect(gamma).toMatchObject({ name: 'Fixture Site Gamma', lon: '0.41', lat: '0.35', category: 'kali_site', gross_area_ha: '15', free_area_ha: '3', kali_region: 'true', source: SOURCES.sites.attribution });
		// One source-line column in the language asked for (German by default), with the language it is written in.
		expect(header).not.toContain('source_note_en');
		expect(header.indexOf('source_note_lang')).toBe(header.indexOf('source_note') + 1);
		expect(gamma).toMatchObject({ source_note: 'Fixture source line, English only', source_note_lang: 'en' });
		// names with umlauts survive as UTF-8
		expect(data.map((r) => r[1])).toContain('Mühlfixture Gewerbepark');
	});

	it('exports GeoJSON by default with type, filename and attribution', async () => {
		const res = await app.request('/api/export?theme=tourismus');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="standortkarte-tourismus-${today()}.geojson"`);
		const body = (await res.json()) as { type: string; theme: string; attribution: string[]; features: ApiFeature[] };
		expect(body.type).toBe('FeatureCollection');
		expect(body.features.map((f) => f.id)).toEqual(featuresOf('tourismus'));
		expect(body.attribution).toEqual(['Hand-written test fixture: sights (sights (Testdaten), Stand 2099-01, CC0-1.0)']);
		expect(body.features[0]!.properties.source).toMatchObject({ attribution: SOURCES.sights.attribution });
	});

	it.each([
		'theme=gewerbe',
		'theme=gewerbe&category=kali_site,research',
		'theme=gewerbe&gross_area_ha_min=20&gross_area_ha_max=50',
		'theme=gewerbe&kali_region=false',
		'theme=gewerbe&bbox=0.3,0.3,0.42,0.4',
		'theme=verkehr&category=bus,tram',
		'theme=tourismus&approx=true',
		'theme=breitband',
		'theme=daseinsvorsorge'
	])('exports exactly the rows the list counts: %s', async (query) => {
		const list = await ok<Page>(`/api/features?${query}&limit=500`);
		const csv = splitCsv(await (await app.request(`/api/export?${query}&format=csv`)).text());
		expect(csv.data.map((r) => r[0])).toEqual(list.features.map((f) => f.id));
		expect(csv.data).toHaveLength(list.total);
		expect(csv.attribution).toEqual(list.attribution);
		const geo = (await (await app.request(`/api/export?${query}&format=geojson`)).json()) as { features: ApiFeature[] };
		expect(geo.features).toHaveLength(list.total);
		expect(geo.features.map((f) => f.id)).toEqual(list.features.map((f) => f.id));
	});

	it('has hand-checked row counts for two filters', async () => {
		const rows = async (query: string) => splitCsv(await (await app.request(`/api/export?${query}&format=csv`)).text()).data.length;
		expect(await rows('theme=gewerbe&gross_area_ha_min=20&gross_area_ha_max=50')).toBe(7);
		expect(await rows('theme=daseinsvorsorge')).toBe(0);
	});

	it('refuses unknown formats, paging parameters and the usual bad input', async () => {
		await expectError('/api/export?theme=gewerbe&format=xlsx', 400, 'invalid_parameter', 'format');
		await expectError('/api/export?theme=gewerbe&format=', 400, 'invalid_parameter', 'format');
		await expectError('/api/export?theme=gewerbe&limit=10', 400, 'invalid_parameter', 'limit');
		await expectError('/api/export?format=csv', 400, 'invalid_parameter', 'theme');
		await expectError('/api/export?theme=nope', 404, 'unknown_theme', 'theme');
		await expectError('/api/export?theme=gewerbe&gross_area_ha_min=9&gross_area_ha_max=1', 400, 'invalid_parameter', 'gross_area_ha_min');
	});
});

describe('OpenAPI description and docs page', () => {
	it('serves the OpenAPI document listing every endpoint', async () => {
		const doc = await ok<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
		expect(doc.openapi).toBe('3.1.0');
		for (const p of ['/api/health', '/api/themes', '/api/features', '/api/features/{id}', '/api/nearest', '/api/search', '/api/regions', '/api/regions/{ags}', '/api/export', '/api/goals', '/api/planning/broadband', '/api/planning/broadband/export', '/api/planning/goals/export', '/tiles/{archive}.pmtiles', '/tiles/{archive}/{z}/{x}/{y}.mvt', '/tiles/{archive}.json']) {
			expect(doc.paths, p).toHaveProperty([p]);
		}
	});

	it('serves a readable HTML page', async () => {
		const res = await app.request('/api/docs');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await res.text();
		expect(html).toContain('/api/openapi.json');
		expect(html).toContain('GET /api/features');
	});
});

describe('routing, methods and headers', () => {
	it('answers unknown routes with JSON 404', async () => {
		await expectError('/api/nope', 404, 'not_found', null);
		await expectError('/api/features/site:fixture-alpha/extra', 404, 'not_found', null);
		await expectError('/nope', 404, 'not_found', null);
		await expectError('/', 404, 'not_found', null);
	});

	it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s with JSON 405', async (method) => {
		await expectError('/api/features?theme=gewerbe', 405, 'method_not_allowed', null, { method });
		await expectError('/api/health', 405, 'method_not_allowed', null, { method });
		await expectError(`/api/regions/${DISTRICT.ags}`, 405, 'method_not_allowed', null, { method });
	});

	it('answers data with the headers that concern data, and its one page with the page rules', async () => {
		const data = await app.request('/api/themes');
		expect(data.headers.get('x-content-type-options')).toBe('nosniff');
		expect(data.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
		for (const name of ['x-frame-options', 'x-xss-protection', 'referrer-policy', 'cross-origin-opener-policy', 'origin-agent-cluster']) expect(data.headers.get(name), name).toBeNull();
		const docs = await app.request('/api/docs');
		expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
		expect(docs.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		expect(docs.headers.get('referrer-policy')).toBe('no-referrer');
	});

	it('sends HSTS only with answers that came over HTTPS', async () => {
		for (const url of ['/api/themes', '/tiles/standortkarte.json']) {
			expect((await app.request(`http://localhost${url}`)).headers.get('strict-transport-security'), url).toBeNull();
			expect((await app.request(`https://localhost${url}`)).headers.get('strict-transport-security'), url).toMatch(/^max-age=\d+/);
		}
	});

	it('is open to any origin and revalidates with ETags', async () => {
		const res = await app.request('/api/themes', { headers: { Origin: 'https://partner.example' } });
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		const tag = res.headers.get('etag');
		expect(tag).toBeTruthy();
		const again = await app.request('/api/themes', { headers: { 'If-None-Match': tag! } });
		expect(again.status).toBe(304);
	});

	it('answers a repeated query from memory with its own request id and the same body', async () => {
		const first = await app.request('/api/search?q=fixture&limit=3');
		const second = await app.request('/api/search?limit=3&q=fixture');
		expect(second.status).toBe(200);
		expect(await second.text()).toBe(await first.text());
		expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
		expect(second.headers.get('content-type')).toMatch(/^application\/json/);
		expect(second.headers.get('x-request-id')).toBeTruthy();
		expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
		const head = await app.request('/api/search?q=fixture&limit=3', { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(await head.text()).toBe('');
	});

	it('tags each URL of one data version differently and never tags exports or health', async () => {
		const a = (await app.request('/api/features?theme=gewerbe&limit=2')).headers.get('etag');
		const b = (await app.request('/api/features?theme=gewerbe&limit=3')).headers.get('etag');
		expect(a).toBeTruthy();
		expect(a).not.toBe(b);
		const stale = await app.request('/api/features?theme=gewerbe&limit=3', { headers: { 'If-None-Match': a! } });
		expect(stale.status).toBe(200);
		expect((await app.request('/api/export?theme=gewerbe')).headers.get('etag')).toBeNull();
		expect((await app.request('/api/health')).headers.get('etag')).toBeNull();
		const error = await app.request('/api/features?theme=gewerbe&limit=0');
		expect(error.headers.get('etag')).toBeNull();
	});

	it('never answered with a 500 in this suite', () => {
		expect(logged).toEqual([]);
	});
});

// -------------------------------------------------------------------------------------------

describe('without data', () => {
	let dir: string;
	let missing: App;

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'nt-api-missing-'));
		missing = createApp({ dbFile: path.join(dir, 'var', 'none.sqlite'), tilesDir: path.join(dir, 'tiles'), log: (line) => logged.push(line) });
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('reports what is missing in /api/health with 503', async () => {
		const res = await missing.request('/api/health');
		expect(res.status).toBe(503);
		const body = (await res.json()) as { status: string; database: { ok: boolean; error: string }; archives: { ok: boolean; error: string }[] };
		expect(body.status).toBe('degraded');
		expect(body.database.ok).toBe(false);
		// Plain words for the public; no server path, no command.
		expect(body.database.error).toBe('The map data has not been built yet.');
		expect(JSON.stringify(body)).not.toContain(dir);
		expect(JSON.stringify(body)).not.toMatch(/npm run|sqlite/i);
		expect(body.archives).toHaveLength(1);
		expect(body.archives[0]!.ok).toBe(false);
		expect(body.archives[0]!.error).toBe('The map tiles have not been built yet.');
	});

	it.each([
		'/api/themes',
		'/api/features?theme=gewerbe',
		'/api/features/site:fixture-alpha',
		'/api/nearest?lon=0.5&lat=0.5',
		'/api/search?q=fixture',
		'/api/regions',
		`/api/regions/${DISTRICT.ags}`,
		'/api/export?theme=gewerbe&format=csv'
	])('answers %s with 503 data_unavailable', async (url) => {
		const e = await expectError(url, 503, 'data_unavailable', null, undefined, missing);
		expect(e.detail).toBe('The map data has not been built yet.');
		// The operator finds the file and the command in the log.
		expect(logged.some((l) => l.startsWith('data unavailable:') && l.includes(path.join(dir, 'var', 'none.sqlite')) && l.includes('npm run data'))).toBe(true);
	});

	it('still validates requests and answers for missing archives with 404', async () => {
		await expectError('/api/features?theme=castles', 404, 'unknown_theme', 'theme', undefined, missing);
		await expectError('/api/features?theme=gewerbe&limit=0', 400, 'invalid_parameter', 'limit', undefined, missing);
		await expectError('/tiles/standortkarte.pmtiles', 404, 'not_found', null, undefined, missing);
		await expectError('/tiles/standortkarte/5/16/15.mvt', 404, 'not_found', null, undefined, missing);
	});

	it('serves the data once it has been built, without a restart', async () => {
		mkdirSync(path.join(dir, 'var'), { recursive: true });
		mkdirSync(path.join(dir, 'tiles'), { recursive: true });
		copyFileSync(fx.dbFile, path.join(dir, 'var', 'none.sqlite'));
		copyFileSync(fx.archiveFile, path.join(dir, 'tiles', 'standortkarte.pmtiles'));
		expect((await missing.request('/api/health')).status).toBe(200);
		expect((await missing.request('/api/features?theme=gewerbe&limit=1')).status).toBe(200);
		expect((await missing.request('/tiles/standortkarte.pmtiles', { headers: { Range: 'bytes=0-6' } })).status).toBe(206);
	});
});

describe('with damaged data', () => {
	let corrupt: ReturnType<typeof buildCorruptData>;

	beforeAll(() => {
		corrupt = buildCorruptData();
	});
	afterAll(() => corrupt.cleanup());

	it('answers 503 for a database file of garbage bytes', async () => {
		const broken = createApp({ dbFile: corrupt.dbFile, tilesDir: fx.tilesDir, log: (line) => logged.push(line) });
		const res = await broken.request('/api/health');
		expect(res.status).toBe(503);
		const body = (await res.json()) as { database: { ok: boolean; error: string }; archives: { ok: boolean }[] };
		expect(body.database.ok).toBe(false);
		expect(body.database.error).toBe('The map database cannot be read.');
		expect(JSON.stringify(body)).not.toContain(corrupt.dbFile);
		expect(body.archives[0]!.ok).toBe(true);
		for (const url of ['/api/features?theme=gewerbe', '/api/themes', '/api/search?q=fix', '/api/export?theme=verkehr']) {
			await expectError(url, 503, 'data_unavailable', null, undefined, broken);
		}
		// the tiles do not depend on the database
		expect((await broken.request('/tiles/standortkarte.pmtiles', { headers: { Range: 'bytes=0-6' } })).status).toBe(206);
	});

	it('answers 503 for a database whose header is intact but whose pages are garbage', async () => {
		const file = path.join(corrupt.dir, 'damaged.sqlite');
		const bytes = readFileSync(fx.dbFile);
		for (let i = 20_000; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
		writeFileSync(file, bytes);
		const damaged = createApp({ dbFile: file, tilesDir: fx.tilesDir, log: (line) => logged.push(line) });
		expect((await damaged.request('/api/health')).status).toBe(503);
		for (const url of ['/api/features?theme=gewerbe', `/api/regions/${DISTRICT.ags}`, '/api/nearest?lon=0.5&lat=0.5', '/api/search?q=fixture']) {
			await expectError(url, 503, 'data_unavailable', null, undefined, damaged);
		}
	});

	it('answers 503, not 500, when the open database is damaged in place', async () => {
		const file = path.join(corrupt.dir, 'in-place.sqlite');
		copyFileSync(fx.dbFile, file);
		// A whole-second modification time survives the round trip exactly (sub-ms parts may not).
		const stamp = 1_700_000_000;
		utimesSync(file, stamp, stamp);
		const app2 = createApp({ dbFile: file, tilesDir: fx.tilesDir, log: (line) => logged.push(line) });
		expect((await app2.request('/api/health')).status).toBe(200);
		// Overwrite the pages but restore the modification time, so the store keeps its open handle.
		// Page 1 (schema) stays; the header's change counter moves as with any real write, which makes
		// SQLite drop its page cache and read the damaged pages.
		const bytes = readFileSync(file);
		for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
		bytes.writeUInt32BE(bytes.readUInt32BE(24) + 1, 24);
		writeFileSync(file, bytes);
		utimesSync(file, stamp, stamp);
		expect(statSync(file).mtimeMs).toBe(stamp * 1000);
		await expectError('/api/export?theme=gewerbe&format=csv', 503, 'data_unavailable', null, undefined, app2);
	});

	it('answers 503 for a corrupt archive and keeps serving the good one', async () => {
		const tilesDir = corrupt.tilesDir;
		copyFileSync(fx.archiveFile, path.join(tilesDir, 'standortkarte.pmtiles'));
		const mixed = createApp({ dbFile: fx.dbFile, tilesDir, log: (line) => logged.push(line) });
		const e = await expectError('/tiles/broken.pmtiles', 503, 'data_unavailable', null, undefined, mixed);
		expect(e.detail).toBe('The map tiles cannot be read.');
		expect(logged.some((l) => l.startsWith('data unavailable:') && l.includes(path.join(tilesDir, 'broken.pmtiles')))).toBe(true);
		await expectError('/tiles/broken.pmtiles', 503, 'data_unavailable', null, { headers: { Range: 'bytes=0-126' } }, mixed);
		await expectError('/tiles/broken/5/16/15.mvt', 503, 'data_unavailable', null, undefined, mixed);
		await expectError('/tiles/broken.json', 503, 'data_unavailable', null, undefined, mixed);
		const health = await mixed.request('/api/health');
		expect(health.status).toBe(503);
		const body = (await health.json()) as { archives: { name: string; ok: boolean; error?: string }[] };
		expect(body.archives.map((a) => [a.name, a.ok])).toEqual([
			['broken', false],
			['standortkarte', true]
		]);
		expect((await mixed.request('/tiles/standortkarte.pmtiles', { headers: { Range: 'bytes=0-6' } })).status).toBe(206);
		expect((await mixed.request('/api/features?theme=gewerbe&limit=1')).status).toBe(200);
	});

	it('answers 503 for an archive cut short after an intact header, and health says why', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'nt-api-truncated-'));
		try {
			writeFileSync(path.join(dir, 'standortkarte.pmtiles'), fx.archive.subarray(0, Math.floor(fx.archive.byteLength * 0.6)));
			const cut = createApp({ dbFile: fx.dbFile, tilesDir: dir, log: (line) => logged.push(line) });
			const [z, x, y] = [fx.tiles[0]!.z, fx.tiles[0]!.x, fx.tiles[0]!.y];
			const tile = await expectError(`/tiles/standortkarte/${z}/${x}/${y}.mvt`, 503, 'data_unavailable', null, { headers: { 'Accept-Encoding': 'gzip' } }, cut);
			expect(tile.detail).toBe('The map tiles are incomplete or damaged.');
			const health = await cut.request('/api/health');
			expect(health.status).toBe(503);
			const body = (await health.json()) as { archives: { ok: boolean; error?: string }[] };
			expect(body.archives[0]).toMatchObject({ ok: false, error: 'The map tiles are incomplete or damaged.' });
			expect(logged.some((l) => l.includes('truncated'))).toBe(true);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('answers 503 when tile bytes were changed on disk (hash written by the build)', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'nt-api-flipped-'));
		try {
			const bytes = Buffer.from(fx.archive);
			const tileDataOffset = Number(bytes.readBigUInt64LE(56));
			bytes[tileDataOffset + 3] = bytes[tileDataOffset + 3]! ^ 0xff;
			writeFileSync(path.join(dir, 'standortkarte.pmtiles'), bytes);
			const flipped = createApp({ dbFile: fx.dbFile, tilesDir: dir, log: (line) => logged.push(line) });
			const [z, x, y] = [fx.tiles[0]!.z, fx.tiles[0]!.x, fx.tiles[0]!.y];
			// gzip-accepting clients would otherwise get the damaged bytes with 200
			await expectError(`/tiles/standortkarte/${z}/${x}/${y}.mvt`, 503, 'data_unavailable', null, { headers: { 'Accept-Encoding': 'gzip' } }, flipped);
			expect((await flipped.request('/api/health')).status).toBe(503);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('leaves out one damaged row (SQLite finds nothing wrong) and keeps serving its neighbours', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'nt-api-badrow-'));
		try {
			const file = path.join(dir, 'one-bad-row.sqlite');
			copyFileSync(fx.dbFile, file);
			const db = new DatabaseSync(file);
			const victim = db.prepare("SELECT id, theme, geometry FROM features WHERE theme = 'gewerbe' ORDER BY fid LIMIT 1").get() as { id: string; theme: string; geometry: string };
			// One byte of the stored geometry changed: the row no longer holds valid JSON.
			const at = victim.geometry.indexOf('[');
			db.prepare('UPDATE features SET geometry = ? WHERE id = ?').run(victim.geometry.slice(0, at) + '#' + victim.geometry.slice(at + 1), victim.id);
			expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
			db.close();
			const app2 = createApp({ dbFile: file, tilesDir: fx.tilesDir, log: (line) => logged.push(line) });
			const list = await app2.request(`/api/features?theme=${victim.theme}`);
			expect(list.status).toBe(200);
			const ids = ((await list.json()) as { features: { id: string }[] }).features.map((f) => f.id);
			expect(ids).not.toContain(victim.id);
			expect(ids.length).toBeGreaterThan(0);
			for (const format of ['csv', 'geojson']) {
				const exp = await app2.request(`/api/export?theme=${victim.theme}&format=${format}`);
				expect(exp.status).toBe(200);
				expect(await exp.text()).not.toContain(victim.id);
			}
			await expectError(`/api/features/${encodeURIComponent(victim.id)}`, 503, 'data_unavailable', null, undefined, app2);
			const health = await app2.request('/api/health');
			expect(health.status).toBe(503);
			const body = (await health.json()) as { database: { ok: boolean; damaged_rows?: { id: string }[] } };
			expect(body.database.ok).toBe(false);
			expect(body.database.damaged_rows?.map((r) => r.id)).toEqual([victim.id]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('answers 503 for a damaged tile inside a readable archive', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'nt-api-tile-'));
		try {
			const bytes = Buffer.from(fx.archive);
			const tileDataOffset = Number(Buffer.from(fx.archive.subarray(56, 64)).readBigUInt64LE());
			for (let i = tileDataOffset; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
			writeFileSync(path.join(dir, 'standortkarte.pmtiles'), bytes);
			const damaged = createApp({ dbFile: fx.dbFile, tilesDir: dir, log: (line) => logged.push(line) });
			const [z, x, y] = [fx.tiles[0]!.z, fx.tiles[0]!.x, fx.tiles[0]!.y];
			// gzip-accepting clients get the stored bytes as they are; decoding them for others fails
			await expectError(`/tiles/standortkarte/${z}/${x}/${y}.mvt`, 503, 'data_unavailable', null, { headers: { 'Accept-Encoding': 'identity' } }, damaged);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('logged no unexpected error (only the data problems above)', () => {
		expect(logged.filter((l) => !l.startsWith('data unavailable:'))).toEqual([]);
	});
});
