/**
 * Area, population and density per district as of 31 Dec 2018 (Destatis GV-ISys via npm
 * landkreise-deutschland) for the three districts and, for context, their neighbours.
 */
import { readFileSync } from 'node:fs';
import type { SeedTable } from '../../src/lib/data/model.ts';
import { DESTATIS_DISTRICTS_2018 } from './provenance.ts';
import type { Upstream } from './upstream.ts';

/** A record of landkreise-deutschland 3.x data/districts.json. */
export interface DestatisDistrict {
	AGS: string;
	type: string;
	name: string;
	NUTS3: string;
	area_km2: number;
	population: number;
	population_per_km2: number;
}

export interface DistrictStatsRow {
	ags: string;
	name: string;
	type: string;
	nuts: string;
	in_region: boolean;
	as_of: string;
	area_km2: number;
	population: number;
	/** inhabitants per km² as Destatis publishes it (whole number) */
	density_per_km2: number;
}

export function extractDistrictStats(
	upstream: Upstream,
	regionAgs: readonly string[],
	neighbourAgs: readonly string[]
): { table: SeedTable<DistrictStatsRow>; missing: string[] } {
	const file = upstream.file('landkreise-deutschland', 'data', 'districts.json');
	const all = JSON.parse(readFileSync(file, 'utf8')) as DestatisDistrict[];
	if (!Array.isArray(all)) throw new Error(`${file}: expected a JSON array`);
	const byAgs = new Map(all.map((d) => [String(d.AGS).padStart(5, '0'), d]));
	const rows: DistrictStatsRow[] = [];
	const missing: string[] = [];
	for (const ags of [...regionAgs, ...neighbourAgs]) {
		const d = byAgs.get(ags);
		if (!d) {
			// a neighbour merged between the 2016 boundaries and the 2018 statistics has no row
			if (regionAgs.includes(ags)) throw new Error(`${file}: no row for region district ${ags}`);
			missing.push(ags);
			continue;
		}
		rows.push({
			ags,
			name: d.name,
			type: d.type,
			nuts: d.NUTS3,
			in_region: regionAgs.includes(ags),
			as_of: '2018-12-31',
			area_km2: d.area_km2,
			population: d.population,
			density_per_km2: d.population_per_km2
		});
	}
	const provenance = {
		...DESTATIS_DISTRICTS_2018,
		derivation: `${DESTATIS_DISTRICTS_2018.derivation}; the three districts and their neighbours on the 2016 boundaries${missing.length ? ` (no 2018 row for ${missing.join(', ')})` : ''}`
	};
	return { table: { provenance, rows }, missing };
}
