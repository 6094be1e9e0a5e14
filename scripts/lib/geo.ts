/**
 * Geometry helpers shared by the seed refresh and the build pipeline: coordinate rounding,
 * simplification, point-in-polygon assignment to the region's municipalities, label points and
 * nearest-neighbour search. All coordinates are WGS84 [lon, lat].
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { simplify } from '@turf/simplify';
import { distance } from '@turf/distance';

export type Position = [number, number];
export type Bbox = [number, number, number, number];
export type PolygonGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;
export type PolygonFeature<P = GeoJSON.GeoJsonProperties> = GeoJSON.Feature<PolygonGeometry, P>;
export type PointFeature<P = GeoJSON.GeoJsonProperties> = GeoJSON.Feature<GeoJSON.Point, P>;

// ---- rounding and simplification -------------------------------------------------------

function roundTo(value: number, factor: number): number {
	// + 0 turns -0 into 0 so that serialised output is stable
	return Math.round(value * factor) / factor + 0;
}

function roundLine(line: GeoJSON.Position[], factor: number): GeoJSON.Position[] {
	const out: GeoJSON.Position[] = [];
	for (const p of line) {
		const q = [roundTo(p[0]!, factor), roundTo(p[1]!, factor)];
		const last = out[out.length - 1];
		// rounding can merge neighbouring vertices; repeated positions only add bytes
		if (last && last[0] === q[0] && last[1] === q[1]) continue;
		out.push(q);
	}
	return out;
}

/** A ring needs 4 positions (first = last); rings that rounding collapsed are dropped. */
function roundRings(rings: GeoJSON.Position[][], factor: number): GeoJSON.Position[][] | null {
	const out: GeoJSON.Position[][] = [];
	for (const [i, ring] of rings.entries()) {
		const r = roundLine(ring, factor);
		if (r.length < 4) {
			if (i === 0) return null; // the outer ring vanished: the whole polygon is below the precision
			continue;
		}
		out.push(r);
	}
	return out;
}

/**
 * Rounds every coordinate to `decimals` places (5 ≈ 1 m) and removes the consecutive duplicates
 * this creates. Polygon parts that collapse entirely are dropped; throws if nothing is left.
 */
export function roundCoords<G extends GeoJSON.Geometry>(geom: G, decimals: number): G {
	const factor = 10 ** decimals;
	const g = geom as GeoJSON.Geometry;
	let out: GeoJSON.Geometry;
	switch (g.type) {
		case 'Point':
			out = { type: 'Point', coordinates: [roundTo(g.coordinates[0]!, factor), roundTo(g.coordinates[1]!, factor)] };
			break;
		case 'MultiPoint':
			out = { type: 'MultiPoint', coordinates: g.coordinates.map((p) => [roundTo(p[0]!, factor), roundTo(p[1]!, factor)]) };
			break;
		case 'LineString':
			out = { type: 'LineString', coordinates: roundLine(g.coordinates, factor) };
			break;
		case 'MultiLineString':
			out = { type: 'MultiLineString', coordinates: g.coordinates.map((l) => roundLine(l, factor)) };
			break;
		case 'Polygon': {
			const rings = roundRings(g.coordinates, factor);
			if (!rings) throw new Error('roundCoords: polygon collapsed at this precision');
			out = { type: 'Polygon', coordinates: rings };
			break;
		}
		case 'MultiPolygon': {
			const parts = g.coordinates.map((p) => roundRings(p, factor)).filter((p): p is GeoJSON.Position[][] => p !== null);
			if (parts.length === 0) throw new Error('roundCoords: multipolygon collapsed at this precision');
			out = { type: 'MultiPolygon', coordinates: parts };
			break;
		}
		case 'GeometryCollection':
			out = { type: 'GeometryCollection', geometries: g.geometries.map((x) => roundCoords(x, decimals)) };
			break;
	}
	return out as G;
}

/**
 * Douglas–Peucker simplification (turf, highQuality) with the tolerance in degrees; returns a
 * copy. 0.0002° is about 15–20 m here and keeps the shape of a municipality.
 */
export function simplifyFeature<F extends GeoJSON.Feature>(f: F, toleranceDeg: number): F {
	return simplify(f, { tolerance: toleranceDeg, highQuality: true, mutate: false }) as F;
}

// ---- bounding boxes and point-in-polygon ------------------------------------------------

export function bboxOfGeometry(g: PolygonGeometry): Bbox {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	for (const poly of polys) {
		// the outer ring bounds the polygon; holes lie within it
		for (const p of poly[0] ?? []) {
			if (p[0]! < minX) minX = p[0]!;
			if (p[0]! > maxX) maxX = p[0]!;
			if (p[1]! < minY) minY = p[1]!;
			if (p[1]! > maxY) maxY = p[1]!;
		}
	}
	return [minX, minY, maxX, maxY];
}

export function inBbox(pt: Position, b: Bbox): boolean {
	return pt[0] >= b[0] && pt[0] <= b[2] && pt[1] >= b[1] && pt[1] <= b[3];
}

/** Point in polygon with holes; points on the boundary count as inside (turf's default). */
export function pointInPolygon(pt: Position, g: PolygonGeometry): boolean {
	return booleanPointInPolygon(pt, g);
}

/** The points that lie inside at least one of the polygons (bbox prefilter, then exact test). */
export function clipPointsToPolygons<P>(points: PointFeature<P>[], polygons: Array<PolygonFeature<unknown> | PolygonGeometry>): PointFeature<P>[] {
	const geoms = polygons.map((p) => ('geometry' in p ? p.geometry : p));
	const boxes = geoms.map(bboxOfGeometry);
	return points.filter((f) => {
		const pt = f.geometry.coordinates as Position;
		return geoms.some((g, i) => inBbox(pt, boxes[i]!) && pointInPolygon(pt, g));
	});
}

// ---- region index -----------------------------------------------------------------------

export interface RegionLocation {
	ags_municipality: string;
	municipality: string;
	ags_district: string;
	district: string;
}

export interface AreaProps {
	ags: string;
	name: string;
}

export interface RegionIndex {
	/** The municipality (and its district) containing the point, or null outside all of them. */
	locate(pt: Position): RegionLocation | null;
	/** The municipality polygon for an 8-digit AGS. */
	municipality(ags: string): PolygonFeature<AreaProps> | undefined;
}

/**
 * Point-in-polygon index over the municipalities; a municipality's district is the first five
 * digits of its AGS, and `districts` supplies the district names.
 */
export function createRegionIndex(
	municipalities: Array<PolygonFeature<AreaProps>>,
	districts: Array<GeoJSON.Feature<GeoJSON.Geometry | null, AreaProps>>
): RegionIndex {
	const districtNames = new Map(districts.map((d) => [d.properties.ags, d.properties.name]));
	const entries = municipalities.map((m) => {
		const agsDistrict = m.properties.ags.slice(0, 5);
		const district = districtNames.get(agsDistrict);
		if (district === undefined) throw new Error(`createRegionIndex: municipality ${m.properties.ags} has no district ${agsDistrict}`);
		return {
			feature: m,
			bbox: bboxOfGeometry(m.geometry),
			location: { ags_municipality: m.properties.ags, municipality: m.properties.name, ags_district: agsDistrict, district }
		};
	});
	const byAgs = new Map(municipalities.map((m) => [m.properties.ags, m]));
	return {
		locate(pt) {
			for (const e of entries) {
				if (inBbox(pt, e.bbox) && pointInPolygon(pt, e.feature.geometry)) return { ...e.location };
			}
			return null;
		},
		municipality: (ags) => byAgs.get(ags)
	};
}

// ---- label points -----------------------------------------------------------------------

/** Signed-area-weighted centroid and area of one polygon (outer ring minus holes), planar. */
function polygonCentroid(rings: GeoJSON.Position[][]): { c: Position; area: number } {
	let a = 0;
	let cx = 0;
	let cy = 0;
	for (const [i, ring] of rings.entries()) {
		let ra = 0;
		let rx = 0;
		let ry = 0;
		for (let k = 0; k + 1 < ring.length; k++) {
			const [x0, y0] = ring[k] as Position;
			const [x1, y1] = ring[k + 1] as Position;
			const cross = x0 * y1 - x1 * y0;
			ra += cross;
			rx += (x0 + x1) * cross;
			ry += (y0 + y1) * cross;
		}
		// orientation varies between sources: outer ring adds, holes subtract, whatever their winding
		const sign = (i === 0 ? 1 : -1) * Math.sign(ra);
		a += (sign * ra) / 2;
		cx += (sign * rx) / 6;
		cy += (sign * ry) / 6;
	}
	return { c: a !== 0 ? [cx / a, cy / a] : (rings[0]?.[0] as Position), area: a };
}

/** x-positions where the horizontal line at y crosses the rings' edges, sorted. */
function scanlineCrossings(rings: GeoJSON.Position[][], y: number): number[] {
	const xs: number[] = [];
	for (const ring of rings) {
		for (let k = 0; k + 1 < ring.length; k++) {
			const [x0, y0] = ring[k] as Position;
			const [x1, y1] = ring[k + 1] as Position;
			// half-open rule: a vertex exactly on the line is counted once
			if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
		}
	}
	return xs.sort((p, q) => p - q);
}

/**
 * A point guaranteed to lie inside the polygon (for a MultiPolygon: inside its largest part).
 * Returns the area centroid when that is inside; otherwise the middle of the widest inside
 * stretch of the horizontal line through the centroid, which also works for concave shapes
 * (a U whose centroid falls into the notch).
 */
export function pointOnSurface(polygon: PolygonFeature<unknown> | PolygonGeometry): Position {
	const g = 'geometry' in polygon ? polygon.geometry : polygon;
	const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	let best: { rings: GeoJSON.Position[][]; c: Position; area: number } | null = null;
	for (const rings of parts) {
		const { c, area } = polygonCentroid(rings);
		if (!best || area > best.area) best = { rings, c, area };
	}
	if (!best) throw new Error('pointOnSurface: empty geometry');
	const part: GeoJSON.Polygon = { type: 'Polygon', coordinates: best.rings };
	if (pointInPolygon(best.c, part)) return best.c;

	const b = bboxOfGeometry(part);
	// try the centroid's latitude first, then nudge it in case the line only grazes a vertex
	const candidates = [best.c[1], (b[1] + b[3]) / 2];
	for (let k = 1; k < 8; k++) candidates.push(b[1] + ((b[3] - b[1]) * k) / 8);
	for (const y of candidates) {
		const xs = scanlineCrossings(best.rings, y);
		let widest: [number, number] | null = null;
		for (let k = 0; k + 1 < xs.length; k += 2) {
			const span: [number, number] = [xs[k]!, xs[k + 1]!];
			if (!widest || span[1] - span[0] > widest[1] - widest[0]) widest = span;
		}
		if (widest && widest[1] > widest[0]) {
			const p: Position = [(widest[0] + widest[1]) / 2, y];
			if (pointInPolygon(p, part)) return p;
		}
	}
	throw new Error('pointOnSurface: no interior point found (degenerate polygon?)');
}

// ---- nearest ----------------------------------------------------------------------------

export interface NearestHit<F> {
	feature: F;
	/** great-circle distance in km (turf: haversine, earth radius 6371008.8 m) */
	distanceKm: number;
}

/** The n point features nearest to `at`, closest first. */
export function nearest<F extends PointFeature<unknown>>(points: readonly F[], at: Position, n: number): NearestHit<F>[] {
	if (n <= 0) return [];
	return points
		.map((feature) => ({ feature, distanceKm: distance(at, feature.geometry.coordinates, { units: 'kilometers' }) }))
		.sort((a, b) => a.distanceKm - b.distanceKm)
		.slice(0, n);
}
