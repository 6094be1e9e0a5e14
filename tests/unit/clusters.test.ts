import { describe, expect, it } from 'vitest';
import { gridClusters, toPixel } from '../../scripts/lib/clusters.ts';

describe('web-mercator pixels', () => {
	it('puts (0, 0) in the middle of the world at zoom 0', () => {
		expect(toPixel(0, 0, 0)).toEqual([256, 256]);
	});
	it('doubles with each zoom level', () => {
		const [x1, y1] = toPixel(10, 51, 1);
		const [x2, y2] = toPixel(10, 51, 2);
		expect(x2).toBeCloseTo(2 * x1, 9);
		expect(y2).toBeCloseTo(2 * y1, 9);
	});
	it('matches a hand computation for lon 180 / lat 85.0511 (the map corner)', () => {
		const [x, y] = toPixel(180, 85.0511287798, 0);
		expect(x).toBeCloseTo(512, 6);
		expect(y).toBeCloseTo(0, 3);
	});
});

describe('grid clusters', () => {
	// At zoom 0 one 64-px cell spans 360° · 64 / 512 = 45° of longitude.
	const points = [
		{ lon: 1, lat: 1 },
		{ lon: 3, lat: 1 },
		{ lon: 2, lat: 4 },
		{ lon: 100, lat: 1 }
	];

	it('merges points in one cell and keeps far points apart', () => {
		const z0 = gridClusters(points, 0, 0, 64);
		expect(z0).toHaveLength(2);
		const big = z0.find((c) => c.count === 3)!;
		expect(big.lon).toBeCloseTo(2, 9);
		expect(big.lat).toBeCloseTo(2, 9);
		expect(z0.find((c) => c.count === 1)!.lon).toBe(100);
	});

	it('splits clusters as the zoom grows and keeps the total count', () => {
		const all = gridClusters(points, 0, 8, 64);
		for (let z = 0; z <= 8; z++) {
			const at = all.filter((c) => c.z === z);
			expect(at.reduce((n, c) => n + c.count, 0)).toBe(4);
		}
		// At zoom 8 a cell spans 45° / 256 ≈ 0.18°: every point stands alone.
		expect(all.filter((c) => c.z === 8)).toHaveLength(4);
	});
});
