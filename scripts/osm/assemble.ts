/**
 * Turns imported OpenStreetMap records into theme features: located in their municipality, named
 * (or labelled by their category where OSM has no name), and matched against the curated sights,
 * which stay the highlights — a sight that OSM also has is enriched with the OSM object's id and
 * tags, never drawn twice.
 */
import type { Seed } from '../lib/seed.ts';
import type { BuiltFeature } from '../lib/theme-features.ts';
import { createRegionIndex, type AreaProps, type PolygonFeature, type Position } from '../lib/geo.ts';
import { categoryOf, getTheme } from '../../src/lib/themes/registry.ts';
import type { OsmRecord } from '../importers/osm.ts';

type Props = Record<string, unknown>;

export interface OsmData {
	records: OsmRecord[];
	sourceId: string;
}

export interface OsmAssembly {
	features: Omit<BuiltFeature, 'fid'>[];
	/** extra properties for curated sights, by their id */
	curated: Map<string, Props>;
}

/** Curated sights and OSM objects further apart than this are never the same place. */
export const MATCH_DISTANCE_M = 1000;

export function normalizeName(s: string): string {
	return s
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const STOP_WORDS = new Set(['der', 'die', 'das', 'und', 'mit', 'von', 'zum', 'zur', 'bad', 'burg', 'schloss', 'museum', 'kloster', 'ruine', 'hohle', 'hoehle']);

/** Same name: one contains the other, or they share a distinctive word (≥ 5 letters, not generic). */
export function namesMatch(a: string, b: string): boolean {
	const x = normalizeName(a);
	const y = normalizeName(b);
	if (!x || !y) return false;
	if (x.includes(y) || y.includes(x)) return true;
	const words = (s: string) => new Set(s.split(' ').filter((w) => w.length >= 5 && !STOP_WORDS.has(w)));
	const wx = words(x);
	return [...words(y)].some((w) => wx.has(w));
}

export function distanceM([x1, y1]: Position, [x2, y2]: Position): number {
	const dy = (y2 - y1) * 111_320;
	const dx = (x2 - x1) * 111_320 * Math.cos(((y1 + y2) / 2) * (Math.PI / 180));
	return Math.hypot(dx, dy);
}

function fallbackName(r: OsmRecord): string {
	const label = categoryOf(getTheme(r.theme)!, r.category)?.label.de ?? r.category;
	const ref = typeof r.props.ref === 'string' ? r.props.ref : '';
	return ref ? `${label} ${ref}` : label;
}

export function assembleOsm(seed: Seed, osm: OsmData): OsmAssembly {
	const index = createRegionIndex(
		seed.municipalities.features as unknown as PolygonFeature<AreaProps>[],
		seed.districts.features as unknown as GeoJSON.Feature<GeoJSON.Geometry | null, AreaProps>[]
	);
	// Which OSM point is a curated sight: the nearest tourism point with a matching name.
	const curated = new Map<string, Props>();
	const matched = new Set<string>();
	const tourismPoints = osm.records.filter((r) => r.theme === 'tourismus' && r.geometry.type === 'Point' && r.name);
	for (const sight of seed.tourism.features) {
		const p = sight.properties ?? {};
		const at = (sight.geometry as GeoJSON.Point).coordinates as Position;
		let best: { r: OsmRecord; d: number } | null = null;
		for (const r of tourismPoints) {
			if (matched.has(r.id)) continue;
			const d = distanceM(at, r.geometry.coordinates as Position);
			if (d <= MATCH_DISTANCE_M && namesMatch(String(p.name ?? ''), r.name!) && (!best || d < best.d)) best = { r, d };
		}
		if (!best) continue;
		matched.add(best.r.id);
		curated.set(String(p.id), {
			...best.r.props,
			osm: `${best.r.osmType}/${best.r.osmId}`,
			osm_name: best.r.name,
			osm_distance_m: Math.round(best.d)
		});
	}

	const features: Omit<BuiltFeature, 'fid'>[] = [];
	for (const r of osm.records) {
		if (matched.has(r.id)) continue;
		const location = r.geometry.type === 'Point' ? index.locate(r.geometry.coordinates as Position) : null;
		const name = r.name ?? fallbackName(r);
		features.push({
			id: r.id,
			theme: r.theme,
			category: r.category,
			name,
			geometry: r.geometry,
			props: {
				...r.props,
				...(location ?? {}),
				id: r.id,
				name,
				osm: `${r.osmType}/${r.osmId}`,
				osm_type: r.osmType,
				osm_id: r.osmId,
				// drawn from zoom 11 on (clustered below); the curated sights are always drawn
				detail: true
			},
			approx: false,
			sourceId: osm.sourceId
		});
	}
	return { features, curated };
}
