/**
 * The real pipeline on the committed seed (and, where the sources folder is present, on the official
 * files): every declared layer is in the archive, tiles stay small, a broken import changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { loadArchive } from '../../src/lib/server/tiles/archive.ts';
import { THEMES, BASE_LAYERS } from '../../src/lib/themes/registry.ts';
import { runBuild, SOURCES, HAVE_SOURCES } from '../helpers/build.ts';
import type { BuildOutput } from '../helpers/build.ts';

const declaredLayers = [...Object.values(BASE_LAYERS), ...THEMES.map((t) => t.sourceLayer)];

describe('data build from the committed seed', () => {
	let out: BuildOutput;
	beforeAll(() => {
		out = runBuild({ sources: null });
	}, 60_000);

	it('succeeds and prints progress and a summary', () => {
		expect(out.status, out.stderr).toBe(0);
		expect(out.stdout).toMatch(/\[1\/6\]/);
		expect(out.stdout).toMatch(/\[6\/6\]/);
		expect(out.stdout).toMatch(/Summary/);
		for (const layer of declaredLayers) expect(out.stdout).toContain(layer);
	});

	it('writes an archive that contains every declared layer, z6–14, tiles under 500 KB', async () => {
		const archive = await loadArchive('standortkarte', out.archive);
		expect(archive.header.minZoom).toBe(6);
		expect(archive.header.maxZoom).toBe(14);
		const layers = (archive.metadata.vector_layers as { id: string }[]).map((l) => l.id).sort();
		expect(layers).toEqual([...declaredLayers].sort());
		// Nordhausen town (10.79, 51.50) at z8: x = (10.79 + 180) / 360 · 256 = 135.7 → 135;
		// y = (1 − ln(tan φ + sec φ) / π) / 2 · 256 with φ = 51.5° → (1 − 1.0521 / π) / 2 · 256 = 85.1 → 85.
		const tile = archive.tile(8, 135, 85);
		expect(tile).not.toBeNull();
		const vt = new VectorTile(new PbfReader(gunzipSync(tile!)));
		for (const name of ['districts', 'municipalities', 'labels', 'gewerbe', 'verkehr', 'daseinsvorsorge', 'tourismus', 'breitband']) {
			expect(Object.keys(vt.layers), name).toContain(name);
		}
		const manifest = JSON.parse(readFileSync(path.join(out.dir, 'build-manifest.json'), 'utf8')) as { archive: { max_tile_bytes: number } };
		expect(manifest.archive.max_tile_bytes).toBeLessThanOrEqual(500 * 1024);
		expect(manifest.archive.max_tile_bytes).toBeGreaterThan(0);
	});

	it('writes a database with the R*Tree and full-text search filled', () => {
		const db = new DatabaseSync(out.dbFile, { readOnly: true });
		const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
		expect(count("SELECT count(*) AS n FROM features WHERE theme = 'daseinsvorsorge'")).toBe(12);
		expect(count("SELECT count(*) AS n FROM features WHERE theme = 'tourismus'")).toBe(25);
		expect(count("SELECT count(*) AS n FROM regions WHERE level = 'municipality'")).toBe(112);
		expect(count('SELECT count(*) AS n FROM features_bbox')).toBe(count('SELECT count(*) AS n FROM features'));
		expect(count("SELECT count(*) AS n FROM search WHERE search MATCH 'kyffhauser*'")).toBeGreaterThan(2);
		db.close();
	});
});

describe('a failing import leaves the previous data untouched', () => {
	it('names the file and line and keeps the old archive and database', () => {
		const good = runBuild({ sources: null });
		expect(good.status).toBe(0);
		const before = { archive: readFileSync(good.archive), db: readFileSync(good.dbFile), mtime: statSync(good.archive).mtimeMs };

		const sources = mkdtempSync(path.join(tmpdir(), 'nt-bad-sources-'));
		mkdirSync(path.join(sources, 'breitbandatlas'));
		// Hand-written: a district file whose second data row has a value that is not a number.
		writeFileSync(
			path.join(sources, 'breitbandatlas', ['landkreis', 'privat', '2020', '2'].join('_') + '.csv'),
			'"ags";"verf_300_50";"verf_300_100"\n"99001";50.00;40.00\n"99002";abc;40.00\n'
		);
		const bad = runBuild({ sources, dir: good.dir });
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/Import failed/);
		expect(bad.stderr).toMatch(/landkreis_privat_2020_2\.csv:3/);
		expect(bad.stderr).toMatch(/untouched/);
		expect(readFileSync(good.archive).equals(before.archive)).toBe(true);
		expect(readFileSync(good.dbFile).equals(before.db)).toBe(true);
		expect(statSync(good.archive).mtimeMs).toBe(before.mtime);
		expect(existsSync(`${good.dbFile}.build`)).toBe(false);
	}, 60_000);
});

describe.runIf(HAVE_SOURCES)('data build with the official files', () => {
	let out: BuildOutput;
	beforeAll(() => {
		out = runBuild({ sources: SOURCES });
	}, 60_000);

	it('imports every source and adds municipality broadband and the 2021 boundaries', () => {
		expect(out.status, out.stderr).toBe(0);
		expect(out.stdout).toMatch(/seed \+ official files/);
		const db = new DatabaseSync(out.dbFile, { readOnly: true });
		const one = (sql: string, ...p: (string | number)[]) => db.prepare(sql).get(...p) as Record<string, unknown>;
		expect(one("SELECT value FROM broadband WHERE ags = '16065' AND as_of = '2021-06' AND audience = 'private' AND metric = 'all_100'").value).toBe(86.64);
		expect(one("SELECT count(*) AS n FROM regions WHERE level = 'municipality' AND boundary_edition = '2021'").n).toBe(73);
		// every edition on today's 73 municipalities: the old codes of the files are carried over, not drawn
		expect(one("SELECT count(*) AS n FROM features WHERE theme = 'breitband' AND json_extract(props, '$.level') = 'municipality'").n).toBe(73);
		expect(one("SELECT count(*) AS n FROM features WHERE theme = 'breitband' AND json_extract(props, '$.boundary_edition') = '2016' AND json_extract(props, '$.level') = 'municipality'").n).toBe(0);
		expect(one("SELECT count(*) AS n FROM planning_units").n).toBe(73);
		db.close();
	});
});
