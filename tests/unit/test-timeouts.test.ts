/**
 * The suite must pass on a machine that is busy with other work: tests that read the real official
 * files or run the data build take seconds alone and ten times as long under load. Vitest's default
 * (5 s) once failed a fresh-clone run that way, so every project sets its own generous limits.
 */
import { describe, expect, it } from 'vitest';
import config from '../../vite.config.ts';

interface ProjectConfig {
	test?: { name?: string; testTimeout?: number; hookTimeout?: number };
}

describe('test timeouts', () => {
	const projects = ((config as { test?: { projects?: unknown[] } }).test?.projects ?? []) as ProjectConfig[];

	it('has the unit and browser projects', () => {
		expect(projects.map((p) => p.test?.name).sort()).toEqual(['e2e', 'unit']);
	});

	it.each(['unit', 'e2e'])('project %s allows at least 30 s per test and 2 minutes per hook', (name) => {
		const p = projects.find((x) => x.test?.name === name);
		expect(p?.test?.testTimeout ?? 5_000).toBeGreaterThanOrEqual(30_000);
		expect(p?.test?.hookTimeout ?? 10_000).toBeGreaterThanOrEqual(120_000);
	});
});
