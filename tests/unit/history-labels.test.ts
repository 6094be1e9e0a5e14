import { describe, expect, it } from 'vitest';
import { actionLabel, changeLabel } from '../../src/lib/admin/history-labels.ts';
import { getTheme, themeFields } from '../../src/lib/themes/registry.ts';

const siteFields = themeFields(getTheme('gewerbe')!);

describe('the version history in words', () => {
	it('names changed fields by the labels of the form, in the page language', () => {
		expect(changeLabel('source_note_en', siteFields, 'de')).toBe('Quellen (englisch)');
		expect(changeLabel('source_note_en', siteFields, 'en')).toBe('Sources (English)');
		expect(changeLabel('gross_area_ha', siteFields, 'de')).toBe(siteFields.find((f) => f.key === 'gross_area_ha')!.label.de);
		expect(changeLabel('published', siteFields, 'de')).toBe('Veröffentlichung');
		expect(changeLabel('geometry', siteFields, 'en')).toBe('Location (geometry)');
		expect(changeLabel('*', siteFields, 'de')).toBe('alle Angaben');
		// a key without a label stays readable as it is
		expect(changeLabel('no_such_field', siteFields, 'de')).toBe('no_such_field');
	});

	it('says what each kind of version did', () => {
		const actions = ['seed', 'create', 'update', 'import', 'publish', 'unpublish', 'delete', 'restore'];
		const de = actions.map((a) => actionLabel(a, 'de'));
		expect(de).toEqual(['aus den kuratierten Daten', 'angelegt', 'bearbeitet', 'importiert', 'veröffentlicht', 'zurückgezogen', 'gelöscht', 'wiederhergestellt']);
		expect(actions.map((a) => actionLabel(a, 'en'))).toEqual(['from the curated data', 'created', 'edited', 'imported', 'published', 'withdrawn', 'deleted', 'restored']);
		expect(actionLabel('something_new', 'de')).toBe('something_new');
	});
});
