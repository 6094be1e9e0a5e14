/**
 * Computed facts of a commercial site, never typed in: distance to the nearest motorway junction
 * (from the back office's junction layer), the broadband share of its municipality from the newest
 * imported Breitbandatlas edition (with that edition named), the nearest hospital and the GP density.
 * Each is null with a reason when the data are not there; nothing is estimated.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { FeatureRow, Store } from '../db/store.ts';
import type { Provenance } from '../../data/model.ts';
import { nearestTarget } from '../../themes/registry.ts';
import { isBroadbandMetric, SITE_BROADBAND_METRIC } from '../../themes/broadband.ts';

const STATION = nearestTarget('station');
const STOP = nearestTarget('stop');
const JUNCTION = nearestTarget('motorway_junction');
const HOSPITAL = nearestTarget('hospital');

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Municipality codes of a point: its 2016 code (seed boundaries) and, after an import, its 2021 code. */
function municipalityCodes(s: Store, row: FeatureRow): string[] {
	const codes = row.ags_municipality ? [row.ags_municipality] : [];
	if (row.lon === null || row.lat === null) return codes;
	for (const r of s.regions('municipality')) {
		if (r.boundary_edition !== '2021' || codes.includes(r.ags)) continue;
		if (row.lon < r.min_x || row.lon > r.max_x || row.lat < r.min_y || row.lat > r.max_y) continue;
		if (booleanPointInPolygon([row.lon, row.lat], JSON.parse(r.geometry) as GeoJSON.Polygon)) codes.push(r.ags);
	}
	return codes;
}

export interface BroadbandFact {
	ags: string;
	as_of: string;
	/** shares of households in % by metric (all_50, all_100, all_1000, ftth_1000) */
	values: Record<string, number | null>;
	source: Provenance | null;
}

export function siteFacts(s: Store, row: FeatureRow): Record<string, unknown> {
	const sources = s.sources();
	const out: Record<string, unknown> = {};
	if (row.lon === null || row.lat === null) return out;

	// The registry's computed distance fields, as plain numbers for lists, comparison and the exposé.
	const station = s.nearest(row.lon, row.lat, STATION.theme, STATION.categories, 1, row.id)[0];
	const stop = s.nearest(row.lon, row.lat, STOP.theme, STOP.categories, 1, row.id)[0];
	out.station_km = station ? round2(station.km) : null;
	out.stop_km = stop ? round2(stop.km) : null;

	const junctions = JUNCTION.categories.reduce((n, category) => n + s.categoryCount(JUNCTION.theme, category), 0);
	const junction = junctions > 0 ? s.nearest(row.lon, row.lat, JUNCTION.theme, JUNCTION.categories, 1, row.id)[0] : undefined;
	const jp = junction ? (JSON.parse(junction.row.props) as Record<string, unknown>) : null;
	out.nearest_motorway_junction = junction
		? {
				id: junction.row.id,
				name: junction.row.name,
				motorway: jp?.motorway ?? null,
				junction_number: jp?.junction_number ?? null,
				distance_km: round2(junction.km),
				lon: junction.row.lon,
				lat: junction.row.lat,
				source: sources.get(junction.row.source_id) ?? null
			}
		: null;
	out.motorway_junction_km = junction ? round2(junction.km) : null;
	// "not_recorded": the junction layer has no entries yet; "none_nearby": none within about 200 km.
	out.motorway_junction_status = junctions === 0 ? 'not_recorded' : junction ? 'recorded' : 'none_nearby';

	const codes = municipalityCodes(s, row);
	let broadband: BroadbandFact | null = null;
	for (const ags of codes) {
		// The headline speed classes only; the files carry dozens more.
		const rows = s.broadband(ags).filter((r) => r.audience === 'private' && isBroadbandMetric(r.metric));
		if (rows.length === 0) continue;
		const newest = rows.reduce((a, b) => (b.as_of > a ? b.as_of : a), '');
		if (broadband && broadband.as_of >= newest) continue;
		const chosen = rows.filter((r) => r.as_of === newest);
		broadband = { ags, as_of: newest, values: Object.fromEntries(chosen.map((r) => [r.metric, r.value])), source: sources.get(chosen[0]!.source_id) ?? null };
	}
	out.broadband = broadband;
	out.broadband_share_pct = broadband?.values[SITE_BROADBAND_METRIC] ?? null;

	const hospital = s.nearest(row.lon, row.lat, HOSPITAL.theme, HOSPITAL.categories, 1, row.id)[0];
	out.nearest_hospital = hospital ? { id: hospital.row.id, name: hospital.row.name, distance_km: round2(hospital.km), lon: hospital.row.lon, lat: hospital.row.lat } : null;

	let gp: { ags: string; value: number; year: number; source: Provenance | null } | null = null;
	for (const ags of codes) {
		const rows = s.indicators(ags).filter((r) => r.code === 'q_hausarzt_bev');
		const latest = rows.reduce<(typeof rows)[number] | null>((a, b) => (!a || b.year > a.year ? b : a), null);
		if (latest && (!gp || latest.year > gp.year)) gp = { ags, value: latest.value, year: latest.year, source: sources.get(latest.source_id) ?? null };
	}
	out.gp_density = gp;
	return out;
}
