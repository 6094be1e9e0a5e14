/** Database rows → GeoJSON features and CSV rows, with the source attached to every feature. */
import { provenanceIn } from '../../data/model.ts';
import type { Lang, Provenance } from '../../data/model.ts';
import type { FeatureRow } from '../db/store.ts';
import { getTheme, themeFields } from '../../themes/registry.ts';

export interface ApiFeature {
	type: 'Feature';
	id: string;
	geometry: GeoJSON.Geometry;
	properties: Record<string, unknown>;
}

/** Properties that are pipeline internals, not data. */
const INTERNAL = new Set(['fid', 'source_id']);

/**
 * The per-entry source line in the visitor's language; where it is kept in one language only, that
 * one, with the language it is written in (pages mark it, so that it is read in that language).
 */
function sourceNote(props: Record<string, unknown>, lang: Lang): { text: string; lang: Lang } | null {
	const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
	const kept = { de: text(props.source), en: text(props.source_en) };
	const other: Lang = lang === 'en' ? 'de' : 'en';
	const chosen = kept[lang] !== null ? lang : kept[other] !== null ? other : null;
	return chosen === null ? null : { text: kept[chosen]!, lang: chosen };
}

export function toFeature(row: FeatureRow, sources: Map<string, Provenance>, lang: Lang = 'de'): ApiFeature {
	const props = JSON.parse(row.props) as Record<string, unknown>;
	for (const k of INTERNAL) delete props[k];
	// Curated entries name their published source in words; keep that next to the dataset's provenance.
	const note = sourceNote(props, lang);
	delete props.source;
	delete props.source_en;
	if (note !== null) {
		props.source_note = note.text;
		props.source_note_lang = note.lang;
	}
	const found = sources.get(row.source_id);
	const source = found ? provenanceIn(found, lang) : undefined;
	// Values from several files (broadband editions) cite each file: "edition=source id,…".
	const perEdition = typeof props.edition_sources === 'string' ? props.edition_sources : null;
	delete props.edition_sources;
	if (perEdition) {
		props.sources = perEdition
			.split(',')
			.filter(Boolean)
			.map((pair) => {
				const [edition = '', id = ''] = pair.split('=');
				const stored = sources.get(id);
				const p = stored ? provenanceIn(stored, lang) : undefined;
				return { for_edition: edition, id, attribution: p?.attribution ?? null, title: p?.title ?? null, edition: p?.edition ?? null, licence: p?.licence ?? null };
			});
	}
	return {
		type: 'Feature',
		id: row.id,
		geometry: JSON.parse(row.geometry) as GeoJSON.Geometry,
		properties: {
			...props,
			id: row.id,
			theme: row.theme,
			name: row.name,
			category: row.category,
			municipality: row.municipality,
			ags_municipality: row.ags_municipality,
			district: row.district,
			ags_district: row.ags_district,
			approx: row.approx === 1,
			source: source ? { id: source.id, attribution: source.attribution, edition: source.edition, licence: source.licence } : { id: row.source_id }
		}
	};
}

/**
 * Rows → features, leaving out rows whose stored JSON cannot be read: one damaged row must never take
 * down the list, the export or the map around it. Each such row is reported once (log and health).
 */
export function readableFeatures(
	rows: FeatureRow[],
	sources: Map<string, Provenance>,
	store: { isBadRow(id: string): boolean; reportBadRow(id: string, problem: string): void },
	log: (line: string) => void,
	lang: Lang = 'de'
): ApiFeature[] {
	const out: ApiFeature[] = [];
	for (const row of rows) {
		if (store.isBadRow(row.id)) continue;
		try {
			out.push(toFeature(row, sources, lang));
		} catch (e) {
			store.reportBadRow(row.id, 'stored geometry or properties are not readable');
			log(`data problem: feature ${row.id} skipped: ${(e as Error).message}`);
		}
	}
	return out;
}

function csvCell(v: unknown): string {
	if (v === null || v === undefined) return '';
	const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
	return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV columns for a theme: id, name, position, the theme's registry fields, source. */
export function csvColumns(themeId: string): string[] {
	const theme = getTheme(themeId);
	const fieldKeys = theme ? themeFields(theme).map((f) => f.key) : [];
	// The source line is one column in the language asked for, with the language it is written in (see sourceNote).
	const keys = fieldKeys.filter((k) => k !== 'name' && k !== 'source_note_en').flatMap((k) => (k === 'source_note' ? [k, 'source_note_lang'] : [k]));
	return ['id', 'name', 'lon', 'lat', ...keys, 'source', 'source_edition', 'source_licence'];
}

/** Value columns a theme's features carry beyond the registry fields (broadband shares per edition and class). */
function valueColumns(features: ApiFeature[]): string[] {
	const keys = new Set<string>();
	for (const f of features) for (const k of Object.keys(f.properties)) if (/^bb_\d{4}_\d{2}_/.test(k)) keys.add(k);
	return [...keys].sort();
}

export function toCsv(themeId: string, features: ApiFeature[], attributionLines: string[]): string {
	const base = csvColumns(themeId);
	const values = valueColumns(features);
	// the shares go before the source columns; "sources" names each edition's own file
	const cols = values.length ? [...base.slice(0, -3), ...values, ...base.slice(-3), 'sources'] : base;
	const lines = [cols.join(',')];
	for (const f of features) {
		const p = f.properties;
		const src = p.source as { attribution?: string; edition?: string; licence?: string };
		const point = f.geometry.type === 'Point' ? f.geometry.coordinates : [null, null];
		const perEdition = Array.isArray(p.sources) ? (p.sources as { for_edition: string; id: string; attribution: string | null }[]) : [];
		const row: Record<string, unknown> = {
			...p,
			lon: point[0],
			lat: point[1],
			source: src.attribution,
			source_edition: src.edition,
			source_licence: src.licence,
			sources: perEdition.map((s) => `${s.for_edition}: ${s.attribution ?? ''} [${s.id}]`).join(' | ')
		};
		lines.push(cols.map((c) => csvCell(row[c])).join(','));
	}
	// Attribution travels with the file: as trailing comment lines that spreadsheet users see.
	for (const a of attributionLines) lines.push(`# ${a}`);
	return lines.join('\r\n') + '\r\n';
}
