import { describe, expect, it } from 'vitest';
import { STARTUP_SECTION_END, withStartupSection } from '../../scripts/bench-startup.ts';

const MARK = '<!-- start-up benchmark (scripts/bench-startup.ts) -->';
const section = (run: string) => `${MARK}\n## Start-up\n\n${run}\n${STARTUP_SECTION_END}\n`;

describe('start-up benchmark section of docs/benchmarks.md', () => {
	it('replaces the previous measurement and keeps the readings written below it', () => {
		const md = `# Benchmarks\n\nAPI results\n\n${section('old run')}\nReading: written by hand.\n`;
		const next = withStartupSection(md, section('new run'));
		expect(next).toContain('new run');
		expect(next).not.toContain('old run');
		expect(next).toMatch(/^# Benchmarks\n\nAPI results\n\n/);
		expect(next).toMatch(/\nReading: written by hand\.\n$/);
	});

	it('appends the section to a file without one, and replaces an old one without an end mark to the end', () => {
		expect(withStartupSection('# Benchmarks\n', section('first'))).toBe(`# Benchmarks\n\n${section('first')}`);
		expect(withStartupSection(`# B\n\n${MARK}\nold, no end mark\n`, section('new'))).toBe(`# B\n\n${section('new')}`);
	});
});
