/**
 * Broadband values on today's municipalities. The Breitbandatlas municipality files carry the codes
 * valid at their date — the end-2018 and even the mid-2021 files still use the 112 municipalities of
 * before the Thuringian mergers of 2019 and later — so their values are carried onto the 2021
 * municipalities (VG5000 2021) by area overlap:
 *
 * - every old municipality goes to the 2021 municipality it shares the most area with; only when a
 *   second one receives at least SPLIT_SHARE of its area is it split between them by area (the coarse
 *   1:5,000,000 boundaries would otherwise scatter slivers of every municipality onto its neighbours);
 * - the shares of the old municipalities that form a new one are averaged weighted by population
 *   (Gemeindeverzeichnis 31 Dec 2018) × the part of their area. A few old municipalities had already
 *   been absorbed by 31 Dec 2018: the register counts their inhabitants in the municipality that
 *   absorbed them, so they get no weight of their own and the value names them (reason
 *   "unweighted:<codes>"); only where no population is known at all are the weights the areas;
 * - a municipality whose code and area did not change keeps the published value ("as_published").
 *
 * No 2021 municipality is dropped: one without a value gets a reason. Runs at build time.
 */
import area from '@turf/area';
import bboxOf from '@turf/bbox';
import intersect from '@turf/intersect';
import { featureCollection } from '@turf/helpers';
import simplify from '@turf/simplify';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BroadbandRecord } from '../../src/lib/data/model.ts';

/** Part of an old municipality's area above which a second 2021 municipality counts as a real split. */
export const SPLIT_SHARE = 0.25;

export type HarmonisedMethod = 'as_published' | 'converted_population' | 'converted_area';

export interface Unit {
	ags: string;
	name: string;
	geometry: Polygon | MultiPolygon;
}

export interface SourceShare {
	/** old (source) municipality code */
	ags: string;
	/** part of the old municipality's area that lies in the target */
	fraction: number;
	/** the old municipality's population (register 2018), if known */
	population: number | null;
}

export interface TargetMapping {
	ags: string;
	name: string;
	ags_district: string;
	parts: SourceShare[];
	/** population of the target estimated from its parts (null if a part's population is unknown) */
	population: number | null;
}

export interface HarmonisedValue {
	ags: string;
	audience: BroadbandRecord['audience'];
	asOf: string;
	metric: string;
	/** null with a reason when no value can be given */
	value: number | null;
	method: HarmonisedMethod | null;
	reason: string | null;
	/** old codes the value was computed from, "code:weight" */
	from: string;
	sourceId: string;
	/** boundary edition of the file's codes */
	sourceBoundary: string;
}

type AnyPoly = Feature<Polygon | MultiPolygon>;

function asFeature(g: Polygon | MultiPolygon): AnyPoly {
	return { type: 'Feature', properties: {}, geometry: g };
}

function boxesOverlap(a: number[], b: number[]): boolean {
	return a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
}

/**
 * Which old municipalities (with which part of their area) form each 2021 municipality. Every old
 * municipality lands somewhere as long as it overlaps any target at all.
 */
export function mapOntoTargets(
	sources: readonly Unit[],
	targets: readonly Unit[],
	population: ReadonlyMap<string, number>
): { targets: TargetMapping[]; unplaced: string[] } {
	const targetBoxes = targets.map((t) => bboxOf(asFeature(t.geometry)));
	const partsOf = new Map<string, SourceShare[]>(targets.map((t) => [t.ags, []]));
	const unplaced: string[] = [];
	for (const s of sources) {
		// The targets are drawn at about 1.5 km per vertex: 1:250,000 detail on the old side only
		// costs time, so it is thinned to ~100 m first (shares change by far less than SPLIT_SHARE).
		const sf = simplify(asFeature(s.geometry), { tolerance: 0.001, highQuality: false });
		const sBox = bboxOf(sf);
		const sArea = area(sf);
		const overlaps: { ags: string; share: number }[] = [];
		targets.forEach((t, i) => {
			if (!boxesOverlap(sBox, targetBoxes[i]!)) return;
			const cut = intersect(featureCollection([sf, asFeature(t.geometry)]));
			if (!cut) return;
			const share = area(cut) / sArea;
			if (share > 0) overlaps.push({ ags: t.ags, share });
		});
		overlaps.sort((a, b) => b.share - a.share);
		if (overlaps.length === 0) {
			unplaced.push(s.ags);
			continue;
		}
		const kept = overlaps.filter((o, i) => i === 0 || o.share >= SPLIT_SHARE);
		const total = kept.reduce((sum, o) => sum + o.share, 0);
		for (const o of kept) {
			partsOf.get(o.ags)!.push({ ags: s.ags, fraction: o.share / total, population: population.get(s.ags) ?? null });
		}
	}
	return {
		targets: targets.map((t) => {
			const parts = partsOf.get(t.ags)!;
			const known = parts.some((p) => p.population !== null);
			return {
				ags: t.ags,
				name: t.name,
				ags_district: t.ags.slice(0, 5),
				parts,
				population: known ? Math.round(parts.reduce((sum, p) => sum + (p.population ?? 0) * p.fraction, 0)) : null
			};
		}),
		unplaced
	};
}

/**
 * The values of one municipality file (one audience and edition) on the 2021 municipalities.
 * `areas` gives each old municipality's area in m², for the area fallback.
 */
export function harmoniseRecords(
	records: readonly BroadbandRecord[],
	mapping: readonly TargetMapping[],
	areas: ReadonlyMap<string, number>,
	sourceId: string
): HarmonisedValue[] {
	const first = records[0];
	if (!first) return [];
	const byAgs = new Map(records.map((r) => [r.ags, r]));
	const metrics = [...new Set(records.flatMap((r) => Object.keys(r.values)))].sort();
	const sourceBoundary = first.boundaryEdition ?? 'unknown';
	const out: HarmonisedValue[] = [];
	for (const t of mapping) {
		const unchanged = t.parts.length === 1 && t.parts[0]!.ags === t.ags && t.parts[0]!.fraction > 0.999;
		const byPopulation = t.parts.some((p) => p.population !== null);
		const weightOf = (p: SourceShare) => (byPopulation ? (p.population ?? 0) * p.fraction : (areas.get(p.ags) ?? 0) * p.fraction);
		const unweighted = byPopulation ? t.parts.filter((p) => p.population === null).map((p) => p.ags) : [];
		for (const metric of metrics) {
			const base = { ags: t.ags, audience: first.audience, asOf: first.asOf, metric, sourceId, sourceBoundary };
			if (t.parts.length === 0) {
				out.push({ ...base, value: null, method: null, reason: 'no_overlap', from: '' });
				continue;
			}
			const missing = t.parts.filter((p) => byAgs.get(p.ags)?.values[metric] === undefined || byAgs.get(p.ags)?.values[metric] === null);
			const from = t.parts.map((p) => `${p.ags}:${Math.round(weightOf(p))}`).join(',');
			if (missing.length > 0) {
				const notInFile = missing.some((p) => !byAgs.has(p.ags));
				out.push({ ...base, value: null, method: null, reason: notInFile ? `not_in_file:${missing.map((p) => p.ags).join(',')}` : 'not_published', from });
				continue;
			}
			if (unchanged) {
				out.push({ ...base, value: byAgs.get(t.ags)!.values[metric]!, method: 'as_published', reason: null, from });
				continue;
			}
			let sum = 0;
			let weights = 0;
			for (const p of t.parts) {
				const w = weightOf(p);
				sum += w * byAgs.get(p.ags)!.values[metric]!;
				weights += w;
			}
			out.push({
				...base,
				value: weights > 0 ? Math.round((sum / weights) * 100) / 100 : null,
				method: byPopulation ? 'converted_population' : 'converted_area',
				reason: weights <= 0 ? 'no_weight' : unweighted.length ? `unweighted:${unweighted.join(',')}` : null,
				from
			});
		}
	}
	return out;
}

/** Area in m² of every unit, for the area-weighted fallback. */
export function areasOf(units: readonly Unit[]): Map<string, number> {
	return new Map(units.map((u) => [u.ags, area(asFeature(u.geometry))]));
}

/**
 * Municipality values kept on the boundaries their codes belong to (no 2021 boundaries imported:
 * the 2016 boundaries as before). Every municipality of the list gets a row; one the file lacks,
 * a reason.
 */
export function asPublished(
	records: readonly BroadbandRecord[],
	units: readonly { ags: string }[],
	sourceId: string
): HarmonisedValue[] {
	const first = records[0];
	if (!first) return [];
	const byAgs = new Map(records.map((r) => [r.ags, r]));
	const metrics = [...new Set(records.flatMap((r) => Object.keys(r.values)))].sort();
	const out: HarmonisedValue[] = [];
	for (const u of units) {
		const r = byAgs.get(u.ags);
		for (const metric of metrics) {
			const v = r?.values[metric];
			out.push({
				ags: u.ags,
				audience: first.audience,
				asOf: first.asOf,
				metric,
				value: v ?? null,
				method: v === undefined || v === null ? null : 'as_published',
				reason: !r ? 'not_in_file' : v === undefined || v === null ? 'not_published' : null,
				from: u.ags,
				sourceId,
				sourceBoundary: first.boundaryEdition ?? 'unknown'
			});
		}
	}
	return out;
}
