/**
 * CSV and GeoJSON import/export of back-office entries: export → import is a no-op, edits show in the
 * preview as changed and added rows, bad rows are named with line and field, and an import with any
 * bad row writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, login, makeBackOffice, send } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';

let t: TestBackOffice;
let editor: string;

interface Report {
	rows: number;
	added: { line: number; id: string; name: string }[];
	changed: { line: number; id: string; changes: { field: string; from: unknown; to: unknown }[] }[];
	unchanged: { line: number; id: string }[];
	errors: { line: number; field: string; code: string; message: { de: string; en: string } }[];
	applied: boolean;
	error?: string;
}

beforeAll(async () => {
	t = await makeBackOffice();
	editor = await login(t, EDITOR);
}, 60_000);
afterAll(() => t.cleanup());

const exportFile = async (layer: string, format: 'csv' | 'geojson') => {
	const res = await send(t, 'GET', `/api/admin/export?layer=${layer}&format=${format}`, undefined, { cookie: editor });
	expect(res.status).toBe(200);
	return res.text();
};
const importFile = async (step: 'preview' | 'apply', layer: string, format: 'csv' | 'geojson', content: string) => {
	const res = await send(t, 'POST', `/api/admin/import/${step}`, { layer, format, content }, { cookie: editor });
	return { status: res.status, report: (await res.json()) as Report };
};
const snapshot = () => JSON.stringify([t.bo.content.db.prepare('SELECT id, version, props, published FROM items ORDER BY id').all(), t.bo.content.db.prepare('SELECT count(*) FROM item_versions').get()]);

describe('CSV', () => {
	it('exports semicolon-separated UTF-8 with German headers and attribution', async () => {
		const res = await send(t, 'GET', '/api/admin/export?layer=sites&format=csv', undefined, { cookie: editor });
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="standortkarte-sites-\d{4}-\d{2}-\d{2}\.csv"/);
		const bytes = new Uint8Array(await res.arrayBuffer());
		// A byte-order mark, so spreadsheet programs read UTF-8 (the text decoder drops it again).
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder().decode(bytes);
		expect(csv.startsWith('ID;Name;Kategorie;Länge;Breite;Geometrie (GeoJSON);Veröffentlicht;')).toBe(true);
		expect(csv).toContain('Bruttofläche (ha)');
		expect(csv).toContain('Art der baulichen Nutzung (BauNVO)');
		expect(csv).toMatch(/commercial:industriegebiet-goldene-aue;Industriegebiet Goldene Aue;commercial_area;10,7957;51,5018;;ja;/);
		expect(csv).toMatch(/\r\n# Zusammenstellung Standortkarte Nordthüringen/);
	});

	it('round trip: importing the export changes nothing', async () => {
		const csv = await exportFile('sites', 'csv');
		const before = snapshot();
		const { status, report } = await importFile('preview', 'sites', 'csv', csv);
		expect(status).toBe(200);
		expect(report.errors).toEqual([]);
		expect(report.rows).toBe(7);
		expect(report.unchanged).toHaveLength(7);
		expect(report.added).toEqual([]);
		expect(report.changed).toEqual([]);
		const applied = await importFile('apply', 'sites', 'csv', csv);
		expect(applied.status).toBe(200);
		expect(snapshot()).toBe(before);
	});

	it('previews an edited cell as changed and a new row as added; applying writes both with versions', async () => {
		const csv = await exportFile('sites', 'csv');
		const lines = csv.split('\r\n');
		const header = lines[0]!.split(';');
		const col = (h: string) => header.indexOf(h);
		const aue = lines.findIndex((l) => l.startsWith('commercial:industriegebiet-goldene-aue;'));
		const cells = lines[aue]!.split(';');
		cells[col('Art der baulichen Nutzung (BauNVO)')] = 'GI';
		cells[col('Freie Fläche (ha)')] = '12,5';
		lines[aue] = cells.join(';');
		const fresh = header.map(() => '');
		fresh[col('Name')] = 'Neue Fläche aus Tabelle';
		fresh[col('Kategorie')] = 'commercial_area';
		fresh[col('Länge')] = '10,70';
		fresh[col('Breite')] = '51,35';
		fresh[col('Veröffentlicht')] = 'nein';
		fresh[col('Glasfaser am Standort')] = 'yes';
		lines.splice(aue + 1, 0, fresh.join(';'));
		const edited = lines.join('\r\n');

		const before = snapshot();
		const { report } = await importFile('preview', 'sites', 'csv', edited);
		expect(report.errors).toEqual([]);
		expect(report.changed).toHaveLength(1);
		expect(report.changed[0]).toMatchObject({ line: aue + 1, id: 'commercial:industriegebiet-goldene-aue' });
		expect(report.changed[0]!.changes).toEqual(
			expect.arrayContaining([
				{ field: 'land_use', from: null, to: 'GI' },
				{ field: 'free_area_ha', from: null, to: 12.5 }
			])
		);
		expect(report.added).toEqual([{ line: aue + 2, id: '(neu / new)', name: 'Neue Fläche aus Tabelle' }]);
		expect(snapshot()).toBe(before); // a preview writes nothing

		const applied = await importFile('apply', 'sites', 'csv', edited);
		expect(applied.status).toBe(200);
		expect(applied.report.applied).toBe(true);
		expect(applied.report.added[0]!.id).toBe('commercial:neue-flaeche-aus-tabelle');
		const aueItem = t.bo.content.get('commercial:industriegebiet-goldene-aue')!;
		expect(aueItem.values).toMatchObject({ land_use: 'GI', free_area_ha: 12.5, gross_area_ha: 80 });
		expect(t.bo.content.history(aueItem.id)[0]).toMatchObject({ action: 'import', by: EDITOR.email });
		const added = t.bo.content.get('commercial:neue-flaeche-aus-tabelle')!;
		expect(added).toMatchObject({ published: false, approx: true, municipality: expect.any(String) });
		expect(added.values.fibre).toBe('yes');
	});

	it('names every bad row with line and field, and an apply with bad rows writes nothing', async () => {
		const csv = await exportFile('sites', 'csv');
		const lines = csv.split('\r\n');
		const header = lines[0]!.split(';');
		const col = (h: string) => header.indexOf(h);
		const row = (set: Record<string, string>) => {
			const r = header.map(() => '');
			r[col('Kategorie')] = 'commercial_area';
			r[col('Länge')] = '10,7';
			r[col('Breite')] = '51,4';
			for (const [k, v] of Object.entries(set)) r[col(k)] = v;
			return r.join(';');
		};
		const bad = [
			lines[0],
			row({ Name: 'Gute Zeile' }),
			row({ Name: 'Zahl kaputt', 'Bruttofläche (ha)': 'viel' }),
			row({ Name: 'Unbekannte Nutzung', 'Art der baulichen Nutzung (BauNVO)': 'XY' }),
			row({ Name: '', Kategorie: 'castle' }),
			row({ Name: 'Außerhalb', Länge: '13,4', Breite: '52,5' }),
			row({ Name: 'Ja/Nein', Teilbar: 'vielleicht' }),
			row({ Name: 'Fremde ID', ID: 'tourism:kyffhaeuser-denkmal' })
		].join('\r\n');
		const before = snapshot();
		const preview = await importFile('preview', 'sites', 'csv', bad);
		const where = preview.report.errors.map((e) => `${e.line}:${e.field}`);
		expect(where).toEqual(['3:gross_area_ha', '4:land_use', '5:category', '5:name', '6:geometry', '7:divisible', '8:id']);
		expect(preview.report.errors[0]!.message.de).toMatch(/Bruttofläche: keine Zahl/);
		expect(preview.report.errors[0]!.message.en).toMatch(/Gross area: not a number/);
		expect(preview.report.added.map((a) => a.line)).toEqual([2]);
		const apply = await importFile('apply', 'sites', 'csv', bad);
		expect(apply.status).toBe(422);
		expect(apply.report).toMatchObject({ error: 'invalid_import', applied: false });
		expect(snapshot()).toBe(before);
	});

	it('reports a broken file and unknown columns on line 1 instead of guessing', async () => {
		const unknown = await importFile('preview', 'sites', 'csv', 'Name;Schuhgröße\r\nA;42\r\n');
		expect(unknown.report.errors).toEqual([expect.objectContaining({ line: 1, field: 'Schuhgröße', code: 'unknown_column' })]);
		const ragged = await importFile('preview', 'sites', 'csv', 'Name;Kategorie\r\nA;commercial_area;zu viel\r\n');
		expect(ragged.report.errors[0]).toMatchObject({ code: 'csv_syntax', line: 2 });
		const quote = await importFile('preview', 'sites', 'csv', 'Name;Kategorie\r\n"offen;commercial_area\r\n');
		expect(quote.report.errors[0]!.code).toBe('csv_syntax');
		const empty = await send(t, 'POST', '/api/admin/import/preview', { layer: 'sites', format: 'csv', content: '' }, { cookie: editor });
		expect(empty.status).toBe(400);
		const layer = await send(t, 'POST', '/api/admin/import/preview', { layer: 'nope', format: 'csv', content: 'x' }, { cookie: editor });
		expect(((await layer.json()) as { parameter: string }).parameter).toBe('layer');
	});
});

describe('GeoJSON', () => {
	it('round trip of sights: the export imports as unchanged; an edit and a bad feature are reported', async () => {
		const text = await exportFile('sights', 'geojson');
		const fc = JSON.parse(text) as { attribution: string[]; features: { id: string; geometry: GeoJSON.Point; properties: Record<string, unknown> }[] };
		expect(fc.attribution.length).toBeGreaterThan(0);
		expect(fc.features).toHaveLength(25);
		const same = await importFile('preview', 'sights', 'geojson', text);
		expect(same.report.errors).toEqual([]);
		expect(same.report.unchanged).toHaveLength(25);

		fc.features[0]!.properties.opening_hours = 'Mo-Su 09:00-18:00';
		fc.features[1]!.properties.opening_hours = 'whenever';
		const before = snapshot();
		const edited = await importFile('apply', 'sights', 'geojson', JSON.stringify(fc));
		expect(edited.status).toBe(422);
		expect(edited.report.errors).toEqual([expect.objectContaining({ line: 2, field: 'opening_hours', code: 'invalid_opening_hours' })]);
		expect(edited.report.changed.map((c) => c.id)).toEqual([fc.features[0]!.id]);
		expect(snapshot()).toBe(before);

		delete fc.features[1]!.properties.opening_hours;
		const ok = await importFile('apply', 'sights', 'geojson', JSON.stringify(fc));
		expect(ok.status).toBe(200);
		expect(t.bo.content.get(fc.features[0]!.id)!.values.opening_hours).toBe('Mo-Su 09:00-18:00');
		const exported = JSON.parse(await exportFile('sights', 'geojson')) as typeof fc;
		expect(exported.features.find((f) => f.id === fc.features[0]!.id)!.properties.opening_hours).toBe('Mo-Su 09:00-18:00');
	});

	it('refuses what is not a FeatureCollection', async () => {
		const r = await importFile('preview', 'sights', 'geojson', '{"type":"Feature"}');
		expect(r.report.errors[0]).toMatchObject({ code: 'not_a_feature_collection', line: 1 });
		const j = await importFile('preview', 'sights', 'geojson', '{nope');
		expect(j.report.errors[0]!.code).toBe('json_syntax');
	});
});
