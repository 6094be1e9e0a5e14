import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import centroid from '@turf/centroid';
import { representativePoint } from '../../src/lib/data/representative-point.ts';
import { C_SHAPED_FIXTURE } from '../helpers/concave-site.ts';


describe('representative point of a feature', () => {
	it('the centroid of a concave site lies outside it (why the centroid is not used)', () => {
		const c = centroid(C_SHAPED_FIXTURE).geometry.coordinates;
		expect(c[0]).toBeCloseTo(10.7975, 6);
		expect(c[1]).toBeCloseTo(51.47625, 6);
		expect(booleanPointInPolygon(c, C_SHAPED_FIXTURE)).toBe(false);
	});

	it('a concave polygon gets a point on the site: the corner nearest its centre', () => {
		const p = representativePoint(C_SHAPED_FIXTURE)!;
		expect(p[0]).toBeCloseTo(10.79, 9);
		expect(p[1]).toBeCloseTo(51.47, 9);
		expect(booleanPointInPolygon(p, C_SHAPED_FIXTURE)).toBe(true);
	});

	it('a convex polygon gets its centre; a point is itself; lines have no single place', () => {
		const square: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[10, 51], [10.02, 51], [10.02, 51.02], [10, 51.02], [10, 51]]] };
		const p = representativePoint(square)!;
		expect(p[0]).toBeCloseTo(10.01, 9);
		expect(p[1]).toBeCloseTo(51.01, 9);
		const multi: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [C_SHAPED_FIXTURE.coordinates] };
		expect(booleanPointInPolygon(representativePoint(multi)!, multi)).toBe(true);
		expect(representativePoint({ type: 'Point', coordinates: [10.5, 51.3] })).toEqual([10.5, 51.3]);
		expect(representativePoint({ type: 'LineString', coordinates: [[10, 51], [10.1, 51.1]] })).toBeNull();
		expect(representativePoint(null)).toBeNull();
	});
});
