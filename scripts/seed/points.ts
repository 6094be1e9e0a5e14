/**
 * Turns upstream records into seed point features carrying the municipality and district they
 * lie in (point-in-polygon against the committed 2016 municipalities).
 */
import type { SeedCollection } from '../../src/lib/data/model.ts';
import { roundCoords } from '../lib/geo.ts';
import type { Position, RegionIndex, RegionLocation } from '../lib/geo.ts';
import { DECIMALS } from './boundaries.ts';

export type PointProps<P> = P & RegionLocation;
/** A seed collection whose features are all points. */
export type SeedPointCollection<P> = Omit<SeedCollection<PointProps<P>>, 'features'> & { features: GeoJSON.Feature<GeoJSON.Point, PointProps<P>>[] };

export function pointFeature<P extends object>(coords: Position, props: P, location: RegionLocation): GeoJSON.Feature<GeoJSON.Point, PointProps<P>> {
	return {
		type: 'Feature',
		properties: { ...props, ...location },
		geometry: roundCoords({ type: 'Point', coordinates: coords }, DECIMALS)
	};
}

/**
 * Keeps the records inside the region. Locates the rounded position, i.e. the one written to
 * the seed, so that a re-check against the committed polygons gives the same answer.
 */
export function regionPoints<T, P extends object>(
	index: RegionIndex,
	records: Iterable<T>,
	toPoint: (r: T) => { coords: Position; props: P } | null
): { features: GeoJSON.Feature<GeoJSON.Point, PointProps<P>>[]; outside: number } {
	const features: GeoJSON.Feature<GeoJSON.Point, PointProps<P>>[] = [];
	let outside = 0;
	for (const r of records) {
		const p = toPoint(r);
		if (!p) continue;
		const rounded = roundCoords({ type: 'Point', coordinates: p.coords }, DECIMALS).coordinates as Position;
		const location = index.locate(rounded);
		if (!location) {
			outside++;
			continue;
		}
		features.push(pointFeature(rounded, p.props, location));
	}
	return { features, outside };
}
