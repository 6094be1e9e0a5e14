/**
 * What the journeys ask the map itself: which layers are visible, what is drawn where, where a
 * coordinate lands on screen. MapLibre is reached through `window.__ntMap`, which the page exposes
 * for exactly this; its type is declared here in the few methods the tests use.
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './browser.ts';
import type { RgbaImage } from './png.ts';

export interface TestMap {
	getLayer(id: string): unknown;
	getLayoutProperty(id: string, name: string): unknown;
	queryRenderedFeatures(geometryOrOptions?: unknown, options?: { layers?: string[] }): { properties: Record<string, unknown>; layer: { id: string } }[];
	project(p: [number, number]): { x: number; y: number };
	getCenter(): { lng: number; lat: number };
	getZoom(): number;
	isMoving(): boolean;
}

/** Layers (of `ids`) that exist in the style and are visible. */
export function visibleLayers(page: Page, ids: string[]): Promise<string[]> {
	return page.evaluate((ids) => {
		const map = (window as unknown as { __ntMap: TestMap }).__ntMap;
		return ids.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
	}, ids);
}

/** How many features MapLibre drew in the given layers (those that exist). */
export function renderedCount(page: Page, ids: string[]): Promise<number> {
	return page.evaluate((ids) => {
		const map = (window as unknown as { __ntMap: TestMap }).__ntMap;
		const layers = ids.filter((id) => map.getLayer(id));
		return layers.length ? map.queryRenderedFeatures({ layers }).length : 0;
	}, ids);
}

export function mapView(page: Page): Promise<{ lon: number; lat: number; zoom: number }> {
	return page.evaluate(() => {
		const map = (window as unknown as { __ntMap: TestMap }).__ntMap;
		const c = map.getCenter();
		return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
	});
}

/** Waits until the map has stopped moving (a flyTo takes a second or two). */
export async function waitUntilStill(page: Page, timeoutMs = 45_000): Promise<void> {
	await page.waitForFunction(() => !(window as unknown as { __ntMap: TestMap }).__ntMap.isMoving(), undefined, { timeout: timeoutMs, polling: 100 });
}

/** Pixels that differ by more than `tolerance` in some channel between two same-sized images. */
export function differingPixels(a: RgbaImage, b: RgbaImage, tolerance = 24): number {
	if (a.width !== b.width || a.height !== b.height) throw new Error(`image sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
	let n = 0;
	for (let i = 0; i < a.data.length; i += 4) {
		if (
			Math.abs(a.data[i]! - b.data[i]!) > tolerance ||
			Math.abs(a.data[i + 1]! - b.data[i + 1]!) > tolerance ||
			Math.abs(a.data[i + 2]! - b.data[i + 2]!) > tolerance
		) n++;
	}
	return n;
}

/** Great-circle distance in km (mean earth radius 6371.0088 km, as turf uses). */
export function haversineKm(a: [number, number], b: [number, number]): number {
	const rad = Math.PI / 180;
	const dLat = (b[1] - a[1]) * rad;
	const dLon = (b[0] - a[0]) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

export interface SeedPoint {
	id: string;
	name: string;
	coordinates: [number, number];
	properties: Record<string, unknown>;
}

/** Point features of a committed seed file (data/seed/<name>.geojson). */
export function seedPoints(name: string): SeedPoint[] {
	const fc = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'seed', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
	return fc.features
		.filter((f) => f.geometry?.type === 'Point')
		.map((f) => ({
			id: String(f.properties?.id),
			name: String(f.properties?.name),
			coordinates: (f.geometry as GeoJSON.Point).coordinates as [number, number],
			properties: f.properties ?? {}
		}));
}

/** The seed point nearest to `from`, with its distance. */
export function nearest(from: [number, number], points: SeedPoint[]): { point: SeedPoint; km: number } {
	let best: { point: SeedPoint; km: number } | null = null;
	for (const p of points) {
		const km = haversineKm(from, p.coordinates);
		if (!best || km < best.km) best = { point: p, km };
	}
	if (!best) throw new Error('no points to compare with');
	return best;
}

/** Pixels in the site colour (#b4441c, drawn at 35 % over the pale base map): clearly red-brown. */
export function siteColoured(img: RgbaImage): number {
	let n = 0;
	for (let i = 0; i < img.data.length; i += 4) {
		const r = img.data[i]!;
		const g = img.data[i + 1]!;
		const b = img.data[i + 2]!;
		if (r - g > 25 && r - b > 35) n++;
	}
	return n;
}
