/** Small geometry helpers of the site pages that must run in the browser as well (no turf there). */

/** Whether a site lies in a box: a point inside it, or a polygon touching it. */
export function anchorInBox(geometry: GeoJSON.Geometry, box: readonly [number, number, number, number]): boolean {
	const [w, s, e, n] = box;
	let hit = false;
	const visit = (c: unknown): void => {
		if (hit) return;
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const [x, y] = c as [number, number];
			hit = x >= w && x <= e && y >= s && y <= n;
		} else if (Array.isArray(c)) c.forEach(visit);
	};
	if ('coordinates' in geometry) visit(geometry.coordinates);
	return hit;
}

/** The box around a geometry, or null when it has no coordinates. */
export function boxOf(geometry: GeoJSON.Geometry): [number, number, number, number] | null {
	let b: [number, number, number, number] = [180, 90, -180, -90];
	const visit = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const [x, y] = c as [number, number];
			b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
		} else if (Array.isArray(c)) c.forEach(visit);
	};
	if ('coordinates' in geometry) visit(geometry.coordinates);
	return b[0] <= b[2] ? b : null;
}
