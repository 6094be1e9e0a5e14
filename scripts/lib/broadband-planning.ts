/**
 * The planner's broadband table, built once per data build: every municipality file's values on
 * one set of municipalities — the 2021 ones (VG5000 2021) when imported, else the 2016 ones of the
 * seed — with the population used as weight and as the proxy for households (no household counts
 * per municipality are in the files at hand).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import simplify from '@turf/simplify';
import type { BroadbandRecord } from '../../src/lib/data/model.ts';
import type { Seed } from './seed.ts';
import type { OfficialData } from './theme-features.ts';
import { areasOf, asPublished, harmoniseRecords, mapOntoTargets, type HarmonisedValue, type Unit } from './broadband-harmonise.ts';

export interface PlanningUnit {
	ags: string;
	name: string;
	ags_district: string;
	/** population as weight and household proxy; null when unknown */
	population: number | null;
	/** old municipalities (codes of the files) that form this one, with the part of their area */
	parts: { ags: string; fraction: number; population: number | null }[];
	/** outline for the planner's map, thinned to about 100 m (the page draws the whole region at once) */
	geometry: Polygon | MultiPolygon;
}

function thin(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
	return simplify({ type: 'Feature', properties: {}, geometry: g }, { tolerance: 0.001, highQuality: true }).geometry;
}

export interface PlanningBroadband {
	/** boundary edition of the municipalities shown: "2021" or "2016" */
	boundary: string;
	boundarySourceId: string;
	/** source of the population figures (Gemeindeverzeichnis), if imported */
	populationSourceId: string | null;
	units: PlanningUnit[];
	values: HarmonisedValue[];
}

function unitsOf(fc: GeoJSON.FeatureCollection): Unit[] {
	return fc.features.map((f) => ({
		ags: String(f.properties?.ags),
		name: String(f.properties?.name),
		geometry: f.geometry as Polygon | MultiPolygon
	}));
}

/** Null without imported municipality files: the built-in data has district figures only. */
export function planningBroadband(seed: Seed, official: OfficialData | null): PlanningBroadband | null {
	if (!official) return null;
	const files = new Map<string, BroadbandRecord[]>();
	for (const { record, sourceId } of official.broadband) {
		if (record.level !== 'municipality') continue;
		files.set(sourceId, [...(files.get(sourceId) ?? []), record]);
	}
	if (files.size === 0) return null;

	const old = unitsOf(seed.municipalities);
	const population = new Map((official.municipalityStats?.stats ?? []).map((s) => [s.ags, s.population]));
	const populationSourceId = official.municipalityStats?.sourceId ?? null;
	const boundaries = official.boundaries2021;
	const values: HarmonisedValue[] = [];

	if (boundaries) {
		const targets = unitsOf(boundaries.municipalities);
		const { targets: mapping } = mapOntoTargets(old, targets, population);
		const areas = areasOf(old);
		for (const [sourceId, records] of files) {
			// a file already on today's codes needs no conversion
			const onToday = records[0]?.boundaryEdition === '2021';
			values.push(...(onToday ? asPublished(records, targets, sourceId) : harmoniseRecords(records, mapping, areas, sourceId)));
		}
		return {
			boundary: '2021',
			boundarySourceId: boundaries.sourceId,
			populationSourceId,
			units: mapping.map((m) => ({ ags: m.ags, name: m.name, ags_district: m.ags_district, population: m.population, parts: m.parts, geometry: thin(targets.find((t) => t.ags === m.ags)!.geometry) })),
			values
		};
	}

	for (const [sourceId, records] of files) values.push(...asPublished(records, old, sourceId));
	const seedSource = (seed.municipalities.provenance as { id?: string }).id ?? 'vg250-2016';
	return {
		boundary: '2016',
		boundarySourceId: Array.isArray(seed.municipalities.provenance) ? (seed.municipalities.provenance[0]?.id ?? seedSource) : seedSource,
		populationSourceId,
		units: old.map((u) => ({
			ags: u.ags,
			name: u.name,
			ags_district: u.ags.slice(0, 5),
			population: population.get(u.ags) ?? null,
			parts: [{ ags: u.ags, fraction: 1, population: population.get(u.ags) ?? null }],
			geometry: thin(u.geometry)
		})),
		values
	};
}
