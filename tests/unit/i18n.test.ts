import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/lib/i18n/strings.ts';
import { PLANNING_STRINGS } from '../../src/lib/i18n/planning-strings.ts';
import { THEMES, PRESETS, COMMON_FIELDS } from '../../src/lib/themes/registry.ts';
import { GOAL_INDICATORS } from '../../src/lib/themes/goals.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { provenanceIn } from '../../src/lib/data/model.ts';
import type { I18nText, Provenance } from '../../src/lib/data/model.ts';
import { DEFAULT_JUNCTION_SOURCE, EDITORIAL_SOURCE } from '../../src/lib/server/admin/content-db.ts';

function collect(): [string, I18nText][] {
	const out: [string, I18nText][] = Object.entries(STRINGS).map(([k, v]) => [`strings.${k}`, v]);
	for (const [k, v] of Object.entries(PLANNING_STRINGS)) out.push([`planning.${k}`, v]);
	for (const t of THEMES) {
		out.push([`${t.id}.title`, t.title], [`${t.id}.description`, t.description], [`${t.id}.emptyHint`, t.emptyHint]);
		if (t.importAdds) out.push([`${t.id}.importAdds`, t.importAdds]);
		for (const c of t.categories ?? []) out.push([`${t.id}.category.${c.value}`, c.label]);
		for (const f of t.fields) out.push([`${t.id}.field.${f.key}`, f.label]);
		for (const m of t.choropleth?.metrics ?? []) out.push([`${t.id}.metric.${m.key}`, m.label]);
	}
	for (const p of PRESETS) out.push([`preset.${p.id}.title`, p.title], [`preset.${p.id}.description`, p.description]);
	for (const f of COMMON_FIELDS) out.push([`field.${f.key}`, f.label]);
	for (const g of GOAL_INDICATORS) out.push([`goal.${g.code}.label`, g.label], [`goal.${g.code}.unit`, g.unit]);
	return out;
}

describe('every user-visible string exists in German and English', () => {
	const all = collect();

	it('has a non-empty text in both languages', () => {
		const missing = all.filter(([, v]) => !v.de?.trim() || !v.en?.trim()).map(([k]) => k);
		expect(missing).toEqual([]);
	});

	// Words spelled the same in both languages; anything else identical is an untranslated copy.
	const SAME_IN_BOTH = new Set(['Museum', 'Park', 'Name', 'Status', 'Website', 'Organisation', 'Hotel']);
	it('has English texts that are not just the German copied (except names and units)', () => {
		const same = all
			.filter(([, v]) => v.de === v.en && /[a-zäöüß]{4,}/i.test(v.de) && !/Mbit|FTTH|DS100/.test(v.de) && !SAME_IN_BOTH.has(v.de))
			.map(([k]) => k);
		expect(same).toEqual([]);
	});

	it('covers a reasonable number of strings', () => {
		expect(all.length).toBeGreaterThan(100);
	});
});

describe('source lines in our own wording', () => {
	const seedDir = path.join(import.meta.dirname, '../../data/seed');
	const records: Provenance[] = [EDITORIAL_SOURCE, DEFAULT_JUNCTION_SOURCE];
	for (const file of readdirSync(seedDir).filter((f) => /\.(geo)?json$/.test(f))) {
		const p = (JSON.parse(readFileSync(path.join(seedDir, file), 'utf8')) as { provenance?: Provenance | Provenance[] }).provenance;
		if (p) records.push(...(Array.isArray(p) ? p : [p]));
	}
	/**
	 * Words of our compilation's and editors' German wording, and the German labels we put before a
	 * publisher's name ("Haltestellen: DB InfraGO"); official names such as "Statistik der Bundesagentur
	 * für Arbeit" do not use them.
	 */
	const OWN_GERMAN = /Zusammenstellung|je Eintrag|Einzelangaben|Angaben des|laufend gepflegt|nicht angegeben|redaktionell|Haltestellen:|Stationsdaten:/;

	it('have an English form, and in English show no German wording', () => {
		const own = records.filter((p) => OWN_GERMAN.test(`${p.attribution} ${p.licence} ${p.edition}`));
		expect(own.map((p) => p.id)).toEqual(expect.arrayContaining(['facts-tourism', 'facts-commercial', 'regionalmanagement', 'motorway-junctions', 'db-stations', 'db-hafas-stations']));
		for (const p of own) {
			const en = provenanceIn(p, 'en');
			expect(`${en.attribution} ${en.licence} ${en.edition}`, p.id).not.toMatch(OWN_GERMAN);
			expect(en).not.toHaveProperty('en');
			// German visitors see the record as published
			const { en: _english, ...published } = p;
			expect(provenanceIn(p, 'de'), p.id).toEqual(published);
		}
	});

	it('leave official sources as their publishers name them', () => {
		const official = records.filter((p) => !p.en);
		expect(official.length).toBeGreaterThan(3);
		for (const p of official) expect(provenanceIn(p, 'en')).toEqual(p);
	});

	it("name the sights' editorial descriptions in German and in English, each in one language", () => {
		const texts = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../data/editorial/sight-descriptions.json'), 'utf8')) as { source_note: I18nText };
		expect(texts.source_note.de).toMatch(/redaktionell/);
		expect(texts.source_note.de).not.toMatch(/editorial/);
		expect(texts.source_note.en).toMatch(/editorial/);
		expect(texts.source_note.en).not.toMatch(OWN_GERMAN);
	});
});
