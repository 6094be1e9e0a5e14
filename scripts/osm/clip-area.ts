/**
 * The area an OpenStreetMap extract is clipped to: the bounding box of the three districts plus a
 * margin, so that a junction, station or route just across the border still counts. NT_OSM_CLIP
 * (west,south,east,north in degrees) overrides it, e.g. for tests with a sample from elsewhere.
 */
import type { BBox } from './lines.ts';

export const OSM_MARGIN_KM = 10;

export function parseClip(value: string): BBox {
	const parts = value.split(',').map((v) => Number(v.trim()));
	const [w, s, e, n] = parts;
	if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v)) || w! >= e! || s! >= n! || s! < -90 || n! > 90 || w! < -180 || e! > 180) {
		throw new Error(`NT_OSM_CLIP must be "west,south,east,north" in degrees (west < east, south < north), got "${value}"`);
	}
	return [w!, s!, e!, n!];
}

export function osmClipArea(districts: GeoJSON.FeatureCollection, env: NodeJS.ProcessEnv = process.env, marginKm = OSM_MARGIN_KM): BBox {
	if (env.NT_OSM_CLIP) return parseClip(env.NT_OSM_CLIP);
	let w = 180, s = 90, e = -180, n = -90;
	const visit = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const [x, y] = c as [number, number];
			w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
		} else if (Array.isArray(c)) c.forEach(visit);
	};
	for (const f of districts.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
	if (w > e) throw new Error('the region has no district geometry to clip OpenStreetMap data to');
	const dLat = marginKm / 111.32;
	const dLon = marginKm / (111.32 * Math.cos((((s + n) / 2) * Math.PI) / 180));
	return [w - dLon, s - dLat, e + dLon, n + dLat];
}
