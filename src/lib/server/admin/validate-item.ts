/**
 * Field validation of back-office entries, driven by the theme registry: every problem is named per
 * field with a message in German and English, so forms and import previews can show it in place.
 */
import opening_hours from 'opening_hours';
import type { EditableLayer, Field, Theme } from '../../themes/registry.ts';
import { editableFieldsFor, getTheme } from '../../themes/registry.ts';
import type { I18nText } from '../../data/model.ts';
import { EDIT_BOUNDS } from './region-lookup.ts';
import { OPENING_HOURS_REGION } from '../../sights/opening-hours.ts';

export interface FieldError {
	field: string;
	code: string;
	message: I18nText;
	/** the value that would be accepted instead, where there is exactly one (e.g. opening hours in their normal form) */
	suggestion?: string;
}

export type Value = string | number | boolean | null;

export interface ItemInput {
	name: string;
	category: string;
	geometry: GeoJSON.Geometry;
	values: Record<string, Value>;
}

const MAX_VERTICES = 5000;
const DEFAULT_MAX_LENGTH = 500;

const err = (field: string, code: string, de: string, en: string): FieldError => ({ field, code, message: { de, en } });

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const PHONE = /^\+?[0-9][0-9 ()/.-]{2,38}$/;

export function isEmail(s: string): boolean {
	return s.length <= 200 && EMAIL.test(s);
}

function isDate(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isUrl(s: string): boolean {
	try {
		const u = new URL(s);
		return u.protocol === 'https:' || u.protocol === 'http:';
	} catch {
		return false;
	}
}

/** The package's advice without the value it quotes ("Mo-Fr 9-17 <--- (Time range without minutes …)"). */
function advice(warnings: string[]): string {
	return warnings
		.slice(0, 3)
		.map((w) => /<---\s*\(([\s\S]*)\)\s*$/.exec(w)?.[1] ?? w)
		.join(' ')
		.slice(0, 600);
}

/** The package's defaults (as the public card reads the value), with the language of its warnings. */
const inLocale = (locale: 'de' | 'en') => ({ mode: undefined, tag_key: undefined, map_value: undefined, warnings_severity: undefined, locale });

export type OpeningHoursCheck = { ok: true; value: string } | { ok: false; invalid: true } | { ok: false; invalid: false; normal: string; advice: I18nText };

/**
 * Opening hours as the public card will read them. The package reads much informal text by quietly
 * correcting it ("Mo-Fr 9-17", "täglich 10-17 Uhr", "mo-fr"); only its own normal form without
 * warnings is taken, so what is stored is exactly what the card interprets and shows. Spacing alone
 * ("08:00-12:00, 13:00-17:00") changes nothing the package reads: such a value is taken and stored in
 * the normal form, rather than refused for a blank.
 */
export function checkOpeningHours(s: string): OpeningHoursCheck {
	let de: opening_hours;
	let en: opening_hours;
	try {
		// Warnings come in the language of the instance; German and English for the two messages.
		de = new opening_hours(s, OPENING_HOURS_REGION, inLocale('de'));
		en = new opening_hours(s, OPENING_HOURS_REGION, inLocale('en'));
	} catch {
		return { ok: false, invalid: true };
	}
	const warnings = en.getWarnings();
	const normal = en.prettifyValue();
	if (warnings.length === 0 && normal.replace(/\s+/g, '') === s.replace(/\s+/g, '')) return { ok: true, value: normal };
	return { ok: false, invalid: false, normal, advice: { de: advice(de.getWarnings()), en: advice(warnings) } };
}

/** One value against its registry field; returns the cleaned value or an error. */
export function checkValue(field: Field, raw: unknown): { value: Value } | { error: FieldError } {
	const label = field.label;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		if (field.required) return { error: err(field.key, 'required', `${label.de}: Angabe fehlt.`, `${label.en}: value required.`) };
		return { value: null };
	}
	if (field.type === 'number') {
		const n = typeof raw === 'number' ? raw : NaN;
		if (!Number.isFinite(n)) return { error: err(field.key, 'not_a_number', `${label.de}: keine Zahl.`, `${label.en}: not a number.`) };
		if (field.min !== undefined && n < field.min) return { error: err(field.key, 'too_small', `${label.de}: mindestens ${field.min}.`, `${label.en}: at least ${field.min}.`) };
		if (field.max !== undefined && n > field.max) return { error: err(field.key, 'too_large', `${label.de}: höchstens ${field.max}.`, `${label.en}: at most ${field.max}.`) };
		return { value: n };
	}
	if (field.type === 'boolean') {
		if (typeof raw !== 'boolean') return { error: err(field.key, 'not_a_boolean', `${label.de}: ja oder nein erwartet.`, `${label.en}: yes or no expected.`) };
		return { value: raw };
	}
	if (typeof raw !== 'string') return { error: err(field.key, 'not_text', `${label.de}: Text erwartet.`, `${label.en}: text expected.`) };
	const s = raw.trim();
	const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
	if (s.length > max) return { error: err(field.key, 'too_long', `${label.de}: höchstens ${max} Zeichen.`, `${label.en}: at most ${max} characters.`) };
	if (field.options && !field.options.some((o) => o.value === s)) {
		const allowed = field.options.map((o) => o.value).join(', ');
		return { error: err(field.key, 'not_an_option', `${label.de}: erlaubt sind ${allowed}.`, `${label.en}: allowed values are ${allowed}.`) };
	}
	switch (field.format) {
		case 'email':
			if (!isEmail(s)) return { error: err(field.key, 'invalid_email', `${label.de}: keine gültige E-Mail-Adresse.`, `${label.en}: not a valid e-mail address.`) };
			break;
		case 'phone':
			if (!PHONE.test(s)) return { error: err(field.key, 'invalid_phone', `${label.de}: keine gültige Telefonnummer.`, `${label.en}: not a valid phone number.`) };
			break;
		case 'url':
			if (!isUrl(s)) return { error: err(field.key, 'invalid_url', `${label.de}: Adresse muss mit http:// oder https:// beginnen.`, `${label.en}: address must start with http:// or https://.`) };
			break;
		case 'date':
			if (!isDate(s)) return { error: err(field.key, 'invalid_date', `${label.de}: Datum als JJJJ-MM-TT.`, `${label.en}: date as YYYY-MM-DD.`) };
			break;
		case 'opening_hours': {
			const check = checkOpeningHours(s);
			if (check.ok) return { value: check.value };
			if (check.invalid)
				return {
					error: err(field.key, 'invalid_opening_hours', `${label.de}: keine gültige Angabe im OpenStreetMap-Format (z. B. „Mo-Fr 09:00-17:00“).`, `${label.en}: not valid OpenStreetMap syntax (e.g. "Mo-Fr 09:00-17:00").`)
				};
			const hint = (text: string) => (text ? ` ${text}` : '');
			const offer = check.normal !== s;
			return {
				error: {
					...err(
						field.key,
						'informal_opening_hours',
						offer
							? `${label.de}: nicht in der genauen OpenStreetMap-Schreibweise; angenommen wird „${check.normal}“.${hint(check.advice.de)}`
							: `${label.de}: nicht in der genauen OpenStreetMap-Schreibweise.${hint(check.advice.de)}`,
						offer
							? `${label.en}: not in exact OpenStreetMap syntax; "${check.normal}" would be accepted.${hint(check.advice.en)}`
							: `${label.en}: not in exact OpenStreetMap syntax.${hint(check.advice.en)}`
					),
					...(offer ? { suggestion: check.normal } : {})
				}
			};
		}
	}
	return { value: s };
}

function positionsOf(geometry: GeoJSON.Geometry): unknown[] {
	const out: unknown[] = [];
	const walk = (c: unknown, depth: number): void => {
		if (depth === 0) out.push(c);
		else if (Array.isArray(c)) for (const x of c) walk(x, depth - 1);
	};
	const depth = geometry.type === 'Point' ? 0 : geometry.type === 'Polygon' ? 2 : geometry.type === 'MultiPolygon' ? 3 : -1;
	if (depth >= 0) walk((geometry as GeoJSON.Point).coordinates, depth);
	return out;
}

export function checkGeometry(layer: EditableLayer, raw: unknown): { value: GeoJSON.Geometry } | { error: FieldError } {
	const g = raw as GeoJSON.Geometry | null;
	const allowed = layer.geometries.join(', ');
	if (!g || typeof g !== 'object' || !('type' in g) || !layer.geometries.includes(g.type as 'Point')) {
		return { error: err('geometry', 'invalid_geometry_type', `Geometrie: erlaubt sind ${allowed}.`, `Geometry: allowed types are ${allowed}.`) };
	}
	if (!Array.isArray((g as GeoJSON.Point).coordinates)) return { error: err('geometry', 'invalid_geometry', 'Geometrie: Koordinaten fehlen.', 'Geometry: coordinates missing.') };
	const positions = positionsOf(g);
	if (positions.length === 0) return { error: err('geometry', 'invalid_geometry', 'Geometrie: Koordinaten fehlen.', 'Geometry: coordinates missing.') };
	if (positions.length > MAX_VERTICES) return { error: err('geometry', 'too_many_vertices', `Geometrie: höchstens ${MAX_VERTICES} Punkte.`, `Geometry: at most ${MAX_VERTICES} vertices.`) };
	for (const p of positions) {
		if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n))) {
			return { error: err('geometry', 'invalid_position', 'Geometrie: jede Position braucht Länge und Breite als Zahlen.', 'Geometry: every position needs longitude and latitude as numbers.') };
		}
		const [lon, lat] = p as [number, number];
		if (lon < EDIT_BOUNDS[0] || lon > EDIT_BOUNDS[2] || lat < EDIT_BOUNDS[1] || lat > EDIT_BOUNDS[3]) {
			return { error: err('geometry', 'outside_region', 'Geometrie: liegt nicht in oder bei Nordthüringen (WGS84, Länge/Breite).', 'Geometry: not in or near Nordthüringen (WGS84 longitude/latitude).') };
		}
	}
	const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
	for (const ring of rings) {
		const first = ring[0];
		const last = ring[ring.length - 1];
		if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
			return { error: err('geometry', 'open_ring', 'Geometrie: jede Fläche braucht mindestens drei Ecken und einen geschlossenen Umring.', 'Geometry: every polygon ring needs at least three corners and must be closed.') };
		}
	}
	const rounded = JSON.parse(JSON.stringify(g, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as GeoJSON.Geometry;
	return { value: { type: g.type, coordinates: (rounded as GeoJSON.Point).coordinates } as GeoJSON.Geometry };
}

/** Rules between fields of a listing that a single field cannot express. */
function crossFieldErrors(values: Record<string, Value>): FieldError[] {
	const out: FieldError[] = [];
	const num = (k: string) => (typeof values[k] === 'number' ? (values[k] as number) : null);
	const kind = values.price_kind;
	if (kind === 'value' && num('price_eur_m2') === null) out.push(err('price_eur_m2', 'required', 'Preis: bei festem Preis anzugeben.', 'Price: required for a fixed price.'));
	if (kind === 'range' && (num('price_eur_m2') === null || num('price_max_eur_m2') === null))
		out.push(err(num('price_eur_m2') === null ? 'price_eur_m2' : 'price_max_eur_m2', 'required', 'Preis: bei einer Spanne beide Werte angeben.', 'Price: a range needs both values.'));
	if (kind === 'on_request' && (num('price_eur_m2') !== null || num('price_max_eur_m2') !== null))
		out.push(err('price_eur_m2', 'not_allowed', 'Preis: bei „auf Anfrage“ keinen Betrag angeben.', 'Price: leave the amount empty for "on request".'));
	if (kind === 'value' && num('price_max_eur_m2') !== null) out.push(err('price_max_eur_m2', 'not_allowed', 'Preis (bis): nur bei einer Spanne.', 'Price (up to): only for a range.'));
	if (kind !== 'value' && kind !== 'range' && kind !== 'on_request' && (num('price_eur_m2') !== null || num('price_max_eur_m2') !== null))
		out.push(err('price_kind', 'required', 'Preisangabe: Art des Preises wählen.', 'Price: choose the kind of price.'));
	const pairs: [string, string, I18nText][] = [
		['price_eur_m2', 'price_max_eur_m2', { de: 'Preis (bis) darf nicht unter Preis (ab) liegen.', en: 'Price (up to) must not be below price (from).' }],
		['smallest_plot_ha', 'largest_plot_ha', { de: 'Größtes Grundstück darf nicht kleiner als das kleinste sein.', en: 'Largest plot must not be smaller than the smallest.' }],
		['free_area_ha', 'gross_area_ha', { de: 'Freie Fläche darf die Bruttofläche nicht übersteigen.', en: 'Free area must not exceed the gross area.' }],
		['net_area_ha', 'gross_area_ha', { de: 'Nettofläche darf die Bruttofläche nicht übersteigen.', en: 'Net area must not exceed the gross area.' }]
	];
	for (const [low, high, message] of pairs) {
		const a = num(low);
		const b = num(high);
		if (a !== null && b !== null && a > b) out.push({ field: low === 'price_eur_m2' || low === 'smallest_plot_ha' ? high : low, code: 'inconsistent', message });
	}
	return out;
}

/**
 * Checks a whole entry. Unknown fields are refused (a typo never silently drops a value); values
 * of fields the category does not use are refused too.
 */
export function validateItem(layer: EditableLayer, raw: { name?: unknown; category?: unknown; geometry?: unknown; values?: unknown }): { ok: true; item: ItemInput } | { ok: false; errors: FieldError[] } {
	const theme = getTheme(layer.theme) as Theme;
	const errors: FieldError[] = [];
	const category = typeof raw.category === 'string' ? raw.category : '';
	if (!layer.categories.includes(category)) {
		errors.push(err('category', 'not_an_option', `Kategorie: erlaubt sind ${layer.categories.join(', ')}.`, `Category: allowed values are ${layer.categories.join(', ')}.`));
	}
	const fields = editableFieldsFor(theme, layer.categories.includes(category) ? category : layer.categories[0]);
	const nameField = fields.find((f) => f.key === 'name')!;
	const name = checkValue(nameField, raw.name);
	if ('error' in name) errors.push(name.error);
	const geometry = checkGeometry(layer, raw.geometry);
	if ('error' in geometry) errors.push(geometry.error);
	const values: Record<string, Value> = {};
	const input = raw.values ?? {};
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		errors.push(err('values', 'invalid', 'Angaben: Objekt erwartet.', 'Values: object expected.'));
	} else {
		const byKey = new Map(fields.filter((f) => f.key !== 'name' && f.key !== 'category').map((f) => [f.key, f]));
		for (const key of Object.keys(input)) {
			if (!byKey.has(key)) errors.push(err(key.slice(0, 60), 'unknown_field', `Unbekanntes Feld „${key.slice(0, 60)}“.`, `Unknown field "${key.slice(0, 60)}".`));
		}
		for (const field of byKey.values()) {
			const r = checkValue(field, (input as Record<string, unknown>)[field.key]);
			if ('error' in r) errors.push(r.error);
			else values[field.key] = r.value;
		}
		if (errors.length === 0) errors.push(...crossFieldErrors(values));
	}
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, item: { name: (name as { value: string }).value, category, geometry: (geometry as { value: GeoJSON.Geometry }).value, values } };
}
