import { describe, expect, it } from 'vitest';
import { expression } from '@maplibre/maplibre-gl-style-spec';
import { classify, classColor, spreadColors, startClassesFor } from '../../src/lib/map/classes.ts';
import { choroplethStartClasses } from '../../scripts/lib/theme-features.ts';
import type { BuiltFeature } from '../../scripts/lib/theme-features.ts';
import { choroplethTheme } from '../../src/lib/themes/registry.ts';

const PALETTE = ['#f7fbff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** Evaluates the fill colour expression for a feature, as MapLibre would. */
function colourOf(expr: unknown, properties: Record<string, number>): string {
	const e = expression.createExpression(expr, { type: 'color', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
	if (e.result !== 'success') throw new Error(JSON.stringify(e.value));
	return String(e.value.evaluate({ zoom: 8 }, { type: 'Polygon', properties } as never));
}

describe('classes from the values shown', () => {
	it('gives three districts between 80 and 95 % three different colours (fixed 20-point steps gave them one)', () => {
		const c = classify([80.5, 86.6, 82.6], PALETTE)!;
		expect(c.method).toBe('distinct');
		expect(c.classes.map((k) => [k.from, k.to, k.count])).toEqual([[80.5, 80.5, 1], [82.6, 82.6, 1], [86.6, 86.6, 1]]);
		const expr = classColor('v', c);
		const colours = [80.5, 82.6, 86.6].map((v) => colourOf(expr, { v }));
		expect(new Set(colours).size).toBe(3);
		expect(colourOf(expr, {})).toBe('rgba(0,0,0,0)');
	});

	it('uses quantiles when there are more areas than colours: about as many areas per class, in order', () => {
		const values = Array.from({ length: 100 }, (_, i) => (i * 37) % 100); // 0–99, shuffled
		const c = classify(values, PALETTE, 5)!;
		expect(c.method).toBe('quantile');
		expect(c.classes).toHaveLength(5);
		for (const k of c.classes) expect(k.count).toBe(20);
		for (let i = 1; i < c.classes.length; i++) expect(c.classes[i]!.from).toBeGreaterThan(c.classes[i - 1]!.to);
		expect(c.classes.reduce((n, k) => n + k.count, 0)).toBe(100);
	});

	it('keeps equal values in one class and never makes an empty class', () => {
		const c = classify([1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6], PALETTE, 5)!;
		expect(c.classes[0]).toMatchObject({ from: 1, to: 1, count: 7 });
		expect(c.classes.every((k) => k.count > 0)).toBe(true);
		const expr = classColor('v', c);
		expect(colourOf(expr, { v: 1 })).not.toBe(colourOf(expr, { v: 6 }));
	});

	it('has nothing to classify without values, and one colour for one value', () => {
		expect(classify([], PALETTE)).toBeNull();
		const one = classify([90], PALETTE)!;
		expect(one.classes).toHaveLength(1);
		expect(colourOf(classColor('v', one), { v: 90 })).not.toBe('rgba(0,0,0,0)');
	});

	it('spreads the colours from light to dark without the near-white one', () => {
		expect(spreadColors(PALETTE, 3)).toEqual(['#c6dbef', '#6baed6', '#08519c']);
		expect(spreadColors(PALETTE, 5)).toEqual(PALETTE.slice(1));
	});
});

describe('classes over the whole region from the data build (the map’s start view)', () => {
	const area = (fid: number, ags: string, level: string, props: Record<string, unknown>): BuiltFeature => ({
		fid,
		id: `breitband:${level}:${ags}`,
		theme: 'breitband',
		category: null,
		name: ags,
		geometry: { type: 'Point', coordinates: [10.8, 51.5] },
		props: { ags, level, ...props },
		approx: false,
		sourceId: 'test-fixture'
	});
	// Hand-made test values, not real shares.
	const features: BuiltFeature[] = [
		area(1, '01', 'district', { bb_2021_06_all_100: 80, bb_2018_12_all_100: 60, editions: '2018-12,2021-06' }),
		area(2, '02', 'district', { bb_2021_06_all_100: 90, bb_2018_12_all_100: 70 }),
		area(3, '03', 'district', { bb_2021_06_all_100: 85 }),
		// the same district once more (an area is counted once, as the map counts it)
		area(4, '03', 'district', { bb_2021_06_all_100: 85 }),
		area(5, '0101', 'municipality', { bb_2021_06_all_100: 50, name_de: 'not a value' }),
		{ ...area(6, '99', 'district', { bb_2021_06_all_100: 1 }), theme: 'gewerbe' }
	];
	const start = choroplethStartClasses(features);
	const COLORS = choroplethTheme()!.choropleth.colors;

	it('has the classes of each level and value property, from each area once', () => {
		expect(Object.keys(start).sort()).toEqual(['district', 'municipality']);
		expect(Object.keys(start.district!).sort()).toEqual(['bb_2018_12_all_100', 'bb_2021_06_all_100']);
		expect(start.district!.bb_2021_06_all_100).toEqual(classify([80, 90, 85], COLORS));
		expect(start.district!.bb_2021_06_all_100!.classes.map((c) => c.count)).toEqual([1, 1, 1]);
		expect(start.municipality).toEqual({ bb_2021_06_all_100: classify([50], COLORS) });
	});

	it('gives the page the classes of its selection, or none', () => {
		expect(startClassesFor(start, 'district', 'bb_2018_12_all_100')).toEqual(classify([60, 70], COLORS));
		expect(startClassesFor(start, 'municipality', 'bb_2018_12_all_100')).toBeNull();
		expect(startClassesFor(null, 'district', 'bb_2021_06_all_100')).toBeNull();
	});
});
