/**
 * How a site's facts read on the site page, in the list and in the comparison: values with their
 * units, "nicht erfasst / not recorded" for anything missing, facts grouped into sections, the key
 * facts for the exposé's first page, and whether a listing is stale (older than 12 months).
 */
import type { Field, FieldGroup, Theme } from '../themes/registry.ts';
import { categoryOf, fieldsFor, FIELD_GROUPS } from '../themes/registry.ts';
import type { I18nText, Lang } from '../data/model.ts';
import { st } from '../i18n/sites.ts';

export function isMissing(v: unknown): boolean {
	return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

export function formatNum(lang: Lang, value: number, maxDigits = 2): string {
	return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: maxDigits }).format(value);
}

const WORDS: Record<string, I18nText> = {
	yes: { de: 'ja', en: 'yes' },
	no: { de: 'nein', en: 'no' },
	planned: { de: 'geplant', en: 'planned' },
	on_request: { de: 'auf Anfrage', en: 'on request' }
};

/** One value as text; `null` in, "nicht erfasst" out. */
export function formatValue(lang: Lang, value: unknown, field?: Field, theme?: Theme): string {
	if (isMissing(value)) return st(lang, 'notRecorded');
	if (typeof value === 'number') return `${formatNum(lang, value)}${field?.unit ? ` ${field.unit}` : ''}`;
	if (typeof value === 'boolean') return st(lang, value ? 'yes' : 'no');
	if (typeof value === 'string') {
		if (theme && field && field.key === theme.categoryField) return categoryOf(theme, value)?.label[lang] ?? value;
		const option = field?.options?.find((o) => o.value === value);
		if (option) return option.label[lang];
		if (WORDS[value]) return WORDS[value]![lang];
		return value;
	}
	if (Array.isArray(value)) return value.map((v) => formatValue(lang, v, field, theme)).join(', ');
	if (typeof value === 'object') {
		// A range such as a price "from–to" arrives as { min, max }.
		const o = value as Record<string, unknown>;
		if (typeof o.min === 'number' || typeof o.max === 'number') {
			const unit = field?.unit ? ` ${field.unit}` : '';
			const min = typeof o.min === 'number' ? formatNum(lang, o.min) : '…';
			const max = typeof o.max === 'number' ? formatNum(lang, o.max) : '…';
			return `${min}–${max}${unit}`;
		}
		return Object.entries(o)
			.filter(([, v]) => !isMissing(v))
			.map(([k, v]) => `${k}: ${formatValue(lang, v)}`)
			.join(', ');
	}
	return String(value);
}

/** Fields shown elsewhere on the page (title, location, distances, contact, sources, "last updated"). */
const NOT_A_FACT = new Set(['name', 'category', 'listing', 'source_note', 'source_note_en', 'updated_at', 'updated_by', 'municipality', 'district', 'ags_district', 'ags_municipality', 'approx']);

/** The facts of a site of this category, grouped into the registry's sections (contact and computed ones apart). */
export function groupedFacts(theme: Theme, category: string | null | undefined): { group: FieldGroup; label: I18nText; fields: Field[] }[] {
	// The price reads as one fact ("12–15 €/m²", "on request"), under the first price field.
	const fields = fieldsFor(theme, category).filter((f) => !NOT_A_FACT.has(f.key) && !f.computed && f.group !== 'contact' && f.key !== 'price_kind' && f.key !== 'price_max_eur_m2');
	return FIELD_GROUPS.map((g) => ({ group: g.id, label: g.label, fields: fields.filter((f) => (f.group ?? 'basics') === g.id) })).filter((g) => g.fields.length > 0);
}

/** The contact fields of the registry (person, organisation, phone, e-mail, website, owner). */
export function contactFields(theme: Theme, category: string | null | undefined): Field[] {
	return fieldsFor(theme, category).filter((f) => f.group === 'contact');
}

/** What an investor looks at first, in this order, when the registry has these fields. */
const KEY_FACT_PREFERENCE = ['status', 'site_kind', 'free_area_ha', 'gross_area_ha', 'land_use', 'price_eur_m2', 'available_from', 'fibre', 'rail_siding', 'kali_region', 'companies', 'jobs'];

export function keyFactFields(theme: Theme, max = 8, category: string | null | undefined = 'commercial_area'): Field[] {
	const fields = fieldsFor(theme, category).filter((f) => !NOT_A_FACT.has(f.key) && !f.computed);
	const preferred = KEY_FACT_PREFERENCE.map((k) => fields.find((f) => f.key === k)).filter((f): f is Field => !!f);
	return preferred.slice(0, max);
}

/** The price as one text: a value, a range, "on request" or "not recorded". */
export function priceText(lang: Lang, p: Record<string, unknown>): string {
	const from = typeof p.price_eur_m2 === 'number' ? p.price_eur_m2 : null;
	const to = typeof p.price_max_eur_m2 === 'number' ? p.price_max_eur_m2 : null;
	if (p.price_kind === 'on_request') return WORDS.on_request![lang];
	if (from !== null && to !== null && to !== from) return `${formatNum(lang, from)}–${formatNum(lang, to)} €/m²`;
	if (from !== null) return `${formatNum(lang, from)} €/m²`;
	if (to !== null) return `${lang === 'de' ? 'bis' : 'up to'} ${formatNum(lang, to)} €/m²`;
	return st(lang, 'notRecorded');
}

export function factLabel(lang: Lang, field: Field): string {
	return field.key === 'price_eur_m2' ? st(lang, 'price') : field.label[lang];
}

/** A field's value as shown: the price fields read as one price, dates as dates, the rest via formatValue. */
export function factText(lang: Lang, field: Field, p: Record<string, unknown>, theme: Theme): string {
	if (field.key === 'price_eur_m2') return priceText(lang, p);
	const v = p[field.key];
	if (field.format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(lang, new Date(v));
	return formatValue(lang, v, field, theme);
}

/** The record's last-update date, from whichever key the record carries. */
export function lastUpdated(props: Record<string, unknown>): Date | null {
	for (const key of ['updated_at', 'last_updated', 'updated']) {
		const v = props[key];
		if (typeof v === 'string' || typeof v === 'number') {
			const d = new Date(v);
			if (!Number.isNaN(d.getTime())) return d;
		}
	}
	return null;
}

export const STALE_AFTER_MONTHS = 12;

export function isStale(updated: Date, now: Date = new Date()): boolean {
	const limit = new Date(now);
	limit.setMonth(limit.getMonth() - STALE_AFTER_MONTHS);
	return updated.getTime() < limit.getTime();
}

export function formatDate(lang: Lang, d: Date): string {
	return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' }).format(d);
}

/** Values of one field across sites differ (missing counts as a value of its own). */
export function valuesDiffer(values: readonly unknown[]): boolean {
	const keys = values.map((v) => (isMissing(v) ? '∅' : JSON.stringify(v)));
	return new Set(keys).size > 1;
}
