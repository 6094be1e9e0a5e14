/**
 * The layers under every theme (district and municipality boundaries, neighbours for context,
 * place names, label points) and the region rows of the database.
 */
import type { LayerInput } from './vector-tiles.ts';
import type { RegionRow, RegionStat, SeedIndicator } from './database.ts';
import type { OfficialData } from './theme-features.ts';
import type { Seed } from './seed.ts';
import { provenanceList } from './seed.ts';
import { pointOnSurface } from './geo.ts';

type Props = Record<string, unknown>;

function sourceId(fc: { provenance: Seed['districts']['provenance'] }): string {
	return provenanceList(fc.provenance)[0]?.id ?? 'seed';
}

/** Display names of the districts as the region names them ("Landkreis Nordhausen"). */
function districtNames(seed: Seed): Map<string, string> {
	const list = (seed.region as { districts?: { ags: string; name: string }[] }).districts ?? [];
	return new Map(list.map((d) => [d.ags, d.name]));
}

function polygonLayer(name: string, fc: Seed['districts'], pick: (p: Props) => Props): LayerInput {
	return {
		name,
		features: fc.features.map((f, i) => ({
			type: 'Feature',
			id: i + 1,
			geometry: f.geometry,
			properties: pick(f.properties ?? {})
		}))
	};
}

/** Per-municipality values that themes colour the municipality polygons by (registry `areaFill`). */
export interface AreaValues {
	/** ags → properties added to the municipality polygon */
	byAgs: Map<string, Props>;
	asOf: string;
	sourceId: string;
}

/**
 * Population and density per municipality from the imported municipality register. Its codes are
 * those of 31 Dec 2018, which still match the 2016 boundaries for all but the few merged in 2018.
 */
export function municipalityAreaValues(official: OfficialData | null): AreaValues | null {
	const stats = official?.municipalityStats;
	if (!stats || stats.stats.length === 0) return null;
	return {
		byAgs: new Map(stats.stats.map((s) => [s.ags, { population: s.population, density: s.densityPerKm2 }])),
		asOf: '2018-12-31',
		sourceId: stats.sourceId
	};
}

export function baseLayers(seed: Seed, area: AreaValues | null = null): LayerInput[] {
	const names = districtNames(seed);
	const labels: GeoJSON.Feature[] = [];
	for (const f of seed.districts.features) {
		const ags = String(f.properties?.ags);
		labels.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: pointOnSurface(f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon) },
			properties: { kind: 'district', ags, name: names.get(ags) ?? String(f.properties?.name) }
		});
	}
	for (const f of seed.municipalities.features) {
		labels.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: pointOnSurface(f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon) },
			properties: { kind: 'municipality', ags: String(f.properties?.ags), name: String(f.properties?.name) }
		});
	}
	return [
		polygonLayer('districts', seed.districts, (p) => ({ ags: p.ags, name: names.get(String(p.ags)) ?? p.name })),
		polygonLayer('neighbours', seed.neighbours, (p) => ({ ags: p.ags, name: p.name, bez: p.bez })),
		polygonLayer('municipalities', seed.municipalities, (p) => ({ ags: p.ags, name: p.name, ags_district: p.ags_district, ...area?.byAgs.get(String(p.ags)) })),
		{
			name: 'places',
			features: seed.places.features.map((f, i) => ({
				type: 'Feature',
				id: i + 1,
				geometry: f.geometry,
				properties: { name: f.properties?.name, population: f.properties?.population, fid: f.properties?.id }
			}))
		},
		{ name: 'labels', features: labels }
	];
}

export function regionRows(seed: Seed, official: OfficialData | null): RegionRow[] {
	const names = districtNames(seed);
	const rows: RegionRow[] = [];
	const add = (fc: GeoJSON.FeatureCollection, level: RegionRow['level'], edition: string, src: string) => {
		for (const f of fc.features) {
			const p = f.properties ?? {};
			const ags = String(p.ags);
			rows.push({
				ags,
				level,
				boundaryEdition: edition,
				name: level === 'district' ? (names.get(ags) ?? String(p.name)) : String(p.name),
				bez: typeof p.bez === 'string' ? p.bez : null,
				agsDistrict: level === 'municipality' ? ags.slice(0, 5) : null,
				labelPoint: pointOnSurface(f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon),
				geometry: f.geometry,
				sourceId: src
			});
		}
	};
	add(seed.districts, 'district', '2016', sourceId(seed.districts));
	add(seed.municipalities, 'municipality', '2016', sourceId(seed.municipalities));
	add(seed.neighbours, 'neighbour', '2016', sourceId(seed.neighbours));
	if (official?.boundaries2021) {
		add(official.boundaries2021.districts, 'district', '2021', official.boundaries2021.sourceId);
		add(official.boundaries2021.municipalities, 'municipality', '2021', official.boundaries2021.sourceId);
	}
	return rows;
}

/** Headline figures per region: seed district stats and figures, plus imported municipality stats. */
export function regionStats(seed: Seed, official: OfficialData | null): RegionStat[] {
	const out: RegionStat[] = [];
	const statsSource = provenanceList(seed.districtStats.provenance)[0]?.id ?? 'seed';
	for (const row of seed.districtStats.rows as Props[]) {
		const ags = String(row.ags ?? row.AGS);
		const asOf = String(row.as_of ?? row.year ?? '2018');
		for (const key of ['population', 'area_km2', 'density_per_km2', 'population_per_km2']) {
			const v = row[key];
			if (typeof v === 'number') out.push({ ags, key: key === 'population_per_km2' ? 'density_per_km2' : key, value: v, asOf, sourceId: statsSource });
		}
	}
	if (official?.municipalityStats) {
		const src = official.municipalityStats.sourceId;
		for (const s of official.municipalityStats.stats) {
			out.push({ ags: s.ags, key: 'population', value: s.population, asOf: '2018-12-31', sourceId: src });
			out.push({ ags: s.ags, key: 'area_km2', value: s.areaKm2, asOf: '2018-12-31', sourceId: src });
			out.push({ ags: s.ags, key: 'density_per_km2', value: s.densityPerKm2, asOf: '2018-12-31', sourceId: src });
		}
	}
	return out;
}

/** The curated district headline series (goals), one row per district, indicator and year. */
export function seedIndicators(seed: Seed): SeedIndicator[] {
	const rows = (seed.districtFigures as unknown as { indicators?: { ags: string; indicator: string; values: Record<string, number>; source_id?: string }[] }).indicators ?? [];
	const fallback = provenanceList(seed.districtFigures.provenance)[0]?.id ?? 'seed';
	return rows.flatMap((r) =>
		Object.entries(r.values).map(([year, value]) => ({ ags: r.ags, code: r.indicator, year: Number(year), value, sourceId: r.source_id ?? fallback }))
	);
}
