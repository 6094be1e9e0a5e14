/**
 * The site finder's state and its URL: which filters (generated from the registry fields of theme
 * gewerbe), the sort, the list scope and the comparison selection. The filter parameters are the
 * API's own (`<field>_min`, `<field>_max`, `<field>=a,b`, `<field>=true|false`), so a page link and the
 * export link carry the same filters. Parsing is forgiving: a mangled value is dropped, not an error.
 */
import { getTheme, themeFields, SITE_CATEGORIES } from '../themes/registry.ts';
import type { Field, FieldGroup, Theme } from '../themes/registry.ts';
import type { I18nText, Lang } from '../data/model.ts';

export const SITE_THEME_ID = 'gewerbe';
export const MAX_COMPARE = 4;

export function siteTheme(): Theme {
	const theme = getTheme(SITE_THEME_ID);
	if (!theme) throw new Error(`the registry has no theme ${SITE_THEME_ID}`);
	return theme;
}

export interface FilterOption {
	value: string;
	label: I18nText;
}

export interface FilterDef {
	key: string;
	label: I18nText;
	kind: 'range' | 'enum' | 'flag';
	unit?: string;
	/** dates filter by range too (`available_from_max=2027-06-30`) */
	format?: 'date';
	/** the registry's section, so the panel can group its filters */
	group: FieldGroup;
	/** choices of an enum filter; empty for ranges and flags */
	options: FilterOption[];
}

/** The bits of a site the finder needs to derive choices from the data. */
export interface SiteLike {
	properties: Record<string, unknown>;
}

/** Every filterable field of the theme, in registry order (theme fields first, then the common ones). */
export function filterDefs(theme: Theme, sites: readonly SiteLike[]): FilterDef[] {
	const own = new Set(theme.fields.map((f) => f.key));
	const ordered = [...themeFields(theme).filter((f) => own.has(f.key)), ...themeFields(theme).filter((f) => !own.has(f.key))];
	const defs: FilterDef[] = [];
	for (const field of ordered) {
		if (!field.filter || field.computed) continue;
		defs.push({
			key: field.key,
			// The district code is filtered by the district's name, so the filter is labelled like that.
			label: field.key === 'ags_district' ? (themeFields(theme).find((f) => f.key === 'district')?.label ?? field.label) : field.label,
			kind: field.filter,
			...(field.unit ? { unit: field.unit } : {}),
			...(field.format === 'date' ? { format: 'date' as const } : {}),
			group: field.group ?? 'basics',
			options: field.filter === 'enum' ? enumOptions(theme, field, sites) : []
		});
	}
	return defs;
}

function enumOptions(theme: Theme, field: Field, sites: readonly SiteLike[]): FilterOption[] {
	// The finder lists sites, not the research institutions that share the theme.
	if (field.key === theme.categoryField && theme.categories) return theme.categories.filter((c) => SITE_CATEGORIES.includes(c.value)).map((c) => ({ value: c.value, label: c.label }));
	if (field.options?.length) return field.options;
	// A district code reads better with the district's name, which every site carries.
	const labels = new Map<string, string>();
	for (const s of sites) {
		const v = s.properties[field.key];
		if (typeof v !== 'string' || v === '') continue;
		const name = field.key === 'ags_district' && typeof s.properties.district === 'string' ? s.properties.district : v;
		labels.set(v, name);
	}
	return [...labels.entries()]
		.sort((a, b) => a[1].localeCompare(b[1], 'de'))
		.map(([value, name]) => ({ value, label: { de: name, en: name } }));
}

export interface SortSpec {
	key: string;
	dir: 'asc' | 'desc';
}

export type RangeValue = number | string | null;

export interface FinderState {
	lang: Lang;
	/** numbers, or ISO dates (YYYY-MM-DD) for date fields */
	ranges: Record<string, { min: RangeValue; max: RangeValue }>;
	enums: Record<string, string[]>;
	flags: Record<string, boolean>;
	sort: SortSpec;
	scope: 'all' | 'view';
	/** ids chosen for the comparison, at most MAX_COMPARE */
	cmp: string[];
	/** map position `zoom/lat/lon`, kept so that "only in view" links show the same view */
	map: string | null;
}

export const DEFAULT_SORT: SortSpec = { key: 'name', dir: 'asc' };

/** Keys the list can be sorted by: the name and every numeric field. */
export function sortKeys(theme: Theme): { key: string; label: I18nText }[] {
	return [{ key: 'name', label: { de: 'Name', en: 'Name' } }, ...theme.fields.filter((f) => f.type === 'number' && f.filter === 'range').map((f) => ({ key: f.key, label: f.label }))];
}

function parseDate(raw: string | null): string | null {
	if (raw === null || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return null;
	const d = new Date(`${raw.trim()}T00:00:00Z`);
	return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw.trim() ? null : raw.trim();
}

function parseNumber(raw: string | null): number | null {
	if (raw === null || raw.trim() === '') return null;
	const n = Number(raw.replace(',', '.'));
	return Number.isFinite(n) ? n : null;
}

export function parseIds(raw: string | null): string[] {
	if (!raw) return [];
	return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 200))].slice(0, MAX_COMPARE);
}

export function parseFinderState(params: URLSearchParams, defs: readonly FilterDef[], theme: Theme): FinderState {
	const state: FinderState = { lang: params.get('lang') === 'en' ? 'en' : 'de', ranges: {}, enums: {}, flags: {}, sort: { ...DEFAULT_SORT }, scope: 'all', cmp: [], map: null };
	for (const def of defs) {
		if (def.kind === 'range') {
			const parse = def.format === 'date' ? parseDate : parseNumber;
			const min: RangeValue = parse(params.get(`${def.key}_min`));
			const max: RangeValue = parse(params.get(`${def.key}_max`));
			if (min === null && max === null) continue;
			// Swapped bounds are what the user meant the other way round.
			state.ranges[def.key] = min !== null && max !== null && min > max ? { min: max, max: min } : { min, max };
		} else if (def.kind === 'flag') {
			const v = params.get(def.key);
			if (v === 'true' || v === '1') state.flags[def.key] = true;
			else if (v === 'false' || v === '0') state.flags[def.key] = false;
		} else {
			const known = new Set(def.options.map((o) => o.value));
			const values = params
				.getAll(def.key)
				.flatMap((v) => v.split(','))
				.map((v) => v.trim())
				.filter((v) => v && (known.size === 0 || known.has(v)));
			if (values.length) state.enums[def.key] = [...new Set(values)];
		}
	}
	const sort = params.get('sort');
	if (sort) {
		const [key, dir] = sort.split(':');
		if (key && sortKeys(theme).some((k) => k.key === key)) state.sort = { key, dir: dir === 'desc' ? 'desc' : 'asc' };
	}
	if (params.get('scope') === 'view') state.scope = 'view';
	state.cmp = parseIds(params.get('cmp'));
	const map = params.get('map');
	if (map && /^\d{1,2}(\.\d+)?\/-?\d{1,2}(\.\d+)?\/-?\d{1,3}(\.\d+)?$/.test(map)) state.map = map;
	return state;
}

/** The filters alone, as the API takes them (no theme, no page parameters). */
export function filterParams(state: FinderState): URLSearchParams {
	const out = new URLSearchParams();
	for (const [key, { min, max }] of Object.entries(state.ranges)) {
		if (min !== null) out.set(`${key}_min`, String(min));
		if (max !== null) out.set(`${key}_max`, String(max));
	}
	for (const [key, values] of Object.entries(state.enums)) if (values.length) out.set(key, values.join(','));
	for (const [key, value] of Object.entries(state.flags)) out.set(key, String(value));
	return out;
}

/** The API query of the listed sites: the filters, and only site categories unless the user chose some. */
export function apiParams(state: FinderState): URLSearchParams {
	const out = filterParams(state);
	if (!out.has('category')) out.set('category', SITE_CATEGORIES.join(','));
	return out;
}

export function hasFilters(state: FinderState): boolean {
	return filterParams(state).size > 0;
}

/** The query of the finder page for this state; defaults are left out so links stay short. */
export function finderSearch(state: FinderState): string {
	const out = filterParams(state);
	if (state.sort.key !== DEFAULT_SORT.key || state.sort.dir !== DEFAULT_SORT.dir) out.set('sort', `${state.sort.key}${state.sort.dir === 'desc' ? ':desc' : ''}`);
	if (state.scope === 'view') out.set('scope', 'view');
	if (state.scope === 'view' && state.map) out.set('map', state.map);
	if (state.cmp.length) out.set('cmp', state.cmp.join(','));
	if (state.lang === 'en') out.set('lang', 'en');
	const s = out.toString();
	return s ? `?${s}` : '';
}

/** The export URL of exactly the listed sites: same filters, and the map view's box when the list is limited to it. */
export function exportUrl(state: FinderState, format: 'csv' | 'geojson', bbox?: [number, number, number, number] | null): string {
	const q = new URLSearchParams({ theme: SITE_THEME_ID, format });
	for (const [k, v] of apiParams(state)) q.set(k, v);
	if (state.scope === 'view' && bbox) q.set('bbox', bbox.map((n) => n.toFixed(5)).join(','));
	if (state.lang === 'en') q.set('lang', 'en');
	return `/api/export?${q}`;
}

/** Sorts sites by a key; sites without a value come last whatever the direction. */
export function sortSites<T extends SiteLike>(sites: readonly T[], sort: SortSpec, lang: Lang): T[] {
	const sign = sort.dir === 'desc' ? -1 : 1;
	const collator = new Intl.Collator(lang === 'de' ? 'de' : 'en', { sensitivity: 'base', numeric: true });
	return [...sites].sort((a, b) => {
		const va = a.properties[sort.key];
		const vb = b.properties[sort.key];
		const ma = va === undefined || va === null || va === '';
		const mb = vb === undefined || vb === null || vb === '';
		if (ma || mb) return ma && mb ? collator.compare(String(a.properties.name), String(b.properties.name)) : ma ? 1 : -1;
		const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
		return c === 0 ? collator.compare(String(a.properties.name), String(b.properties.name)) : sign * c;
	});
}

/** Toggles an id in the comparison selection; adding beyond the limit leaves it unchanged. */
export function toggleCompare(ids: readonly string[], id: string): string[] {
	if (ids.includes(id)) return ids.filter((x) => x !== id);
	return ids.length >= MAX_COMPARE ? [...ids] : [...ids, id];
}

export function compareUrl(ids: readonly string[], lang: Lang): string {
	const q = new URLSearchParams();
	if (ids.length) q.set('ids', ids.join(','));
	if (lang === 'en') q.set('lang', 'en');
	const s = q.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
	return `/vergleich${s ? `?${s}` : ''}`;
}

/** The site page; `cmp` carries the comparison selection along so the page can add to it. */
export function sitePath(id: string, lang: Lang, cmp: readonly string[] = []): string {
	const q = new URLSearchParams();
	if (cmp.length) q.set('cmp', cmp.join(','));
	if (lang === 'en') q.set('lang', 'en');
	const s = q.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
	return `/standorte/${encodeURIComponent(id).replace(/%3A/gi, ':')}${s ? `?${s}` : ''}`;
}
