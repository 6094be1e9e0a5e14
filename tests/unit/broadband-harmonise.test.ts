/**
 * Broadband values carried onto today's municipalities: hand-made squares for the arithmetic, the
 * real files for the invariants (every 2021 municipality has a value or a reason, shares stay in
 * the published range, district aggregates equal the weighted sums).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { isRegionAgs, type BroadbandRecord } from '../../src/lib/data/model.ts';
import { areasOf, asPublished, harmoniseRecords, mapOntoTargets, type HarmonisedValue, type TargetMapping, type Unit } from '../../scripts/lib/broadband-harmonise.ts';
import { aggregate, ranks } from '../../src/lib/planning/broadband-view.ts';
import { importBroadband } from '../../scripts/importers/breitbandatlas.ts';
import { importGemeindeverzeichnis } from '../../scripts/importers/gemeindeverzeichnis.ts';
import { HAVE_SOURCES, SOURCES } from '../helpers/sources.ts';

/** An axis-aligned square (degrees) near the region, small enough to be flat. */
function square(x0: number, y0: number, size: number): Polygon {
	return { type: 'Polygon', coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]] };
}
const rec = (ags: string, values: Record<string, number | null>): BroadbandRecord => ({ ags, level: 'municipality', audience: 'private', asOf: '2018-12', values, boundaryEdition: '2016' });

describe('carrying values onto merged municipalities (hand-made squares)', () => {
	// old: A (0–0.1), B (0.1–0.2) merge into N; C stays C
	const old: Unit[] = [
		{ ags: '99001001', name: 'A', geometry: square(10, 51, 0.1) },
		{ ags: '99001002', name: 'B', geometry: square(10.1, 51, 0.1) },
		{ ags: '99001003', name: 'C', geometry: square(10.2, 51, 0.1) }
	];
	const today: Unit[] = [
		{ ags: '99001066', name: 'N', geometry: { type: 'Polygon', coordinates: [[[10, 51], [10.2, 51], [10.2, 51.1], [10, 51.1], [10, 51]]] } },
		{ ags: '99001003', name: 'C', geometry: square(10.2, 51, 0.1) },
		{ ags: '99001077', name: 'Empty', geometry: square(11, 52, 0.1) }
	];

	it('weights by population: (900·90 + 100·40) / 1000 = 85', () => {
		const { targets } = mapOntoTargets(old, today, new Map([['99001001', 900], ['99001002', 100], ['99001003', 500]]));
		const n = targets.find((t) => t.ags === '99001066')!;
		expect(n.parts.map((p) => p.ags)).toEqual(['99001001', '99001002']);
		expect(n.population).toBe(1000);
		const v = harmoniseRecords([rec('99001001', { all_50: 90 }), rec('99001002', { all_50: 40 }), rec('99001003', { all_50: 70 })], targets, areasOf(old), 'src');
		expect(v.find((x) => x.ags === '99001066')).toMatchObject({ value: 85, method: 'converted_population', from: '99001001:900,99001002:100' });
		expect(v.find((x) => x.ags === '99001003')).toMatchObject({ value: 70, method: 'as_published' });
		// no municipality is dropped: one without any old area says so
		expect(v.find((x) => x.ags === '99001077')).toMatchObject({ value: null, reason: 'no_overlap' });
	});

	it('gives an old municipality missing from the register no weight of its own and names it', () => {
		const { targets } = mapOntoTargets(old, today, new Map([['99001001', 900]]));
		expect(targets.find((t) => t.ags === '99001066')!.population).toBe(900);
		const v = harmoniseRecords([rec('99001001', { all_50: 90 }), rec('99001002', { all_50: 40 })], targets, areasOf(old), 'src');
		expect(v.find((x) => x.ags === '99001066')).toMatchObject({ value: 90, method: 'converted_population', reason: 'unweighted:99001002' });
	});

	it('falls back to area weights, labelled, when no population is known', () => {
		const { targets } = mapOntoTargets(old, today, new Map());
		const v = harmoniseRecords([rec('99001001', { all_50: 90 }), rec('99001002', { all_50: 40 })], targets, areasOf(old), 'src');
		const n = v.find((x) => x.ags === '99001066')!;
		expect(n.method).toBe('converted_area');
		// equal areas (to rounding of the sphere): close to the plain mean 65
		expect(n.value!).toBeGreaterThan(64.5);
		expect(n.value!).toBeLessThan(65.5);
	});

	it('gives a reason instead of a value when an old municipality is missing or unpublished', () => {
		const { targets } = mapOntoTargets(old, today, new Map([['99001001', 1]]));
		const v = harmoniseRecords([rec('99001001', { all_50: 90, all_100: null }), rec('99001003', { all_50: 70, all_100: 50 })], targets, areasOf(old), 'src');
		expect(v.find((x) => x.ags === '99001066' && x.metric === 'all_50')!.reason).toBe('not_in_file:99001002');
		expect(v.find((x) => x.ags === '99001066' && x.metric === 'all_100')!.value).toBeNull();
	});

	it('splits an old municipality between two new ones by area when both get a real part', () => {
		const split: Unit[] = [
			{ ags: '99002001', name: 'West', geometry: { type: 'Polygon', coordinates: [[[10, 51], [10.05, 51], [10.05, 51.1], [10, 51.1], [10, 51]]] } },
			{ ags: '99002002', name: 'East', geometry: { type: 'Polygon', coordinates: [[[10.05, 51], [10.1, 51], [10.1, 51.1], [10.05, 51.1], [10.05, 51]]] } }
		];
		const { targets } = mapOntoTargets([old[0]!], split, new Map([['99001001', 1000]]));
		expect(targets.map((t) => [t.ags, Math.round(t.parts[0]!.fraction * 100), t.population])).toEqual([
			['99002001', 50, 500],
			['99002002', 50, 500]
		]);
	});

	it('without the 2021 boundaries keeps the published values and names municipalities the file lacks', () => {
		const v = asPublished([rec('99001001', { all_50: 90 })], [{ ags: '99001001' }, { ags: '99001002' }], 'src');
		expect(v.map((x) => [x.ags, x.value, x.method, x.reason])).toEqual([
			['99001001', 90, 'as_published', null],
			['99001002', null, null, 'not_in_file']
		]);
	});
});

describe('aggregates and ranks', () => {
	it('weights by population, never averages the shares', () => {
		const a = aggregate([
			{ population: 900, value: 90 },
			{ population: 100, value: 40 },
			{ population: null, value: 10 },
			{ population: 50, value: null }
		]);
		expect(a).toEqual({ value: 85, population: 1000, not_covered_population: 150, municipalities: 4, with_value: 2 });
	});

	it('ranks the largest gap first, ties share a rank, no value no rank', () => {
		const r = ranks([
			{ ags: 'a', value: 90 },
			{ ags: 'b', value: 40 },
			{ ags: 'c', value: 90 },
			{ ags: 'd', value: null }
		]);
		expect([...r.entries()]).toEqual([['b', 1], ['a', 2], ['c', 2]]);
	});
});

describe.runIf(HAVE_SOURCES)('on the real files', { timeout: 120_000 }, () => {
	let targets: TargetMapping[];
	let units2021: Unit[];
	let values: HarmonisedValue[];
	let old: Unit[];
	let population: Map<string, number>;
	const files = ['gemeinde_privat_2018_ende.csv', 'gemeinde_bezirke_privat_2021_mitte.csv', 'gemeinde_bezirke_gew_2021_mitte.csv'];
	const records = new Map<string, BroadbandRecord[]>();

	beforeAll(() => {
		const seed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/seed/municipalities.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
		old = seed.features.map((f) => ({ ags: String(f.properties!.ags), name: String(f.properties!.name), geometry: f.geometry as Polygon }));
		const g21 = JSON.parse(readFileSync(path.join(SOURCES, 'vg5000-2021', 'gem_3kreise.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
		units2021 = g21.features.map((f) => ({ ags: String(f.properties!.AGS), name: String(f.properties!.GEN), geometry: f.geometry as Polygon }));
		population = new Map(importGemeindeverzeichnis(path.join(SOURCES, 'gemeindeverzeichnis-2018', 'destatis.json'), { filter: isRegionAgs }).records.map((r) => [r.ags, r.population]));
		targets = mapOntoTargets(old, units2021, population).targets;
		values = [];
		for (const f of files) {
			const r = importBroadband(path.join(SOURCES, 'breitbandatlas', f), { filter: isRegionAgs });
			records.set(f, r.records);
			values.push(...harmoniseRecords(r.records, targets, areasOf(old), r.source.id));
		}
	}, 120_000);

	it('places every old municipality and gives every one of the 73 municipalities of 2021 a value or a reason', () => {
		expect(targets).toHaveLength(73);
		expect(new Set(targets.flatMap((t) => t.parts.map((p) => p.ags))).size).toBe(112);
		for (const f of files) {
			const id = values.find((v) => v.asOf === records.get(f)![0]!.asOf && v.audience === records.get(f)![0]!.audience)!.sourceId;
			const mine = values.filter((v) => v.sourceId === id);
			const metrics = new Set(mine.map((v) => v.metric));
			expect(mine).toHaveLength(73 * metrics.size);
			for (const v of mine) expect(v.value !== null || (v.reason !== null && v.reason !== '')).toBe(true);
		}
	});

	it('keeps every unchanged municipality as published and converts the merged ones', () => {
		const all50 = values.filter((v) => v.sourceId === 'breitbandatlas-private-municipality-2018-12' && v.metric === 'all_50');
		const counts = all50.reduce<Record<string, number>>((acc, v) => ((acc[v.method ?? 'none'] = (acc[v.method ?? 'none'] ?? 0) + 1), acc), {});
		expect(counts).toEqual({ as_published: 60, converted_population: 13 });
		// Nordhausen absorbed 16062004 during 2018: the register counts its inhabitants in Nordhausen
		expect(all50.find((v) => v.ags === '16062041')!.reason).toBe('unweighted:16062004');
		// Bleicherode (16062066) was formed in 2019 from old Bleicherode and eight villages: by hand,
		// Σ population × share / Σ population from the end-2018 file and the 2018 register.
		const parts = ['16062002', '16062006', '16062007', '16062014', '16062025', '16062029', '16062039', '16062058', '16062059'];
		const r18 = new Map(records.get('gemeinde_privat_2018_ende.csv')!.map((r) => [r.ags, r.values.all_50!]));
		const expected = parts.reduce((s, a) => s + population.get(a)! * r18.get(a)!, 0) / parts.reduce((s, a) => s + population.get(a)!, 0);
		expect(all50.find((v) => v.ags === '16062066')!.value).toBeCloseTo(expected, 2);
		expect(expected).toBeCloseTo(78.06, 2);
	});

	it('keeps every converted share within the range of the published shares it came from', () => {
		for (const f of files) {
			const byAgs = new Map(records.get(f)!.map((r) => [r.ags, r]));
			const first = records.get(f)![0]!;
			for (const v of values.filter((x) => x.asOf === first.asOf && x.audience === first.audience && x.value !== null)) {
				const inputs = targets.find((t) => t.ags === v.ags)!.parts.map((p) => byAgs.get(p.ags)!.values[v.metric]!);
				expect(v.value!).toBeGreaterThanOrEqual(Math.min(...inputs) - 0.005);
				expect(v.value!).toBeLessThanOrEqual(Math.max(...inputs) + 0.005);
			}
		}
	});

	it('district aggregates equal the population-weighted sums of their municipalities', () => {
		const v = values.filter((x) => x.sourceId === 'breitbandatlas-private-municipality-2021-06' && x.metric === 'all_100');
		for (const district of ['16062', '16064', '16065']) {
			const rows = targets.filter((t) => t.ags_district === district).map((t) => ({ population: t.population, value: v.find((x) => x.ags === t.ags)!.value }));
			let num = 0;
			let den = 0;
			for (const r of rows) {
				if (r.population === null || r.value === null) continue;
				num += r.population * r.value;
				den += r.population;
			}
			expect(aggregate(rows).value).toBeCloseTo(num / den, 2);
			// and the weights are not all equal: the plain mean of the shares is something else
			const mean = rows.filter((r) => r.value !== null).reduce((s, r) => s + r.value!, 0) / rows.filter((r) => r.value !== null).length;
			expect(Math.abs(mean - num / den)).toBeGreaterThan(0.01);
		}
	});
});
