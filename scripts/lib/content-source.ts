/**
 * The back office's published entries as a build source. When the content database exists
 * (NT_CONTENT_DB, default var/content.sqlite), every id it owns replaces the seed's feature of that
 * id, and only published, undeleted entries are built. Without it the build uses the seed alone.
 */
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { Provenance } from '../../src/lib/data/model.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';

export interface ContentFeature {
	id: string;
	theme: ThemeId;
	category: string;
	name: string;
	geometry: GeoJSON.Geometry;
	props: Record<string, unknown>;
	approx: boolean;
	sourceId: string;
}

export interface PublishedContent {
	file: string;
	/** every id the back office owns (published or not): the seed's feature of that id is replaced */
	owned: Set<string>;
	features: ContentFeature[];
	sources: Provenance[];
}

export function loadPublishedContent(file: string): PublishedContent | null {
	if (!existsSync(file)) return null;
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		const owned = new Set((db.prepare('SELECT id FROM items').all() as { id: string }[]).map((r) => r.id));
		const rows = db.prepare('SELECT id, theme, category, name, geometry, props, approx, source_id FROM items WHERE published = 1 AND deleted = 0 ORDER BY rid').all() as {
			id: string;
			theme: ThemeId;
			category: string;
			name: string;
			geometry: string;
			props: string;
			approx: number;
			source_id: string;
		}[];
		const sources = (db.prepare('SELECT json FROM sources').all() as { json: string }[]).map((r) => JSON.parse(r.json) as Provenance);
		return {
			file,
			owned,
			features: rows.map((r) => ({
				id: r.id,
				theme: r.theme,
				category: r.category,
				name: r.name,
				geometry: JSON.parse(r.geometry) as GeoJSON.Geometry,
				props: JSON.parse(r.props) as Record<string, unknown>,
				approx: r.approx === 1,
				sourceId: r.source_id
			})),
			sources
		};
	} finally {
		db.close();
	}
}
