/**
 * Sights in the back office and on the public API: description (de/en), website and opening hours
 * (OpenStreetMap syntax, checked with the opening_hours package) are saved, published and carried by
 * the public answers the map's cards read; the built-in sights carry our editorial descriptions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, login, makeBackOffice, send } from '../helpers/back-office.ts';
import type { TestBackOffice } from '../helpers/back-office.ts';

let t: TestBackOffice;
let cookie: string;

beforeAll(async () => {
	t = await makeBackOffice();
	cookie = await login(t, EDITOR);
}, 60_000);
afterAll(() => t.cleanup());

const publicFeature = async (id: string) => {
	const res = await t.app.request(`http://localhost/api/features/${encodeURIComponent(id)}`);
	return { status: res.status, body: (await res.json()) as { properties: Record<string, unknown> } };
};

describe('sight fields', () => {
	it('refuses opening hours that are not OpenStreetMap syntax, naming the field in German and English', async () => {
		const res = await send(t, 'POST', '/api/admin/items', { layer: 'sights', name: 'Fixture-Museum', category: 'museum', geometry: { type: 'Point', coordinates: [10.79, 51.5] }, values: { opening_hours: 'Mo-Fx 25:00' } }, { cookie });
		expect(res.status).toBe(422);
		const body = (await res.json()) as { fields: { field: string; code: string; message: { de: string; en: string } }[] };
		expect(body.fields).toEqual([
			{
				field: 'opening_hours',
				code: 'invalid_opening_hours',
				message: { de: expect.stringMatching(/^Öffnungszeiten: keine gültige Angabe im OpenStreetMap-Format/), en: expect.stringMatching(/^Opening hours: not valid OpenStreetMap syntax/) }
			}
		]);
		expect(t.bo.content.list().some((i) => i.name === 'Fixture-Museum')).toBe(false);
	});

	it('refuses opening hours the package would quietly correct, naming the field and the form it accepts; that form is stored as sent', async () => {
		const create = (opening_hours: string) =>
			send(t, 'POST', '/api/admin/items', { layer: 'sights', name: 'Fixture-Ausstellung', category: 'museum', geometry: { type: 'Point', coordinates: [10.79, 51.5] }, values: { opening_hours } }, { cookie });
		type Refusal = { error: string; fields: { field: string; code: string; message: { de: string; en: string }; suggestion?: string }[] };
		for (const [informal, normal, because] of [
			['Mo-Fr 9-17', 'Mo-Fr 09:00-17:00', /minutes/],
			['täglich 10-17 Uhr', 'Mo-Su 10:00-17:00', /Mo-Su/],
			['mo-fr 10:00-17:00', 'Mo-Fr 10:00-17:00', null],
			['Mo–Fr 10:00–17:00', 'Mo-Fr 10:00-17:00', /"-"/]
		] as const) {
			const res = await create(informal);
			expect(res.status, informal).toBe(422);
			const body = (await res.json()) as Refusal;
			expect(body.fields, informal).toHaveLength(1);
			const [problem] = body.fields;
			expect(problem, informal).toMatchObject({ field: 'opening_hours', code: 'informal_opening_hours', suggestion: normal });
			expect(problem!.message.de, informal).toContain(`Öffnungszeiten: nicht in der genauen OpenStreetMap-Schreibweise; angenommen wird „${normal}“.`);
			expect(problem!.message.en, informal).toContain(`Opening hours: not in exact OpenStreetMap syntax; "${normal}" would be accepted.`);
			if (because) expect(problem!.message.en, informal).toMatch(because);
			expect(problem!.message.en, informal).not.toContain('<---');
		}
		expect(t.bo.content.list().some((i) => i.name === 'Fixture-Ausstellung')).toBe(false);
		// the offered form is accepted and stored exactly so
		const accepted = await create('Mo-Fr 09:00-17:00');
		expect(accepted.status, await accepted.clone().text()).toBe(201);
		const { item } = (await accepted.json()) as { item: { id: string; values: Record<string, unknown> } };
		expect(item.values.opening_hours).toBe('Mo-Fr 09:00-17:00');
	});

	it('takes opening hours that differ from the normal form only in spacing, and stores the normal form', async () => {
		const res = await send(t, 'POST', '/api/admin/items', { layer: 'sights', name: 'Fixture-Mittagspause', category: 'museum', geometry: { type: 'Point', coordinates: [10.79, 51.5] }, values: { opening_hours: 'Mo-Fr 08:00-12:00, 13:00-17:00' } }, { cookie });
		expect(res.status, await res.clone().text()).toBe(201);
		const { item } = (await res.json()) as { item: { values: Record<string, unknown> } };
		expect(item.values.opening_hours).toBe('Mo-Fr 08:00-12:00,13:00-17:00');
	});

	it('a published sight carries description, website and opening hours on the public API', async () => {
		const values = {
			description_de: 'Fixture-Beschreibung auf Deutsch.',
			description_en: 'Fixture description in English.',
			website: 'https://example.org/fixture-museum',
			opening_hours: 'Tu-Su 10:00-17:00; PH off',
			source_note: 'Fixture-Quelle'
		};
		const created = await send(t, 'POST', '/api/admin/items', { layer: 'sights', name: 'Fixture-Museum', category: 'museum', geometry: { type: 'Point', coordinates: [10.79, 51.5] }, values }, { cookie });
		expect(created.status, await created.clone().text()).toBe(201);
		const { item } = (await created.json()) as { item: { id: string } };
		expect((await publicFeature(item.id)).status).toBe(404);
		expect((await send(t, 'POST', `/api/admin/items/${item.id}/publish`, undefined, { cookie })).status).toBe(200);
		const { status, body } = await publicFeature(item.id);
		expect(status).toBe(200);
		expect(body.properties).toMatchObject({
			theme: 'tourismus',
			category: 'museum',
			description_de: values.description_de,
			description_en: values.description_en,
			website: values.website,
			opening_hours: values.opening_hours,
			source_note: 'Fixture-Quelle'
		});
		// the card's "getting there" lines come with it
		expect(body.properties).toHaveProperty('nearest_station');
		expect(body.properties).toHaveProperty('nearest_stop');
	});

	it('built-in sights carry the editorial description with its source; a sight we wrote none for carries none', async () => {
		const kyffhaeuser = await publicFeature('tourism:kyffhaeuser-denkmal');
		expect(kyffhaeuser.status).toBe(200);
		expect(kyffhaeuser.body.properties.description_de).toMatch(/^Monumentales Kaiser-Wilhelm-Denkmal/);
		expect(kyffhaeuser.body.properties.description_en).toMatch(/^Monumental Kaiser Wilhelm memorial/);
		expect(kyffhaeuser.body.properties.source_note).toMatch(/redaktioneller Text der Standortkarte Nordthüringen/);
		// never invented: no opening hours or website for the built-in sights
		expect(kyffhaeuser.body.properties.opening_hours).toBeUndefined();
		expect(kyffhaeuser.body.properties.website).toBeUndefined();
		const straussberg = await publicFeature('tourism:burg-straussberg');
		expect(straussberg.status).toBe(200);
		expect(straussberg.body.properties.description_de).toBeUndefined();
		expect(straussberg.body.properties.source_note).toBeUndefined();
	});

	it("answers a built-in sight's source lines in the language asked for, and only in that one", async () => {
		const GERMAN = /Zusammenstellung|Quellen je Eintrag|Einzelangaben|Beschreibung|redaktionell/;
		const ENGLISH = /Compiled by|sources per entry|individual facts|Description:|editorial text/;
		const answer = async (lang: string) => {
			const res = await t.app.request(`http://localhost/api/features/${encodeURIComponent('tourism:kyffhaeuser-denkmal')}?lang=${lang}`);
			expect(res.status).toBe(200);
			const body = (await res.json()) as { source: Record<string, unknown>; properties: Record<string, unknown> };
			// the descriptions are both in every answer (the card marks a missing one); only the source wording is meant here
			const { description_de: _de, description_en: _en, ...rest } = body.properties;
			return { body, text: JSON.stringify({ source: body.source, properties: rest }) };
		};
		const en = await answer('en');
		expect(en.body.source).toMatchObject({ attribution: 'Compiled by Standortkarte Nordthüringen; sources per entry', edition: '2026-11' });
		expect(en.body.properties.source_note).toBe('Description: editorial text of the Standortkarte Nordthüringen');
		expect(en.text).not.toMatch(GERMAN);
		const de = await answer('de');
		expect(de.body.source).toMatchObject({ attribution: 'Zusammenstellung Standortkarte Nordthüringen; Quellen je Eintrag' });
		expect(de.body.properties.source_note).toBe('Beschreibung: redaktioneller Text der Standortkarte Nordthüringen');
		// the lines the card shows (publisher and derivation are notes for the data maintainers)
		const shown = (b: typeof de.body) => JSON.stringify([b.source.attribution, b.source.licence, b.source.edition, b.properties.source, b.properties.source_note]);
		expect(shown(de.body)).not.toMatch(ENGLISH);
		expect(shown(en.body)).toMatch(ENGLISH);
	});
});
