/**
 * The back office's version history in words: what a version did and which fields it changed, by
 * the labels the form shows, not the stored keys (an editor reads "Quellen (englisch)", not
 * "source_note_en"). Codes nobody has words for yet are shown as they are.
 */
import type { Lang } from '$lib/data/model.ts';
import type { Field } from '$lib/themes/registry.ts';
import { at } from '$lib/i18n/admin.ts';
import type { AdminStringKey } from '$lib/i18n/admin.ts';

const ACTIONS: Record<string, AdminStringKey> = {
	seed: 'actionSeed',
	create: 'actionCreate',
	update: 'actionUpdate',
	import: 'actionImport',
	publish: 'actionPublish',
	unpublish: 'actionUnpublish',
	delete: 'actionDelete',
	restore: 'actionRestore'
};

/** The entry's own parts that are not registry fields (see diffSnapshots in content-db.ts). */
const OWN_PARTS: Record<string, AdminStringKey> = {
	'*': 'changedAll',
	name: 'name',
	category: 'category',
	geometry: 'geometry',
	published: 'changedPublished',
	deleted: 'deleted'
};

export function actionLabel(action: string, lang: Lang): string {
	const key = ACTIONS[action];
	return key ? at(lang, key) : action;
}

/** A changed field by its label, looked up in the layer's fields of every category. */
export function changeLabel(field: string, fields: readonly Field[], lang: Lang): string {
	const own = OWN_PARTS[field];
	if (own) return at(lang, own);
	return fields.find((f) => f.key === field)?.label[lang] ?? field;
}
