/** DB railway stations (npm db-stations, full.ndjson) inside the three districts. */
import type { RegionIndex } from '../lib/geo.ts';
import { collect, readNdjson } from './ndjson.ts';
import { DB_STATIONS } from './provenance.ts';
import { regionPoints } from './points.ts';
import type { SeedPointCollection } from './points.ts';
import type { Upstream } from './upstream.ts';

/** The fields of a db-stations 5.x full record this extract reads. */
export interface DbStation {
	id: string;
	name: string;
	ril100?: string;
	weight?: number;
	location?: { latitude: number; longitude: number };
	operator?: { name?: string } | null;
	category?: number;
	priceCategory?: number;
}

export interface StationProps {
	id: string;
	eva: string;
	name: string;
	ril100?: string;
	category?: number;
	price_category?: number;
	weight?: number;
	operator?: string;
}

export async function extractStations(upstream: Upstream, index: RegionIndex): Promise<{ stations: SeedPointCollection<StationProps>; outside: number }> {
	const records = await collect(readNdjson<DbStation>(upstream.file('db-stations', 'full.ndjson')));
	const { features, outside } = regionPoints(index, records, (s) => {
		if (!s.location) return null;
		const props: StationProps = { id: `station:${s.id}`, eva: s.id, name: s.name };
		if (s.ril100) props.ril100 = s.ril100;
		if (typeof s.category === 'number') props.category = s.category;
		if (typeof s.priceCategory === 'number') props.price_category = s.priceCategory;
		if (typeof s.weight === 'number') props.weight = s.weight;
		if (s.operator?.name) props.operator = s.operator.name;
		return { coords: [s.location.longitude, s.location.latitude], props };
	});
	features.sort((a, b) => a.properties.eva.localeCompare(b.properties.eva));
	return { stations: { type: 'FeatureCollection', provenance: DB_STATIONS, features }, outside };
}
