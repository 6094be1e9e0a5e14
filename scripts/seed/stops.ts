/**
 * All public-transport stops (npm db-hafas-stations, full.ndjson, ~125 MB, streamed) inside the
 * three districts, with their products as a compact list and one styling mode.
 */
import type { Bbox, RegionIndex } from '../lib/geo.ts';
import { readNdjson } from './ndjson.ts';
import { DB_HAFAS_STOPS } from './provenance.ts';
import { regionPoints } from './points.ts';
import type { SeedPointCollection } from './points.ts';
import type { Upstream } from './upstream.ts';

export interface HafasStop {
	id: string;
	name: string;
	type?: string;
	location?: { latitude: number; longitude: number };
	products?: Record<string, boolean>;
	weight?: number;
	station?: { id?: string };
}

export type StopMode = 'rail' | 'tram' | 'bus' | 'other';

export interface StopProps {
	id: string;
	name: string;
	products: string;
	mode: StopMode;
	weight?: number;
	/** the parent station's id when the record is a stop (platform, bay) of a station */
	station?: string;
}

/** Products in their order of importance (the order of the compact list). */
const PRODUCT_ORDER = ['nationalExpress', 'national', 'regionalExpress', 'regional', 'suburban', 'subway', 'tram', 'bus', 'ferry', 'taxi'];
const RAIL = new Set(['nationalExpress', 'national', 'regionalExpress', 'regional', 'suburban', 'subway']);

export function productList(products: Record<string, boolean> | undefined): string[] {
	if (!products) return [];
	const on = Object.keys(products).filter((k) => products[k] === true);
	const rank = (k: string) => (PRODUCT_ORDER.includes(k) ? PRODUCT_ORDER.indexOf(k) : PRODUCT_ORDER.length);
	return on.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The most important product: rail > tram > bus > other (ferry, taxi, none). */
export function stopMode(products: readonly string[]): StopMode {
	if (products.some((p) => RAIL.has(p))) return 'rail';
	if (products.includes('tram')) return 'tram';
	if (products.includes('bus')) return 'bus';
	return 'other';
}

export async function extractStops(
	upstream: Upstream,
	index: RegionIndex,
	regionBbox: Bbox
): Promise<{ stops: SeedPointCollection<StopProps>; outside: number; byMode: Record<StopMode, number> }> {
	const [w, s, e, n] = regionBbox;
	const inBox: HafasStop[] = [];
	const seen = new Set<string>();
	for await (const r of readNdjson<HafasStop>(upstream.file('db-hafas-stations', 'full.ndjson'))) {
		const loc = r.location;
		if (!loc || loc.longitude < w || loc.longitude > e || loc.latitude < s || loc.latitude > n) continue;
		if (seen.has(r.id)) throw new Error(`db-hafas-stations: duplicate id ${r.id}`);
		seen.add(r.id);
		inBox.push(r);
	}
	const { features, outside } = regionPoints(index, inBox, (r) => {
		const products = productList(r.products);
		const props: StopProps = { id: `stop:${r.id}`, name: r.name, products: products.join(','), mode: stopMode(products) };
		if (typeof r.weight === 'number') props.weight = r.weight;
		if (r.station?.id && r.station.id !== r.id) props.station = r.station.id;
		return { coords: [r.location!.longitude, r.location!.latitude], props };
	});
	features.sort((a, b) => a.properties.id.localeCompare(b.properties.id));
	const byMode: Record<StopMode, number> = { rail: 0, tram: 0, bus: 0, other: 0 };
	for (const f of features) byMode[f.properties.mode]++;
	return { stops: { type: 'FeatureCollection', provenance: DB_HAFAS_STOPS, features }, outside, byMode };
}
