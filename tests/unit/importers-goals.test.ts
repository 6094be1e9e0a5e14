/**
 * The goals CSV (`ags;year;indicator;value`) that data maintainers use to add the series none of
 * the official files carry. Fixtures are hand-written (tests/fixtures/goals/*-fixture.csv).
 * The values are deliberately implausible (hundredths of a percent): fixtures must never look like real
 * figures of the region.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportErrors } from '../../src/lib/data/model.ts';
import { importGoalIndicators } from '../../scripts/importers/goal-indicators.ts';
import { discoverSources, importAll } from '../../scripts/importers/index.ts';

const fx = (name: string) => path.resolve(import.meta.dirname, '../fixtures/goals', name);

describe('goals CSV', () => {
	it('reads districts, Thuringia and Germany with decimal commas and 8-digit district codes', () => {
		const r = importGoalIndicators(fx('goals-ok-fixture.csv'));
		expect(r.records).toHaveLength(5);
		expect(r.records[1]).toMatchObject({ ags: '16062', level: 'district', year: 2024, code: 'unemployment_rate', value: 0.25 });
		expect(r.records.find((x) => x.ags === '16')!.level).toBe('state');
		expect(r.records.find((x) => x.ags === 'DE')!.level).toBe('country');
		expect(r.records.find((x) => x.code === 'youth_unemployment_rate')!.ags).toBe('16065');
		expect(r.source.edition).toBe('2016–2024');
		expect(r.source.attribution).toMatch(/Bundesagentur für Arbeit/);
	});

	it('names every bad row with its line and column in one error', () => {
		let err: unknown;
		try {
			importGoalIndicators(fx('goals-bad-fixture.csv'));
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ImportErrors);
		const problems = (err as ImportErrors).problems.map((p) => [p.line, p.column ?? null, p.problem.split(' (')[0]]);
		expect(problems).toEqual([
			[3, 'ags', 'unknown ags "16099"'],
			[4, 'year', 'invalid year "16"'],
			[5, 'indicator', 'unknown indicator "jobs"'],
			[6, 'value', 'not a number: "viel" in column "value"'],
			[7, null, 'duplicate value for 16062, 2016, unemployment_rate'],
			[8, 'value', 'empty value']
		]);
	});

	it('is found in the ziele/ folder of the sources and its problems stop the run together with others', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'nt-goals-'));
		mkdirSync(path.join(dir, 'ziele'));
		copyFileSync(fx('goals-ok-fixture.csv'), path.join(dir, 'ziele', 'arbeitslosenquote.csv'));
		copyFileSync(fx('goals-bad-fixture.csv'), path.join(dir, 'ziele', 'kaputt.csv'));
		copyFileSync(fx('goals-ok-fixture.csv'), path.join(dir, 'ziele', 'notes.txt'));
		expect(() => discoverSources(dir)).toThrow(/notes\.txt: unknown file/);
		await expect(importAll(dir)).rejects.toSatisfy((e: unknown) => {
			const problems = (e as ImportErrors).problems;
			return problems.some((p) => p.file.endsWith('notes.txt')) && problems.filter((p) => p.file.endsWith('kaputt.csv')).length === 6;
		});
	});
});
