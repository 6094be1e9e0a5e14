/**
 * Every filter the registry declares for the site record works on the public API: one published
 * site with a value in every listing field, and for each filterable field a query that must find it
 * and one that must not. The list of fields comes from the registry, so a new field is tested too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, login, makeBackOffice, send, SQUARE } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';
import { getTheme, SITE_CATEGORIES, themeFields } from '../../src/lib/themes/registry.ts';
import type { Field, Theme } from '../../src/lib/themes/registry.ts';

/** A consistent listing (areas, plots and prices in order); test fixture values, not a real site. */
const VALUES: Record<string, string | number | boolean> = {
	site_kind: 'brownfield',
	status: 'available',
	gross_area_ha: 50,
	net_area_ha: 40,
	free_area_ha: 30,
	smallest_plot_ha: 1,
	largest_plot_ha: 20,
	divisible: true,
	land_use: 'SO',
	grz: 0.8,
	gfz: 2.4,
	bmz: 10,
	max_height_m: 25,
	noise_day_db: 65,
	noise_night_db: 50,
	operation_24h: true,
	rail_siding: true,
	price_kind: 'range',
	price_eur_m2: 20,
	price_max_eur_m2: 30,
	available_from: '2027-01-01',
	utility_water: 'yes',
	utility_sewage: 'planned',
	utility_electricity: 'yes',
	utility_gas: 'no',
	utility_district_heating: 'planned',
	fibre: 'yes',
	owner_type: 'municipal'
};

const gewerbe = getTheme('gewerbe') as Theme;
const filterable = themeFields(gewerbe).filter((f) => f.filter && f.categories?.some((c) => SITE_CATEGORIES.includes(c)) && f.editable !== false);

let t: TestBackOffice;
let id: string;

beforeAll(async () => {
	t = await makeBackOffice();
	const cookie = await login(t, EDITOR);
	const res = await send(t, 'POST', '/api/admin/items', { layer: 'sites', name: 'Filter-Fixture', category: 'commercial_area', geometry: SQUARE, values: VALUES, publish: true }, { cookie });
	expect(res.status, await res.clone().text()).toBe(201);
	id = ((await res.json()) as { item: { id: string } }).item.id;
}, 60_000);
afterAll(() => t.cleanup());

async function finds(query: string): Promise<boolean> {
	const res = await t.app.request(`http://localhost/api/features?theme=gewerbe&limit=500&${query}`);
	const body = (await res.json()) as { features?: { id: string }[]; detail?: string };
	expect(res.status, `${query}: ${body.detail ?? ''}`).toBe(200);
	return body.features!.some((f) => f.id === id);
}

function other(field: Field, value: unknown): string {
	return field.options!.map((o) => o.value).find((v) => v !== value)!;
}

describe('filters of the site record', () => {
	it('the fixture has a value for every filterable listing field', () => {
		expect(filterable.length).toBeGreaterThan(20);
		for (const f of filterable) expect(VALUES, f.key).toHaveProperty([f.key]);
	});

	it.each(filterable.map((f) => [f.key, f] as const))('%s', async (_key, field) => {
		const v = VALUES[field.key]!;
		if (field.filter === 'range' && field.format === 'date') {
			expect(await finds(`${field.key}_min=${v}&${field.key}_max=${v}`)).toBe(true);
			expect(await finds(`${field.key}_max=2026-12-31`)).toBe(false);
			expect(await finds(`${field.key}_min=2027-01-02`)).toBe(false);
		} else if (field.filter === 'range') {
			const n = v as number;
			expect(await finds(`${field.key}_min=${n}&${field.key}_max=${n}`)).toBe(true);
			expect(await finds(`${field.key}_min=${n + 0.01}`)).toBe(false);
			expect(await finds(`${field.key}_max=${n - 0.01}`)).toBe(false);
		} else if (field.filter === 'enum') {
			expect(await finds(`${field.key}=${v}`)).toBe(true);
			expect(await finds(`${field.key}=${other(field, v)}`)).toBe(false);
			expect(await finds(`${field.key}=${other(field, v)},${v}`)).toBe(true);
		} else {
			expect(await finds(`${field.key}=${v}`)).toBe(true);
			expect(await finds(`${field.key}=${!v}`)).toBe(false);
		}
	});

	it('the export applies the same filters', async () => {
		const res = await t.app.request('http://localhost/api/export?theme=gewerbe&format=geojson&land_use=SO&utility_gas=no');
		expect(res.status).toBe(200);
		const fc = (await res.json()) as { features: { id: string }[]; attribution: string[] };
		expect(fc.features.map((f) => f.id)).toEqual([id]);
		expect(fc.attribution.join(' ')).toMatch(/Regionalmanagement Nordthüringen/);
	});
});
