/**
 * Colour classes from the values the map shows, so that areas can be told apart: with no more areas
 * than colours each value gets its own colour, otherwise the classes are quantiles (about as many
 * areas in each). Fixed steps (0–20–40–…) put the three districts, all between 80 and 95 %, in one
 * class; classes from the values do not.
 */
import type { ExpressionSpecification } from 'maplibre-gl';

export interface ValueClass {
	/** lower bound (the smallest value in the class) */
	from: number;
	/** the largest value in the class */
	to: number;
	color: string;
	/** how many areas fall in it */
	count: number;
}

export interface Classes {
	method: 'distinct' | 'quantile';
	classes: ValueClass[];
}

/** `k` colours spread evenly over a light-to-dark palette (its lightest colour left out: it vanishes on white). */
export function spreadColors(palette: readonly string[], k: number): string[] {
	const usable = palette.length > k ? palette.slice(1) : [...palette];
	if (k <= 1) return [usable[usable.length - 1]!];
	return Array.from({ length: k }, (_, i) => usable[Math.round((i * (usable.length - 1)) / (k - 1))]!);
}

export function classify(values: readonly number[], palette: readonly string[], maxClasses = 5): Classes | null {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const distinct = [...new Set(sorted)];
	let groups: number[][];
	let method: Classes['method'];
	if (distinct.length <= maxClasses) {
		method = 'distinct';
		groups = distinct.map((d) => sorted.filter((v) => v === d));
	} else {
		method = 'quantile';
		// Class boundaries at the k-quantiles; equal values never straddle a boundary.
		groups = [];
		let start = 0;
		for (let i = 1; i <= maxClasses; i++) {
			let end = i === maxClasses ? sorted.length : Math.round((i * sorted.length) / maxClasses);
			while (end < sorted.length && end > 0 && sorted[end] === sorted[end - 1]) end++;
			if (end > start) groups.push(sorted.slice(start, end));
			start = end;
		}
	}
	const colors = spreadColors(palette, groups.length);
	return { method, classes: groups.map((g, i) => ({ from: g[0]!, to: g[g.length - 1]!, color: colors[i]!, count: g.length })) };
}

/** The fill colour of a property by these classes; areas without the value stay transparent. */
export function classColor(property: string, c: Classes): ExpressionSpecification {
	const steps: (string | number)[] = [c.classes[0]!.color];
	for (const cl of c.classes.slice(1)) steps.push(cl.from, cl.color);
	const value = c.classes.length === 1 ? c.classes[0]!.color : ['step', ['get', property], ...steps];
	return ['case', ['has', property], value, 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification;
}

/** Colour classes per area level and value property (`classes[level][property]`), from the data build. */
export type StartClasses = Record<string, Record<string, Classes>>;

/**
 * The classes the map starts with for a selection: those over the whole region from the data build
 * (what the map computes itself once it has drawn the region), or null when the build has none.
 */
export function startClassesFor(start: StartClasses | null | undefined, level: string, property: string): Classes | null {
	return start?.[level]?.[property] ?? null;
}
