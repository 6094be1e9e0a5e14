/**
 * GET /api/live: what the main map draws over its tiles. Empty while the tiles hold everything (the
 * seeded curated entries, never edited); after a publish, the entry to draw and the id to hide; an
 * unpublished or deleted entry only hidden; edits older than the build's read of the content not at
 * all. The site and the account are test fixtures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, login, makeBackOffice, send, SQUARE } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';
import type { LiveOverlay } from '../../src/lib/map/live.ts';
import { overlayIsEmpty } from '../../src/lib/map/live.ts';

let t: TestBackOffice;
let editor: string;
const GOLDENE_AUE = 'commercial:industriegebiet-goldene-aue';

beforeAll(async () => {
	t = await makeBackOffice();
	editor = await login(t, EDITOR);
}, 60_000);
afterAll(() => t.cleanup());

const api = (method: string, url: string, body?: unknown) => send(t, method, url, body, { cookie: editor });
async function overlay(): Promise<LiveOverlay> {
	const res = await t.app.request('http://localhost/api/live');
	expect(res.status).toBe(200);
	expect(res.headers.get('cache-control')).toBe('no-cache');
	return (await res.json()) as LiveOverlay;
}

describe('GET /api/live', () => {
	it('is empty while the tiles hold every entry (seeded, never edited)', async () => {
		const o = await overlay();
		expect(o.themes).toEqual({});
		expect(overlayIsEmpty(o)).toBe(true);
		expect(o.content_version).toMatch(/^\d+$/);
	});

	it('names an unknown parameter', async () => {
		const res = await t.app.request('http://localhost/api/live?theme=gewerbe');
		expect(res.status).toBe(400);
		expect(JSON.stringify(await res.json())).toContain('theme');
	});

	it('carries a published polygon site to draw, and hides the tile feature of an edited curated one', async () => {
		const created = (await (await api('POST', '/api/admin/items', { layer: 'sites', name: 'Testfläche Live Fixture', category: 'commercial_area', geometry: SQUARE, values: {} })).json()) as { item: { id: string } };
		const id = created.item.id;
		// Saved but not published: nothing to draw; hidden, in case the tiles had it.
		let o = await overlay();
		expect(o.themes.gewerbe?.features ?? []).toEqual([]);
		expect(o.themes.gewerbe?.hidden).toEqual([id]);

		expect((await api('POST', `/api/admin/items/${id}/publish`)).status).toBe(200);
		o = await overlay();
		const drawn = o.themes.gewerbe!.features.find((f) => f.id === id);
		expect(drawn?.geometry.type).toBe('Polygon');
		expect(drawn?.properties).toMatchObject({ fid: id, name: 'Testfläche Live Fixture', category: 'commercial_area' });

		expect((await api('POST', `/api/admin/items/${GOLDENE_AUE}/unpublish`)).status).toBe(200);
		o = await overlay();
		expect(o.themes.gewerbe!.hidden).toEqual(expect.arrayContaining([id, GOLDENE_AUE]));
		expect(o.themes.gewerbe!.features.map((f) => f.id)).not.toContain(GOLDENE_AUE);
		// Other themes were not touched.
		expect(Object.keys(o.themes)).toEqual(['gewerbe']);

		expect((await api('DELETE', `/api/admin/items/${id}`)).status).toBe(200);
		o = await overlay();
		expect(o.themes.gewerbe!.features.map((f) => f.id)).not.toContain(id);
		expect(o.themes.gewerbe!.hidden).toContain(id);
	});

	it('leaves out what a build read after the edit (the tiles have it)', () => {
		const changed = t.bo.content.changedSince(null);
		expect(changed.get('gewerbe')?.hidden.length).toBeGreaterThan(0);
		const later = new Date(t.clock.now + 1_000).toISOString();
		expect(t.bo.content.changedSince(later).size).toBe(0);
		const earlier = new Date(t.clock.now - 1_000).toISOString();
		expect(t.bo.content.changedSince(earlier).get('gewerbe')?.hidden).toEqual(changed.get('gewerbe')?.hidden);
	});
});
