/**
 * The goals compare one baseline year (2016, the concept's start) with the newest year, whatever
 * year a series starts in, and say whether the change goes the goal's way.
 */
import { describe, expect, it } from 'vitest';
import { GOAL_BASELINE_YEAR, GOAL_INDICATORS, goalChange } from '../../src/lib/themes/goals.ts';
import { goalsView, type SeriesRow } from '../../src/lib/server/api/goals-view.ts';

const GOALS = [
	{ id: 'migration', de: 'Wanderung', en: 'Migration' },
	{ id: 'unemployment', de: 'Arbeitslosigkeit', en: 'Unemployment' },
	{ id: 'employment', de: 'Beschäftigung', en: 'Employment' },
	{ id: 'training', de: 'Ausbildung', en: 'Training' },
	{ id: 'productivity', de: 'Produktivität', en: 'Productivity' }
];
const DISTRICTS = [
	{ ags: '16062', name: 'Landkreis Nordhausen' },
	{ ags: '16064', name: 'Unstrut-Hainich-Kreis' },
	{ ags: '16065', name: 'Kyffhäuserkreis' }
];

function rows(code: string, ags: string, points: [number, number][], sourceId = 'inkar', level = 'district'): SeriesRow[] {
	return points.map(([year, value]) => ({ ags, level, code, year, value, source_id: sourceId }));
}

describe('goalChange', () => {
	it('uses 2016 as baseline even when the series starts in 1995 (INKAR training quotient)', () => {
		// Nordhausen, a_azubi as published by INKAR: 1995 55.26, 2016 32.63, 2022 37.21
		const c = goalChange(
			[
				{ year: 1995, value: 55.26 },
				{ year: 2016, value: 32.63 },
				{ year: 2022, value: 37.21 }
			],
			'higher'
		);
		expect(GOAL_BASELINE_YEAR).toBe(2016);
		expect(c.baseline).toEqual({ year: 2016, value: 32.63 });
		expect(c.latest).toEqual({ year: 2022, value: 37.21 });
		expect(c.direction).toBe('up');
		expect(c.good).toBe(true);
		expect(c.change).toBeCloseTo(4.58, 5);
	});

	it('uses 2016 as baseline even when the series starts in 2013 (BA employees, Unstrut-Hainich-Kreis)', () => {
		// BA: 2013 32273, 2016 33667, 2025 33205 → fewer employees than in 2016: not the goal's way
		const c = goalChange(
			[
				{ year: 2013, value: 32273 },
				{ year: 2016, value: 33667 },
				{ year: 2025, value: 33205 }
			],
			'higher'
		);
		expect(c.direction).toBe('down');
		expect(c.good).toBe(false);
	});

	it('marks a falling value as good when the goal wants lower', () => {
		const c = goalChange(
			[
				{ year: 2016, value: 12.14 },
				{ year: 2021, value: 9.49 }
			],
			'lower'
		);
		expect(c.direction).toBe('down');
		expect(c.good).toBe(true);
	});

	it('says why it cannot compare: no data, no 2016 value, nothing newer', () => {
		expect(goalChange([], 'higher').reason).toBe('no_data');
		const noBase = goalChange([{ year: 2017, value: 1 }, { year: 2020, value: 2 }], 'higher');
		expect(noBase.reason).toBe('no_baseline');
		expect(noBase.good).toBeNull();
		expect(goalChange([{ year: 2016, value: 1 }], 'higher').reason).toBe('no_newer_year');
	});
});

describe('goalsView', () => {
	it('prefers the imported official series over the seed headline and rates over head counts', () => {
		const data = [
			...rows('apprentices_per_1000_employees', '16062', [[2016, 32.63], [2022, 37.21]], 'inkar-district-headlines'),
			...rows('a_azubi', '16062', [[1995, 55.26], [2016, 32.63], [2022, 37.21]]),
			...rows('unemployed', '16062', [[2012, 4590.75], [2016, 3526], [2025, 3403]], 'ba-unemployed'),
			...rows('q_SGBII', '16062', [[2010, 15.1], [2016, 12.14], [2021, 9.49]])
		];
		const view = goalsView(GOALS, DISTRICTS, data, new Map());
		const training = view.goals.find((g) => g.id === 'training')!;
		const azubi = training.indicators.find((i) => i.code === 'apprentices_per_1000_employees')!;
		expect(azubi.series).toBe('a_azubi');
		expect(azubi.official_series).toBe(true);
		expect(azubi.districts.find((d) => d.ags === '16062')!.change.direction).toBe('up');

		const unemployment = view.goals.find((g) => g.id === 'unemployment')!;
		const kinds = unemployment.indicators.map((i) => i.kind);
		expect(kinds.indexOf('count')).toBeGreaterThan(kinds.lastIndexOf('rate'));
		const sgb2 = unemployment.indicators.find((i) => i.code === 'sgb2_share')!;
		expect(sgb2.status).toBe('data');
		expect(sgb2.districts[0]!.change.good).toBe(true);
	});

	it('gives every missing indicator an honest no-data entry naming its official source', () => {
		const view = goalsView(GOALS, DISTRICTS, [], new Map());
		const missing = view.goals.flatMap((g) => g.indicators).filter((i) => i.status === 'no_data');
		expect(missing.map((i) => i.code)).toEqual(expect.arrayContaining(['net_migration_per_1000', 'unemployment_rate', 'youth_unemployment_rate']));
		for (const i of missing) {
			expect(i.districts).toEqual([]);
			expect(i.official_source.de.length).toBeGreaterThan(10);
		}
		expect(view.goals.find((g) => g.id === 'migration')!.indicators[0]!.csv_code).toBe('net_migration_per_1000');
	});

	it('carries Thuringia and Germany as reference lines when a file has them', () => {
		const data = [
			...rows('unemployment_rate', '16062', [[2016, 9.1], [2024, 7.2]], 'goals-csv'),
			...rows('unemployment_rate', '16', [[2016, 6.7], [2024, 6.0]], 'goals-csv', 'state'),
			...rows('unemployment_rate', 'DE', [[2016, 6.1]], 'goals-csv', 'country')
		];
		const ind = goalsView(GOALS, DISTRICTS, data, new Map())
			.goals.flatMap((g) => g.indicators)
			.find((i) => i.code === 'unemployment_rate')!;
		expect(ind.references.map((r) => r.ags)).toEqual(['16', 'DE']);
		expect(ind.districts.find((d) => d.ags === '16062')!.change.good).toBe(true);
		// a district without values is listed, with the reason, not dropped
		expect(ind.districts.find((d) => d.ags === '16065')!.change.reason).toBe('no_data');
	});

	it('has labels for every indicator in both languages', () => {
		for (const i of GOAL_INDICATORS) expect(i.label.de && i.label.en && i.source.de && i.source.en).toBeTruthy();
	});
});
