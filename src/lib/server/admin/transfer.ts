/**
 * Import and export of back-office entries as CSV (semicolon, UTF-8, German headers) and GeoJSON.
 * An import is checked completely first: the preview lists what would be added and changed and
 * every bad row with its line and field; applying writes all rows in one transaction or none.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { EditableLayer, Field } from '../../themes/registry.ts';
import { editableFieldsFor, getTheme, themeFields } from '../../themes/registry.ts';
import type { Theme } from '../../themes/registry.ts';
import type { Actor, AdminItem, Change, ContentDb } from './content-db.ts';
import { diffSnapshots } from './content-db.ts';
import type { FieldError, ItemInput, Value } from './validate-item.ts';
import { validateItem } from './validate-item.ts';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

/** Fixed columns before the registry fields. */
export const CSV_FIXED = {
	id: 'ID',
	name: 'Name',
	category: 'Kategorie',
	lon: 'Länge',
	lat: 'Breite',
	geometry: 'Geometrie (GeoJSON)',
	published: 'Veröffentlicht'
} as const;

/** Written on export for information, ignored on import (derived or kept by the server). */
export const CSV_INFO = {
	municipality: 'Gemeinde',
	district: 'Landkreis',
	version: 'Version',
	updated_at: 'Zuletzt aktualisiert',
	updated_by: 'Aktualisiert von'
} as const;

export function csvHeader(field: Field): string {
	return field.unit ? `${field.label.de} (${field.unit})` : field.label.de;
}

/** Registry fields of a layer's CSV: every editable field of any of its categories, in registry order. */
export function layerFields(layer: EditableLayer): Field[] {
	const theme = getTheme(layer.theme) as Theme;
	const keys = new Set(layer.categories.flatMap((c) => editableFieldsFor(theme, c).map((f) => f.key)));
	return themeFields(theme).filter((f) => keys.has(f.key) && f.key !== 'name' && f.key !== 'category');
}

export interface ImportRowRef {
	line: number;
	id: string;
	name: string;
}

export interface ImportReport {
	layer: string;
	format: 'csv' | 'geojson';
	rows: number;
	added: ImportRowRef[];
	changed: (ImportRowRef & { changes: Change[] })[];
	unchanged: ImportRowRef[];
	errors: (FieldError & { line: number })[];
	applied: boolean;
}

interface ParsedRow {
	line: number;
	id: string | null;
	published: boolean | null;
	raw: { name?: unknown; category?: unknown; geometry?: unknown; values?: unknown };
	errors: (FieldError & { line: number })[];
}

const lineError = (line: number, field: string, code: string, de: string, en: string) => ({ line, field, code, message: { de, en } });

function parseBool(s: string): boolean | null | 'bad' {
	const v = s.trim().toLowerCase();
	if (v === '') return null;
	if (['ja', 'yes', 'true', '1', 'wahr'].includes(v)) return true;
	if (['nein', 'no', 'false', '0', 'falsch'].includes(v)) return false;
	return 'bad';
}

/** German numbers ("5,5", "1.234,5") and plain ones ("5.5") alike. */
function parseNumber(s: string): number | null | 'bad' {
	const v = s.trim();
	if (v === '') return null;
	let norm = v;
	if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(v)) norm = v.replace(/\./g, '').replace(',', '.');
	else if (/^-?\d+,\d+$/.test(v)) norm = v.replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(norm)) return 'bad';
	return Number(norm);
}

function parseCsvRows(layer: EditableLayer, text: string): { rows: ParsedRow[]; errors: ImportReport['errors'] } {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, { delimiter: ';', bom: true, info: true, relax_column_count: false, skip_empty_lines: true, trim: false, comment: '#', comment_no_infix: true }) as unknown as typeof records;
	} catch (e) {
		const err = e as { lines?: number; message: string };
		return { rows: [], errors: [lineError(err.lines ?? 1, 'file', 'csv_syntax', `CSV nicht lesbar: ${err.message.slice(0, 200)}`, `CSV unreadable: ${err.message.slice(0, 200)}`)] };
	}
	if (records.length === 0) return { rows: [], errors: [lineError(1, 'file', 'empty', 'Die Datei ist leer.', 'The file is empty.')] };
	const header = records[0]!.record.map((h) => h.trim());
	const fields = layerFields(layer);
	const byHeader = new Map<string, string>([
		...Object.entries(CSV_FIXED).map(([k, h]) => [h, `@${k}`] as [string, string]),
		...Object.entries(CSV_INFO).map(([k, h]) => [h, `#${k}`] as [string, string]),
		...fields.map((f) => [csvHeader(f), f.key] as [string, string])
	]);
	const errors: ImportReport['errors'] = [];
	const columns = header.map((h) => byHeader.get(h) ?? null);
	header.forEach((h, i) => {
		if (!columns[i]) errors.push(lineError(1, h.slice(0, 80) || `Spalte ${i + 1}`, 'unknown_column', `Unbekannte Spalte „${h.slice(0, 80)}“.`, `Unknown column "${h.slice(0, 80)}".`));
	});
	if (!columns.includes('@name')) errors.push(lineError(1, CSV_FIXED.name, 'missing_column', 'Spalte „Name“ fehlt.', 'Column "Name" is missing.'));
	if (errors.length > 0) return { rows: [], errors };
	const fieldByKey = new Map(fields.map((f) => [f.key, f]));
	const rows: ParsedRow[] = [];
	for (const { record, info } of records.slice(1)) {
		const line = info.lines;
		const row: ParsedRow = { line, id: null, published: null, raw: { values: {} }, errors: [] };
		const values: Record<string, Value> = {};
		let lon: number | null = null;
		let lat: number | null = null;
		record.forEach((cell, i) => {
			const key = columns[i]!;
			if (key.startsWith('#')) return;
			if (key === '@id') row.id = cell.trim() || null;
			else if (key === '@name') row.raw.name = cell;
			else if (key === '@category') row.raw.category = cell.trim();
			else if (key === '@published') {
				const b = parseBool(cell);
				if (b === 'bad') row.errors.push(lineError(line, CSV_FIXED.published, 'not_a_boolean', 'Veröffentlicht: ja oder nein.', 'Published: yes or no.'));
				else row.published = b;
			} else if (key === '@geometry') {
				if (cell.trim() === '') return;
				try {
					row.raw.geometry = JSON.parse(cell) as unknown;
				} catch {
					row.errors.push(lineError(line, 'geometry', 'invalid_geometry', 'Geometrie: kein gültiges GeoJSON.', 'Geometry: not valid GeoJSON.'));
				}
			} else if (key === '@lon' || key === '@lat') {
				const n = parseNumber(cell);
				if (n === 'bad') row.errors.push(lineError(line, 'geometry', 'invalid_position', `${key === '@lon' ? 'Länge' : 'Breite'}: keine Zahl.`, `${key === '@lon' ? 'Longitude' : 'Latitude'}: not a number.`));
				else if (key === '@lon') lon = n;
				else lat = n;
			} else {
				const field = fieldByKey.get(key)!;
				if (field.type === 'number') {
					const n = parseNumber(cell);
					if (n === 'bad') row.errors.push(lineError(line, field.key, 'not_a_number', `${field.label.de}: keine Zahl.`, `${field.label.en}: not a number.`));
					else values[field.key] = n;
				} else if (field.type === 'boolean') {
					const b = parseBool(cell);
					if (b === 'bad') row.errors.push(lineError(line, field.key, 'not_a_boolean', `${field.label.de}: ja oder nein.`, `${field.label.en}: yes or no.`));
					else values[field.key] = b;
				} else values[field.key] = cell.trim() === '' ? null : cell.trim();
			}
		});
		if (row.raw.geometry === undefined && lon !== null && lat !== null) row.raw.geometry = { type: 'Point', coordinates: [lon, lat] };
		// Only fields of the row's category are sent; empty cells of other categories' columns are no value.
		const theme = getTheme(layer.theme) as Theme;
		const own = new Set(editableFieldsFor(theme, typeof row.raw.category === 'string' ? row.raw.category : layer.categories[0]).map((f) => f.key));
		row.raw.values = Object.fromEntries(Object.entries(values).filter(([k, v]) => own.has(k) || v !== null));
		rows.push(row);
	}
	return { rows, errors: [] };
}

function parseGeoJsonRows(text: string): { rows: ParsedRow[]; errors: ImportReport['errors'] } {
	let fc: unknown;
	try {
		fc = JSON.parse(text);
	} catch (e) {
		return { rows: [], errors: [lineError(1, 'file', 'json_syntax', `JSON nicht lesbar: ${(e as Error).message.slice(0, 200)}`, `JSON unreadable: ${(e as Error).message.slice(0, 200)}`)] };
	}
	const features = (fc as { type?: unknown; features?: unknown }).features;
	if ((fc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
		return { rows: [], errors: [lineError(1, 'file', 'not_a_feature_collection', 'Erwartet wird eine GeoJSON-FeatureCollection.', 'A GeoJSON FeatureCollection is expected.')] };
	}
	const rows = features.map((f: unknown, i: number): ParsedRow => {
		const feature = (f ?? {}) as { id?: unknown; geometry?: unknown; properties?: Record<string, unknown> | null };
		const p = { ...(feature.properties ?? {}) };
		const id = typeof feature.id === 'string' ? feature.id : typeof p.id === 'string' ? p.id : null;
		const published = typeof p.published === 'boolean' ? p.published : null;
		const name = p.name;
		const category = p.category;
		for (const k of ['id', 'name', 'category', 'published', 'municipality', 'district', 'ags_municipality', 'ags_district', 'version', 'updated_at', 'updated_by', 'theme', 'layer']) delete p[k];
		return { line: i + 1, id, published, raw: { name, category, geometry: feature.geometry, values: p }, errors: [] };
	});
	return { rows, errors: [] };
}

/** Null values of fields another category of the layer uses are no value (exports list every column). */
function dropForeignNulls(layer: EditableLayer, rows: ParsedRow[]): void {
	const theme = getTheme(layer.theme) as Theme;
	for (const row of rows) {
		const category = typeof row.raw.category === 'string' && layer.categories.includes(row.raw.category) ? row.raw.category : layer.categories[0];
		const own = new Set(editableFieldsFor(theme, category).map((f) => f.key));
		const values = row.raw.values;
		if (values && typeof values === 'object' && !Array.isArray(values)) {
			row.raw.values = Object.fromEntries(Object.entries(values as Record<string, unknown>).filter(([k, v]) => own.has(k) || v !== null));
		}
	}
}

/** Checks every row against the registry and the current content; writes nothing. */
function plan(content: ContentDb, layer: EditableLayer, format: 'csv' | 'geojson', text: string) {
	const parsed = format === 'csv' ? parseCsvRows(layer, text) : parseGeoJsonRows(text);
	dropForeignNulls(layer, parsed.rows);
	const report: ImportReport = { layer: layer.id, format, rows: parsed.rows.length, added: [], changed: [], unchanged: [], errors: [...parsed.errors], applied: false };
	const actions: { kind: 'add' | 'change'; id: string | null; input: ItemInput; published: boolean | null; version?: number; ref?: ImportRowRef }[] = [];
	if (parsed.rows.length > MAX_IMPORT_ROWS) {
		report.errors.push(lineError(1, 'file', 'too_many_rows', `Höchstens ${MAX_IMPORT_ROWS} Zeilen je Import.`, `At most ${MAX_IMPORT_ROWS} rows per import.`));
		return { report, actions };
	}
	const seen = new Set<string>();
	const idPattern = new RegExp(`^${layer.idPrefix}:[a-z0-9][a-z0-9-]{0,80}$`);
	for (const row of parsed.rows) {
		report.errors.push(...row.errors);
		if (row.errors.length > 0) continue;
		const checked = validateItem(layer, row.raw);
		if (!checked.ok) {
			report.errors.push(...checked.errors.map((e) => ({ ...e, line: row.line })));
			continue;
		}
		const name = checked.item.name;
		if (row.id !== null) {
			if (seen.has(row.id)) {
				report.errors.push(lineError(row.line, 'id', 'duplicate_id', `ID ${row.id} kommt mehrfach vor.`, `ID ${row.id} appears more than once.`));
				continue;
			}
			seen.add(row.id);
			const existing = content.row(row.id);
			if (existing && !existing.deleted) {
				const item = content.toItem(existing);
				if (item.layer !== layer.id) {
					report.errors.push(lineError(row.line, 'id', 'other_layer', `ID ${row.id} gehört zu einer anderen Ebene.`, `ID ${row.id} belongs to another layer.`));
					continue;
				}
				const before = content.snapshotOf(existing);
				const published = row.published ?? before.published;
				const after = { ...checked.item, values: { ...before.values, ...checked.item.values }, published, deleted: false };
				const changes = diffSnapshots(before, after);
				if (changes.length === 0) report.unchanged.push({ line: row.line, id: row.id, name });
				else {
					report.changed.push({ line: row.line, id: row.id, name, changes });
					actions.push({ kind: 'change', id: row.id, input: { ...checked.item, values: after.values }, published: row.published, version: existing.version });
				}
				continue;
			}
			if (existing?.deleted) {
				report.errors.push(lineError(row.line, 'id', 'deleted', `ID ${row.id} wurde gelöscht; im Verlauf wiederherstellen.`, `ID ${row.id} was deleted; restore it from its history.`));
				continue;
			}
			if (!idPattern.test(row.id)) {
				report.errors.push(lineError(row.line, 'id', 'invalid_id', `Neue IDs haben die Form ${layer.idPrefix}:name-des-eintrags (oder leer lassen).`, `New ids look like ${layer.idPrefix}:name-of-entry (or leave empty).`));
				continue;
			}
		}
		const ref = { line: row.line, id: row.id ?? '(neu / new)', name };
		report.added.push(ref);
		actions.push({ kind: 'add', id: row.id, input: checked.item, published: row.published, ref });
	}
	return { report, actions };
}

export function previewImport(content: ContentDb, layer: EditableLayer, format: 'csv' | 'geojson', text: string): ImportReport {
	return plan(content, layer, format, text).report;
}

/** Writes all rows in one transaction, or nothing when any row is bad. */
export function applyImport(content: ContentDb, layer: EditableLayer, format: 'csv' | 'geojson', text: string, by: Actor): ImportReport {
	const { report, actions } = plan(content, layer, format, text);
	if (report.errors.length > 0) return report;
	content.tx(() => {
		for (const a of actions) {
			if (a.kind === 'add') {
				const created = content.create(layer, a.input, by, { publish: a.published === true, id: a.id ?? undefined, origin: 'import' });
				if (a.ref) a.ref.id = created.id;
			} else {
				const item = content.update(a.id!, a.input, by, a.version, 'import');
				if (a.published !== null && a.published !== item.published) content.setPublished(item.id, a.published, by);
			}
		}
		content.audit(typeof by === 'string' ? by : by.user, 'import', layer.id, { format, added: report.added.length, changed: report.changed.length }, typeof by === 'string' ? null : by.address);
	});
	report.applied = true;
	return report;
}

function csvNumber(n: number): string {
	return String(n).replace('.', ',');
}

export function exportCsv(layer: EditableLayer, items: AdminItem[], attribution: string[]): string {
	const fields = layerFields(layer);
	const header = [...Object.values(CSV_FIXED), ...fields.map(csvHeader), ...Object.values(CSV_INFO)];
	const rows = items.map((it) => {
		const point = it.geometry.type === 'Point' ? (it.geometry.coordinates as [number, number]) : null;
		const cell = (v: Value | undefined): string => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'ja' : 'nein') : typeof v === 'number' ? csvNumber(v) : v);
		return [
			it.id,
			it.name,
			it.category,
			point ? csvNumber(point[0]) : '',
			point ? csvNumber(point[1]) : '',
			point ? '' : JSON.stringify(it.geometry),
			it.published ? 'ja' : 'nein',
			...fields.map((f) => cell(it.values[f.key])),
			it.municipality ?? '',
			it.district ?? '',
			String(it.version),
			it.updated_at,
			it.updated_by
		];
	});
	// BOM: spreadsheet programs then read the file as UTF-8; attribution follows as comment lines.
	return '\uFEFF' + stringify([header, ...rows], { delimiter: ';', record_delimiter: '\r\n' }) + attribution.map((a) => `# ${a}\r\n`).join('');
}

export function exportGeoJson(layer: EditableLayer, items: AdminItem[], attribution: string[]): string {
	return JSON.stringify({
		type: 'FeatureCollection',
		layer: layer.id,
		attribution,
		features: items.map((it) => ({
			type: 'Feature',
			id: it.id,
			geometry: it.geometry,
			properties: {
				name: it.name,
				category: it.category,
				published: it.published,
				...Object.fromEntries(layerFields(layer).map((f) => [f.key, it.values[f.key] ?? null])),
				municipality: it.municipality,
				district: it.district,
				version: it.version,
				updated_at: it.updated_at,
				updated_by: it.updated_by
			}
		}))
	});
}
