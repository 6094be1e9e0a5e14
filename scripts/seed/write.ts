/**
 * Writes seed files in a stable, diff-friendly layout: header members on the first line, then
 * one feature (or row) per line, so a refresh shows up in git as a per-feature diff.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SeedCollection } from '../../src/lib/data/model.ts';

export interface WrittenFile {
	file: string;
	bytes: number;
	count: number;
}

function write(file: string, text: string, count: number): WrittenFile {
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, text);
	return { file, bytes: Buffer.byteLength(text), count };
}

export function writeCollection(file: string, fc: SeedCollection<object>): WrittenFile {
	const head = `{"type":"FeatureCollection","provenance":${JSON.stringify(fc.provenance)},"features":[`;
	const body = fc.features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry })).join(',\n');
	return write(file, `${head}\n${body}\n]}\n`, fc.features.length);
}

/** A JSON object whose array members are written one element per line. */
export function writeTable(file: string, table: Record<string, unknown>, count: number): WrittenFile {
	const members = Object.entries(table).map(([k, v]) => {
		if (Array.isArray(v)) return `${JSON.stringify(k)}:[\n${v.map((x) => JSON.stringify(x)).join(',\n')}\n]`;
		return `${JSON.stringify(k)}:${JSON.stringify(v)}`;
	});
	return write(file, `{\n${members.join(',\n')}\n}\n`, count);
}
