/**
 * Line geometry from OpenStreetMap ways: joining the ways of a road or a route relation into as few
 * lines as their shared end nodes allow, and clipping everything to the import area.
 */
import bboxClip from '@turf/bbox-clip';

export type Position = [number, number];
export type BBox = [number, number, number, number];

const key = (p: Position): string => `${p[0]},${p[1]}`;

export function toPositions(coords: Float64Array): Position[] {
	const out: Position[] = [];
	for (let i = 0; i + 1 < coords.length; i += 2) out.push([coords[i]!, coords[i + 1]!]);
	return out;
}

/**
 * Joins lines that share end points (either direction) into longer ones. Ways of a route are
 * often listed out of order, split at every junction and drawn in both directions; the result
 * is one line per connected stretch.
 */
export function mergeLines(lines: Position[][]): Position[][] {
	const parts = lines.filter((l) => l.length >= 2).map((l) => [...l]);
	const byEnd = new Map<string, Set<number>>();
	const link = (i: number) => {
		for (const p of [parts[i]![0]!, parts[i]![parts[i]!.length - 1]!]) {
			const k = key(p);
			const set = byEnd.get(k) ?? new Set<number>();
			set.add(i);
			byEnd.set(k, set);
		}
	};
	const unlink = (i: number) => {
		for (const p of [parts[i]![0]!, parts[i]![parts[i]!.length - 1]!]) byEnd.get(key(p))?.delete(i);
	};
	parts.forEach((_, i) => link(i));
	const used = new Set<number>();
	const out: Position[][] = [];
	for (let i = 0; i < parts.length; i++) {
		if (used.has(i)) continue;
		used.add(i);
		unlink(i);
		let line = parts[i]!;
		// Extend at the end, then at the start, as long as another unused part touches.
		for (const atEnd of [true, false]) {
			for (;;) {
				const end = atEnd ? line[line.length - 1]! : line[0]!;
				const next = [...(byEnd.get(key(end)) ?? [])].find((j) => !used.has(j));
				if (next === undefined) break;
				used.add(next);
				unlink(next);
				let seg = parts[next]!;
				if (atEnd) {
					if (key(seg[0]!) !== key(end)) seg = [...seg].reverse();
					line = [...line, ...seg.slice(1)];
				} else {
					if (key(seg[seg.length - 1]!) !== key(end)) seg = [...seg].reverse();
					line = [...seg.slice(0, -1), ...line];
				}
			}
		}
		out.push(line);
	}
	return out;
}

/** Clips lines to the box; parts outside are dropped, lines crossing the edge are cut there. */
export function clipLines(lines: Position[][], bbox: BBox): Position[][] {
	const out: Position[][] = [];
	for (const line of lines) {
		const inside = line.every(([x, y]) => x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]);
		if (inside) {
			out.push(line);
			continue;
		}
		const clipped = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }, bbox);
		const g = clipped.geometry;
		const pieces = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
		for (const p of pieces) if (p.length >= 2) out.push(p as Position[]);
	}
	return out;
}

export function lineGeometry(lines: Position[][]): GeoJSON.LineString | GeoJSON.MultiLineString | null {
	const rounded = lines.map((l) => l.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]));
	if (rounded.length === 0) return null;
	return rounded.length === 1 ? { type: 'LineString', coordinates: rounded[0]! } : { type: 'MultiLineString', coordinates: rounded };
}

export function lineLengthKm(lines: Position[][]): number {
	let km = 0;
	for (const l of lines) {
		for (let i = 1; i < l.length; i++) {
			const [x1, y1] = l[i - 1]!, [x2, y2] = l[i]!;
			const dy = (y2 - y1) * 111.32;
			const dx = (x2 - x1) * 111.32 * Math.cos(((y1 + y2) / 2) * (Math.PI / 180));
			km += Math.hypot(dx, dy);
		}
	}
	return km;
}

export function inBBox([x, y]: Position, bbox: BBox): boolean {
	return x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3];
}

/** Centre of a way's outline or a polygon relation's ways: the mean of its distinct vertices. */
export function centreOf(coordSets: Float64Array[]): Position | null {
	const seen = new Set<string>();
	let sx = 0, sy = 0, n = 0;
	for (const c of coordSets) {
		for (let i = 0; i + 1 < c.length; i += 2) {
			const k = `${c[i]},${c[i + 1]}`;
			if (seen.has(k)) continue;
			seen.add(k);
			sx += c[i]!;
			sy += c[i + 1]!;
			n++;
		}
	}
	return n === 0 ? null : [sx / n, sy / n];
}
