/** Geometry pasted into the back-office editor: GeoJSON or "longitude, latitude" lines, with errors that name the line. */
import { describe, expect, it } from 'vitest';
import { parseGeometryText, positionCount } from '../../src/lib/admin/geometry-text.ts';

describe('pasted geometry', () => {
	it('reads one line as a point and three or more as a closed polygon', () => {
		expect(parseGeometryText('10.79, 51.50')).toEqual({ ok: true, geometry: { type: 'Point', coordinates: [10.79, 51.5] } });
		const r = parseGeometryText('10.70 51.45\n10.72;51.45\n\n10.72, 51.46\n');
		expect(r).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [[[10.7, 51.45], [10.72, 51.45], [10.72, 51.46], [10.7, 51.45]]] } });
		expect(positionCount(r.ok ? r.geometry : null)).toBe(4);
	});

	it('keeps an already closed ring and accepts GeoJSON geometries, features and one-feature collections', () => {
		const ring = '10.7,51.4\n10.8,51.4\n10.8,51.5\n10.7,51.4';
		const r = parseGeometryText(ring);
		expect(r.ok && r.geometry.type === 'Polygon' ? r.geometry.coordinates[0]!.length : 0).toBe(4);
		const polygon = { type: 'Polygon', coordinates: [[[10.7, 51.4], [10.8, 51.4], [10.8, 51.5], [10.7, 51.4]]] };
		expect(parseGeometryText(JSON.stringify(polygon))).toEqual({ ok: true, geometry: polygon });
		expect(parseGeometryText(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual({ ok: true, geometry: polygon });
		expect(parseGeometryText(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: polygon }] }))).toEqual({ ok: true, geometry: polygon });
	});

	it('names what is wrong', () => {
		expect(parseGeometryText('')).toEqual({ ok: false, detail: 'empty' });
		expect(parseGeometryText('10.7, 51.4\nabc')).toEqual({ ok: false, detail: 'line 2: expected "longitude, latitude"' });
		expect(parseGeometryText('10.7, 95')).toEqual({ ok: false, detail: 'line 1: outside longitude/latitude range' });
		expect(parseGeometryText('10.7, 51.4\n10.8, 51.4')).toEqual({ ok: false, detail: 'an area needs at least three corners' });
		expect(parseGeometryText('{"type":"LineString","coordinates":[[1,2],[3,4]]}')).toEqual({ ok: false, detail: 'type LineString is not a point or polygon' });
		expect(parseGeometryText('{"type":"FeatureCollection","features":[]}')).toEqual({ ok: false, detail: 'FeatureCollection must hold exactly one feature' });
		expect(parseGeometryText('{oops').ok).toBe(false);
	});
});
