/**
 * The site exposé lists the nearest hospitals. Their theme also holds schools, doctors, pharmacies and
 * shops once OpenStreetMap is imported, so the page must ask the API for the hospital category only
 * (the registry's "nearest hospital" categories), not take the nearest feature of the whole theme.
 * The API stands in as a small answerer that filters by category as /api/features does.
 */
import { describe, expect, it, vi } from 'vitest';

const requested = vi.hoisted(() => [] as string[]);

vi.mock('../../src/lib/server/api/instance.ts', async () => {
	const { Hono } = await import('hono');
	// A school right next to the site, a hospital 2 km away, another hospital 10 km away.
	const features = [
		{ type: 'Feature', id: 'service:school-near', geometry: { type: 'Point', coordinates: [10.8, 51.5] }, properties: { name: 'Fixture School', category: 'school_primary' } },
		{ type: 'Feature', id: 'hospital:fixture-a', geometry: { type: 'Point', coordinates: [10.8, 51.518] }, properties: { name: 'Fixture Hospital A', category: 'hospital' } },
		{ type: 'Feature', id: 'hospital:fixture-b', geometry: { type: 'Point', coordinates: [10.8, 51.59] }, properties: { name: 'Fixture Hospital B', category: 'hospital' } }
	];
	const api = new Hono();
	api.get('/api/features', (c) => {
		requested.push(c.req.url);
		const category = c.req.query('category')?.split(',');
		return c.json({ features: features.filter((f) => !category || category.includes(f.properties.category)), attribution: ['Fixture'], next_cursor: null });
	});
	return { api };
});

describe('nearest hospitals of a site', () => {
	it('are hospitals only, nearest first', async () => {
		const { nearestOf } = await import('../../src/lib/server/page/load-sites.ts');
		const { nearestTarget } = await import('../../src/lib/themes/registry.ts');
		const { nearby } = await nearestOf(nearestTarget('hospital'), [10.8, 51.5], 2);
		expect(nearby.map((n) => n.name)).toEqual(['Fixture Hospital A', 'Fixture Hospital B']);
		expect(nearby[0]!.distance_km).toBe(2);
		expect(requested).toHaveLength(1);
		expect(new URL(requested[0]!).searchParams.get('theme')).toBe('daseinsvorsorge');
	});
});
