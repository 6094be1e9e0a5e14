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
import { THEMES } from '../../src/lib/themes/registry.ts';
import type { AreaFillSpec, ThemeId } from '../../src/lib/themes/registry.ts';

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

/** What one theme's area colouring covers, as /api/themes reports it. */
export interface AreaFillInfo {
	regions: number;
	of: number;
	as_of: string;
	source_id: string;
}

/**
 * The values themes colour municipality polygons by (registry `areaFill`): per source-layer, the
 * properties to add to each polygon, plus per theme how much of the map they cover.
 */
export interface AreaFillData {
	props: Record<AreaFillSpec['sourceLayer'], Map<string, Props>>;
	fills: Partial<Record<ThemeId, AreaFillInfo>>;
}

interface AreaValues {
	values: Map<string, number>;
	asOf: string;
	sourceId: string;
	/** extra properties per polygon beside the value */
	extra?: (ags: string) => Props;
}

/** Where each areaFill property comes from. A property without a source here is never drawn. */
const AREA_SOURCES: Record<string, (official: OfficialData) => AreaValues | null> = {
	// The municipality register of 31 Dec 2018: its codes still match the 2016 boundaries for all
	// but the few municipalities merged in 2018.
	density: (official) => {
		const stats = official.municipalityStats;
		if (!stats || stats.stats.length === 0) return null;
		const population = new Map(stats.stats.map((s) => [s.ags, s.population]));
		return {
			values: new Map(stats.stats.map((s) => [s.ags, s.densityPerKm2])),
			asOf: '2018-12-31',
			sourceId: stats.sourceId,
			extra: (ags) => ({ population: population.get(ags) })
		};
	},
	// INKAR "Hausärzte je 10.000 Einwohner", its latest year, on the codes of 2021.
	gp_per_10k: (official) => {
		const rows = official.indicators.filter((r) => r.record.code === 'q_hausarzt_bev' && r.record.level === 'municipality');
		if (rows.length === 0) return null;
		const year = Math.max(...rows.map((r) => r.record.year));
		const latest = rows.filter((r) => r.record.year === year);
		return { values: new Map(latest.map((r) => [r.record.ags, r.record.value])), asOf: String(year), sourceId: latest[0]!.sourceId, extra: () => ({ gp_year: year }) };
	}
};

export function areaFillData(seed: Seed, official: OfficialData | null): AreaFillData {
	const out: AreaFillData = { props: { municipalities: new Map(), municipalities_2021: new Map() }, fills: {} };
	if (!official) return out;
	const polygons: Record<AreaFillSpec['sourceLayer'], GeoJSON.FeatureCollection | undefined> = {
		municipalities: seed.municipalities,
		municipalities_2021: official.boundaries2021?.municipalities
	};
	for (const theme of THEMES) {
		const spec = theme.areaFill;
		const fc = spec ? polygons[spec.sourceLayer] : undefined;
		const data = spec ? AREA_SOURCES[spec.property]?.(official) : null;
		if (!spec || !fc || !data) continue;
		let regions = 0;
		for (const f of fc.features) {
			const ags = String(f.properties?.ags);
			const value = data.values.get(ags);
			if (value === undefined) continue;
			regions++;
			const map = out.props[spec.sourceLayer];
			map.set(ags, { ...map.get(ags), [spec.property]: value, ...data.extra?.(ags) });
		}
		if (regions > 0) out.fills[theme.id] = { regions, of: fc.features.length, as_of: data.asOf, source_id: data.sourceId };
	}
	return out;
}

export function baseLayers(seed: Seed, official: OfficialData | null = null, area: AreaFillData | null = null): LayerInput[] {
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
		polygonLayer('municipalities', seed.municipalities, (p) => ({ ags: p.ags, name: p.name, ags_district: p.ags_district, ...area?.props.municipalities.get(String(p.ags)) })),
		// The imported 2021 boundaries, only as far as a theme colours them.
		...(official?.boundaries2021 && area && area.props.municipalities_2021.size > 0
			? [
					polygonLayer('municipalities_2021', official.boundaries2021.municipalities as Seed['districts'], (p) => ({
						ags: p.ags,
						name: p.name,
						...area.props.municipalities_2021.get(String(p.ags))
					}))
				]
			: []),
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
