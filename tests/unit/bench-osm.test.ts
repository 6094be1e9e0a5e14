/**
 * The OpenStreetMap benchmark's pieces that can be checked without running it: the generated fixture
 * is well-formed OPL, names itself a fixture everywhere, and its section of docs/benchmarks.md is
 * replaced in place without touching what surrounds it.
 */
import { describe, expect, it } from 'vitest';
import { writeFixtureOpl } from '../../scripts/osm/bench-fixture.ts';
import { withOsmSection, OSM_SECTION_START, OSM_SECTION_END } from '../../scripts/bench-osm.ts';
import { parseOplLine } from '../../scripts/osm/opl.ts';

describe('benchmark fixture', () => {
	it('writes sorted, parseable objects whose names all say "Fixture"', async () => {
		let text = '';
		const stats = await writeFixtureOpl(0.001, async (chunk) => {
			text += chunk;
		});
		const objects = text.trim().split('\n').map((l) => parseOplLine(l)!);
		expect(objects.length).toBe(stats.nodes + stats.ways + stats.relations);
		expect(stats.nodes).toBeGreaterThanOrEqual(11_000);
		const order = objects.map((o) => ({ node: 0, way: 1, relation: 2 })[o.type]);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		const names = objects.map((o) => o.tags.name).filter((n): n is string => !!n);
		expect(names.length).toBeGreaterThan(0);
		expect(names.filter((n) => !/^Fixture/.test(n))).toEqual([]);
	});
});

describe('docs/benchmarks.md section', () => {
	const section = (body: string) => `${OSM_SECTION_START}\n${body}\n${OSM_SECTION_END}`;
	it('replaces the previous section and keeps the text around it', () => {
		const md = `# Benchmarks\n\nAPI results\n\n${section('old run')}\n\n### Notes\nkept\n`;
		const next = withOsmSection(md, section('new run'));
		expect(next).toContain('new run');
		expect(next).not.toContain('old run');
		expect(next).toMatch(/^# Benchmarks\n\nAPI results/);
		expect(next).toMatch(/### Notes\nkept\n$/);
	});
	it('appends the section to a file that has none', () => {
		expect(withOsmSection('# Benchmarks\n', section('first'))).toBe(`# Benchmarks\n\n${section('first')}\n`);
	});
});
