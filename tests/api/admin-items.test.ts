/**
 * Editing entries: named field errors (de + en), versions with who/when/what, restore, publish and
 * unpublish showing on the public API at once, soft delete, stale saves, a save interrupted halfway,
 * the filters of the site record, and the computed site facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { utimesSync } from 'node:fs';
import { SOURCES } from '../helpers/fixture-data.ts';
import { ADMIN, EDITOR, login, makeBackOffice, send, SQUARE } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';

let t: TestBackOffice;
let editor: string;
const GOLDENE_AUE = 'commercial:industriegebiet-goldene-aue';

interface Item {
	id: string;
	version: number;
	published: boolean;
	deleted: boolean;
	values: Record<string, unknown>;
	municipality: string | null;
	district: string | null;
	approx: boolean;
	updated_by: string;
}

beforeAll(async () => {
	t = await makeBackOffice();
	editor = await login(t, EDITOR);
}, 60_000);
afterAll(() => t.cleanup());

const api = (method: string, url: string, body?: unknown) => send(t, method, url, body, { cookie: editor });
async function item(res: Response, status = 200): Promise<Item> {
	const body = (await res.json()) as { item: Item };
	expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(status);
	return body.item;
}
const publicJson = async (url: string) => {
	const res = await t.app.request(`http://localhost${url}`);
	return { res, body: (await res.json()) as Record<string, unknown> & { features?: { id: string; properties: Record<string, unknown> }[]; total?: number } };
};

describe('seeded content', () => {
	it('holds the curated entries once, with only the facts they have and their sources', async () => {
		const res = await api('GET', '/api/admin/items?layer=sites');
		const items = ((await res.json()) as { items: Item[] }).items;
		expect(items.map((i) => i.id)).toContain(GOLDENE_AUE);
		const aue = items.find((i) => i.id === GOLDENE_AUE)!;
		expect(aue.values.gross_area_ha).toBe(80);
		// Nothing beyond the facts: every other listing field is not recorded.
		for (const k of ['land_use', 'price_eur_m2', 'free_area_ha', 'contact_email', 'status', 'fibre', 'rail_siding']) expect(aue.values[k]).toBeNull();
		expect(aue.municipality).toBe('Nordhausen');
		expect(aue.approx).toBe(true);
		expect(t.bo.content.meta('seeded_at')).not.toBeNull();
	});
});

describe('validation', () => {
	it('names every bad field with a German and an English message and stores nothing', async () => {
		const before = t.bo.content.list().length;
		const res = await api('POST', '/api/admin/items', {
			layer: 'sites',
			name: '',
			category: 'commercial_area',
			geometry: { type: 'Polygon', coordinates: [[[10.78, 51.49], [10.79, 51.49], [10.79, 51.5]]] },
			values: { land_use: 'GX', grz: 1.4, contact_email: 'nicht-mail', available_from: '2026-02-30', fibre: 'maybe', shoe_size: 42, divisible: 'ja' }
		});
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: string; parameter: string; fields: { field: string; code: string; message: { de: string; en: string } }[] };
		expect(body.error).toBe('invalid_fields');
		const byField = Object.fromEntries(body.fields.map((f) => [f.field, f]));
		expect(Object.keys(byField).sort()).toEqual(['available_from', 'contact_email', 'divisible', 'fibre', 'geometry', 'grz', 'land_use', 'name', 'shoe_size'].sort());
		expect(byField.land_use!.code).toBe('not_an_option');
		expect(byField.grz!.message.de).toMatch(/Grundflächenzahl.*höchstens 1/);
		expect(byField.grz!.message.en).toMatch(/at most 1/);
		expect(byField.geometry!.code).toBe('open_ring');
		expect(byField.shoe_size!.code).toBe('unknown_field');
		expect(t.bo.content.list().length).toBe(before);
	});

	it('checks rules between fields (price kind and amounts, plots, areas) and opening hours', async () => {
		const base = { layer: 'sites', name: 'Regelprüfung', category: 'commercial_area', geometry: SQUARE };
		const cases: [Record<string, unknown>, string][] = [
			[{ price_kind: 'range', price_eur_m2: 30, price_max_eur_m2: 20 }, 'price_max_eur_m2'],
			[{ price_kind: 'value' }, 'price_eur_m2'],
			[{ price_kind: 'on_request', price_eur_m2: 12 }, 'price_eur_m2'],
			[{ price_eur_m2: 12 }, 'price_kind'],
			[{ smallest_plot_ha: 5, largest_plot_ha: 2 }, 'largest_plot_ha'],
			[{ gross_area_ha: 10, free_area_ha: 12 }, 'free_area_ha']
		];
		for (const [values, field] of cases) {
			const res = await api('POST', '/api/admin/items', { ...base, values });
			expect(res.status, JSON.stringify(values)).toBe(422);
			expect(((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(field);
		}
		const sight = { layer: 'sights', name: 'Testmuseum', category: 'museum', geometry: { type: 'Point', coordinates: [10.79, 51.5] } };
		const bad = await api('POST', '/api/admin/items', { ...sight, values: { opening_hours: 'Mo-Fx 25:00' } });
		expect(bad.status).toBe(422);
		expect(((await bad.json()) as { fields: { code: string }[] }).fields[0]!.code).toBe('invalid_opening_hours');
		const good = await item(await api('POST', '/api/admin/items', { ...sight, values: { opening_hours: 'Tu-Su 10:00-17:00', description_de: 'Fixture-Eintrag', website: 'https://example.org/' } }), 201);
		expect(good.values.opening_hours).toBe('Tu-Su 10:00-17:00');
		const junctionWithoutSource = await api('POST', '/api/admin/items', { layer: 'motorway_junctions', name: 'AS Test', category: 'motorway_junction', geometry: { type: 'Point', coordinates: [10.8, 51.45] }, values: { motorway: 'A 38' } });
		expect(junctionWithoutSource.status).toBe(422);
		expect(((await junctionWithoutSource.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['source_note']);
	});
});

describe('versions, publishing and restore', () => {
	let id: string;

	it('a new draft is not public; publishing shows it on the public API at once', async () => {
		const created = await item(
			await api('POST', '/api/admin/items', {
				layer: 'sites',
				name: 'Testfläche Nordhausen Süd',
				category: 'commercial_area',
				geometry: SQUARE,
				values: { gross_area_ha: 12.5, free_area_ha: 4, land_use: 'GE_GI', price_kind: 'range', price_eur_m2: 18, price_max_eur_m2: 25, divisible: true, rail_siding: false, fibre: 'planned', contact_email: 'standort@example.org', available_from: '2026-05-01' }
			}),
			201
		);
		id = created.id;
		expect(id).toBe('commercial:testflaeche-nordhausen-sued');
		expect(created).toMatchObject({ version: 1, published: false, municipality: 'Nordhausen', district: 'Nordhausen', approx: false, updated_by: EDITOR.email });
		expect((await publicJson(`/api/features/${id}`)).res.status).toBe(404);
		const before = await publicJson('/api/features?theme=gewerbe&land_use=GE_GI');
		expect(before.body.total).toBe(0);
		const etagBefore = before.res.headers.get('etag');

		const published = await item(await api('POST', `/api/admin/items/${id}/publish`));
		expect(published).toMatchObject({ version: 2, published: true });
		const after = await publicJson('/api/features?theme=gewerbe&land_use=GE_GI');
		expect(after.body.total).toBe(1);
		expect(after.body.features![0]!.id).toBe(id);
		expect(after.res.headers.get('etag')).not.toBe(etagBefore);
		expect(after.res.headers.get('cache-control')).toBe('public, no-cache');
		const one = await publicJson(`/api/features/${id}`);
		expect(one.res.status).toBe(200);
		expect((one.body.properties as Record<string, unknown>).gross_area_ha).toBe(12.5);
		// Public answers say when, not who: an editor's e-mail address stays in the back office.
		expect((one.body.properties as Record<string, unknown>).updated_at).toBe('2026-03-02');
		expect(JSON.stringify(one.body)).not.toContain(EDITOR.email);
		const live = await publicJson('/api/live/gewerbe');
		expect((live.body.features as { id: string }[]).map((f) => f.id)).toContain(id);
		expect(live.body.overridden).toEqual(expect.arrayContaining([id, GOLDENE_AUE]));
		const search = await publicJson('/api/search?q=testflaeche');
		expect((search.body.results as { ref: string }[]).map((r) => r.ref)).toContain(id);
	});

	it('every filter of the new fields works on the public API', async () => {
		const count = async (q: string) => (await publicJson(`/api/features?theme=gewerbe&${q}`)).body.total;
		expect(await count('price_eur_m2_min=15&price_eur_m2_max=20')).toBe(1);
		expect(await count('price_eur_m2_min=19')).toBe(0);
		expect(await count('fibre=planned,yes')).toBe(1);
		expect(await count('fibre=yes')).toBe(0);
		expect(await count('divisible=true')).toBe(1);
		// Not recorded is neither yes nor no: only the site that says "no" matches false.
		expect(await count('rail_siding=false')).toBe(1);
		expect(await count('divisible=false')).toBe(0);
		// free area 4 ha: the new site and fixture site Delta (i = 4, free_area_ha = i)
		expect(await count('free_area_ha_min=3.9&free_area_ha_max=4.1')).toBe(2);
		expect(await count('free_area_ha_min=3.9&free_area_ha_max=4.1&land_use=GE_GI')).toBe(1);
		expect(await count('land_use=GE,GE_GI&gross_area_ha_max=20')).toBe(1);
		const bad = await publicJson('/api/features?theme=gewerbe&station_km_max=3');
		expect(bad.res.status).toBe(400);
		const typo = await publicJson('/api/features?theme=gewerbe&land_use=GX');
		expect(typo.res.status).toBe(400);
		expect(typo.body).toMatchObject({ parameter: 'land_use' });
		expect(String(typo.body.detail)).toMatch(/GE_GI/);
		// Dates filter as ranges too.
		expect(await count('available_from_max=2026-06-30')).toBe(1);
		expect(await count('available_from_min=2026-07-01')).toBe(0);
		expect((await publicJson('/api/features?theme=gewerbe&available_from_max=soon')).res.status).toBe(400);
	});

	it('a save records who, when and which fields changed; a stale save is refused', async () => {
		t.clock.now += 60_000;
		const cur = t.bo.content.get(id)!;
		const saved = await item(await api('PUT', `/api/admin/items/${id}`, { version: cur.version, name: cur.name, category: cur.category, geometry: cur.geometry, values: { ...cur.values, free_area_ha: 3, status: 'reserved' } }));
		expect(saved.version).toBe(3);
		const stale = await api('PUT', `/api/admin/items/${id}`, { version: cur.version, name: cur.name, category: cur.category, geometry: cur.geometry, values: cur.values });
		expect(stale.status).toBe(409);
		const history = (await (await api('GET', `/api/admin/items/${id}/history`)).json()) as { versions: { version: number; by: string; at: string; action: string; changes: { field: string; from: unknown; to: unknown }[] }[] };
		expect(history.versions.map((v) => v.action)).toEqual(['update', 'publish', 'create']);
		expect(history.versions[0]).toMatchObject({ version: 3, by: EDITOR.email, at: new Date(t.clock.now).toISOString() });
		// The audit log has the change with who and from which address.
		expect(t.bo.content.auditLog().find((e) => e.action === 'item.update' && e.target === id)).toMatchObject({ actor: EDITOR.email, address: '192.0.2.1', detail: { version: 3 } });
		expect(history.versions[0]!.changes).toEqual([
			{ field: 'status', from: null, to: 'reserved' },
			{ field: 'free_area_ha', from: 4, to: 3 }
		]);
	});

	it('restores any version as a new version, and the public API follows', async () => {
		const restored = await item(await api('POST', `/api/admin/items/${id}/restore`, { version: 1 }));
		expect(restored).toMatchObject({ version: 4, published: false });
		expect(restored.values.free_area_ha).toBe(4);
		expect((await publicJson(`/api/features/${id}`)).res.status).toBe(404);
		const again = await item(await api('POST', `/api/admin/items/${id}/restore`, { version: 3 }));
		expect(again).toMatchObject({ version: 5, published: true });
		expect(again.values.status).toBe('reserved');
		expect((await publicJson(`/api/features/${id}`)).res.status).toBe(200);
		const missing = await api('POST', `/api/admin/items/${id}/restore`, { version: 99 });
		expect(missing.status).toBe(404);
	});

	it('unpublishing a curated entry hides the built row too; deleting is soft and restorable', async () => {
		expect((await publicJson(`/api/features/${GOLDENE_AUE}`)).res.status).toBe(200);
		await item(await api('POST', `/api/admin/items/${GOLDENE_AUE}/unpublish`));
		expect((await publicJson(`/api/features/${GOLDENE_AUE}`)).res.status).toBe(404);
		const list = await publicJson('/api/features?theme=gewerbe&limit=500');
		expect(list.body.features!.map((f) => f.id)).not.toContain(GOLDENE_AUE);
		await item(await api('POST', `/api/admin/items/${GOLDENE_AUE}/publish`));
		expect((await publicJson(`/api/features/${GOLDENE_AUE}`)).res.status).toBe(200);

		const deleted = await item(await api('DELETE', `/api/admin/items/${id}`));
		expect(deleted).toMatchObject({ deleted: true, published: false });
		expect((await publicJson(`/api/features/${id}`)).res.status).toBe(404);
		expect((await api('GET', '/api/admin/items?layer=sites').then((r) => r.json()) as { items: Item[] }).items.map((i) => i.id)).not.toContain(id);
		expect((await api('GET', '/api/admin/items?status=deleted').then((r) => r.json()) as { items: Item[] }).items.map((i) => i.id)).toContain(id);
		expect((await api('DELETE', `/api/admin/items/${id}`)).status).toBe(404);
		const back = await item(await api('POST', `/api/admin/items/${id}/restore`, { version: deleted.version - 1 }));
		expect(back).toMatchObject({ deleted: false, published: true });
	});

	it('a save interrupted halfway leaves the previous data, versions and public answer untouched', async () => {
		const broken = await makeBackOffice({
			onSaveStep: (step) => {
				if (step === 'item_written') throw new Error('power cut');
			}
		});
		try {
			const cookie = await login(broken, ADMIN);
			const before = JSON.stringify([broken.bo.content.db.prepare('SELECT * FROM items ORDER BY id').all(), broken.bo.content.db.prepare('SELECT * FROM item_versions ORDER BY item_id, version').all()]);
			const cur = broken.bo.content.get(GOLDENE_AUE)!;
			const res = await send(broken, 'PUT', `/api/admin/items/${GOLDENE_AUE}`, { version: cur.version, name: 'Umbenannt', category: cur.category, geometry: cur.geometry, values: { ...cur.values, gross_area_ha: 1 } }, { cookie });
			expect(res.status).toBe(500);
			const body = (await res.json()) as { error: string; detail: string };
			expect(body.error).toBe('internal_error');
			expect(body.detail).not.toMatch(/power cut|\.ts|at /);
			const after = JSON.stringify([broken.bo.content.db.prepare('SELECT * FROM items ORDER BY id').all(), broken.bo.content.db.prepare('SELECT * FROM item_versions ORDER BY item_id, version').all()]);
			expect(after).toBe(before);
			expect(broken.bo.content.db.isTransaction).toBe(false);
			const pub = await broken.app.request(`http://localhost/api/features/${GOLDENE_AUE}`);
			expect(((await pub.json()) as { properties: { name: string; gross_area_ha: number } }).properties).toMatchObject({ name: 'Industriegebiet Goldene Aue', gross_area_ha: 80 });
		} finally {
			broken.cleanup();
		}
	});
});

describe('computed site facts', () => {
	it('motorway junction distance says not recorded until the layer has an entry, then the distance', async () => {
		const before = await publicJson(`/api/features/${GOLDENE_AUE}`);
		const p = before.body.properties as Record<string, unknown>;
		expect(p.motorway_junction_status).toBe('not_recorded');
		expect(p.motorway_junction_km).toBeNull();
		type Themes = { themes: { id: string; feature_count: number; sources: { id: string }[] }[] };
		const countBefore = ((await publicJson('/api/themes')).body as unknown as Themes).themes.find((x) => x.id === 'verkehr')!.feature_count;
		// The position is a test fixture, not a real junction.
		await item(
			await api('POST', '/api/admin/items', { layer: 'motorway_junctions', name: 'Fixture-Anschluss', category: 'motorway_junction', geometry: { type: 'Point', coordinates: [10.7957, 51.4568] }, values: { motorway: 'A 38', source_note: 'test fixture' }, publish: true }),
			201
		);
		const themes = ((await publicJson('/api/themes')).body as unknown as Themes).themes.find((x) => x.id === 'verkehr')!;
		expect(themes.feature_count).toBe(countBefore + 1);
		expect(themes.sources.map((x) => x.id)).toContain('motorway-junctions');
		const after = (await publicJson(`/api/features/${GOLDENE_AUE}`)).body.properties as Record<string, unknown>;
		expect(after.motorway_junction_status).toBe('recorded');
		// 0.045° of latitude ≈ 5.0 km
		expect(after.motorway_junction_km).toBeCloseTo(5.01, 1);
		expect((after.nearest_motorway_junction as { motorway: string }).motorway).toBe('A 38');
	});

	it('nearest hospital comes from the data; broadband and GP density are null without imported figures', async () => {
		const p = (await publicJson(`/api/features/${GOLDENE_AUE}`)).body.properties as Record<string, unknown>;
		expect((p.nearest_hospital as { id: string }).id).toBe('hospital:suedharz-klinikum-nordhausen');
		expect(p.broadband).toBeNull();
		expect(p.broadband_share_pct).toBeNull();
		expect(p.gp_density).toBeNull();
	});

	it('broadband share and GP density come from the newest imported edition of the municipality, named', async () => {
		// Imported figures stand in as test fixtures, written into the fixture database as a rebuild would (new data version).
		const db = new DatabaseSync(t.fx.dbFile);
		const put = db.prepare("INSERT INTO broadband (ags, level, audience, as_of, metric, value, source_id) VALUES ('16062041', 'municipality', ?, ?, ?, ?, ?)");
		put.run('private', '2018-12', 'all_1000', 11.5, SOURCES.sites.id);
		put.run('private', '2021-06', 'all_1000', 42.5, SOURCES.sites.id);
		put.run('private', '2021-06', 'all_50', 97.25, SOURCES.sites.id);
		put.run('private', '2022-12', 'dsl_16', 50, SOURCES.sites.id); // not a headline metric: no newer edition of the share
		put.run('business', '2022-12', 'all_1000', 80, SOURCES.sites.id);
		db.prepare("INSERT INTO indicators (ags, level, code, year, value, label, source_id) VALUES ('16062041', 'municipality', 'q_hausarzt_bev', ?, ?, 'Hausärzte je 10.000 Einwohner', ?)").run(2021, 6.25, SOURCES.sites.id);
		db.prepare("UPDATE meta SET value = 'fixture-v2' WHERE key = 'data_version'").run();
		db.close();
		const later = new Date(Date.now() + 5000);
		utimesSync(t.fx.dbFile, later, later);
		const p = (await publicJson(`/api/features/${GOLDENE_AUE}`)).body.properties as Record<string, unknown>;
		expect(p.broadband).toMatchObject({ ags: '16062041', as_of: '2021-06', source: { id: SOURCES.sites.id } });
		expect((p.broadband as { values: unknown }).values).toEqual({ all_1000: 42.5, all_50: 97.25 });
		expect(p.broadband_share_pct).toBe(42.5);
		expect(p.gp_density).toMatchObject({ ags: '16062041', value: 6.25, year: 2021 });
	});

	it('the junction layer keeps its source, which the live layer names', async () => {
		const res = await api('PUT', '/api/admin/junctions/source', { title_de: 'Anschlussstellen (Testquelle)', title_en: 'Junctions (test source)', publisher: 'Fixture', edition: '2026-03', licence: 'test fixture', attribution: 'Fixture-Quelle' });
		expect(res.status).toBe(200);
		const live = await publicJson('/api/live/verkehr');
		expect(live.body.attribution).toEqual(['Fixture-Quelle']);
		const bad = await api('PUT', '/api/admin/junctions/source', { title_de: 'x' });
		expect(bad.status).toBe(422);
	});
});
