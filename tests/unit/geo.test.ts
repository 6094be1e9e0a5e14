import { describe, expect, it } from 'vitest';
import {
	bboxOfGeometry,
	clipPointsToPolygons,
	createRegionIndex,
	nearest,
	pointInPolygon,
	pointOnSurface,
	roundCoords,
	simplifyFeature
} from '../../scripts/lib/geo.ts';
import type { AreaProps, PointFeature, PolygonFeature, Position } from '../../scripts/lib/geo.ts';

const square = (x0: number, y0: number, x1: number, y1: number): GeoJSON.Position[] => [
	[x0, y0],
	[x1, y0],
	[x1, y1],
	[x0, y1],
	[x0, y0]
];

const point = (coords: Position, id = ''): PointFeature<{ id: string }> => ({
	type: 'Feature',
	properties: { id },
	geometry: { type: 'Point', coordinates: coords }
});

/** 10 × 10 square with a 2 × 2 hole in the middle. */
const withHole: GeoJSON.Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
/** two unit squares with a gap of 1 between them */
const twoParts: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(2, 0, 3, 1)]] };

describe('pointInPolygon', () => {
	it('respects holes', () => {
		expect(pointInPolygon([2, 2], withHole)).toBe(true);
		expect(pointInPolygon([5, 5], withHole)).toBe(false);
		expect(pointInPolygon([4.5, 5], withHole)).toBe(false);
		expect(pointInPolygon([3.999, 5], withHole)).toBe(true);
	});

	it('rejects points just outside and counts the boundary as inside', () => {
		expect(pointInPolygon([10.000001, 5], withHole)).toBe(false);
		expect(pointInPolygon([-0.000001, 5], withHole)).toBe(false);
		expect(pointInPolygon([5, 10.000001], withHole)).toBe(false);
		expect(pointInPolygon([10, 5], withHole)).toBe(true);
	});

	it('handles MultiPolygons part by part', () => {
		expect(pointInPolygon([0.5, 0.5], twoParts)).toBe(true);
		expect(pointInPolygon([2.5, 0.5], twoParts)).toBe(true);
		expect(pointInPolygon([1.5, 0.5], twoParts)).toBe(false);
		expect(pointInPolygon([2.5, 1.5], twoParts)).toBe(false);
	});

	it('clipPointsToPolygons keeps only inside points', () => {
		const shifted: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(20, 0, 21, 1)], [square(22, 0, 23, 1)]] };
		const pts = [point([2, 2], 'a'), point([5, 5], 'hole'), point([22.5, 0.5], 'b'), point([21.5, 0.5], 'gap'), point([20, 20], 'far')];
		expect(clipPointsToPolygons(pts, [withHole, shifted]).map((p) => p.properties.id)).toEqual(['a', 'b']);
	});

	it('bboxOfGeometry spans all parts', () => {
		expect(bboxOfGeometry(twoParts)).toEqual([0, 0, 3, 1]);
		expect(bboxOfGeometry(withHole)).toEqual([0, 0, 10, 10]);
	});
});

describe('createRegionIndex', () => {
	const west: PolygonFeature<AreaProps> = { type: 'Feature', properties: { ags: '16062001', name: 'Westdorf' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] } };
	const east: PolygonFeature<AreaProps> = { type: 'Feature', properties: { ags: '16065002', name: 'Ostdorf' }, geometry: { type: 'Polygon', coordinates: [square(1, 0, 2, 1)] } };
	const districts = [
		{ type: 'Feature' as const, properties: { ags: '16062', name: 'Kreis West' }, geometry: null },
		{ type: 'Feature' as const, properties: { ags: '16065', name: 'Kreis Ost' }, geometry: null }
	];
	const index = createRegionIndex([west, east], districts);

	it('finds the municipality and its district', () => {
		expect(index.locate([0.5, 0.5])).toEqual({ ags_municipality: '16062001', municipality: 'Westdorf', ags_district: '16062', district: 'Kreis West' });
		expect(index.locate([1.5, 0.25])).toEqual({ ags_municipality: '16065002', municipality: 'Ostdorf', ags_district: '16065', district: 'Kreis Ost' });
		expect(index.locate([0.999, 0.999])?.ags_municipality).toBe('16062001');
		expect(index.locate([1.001, 0.999])?.ags_municipality).toBe('16065002');
	});

	it('returns null outside every municipality', () => {
		expect(index.locate([2.000001, 0.5])).toBeNull();
		expect(index.locate([1.5, 1.000001])).toBeNull();
		expect(index.locate([-5, -5])).toBeNull();
	});

	it('gives the municipality polygon by AGS', () => {
		expect(index.municipality('16065002')?.properties.name).toBe('Ostdorf');
		expect(index.municipality('16065999')).toBeUndefined();
	});

	it('refuses a municipality whose district is unknown', () => {
		expect(() => createRegionIndex([west, east], districts.slice(0, 1))).toThrow(/16065002.*16065/);
	});
});

describe('pointOnSurface', () => {
	it('returns the area centroid of a convex polygon', () => {
		const rect: GeoJSON.Polygon = { type: 'Polygon', coordinates: [square(0, 0, 4, 2)] };
		expect(pointOnSurface(rect)).toEqual([2, 1]);
	});

	it('finds a point inside a U whose centroid lies in the notch', () => {
		// 3 × 3 square minus the notch [1,2] × [1,3]: area 7, centroid y = (9·1.5 − 2·2) / 7 = 9.5 / 7
		const u: GeoJSON.Polygon = {
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[3, 0],
					[3, 3],
					[2, 3],
					[2, 1],
					[1, 1],
					[1, 3],
					[0, 3],
					[0, 0]
				]
			]
		};
		const centroidY = 9.5 / 7;
		expect(pointInPolygon([1.5, centroidY], u)).toBe(false);
		const p = pointOnSurface(u);
		expect(pointInPolygon(p, u)).toBe(true);
		// the line y = centroidY crosses the U at x = 0, 1, 2, 3: the first of the two equal arms wins
		expect(p[0]).toBeCloseTo(0.5, 12);
		expect(p[1]).toBeCloseTo(centroidY, 12);
	});

	it('avoids a hole under the centroid', () => {
		const p = pointOnSurface(withHole);
		expect(pointInPolygon(p, withHole)).toBe(true);
		expect(p).toEqual([2, 5]);
	});

	it('uses the largest part of a MultiPolygon', () => {
		const mp: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(10, 10, 14, 12)]] };
		expect(pointOnSurface(mp)).toEqual([12, 11]);
	});

	it('accepts rings in either orientation', () => {
		const clockwise: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[...square(0, 0, 4, 2)].reverse()] };
		expect(pointOnSurface(clockwise)).toEqual([2, 1]);
	});
});

describe('nearest', () => {
	const pts = [point([11, 51], 'east'), point([10, 52], 'north'), point([10, 51], 'here'), point([13, 51], 'far')];

	it('sorts by great-circle distance and returns n hits', () => {
		const hits = nearest(pts, [10, 51], 3);
		expect(hits.map((h) => h.feature.properties.id)).toEqual(['here', 'east', 'north']);
		expect(hits[0]!.distanceKm).toBe(0);
		// 1° of longitude at 51° N: 2 · 6371.0088 · asin(cos 51° · sin 0.5°) = 69.9768 km
		expect(hits[1]!.distanceKm).toBeCloseTo(69.9768, 3);
		// 1° of latitude: 6371.0088 · π / 180 = 111.1951 km
		expect(hits[2]!.distanceKm).toBeCloseTo(111.1951, 3);
	});

	it('returns fewer hits when asked for more than there are, none for n = 0', () => {
		expect(nearest(pts, [10, 51], 10)).toHaveLength(4);
		expect(nearest(pts, [10, 51], 0)).toEqual([]);
	});
});

describe('roundCoords', () => {
	it('rounds points to the given decimals', () => {
		expect(roundCoords({ type: 'Point', coordinates: [10.123456789, 51.987654321] }, 5).coordinates).toEqual([10.12346, 51.98765]);
		expect(roundCoords({ type: 'Point', coordinates: [-0.000001, 1.000004] }, 5).coordinates).toEqual([0, 1]);
		expect(Object.is(roundCoords({ type: 'Point', coordinates: [-0.000001, 0] }, 5).coordinates[0], -0)).toBe(false);
	});

	it('drops repeated vertices and collapsed holes, keeps the outer ring closed', () => {
		const poly: GeoJSON.Polygon = {
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[1.000001, 0],
					[1.000002, 0.000001],
					[1, 1],
					[0, 1],
					[0, 0]
				],
				// a hole of 1e-7 degrees vanishes at 5 decimals
				[
					[0.5, 0.5],
					[0.5000001, 0.5],
					[0.5000001, 0.5000001],
					[0.5, 0.5]
				]
			]
		};
		expect(roundCoords(poly, 5).coordinates).toEqual([
			[
				[0, 0],
				[1, 0],
				[1, 1],
				[0, 1],
				[0, 0]
			]
		]);
	});

	it('drops collapsed parts of a MultiPolygon and refuses a polygon that vanishes', () => {
		const mp: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 5.000001, 5.000001)]] };
		expect(roundCoords(mp, 5).coordinates).toEqual([[square(0, 0, 1, 1)]]);
		expect(() => roundCoords({ type: 'Polygon', coordinates: [square(5, 5, 5.000001, 5.000001)] }, 5)).toThrow(/collapsed/);
	});
});

describe('simplifyFeature', () => {
	const bumpy: PolygonFeature<{ name: string }> = {
		type: 'Feature',
		properties: { name: 'bump' },
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[0.5, 0.0001],
					[1, 0],
					[1, 1],
					[0, 1],
					[0, 0]
				]
			]
		}
	};

	it('removes a vertex closer to the edge than the tolerance and keeps it otherwise', () => {
		expect(simplifyFeature(bumpy, 0.0002).geometry.coordinates[0]).toEqual(square(0, 0, 1, 1));
		expect(simplifyFeature(bumpy, 0.00005).geometry.coordinates[0]).toHaveLength(6);
	});

	it('returns a copy with the properties', () => {
		const s = simplifyFeature(bumpy, 0.0002);
		expect(s.properties.name).toBe('bump');
		expect(bumpy.geometry.coordinates[0]).toHaveLength(6);
	});
});
