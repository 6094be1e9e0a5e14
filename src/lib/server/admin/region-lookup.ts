/**
 * Where an edited entry lies: municipality and district from the seed's 2016 boundaries (the same
 * point-in-polygon the seed and the build use), plus its representative point and bounding box.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { representativePoint } from '../../data/representative-point.ts';
import bbox from '@turf/bbox';

interface Area {
	ags: string;
	name: string;
	geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
	box: [number, number, number, number];
}

export interface Placement {
	lon: number;
	lat: number;
	box: [number, number, number, number];
	ags_municipality: string | null;
	municipality: string | null;
	ags_district: string | null;
	district: string | null;
}

/** Entries may lie a little outside the three districts (a motorway junction just across the border). */
export const EDIT_BOUNDS: [number, number, number, number] = [9.6, 50.8, 11.9, 52.0];

export class RegionLookup {
	private readonly municipalities: Area[];
	private readonly districtNames: Map<string, string>;

	constructor(seedDir: string) {
		const read = (file: string) => JSON.parse(readFileSync(path.join(seedDir, file), 'utf8')) as GeoJSON.FeatureCollection;
		this.municipalities = read('municipalities.geojson').features.map((f) => ({
			ags: String(f.properties?.ags),
			name: String(f.properties?.name),
			geometry: f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon,
			box: bbox(f) as [number, number, number, number]
		}));
		this.districtNames = new Map(read('districts.geojson').features.map((f) => [String(f.properties?.ags), String(f.properties?.name)]));
	}

	/** The point the entry's distances and municipality are taken from (the same as in the build). */
	static representativePoint(geometry: GeoJSON.Geometry): [number, number] {
		const p = representativePoint(geometry);
		if (!p) throw new Error(`no representative point for a ${geometry.type}`);
		return p;
	}

	place(geometry: GeoJSON.Geometry): Placement {
		const [lon, lat] = RegionLookup.representativePoint(geometry);
		const box = bbox(geometry) as [number, number, number, number];
		const hit = this.municipalities.find(
			(m) => lon >= m.box[0] && lon <= m.box[2] && lat >= m.box[1] && lat <= m.box[3] && booleanPointInPolygon([lon, lat], m.geometry)
		);
		const round = (n: number) => Math.round(n * 1e5) / 1e5;
		if (!hit) return { lon: round(lon), lat: round(lat), box, ags_municipality: null, municipality: null, ags_district: null, district: null };
		const agsDistrict = hit.ags.slice(0, 5);
		return {
			lon: round(lon),
			lat: round(lat),
			box,
			ags_municipality: hit.ags,
			municipality: hit.name,
			ags_district: agsDistrict,
			district: this.districtNames.get(agsDistrict) ?? null
		};
	}
}
