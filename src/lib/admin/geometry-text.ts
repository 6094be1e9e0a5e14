/**
 * Geometry pasted into the editor: GeoJSON (a geometry, a Feature or a FeatureCollection with one
 * feature) or plain "longitude, latitude" lines — one line is a point, three or more an area (closed
 * automatically). Errors name the line, so the editor can say what to fix.
 */
export type PasteResult = { ok: true; geometry: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon } | { ok: false; detail: string };

function fromGeoJson(value: unknown): PasteResult {
	const v = value as { type?: string; geometry?: unknown; features?: unknown[]; coordinates?: unknown };
	if (v?.type === 'FeatureCollection') {
		if (!Array.isArray(v.features) || v.features.length !== 1) return { ok: false, detail: 'FeatureCollection must hold exactly one feature' };
		return fromGeoJson(v.features[0]);
	}
	if (v?.type === 'Feature') return fromGeoJson(v.geometry);
	if (v?.type === 'Point' || v?.type === 'Polygon' || v?.type === 'MultiPolygon') {
		if (!Array.isArray(v.coordinates)) return { ok: false, detail: 'coordinates missing' };
		return { ok: true, geometry: v as GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon };
	}
	return { ok: false, detail: `type ${String(v?.type ?? 'missing')} is not a point or polygon` };
}

export function parseGeometryText(text: string): PasteResult {
	const trimmed = text.trim();
	if (!trimmed) return { ok: false, detail: 'empty' };
	if (trimmed.startsWith('{')) {
		try {
			return fromGeoJson(JSON.parse(trimmed));
		} catch (e) {
			return { ok: false, detail: `JSON: ${(e as Error).message.slice(0, 120)}` };
		}
	}
	const positions: [number, number][] = [];
	const lines = trimmed.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!.trim();
		if (!line) continue;
		const parts = line.split(/[\s,;]+/).filter(Boolean).map(Number);
		if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return { ok: false, detail: `line ${i + 1}: expected "longitude, latitude"` };
		const [lon, lat] = parts as [number, number];
		if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return { ok: false, detail: `line ${i + 1}: outside longitude/latitude range` };
		positions.push([lon, lat]);
	}
	if (positions.length === 1) return { ok: true, geometry: { type: 'Point', coordinates: positions[0]! } };
	if (positions.length < 3) return { ok: false, detail: 'an area needs at least three corners' };
	const first = positions[0]!;
	const last = positions[positions.length - 1]!;
	const ring = first[0] === last[0] && first[1] === last[1] ? positions : [...positions, first];
	if (ring.length < 4) return { ok: false, detail: 'an area needs at least three corners' };
	return { ok: true, geometry: { type: 'Polygon', coordinates: [ring] } };
}

export function positionCount(g: GeoJSON.Geometry | null): number {
	if (!g || !('coordinates' in g)) return 0;
	let n = 0;
	const walk = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') n++;
		else if (Array.isArray(c)) c.forEach(walk);
	};
	walk(g.coordinates);
	return n;
}
