/**
 * Build-time clustering of dense point themes: for each zoom below the theme's clusterBelowZoom,
 * points falling into the same screen cell become one cluster point with a count. Done once here so
 * the browser draws ready-made clusters from the vector tiles instead of computing them.
 */
export interface ClusterInput {
	lon: number;
	lat: number;
}

export interface Cluster {
	z: number;
	lon: number;
	lat: number;
	count: number;
}

/** Web-mercator pixel position at zoom z for 512-px tiles (MapLibre's tile size). */
export function toPixel(lon: number, lat: number, z: number): [number, number] {
	const size = 512 * 2 ** z;
	const x = ((lon + 180) / 360) * size;
	const s = Math.sin((lat * Math.PI) / 180);
	const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size;
	return [x, y];
}

/**
 * Groups points into square cells of cellPx screen pixels at each zoom in [minZoom, maxZoom].
 * A cell with a single point yields a cluster of 1 so that the caller can decide to draw it as is.
 */
export function gridClusters(points: readonly ClusterInput[], minZoom: number, maxZoom: number, cellPx: number): Cluster[] {
	const out: Cluster[] = [];
	for (let z = minZoom; z <= maxZoom; z++) {
		const cells = new Map<string, { lon: number; lat: number; count: number }>();
		for (const p of points) {
			const [x, y] = toPixel(p.lon, p.lat, z);
			const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
			const c = cells.get(key) ?? { lon: 0, lat: 0, count: 0 };
			c.lon += p.lon;
			c.lat += p.lat;
			c.count += 1;
			cells.set(key, c);
		}
		for (const c of cells.values()) out.push({ z, lon: c.lon / c.count, lat: c.lat / c.count, count: c.count });
	}
	return out;
}
