/**
 * How a site's facts read on the site page, in the list and in the comparison: values with their
 * units, "nicht erfasst / not recorded" for anything missing, facts grouped into sections, the key
 * facts for the exposé's first page, and whether a listing is stale (older than 12 months).
 */
import type { Field, Theme } from '../themes/registry.ts';
import { categoryOf } from '../themes/registry.ts';
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

type FieldWithOptions = Field & { options?: { value: string; label: I18nText }[] };

/** One value as text; `null` in, "nicht erfasst" out. */
export function formatValue(lang: Lang, value: unknown, field?: FieldWithOptions, theme?: Theme): string {
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

export type SectionId = 'area' | 'planning' | 'infrastructure' | 'terms' | 'contact' | 'otherFacts';

/** Which section a field belongs to, by what its key names (the registry has no section of its own). */
export function sectionOf(key: string): SectionId {
	if (/contact/.test(key)) return 'contact';
	if (/area|plot|divisib/.test(key)) return 'area';
	if (/land_use|baunvo|grz|gfz|bmz|height|noise|emission|operation|24h|zoning/.test(key)) return 'planning';
	if (/water|sewage|electric|gas|heating|fibre|fiber|siding|utilit/.test(key)) return 'infrastructure';
	if (/price|available|owner|status|kind/.test(key)) return 'terms';
	return 'otherFacts';
}

export const SECTION_ORDER: readonly SectionId[] = ['area', 'planning', 'infrastructure', 'terms', 'otherFacts'];

/** Fields that are not facts of the site but of the record (shown elsewhere on the page). */
const RECORD_KEYS = /^(name|category|municipality|district|ags_district|ags_municipality|approx|listing|sources?|updated_at|updated_by|last_updated|contact.*)$/;

export function factFields(theme: Theme): Field[] {
	return theme.fields.filter((f) => !RECORD_KEYS.test(f.key));
}

export function groupedFields(theme: Theme): { section: SectionId; fields: Field[] }[] {
	const fields = factFields(theme);
	return SECTION_ORDER.map((section) => ({ section, fields: fields.filter((f) => sectionOf(f.key) === section) })).filter((g) => g.fields.length > 0);
}

/** What an investor looks at first, in this order, when the registry has these fields. */
const KEY_FACT_PREFERENCE = ['status', 'kind', 'free_area_ha', 'gross_area_ha', 'net_area_ha', 'land_use', 'price_per_m2', 'price', 'available_from', 'fibre', 'rail_siding', 'kali_region', 'companies', 'jobs'];

export function keyFactFields(theme: Theme, max = 8): Field[] {
	const fields = factFields(theme);
	const preferred = KEY_FACT_PREFERENCE.map((k) => fields.find((f) => f.key === k)).filter((f): f is Field => !!f);
	const rest = fields.filter((f) => !preferred.includes(f));
	return [...preferred, ...rest].slice(0, max);
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
