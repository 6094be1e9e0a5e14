/**
 * The back office's content as a build source and its backup: the data build reads the published
 * entries of the content database (an unpublished curated entry leaves the tiles and database, an
 * edit replaces the seed's values, a new entry joins), and `npm run backup` copies the database
 * while it is open for writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { ContentDb, layerById } from '../../src/lib/server/admin/content-db.ts';
import { validateItem } from '../../src/lib/server/admin/validate-item.ts';
import { runBuild, PROJECT_ROOT } from '../helpers/build.ts';
import type { BuildOutput } from '../helpers/build.ts';
import { C_SHAPED_FIXTURE } from '../helpers/concave-site.ts';
import { createApp } from '../../src/lib/server/api/app.ts';

let dir: string;
let content: ContentDb;
let out: BuildOutput;

beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'nt-content-build-'));
	content = new ContentDb({ file: path.join(dir, 'content.sqlite'), seedDir: path.join(PROJECT_ROOT, 'data', 'seed') });
	content.setPublished('commercial:gewerbegebiet-ost', false, 'test');
	const aue = content.get('commercial:industriegebiet-goldene-aue')!;
	content.update(aue.id, { name: aue.name, category: aue.category, geometry: aue.geometry, values: { ...aue.values, land_use: 'GI' } }, 'test');
	const checked = validateItem(layerById('sites')!, {
		name: 'Fixture-Fläche Build',
		category: 'commercial_area',
		geometry: { type: 'Polygon', coordinates: [[[10.78, 51.49], [10.79, 51.49], [10.79, 51.5], [10.78, 51.49]]] },
		values: { gross_area_ha: 3 }
	});
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	content.create(layerById('sites')!, checked.item, 'test', { publish: true });
	const concave = validateItem(layerById('sites')!, { name: 'Fixture-Fläche C-Form', category: 'commercial_area', geometry: C_SHAPED_FIXTURE, values: {} });
	if (!concave.ok) throw new Error(JSON.stringify(concave.errors));
	content.create(layerById('sites')!, concave.item, 'test', { publish: true });
	out = runBuild({ dir, contentDb: content.file });
}, 120_000);

afterAll(() => {
	content.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('build with the content database', () => {
	it('names the content source in its progress and succeeds', () => {
		expect(out.status, out.stderr).toBe(0);
		expect(out.stdout).toMatch(/published back-office entries/);
	});

	it('builds published entries with their edits, leaves unpublished ones out, keeps their sources', () => {
		const db = new DatabaseSync(out.dbFile, { readOnly: true });
		try {
			const ids = (db.prepare("SELECT id FROM features WHERE theme = 'gewerbe'").all() as { id: string }[]).map((r) => r.id);
			expect(ids).not.toContain('commercial:gewerbegebiet-ost');
			expect(ids).toContain('commercial:fixture-flaeche-build');
			expect(ids).toContain('research:hochschule-nordhausen');
			const aue = db.prepare("SELECT props, source_id FROM features WHERE id = 'commercial:industriegebiet-goldene-aue'").get() as { props: string; source_id: string };
			expect(JSON.parse(aue.props)).toMatchObject({ land_use: 'GI', gross_area_ha: 80 });
			expect(aue.source_id).toBe('facts-commercial');
			const sources = (db.prepare('SELECT id FROM sources').all() as { id: string }[]).map((r) => r.id);
			expect(sources).toEqual(expect.arrayContaining(['facts-commercial', 'regionalmanagement']));
			const fids = (db.prepare('SELECT fid FROM features ORDER BY fid').all() as { fid: number }[]).map((r) => r.fid);
			expect(new Set(fids).size).toBe(fids.length);
		} finally {
			db.close();
		}
	});

	it('gives a concave polygon site a point on the site, so its distances come from the built data alone', async () => {
		const db = new DatabaseSync(out.dbFile, { readOnly: true });
		const row = db.prepare("SELECT lon, lat, geometry FROM features WHERE id = 'commercial:fixture-flaeche-c-form'").get() as { lon: number | null; lat: number | null; geometry: string };
		db.close();
		// hand-checked in tests/helpers/concave-site.ts: the corner (1, 1), not the centroid in the notch
		expect(row.lon).toBeCloseTo(10.79, 6);
		expect(row.lat).toBeCloseTo(51.47, 6);
		expect(JSON.parse(row.geometry).type).toBe('Polygon');
		// the API without the back office (no live overlay) computes the distances from that point
		const app = createApp({ dbFile: out.dbFile, tilesDir: out.tilesDir });
		const res = await app.request('/api/features/commercial:fixture-flaeche-c-form');
		expect(res.status).toBe(200);
		const p = ((await res.json()) as { properties: Record<string, { name: string; distance_km: number } | null> }).properties;
		expect(p.nearest_station).toMatchObject({ name: expect.any(String), distance_km: expect.any(Number) });
		expect(p.nearest_stop).toMatchObject({ name: expect.any(String) });
		expect(p.nearest_hospital).toMatchObject({ name: expect.any(String) });
	});

	it('without a content database the build uses the seed alone', () => {
		const plain = runBuild({});
		expect(plain.status, plain.stderr).toBe(0);
		expect(plain.stdout).not.toMatch(/published back-office entries/);
		const db = new DatabaseSync(plain.dbFile, { readOnly: true });
		const ids = (db.prepare("SELECT id FROM features WHERE theme = 'gewerbe'").all() as { id: string }[]).map((r) => r.id);
		db.close();
		expect(ids).toContain('commercial:gewerbegebiet-ost');
		expect(ids).not.toContain('commercial:fixture-flaeche-build');
		rmSync(plain.dir, { recursive: true, force: true });
	}, 120_000);
});

describe('npm run backup', () => {
	it('copies the content database consistently while a writer has it open', () => {
		const target = path.join(dir, 'backups', 'copy.sqlite');
		// An open write transaction in this process: the backup still sees the last committed state.
		content.db.exec('BEGIN IMMEDIATE');
		content.db.prepare("UPDATE items SET name = 'uncommitted' WHERE id = 'commercial:gewerbegebiet-ellrich'").run();
		const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'backup.ts'), target], { env: { ...process.env, NT_ROOT: PROJECT_ROOT, NT_CONTENT_DB: content.file }, encoding: 'utf8' });
		content.db.exec('ROLLBACK');
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/Backed up .* entries\)/);
		const copy = new DatabaseSync(target, { readOnly: true });
		const names = copy.prepare("SELECT name FROM items WHERE id = 'commercial:gewerbegebiet-ellrich'").get() as { name: string };
		const count = (copy.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
		copy.close();
		expect(names.name).toBe('Gewerbegebiet Ellrich');
		expect(count).toBe(content.list().length + content.list({ status: 'deleted' }).length);
		expect(existsSync(`${target}.tmp-${r.pid}`)).toBe(false);
	}, 60_000);

	it('fails clearly when there is no content database', () => {
		const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'backup.ts')], { env: { ...process.env, NT_ROOT: PROJECT_ROOT, NT_CONTENT_DB: path.join(dir, 'missing.sqlite') }, encoding: 'utf8' });
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/No content database/);
	}, 60_000);
});

describe('a save killed halfway', () => {
	it('leaves the previous entry, no version of it, and a sound database', async () => {
		const { spawn } = await import('node:child_process');
		const file = path.join(dir, 'killed.sqlite');
		const seedDir = path.join(PROJECT_ROOT, 'data', 'seed');
		const first = new ContentDb({ file, seedDir });
		const before = JSON.stringify(first.get('commercial:industriegebiet-goldene-aue'));
		const versions = first.history('commercial:industriegebiet-goldene-aue').length;
		first.close();
		const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'tests', 'helpers', 'hang-during-save.ts'), file, seedDir], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (d: Buffer) => {
				if (d.toString().includes('HANGING')) resolve();
			});
			child.on('exit', () => reject(new Error(`helper ended before hanging: ${stderr}`)));
		});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		child.kill('SIGKILL');
		await exited;
		const after = new ContentDb({ file, seedDir });
		try {
			expect(JSON.stringify(after.get('commercial:industriegebiet-goldene-aue'))).toBe(before);
			expect(after.history('commercial:industriegebiet-goldene-aue')).toHaveLength(versions);
			expect((after.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
		} finally {
			after.close();
		}
	}, 60_000);
});

describe('seed as initial content', () => {
	it('is loaded once per entry: a reopen keeps edits and deletions, and a new seed entry joins', async () => {
		const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
		const seedDir = path.join(dir, 'seed-copy');
		cpSync(path.join(PROJECT_ROOT, 'data', 'seed'), seedDir, { recursive: true });
		const file = path.join(dir, 'reseed.sqlite');
		const first = new ContentDb({ file, seedDir });
		const aue = first.get('commercial:industriegebiet-goldene-aue')!;
		first.update(aue.id, { name: 'Umbenannt', category: aue.category, geometry: aue.geometry, values: aue.values }, 'test');
		first.remove('commercial:gewerbegebiet-ost', 'test');
		const count = first.list().length;
		first.close();
		// The seed gains an entry (a test fixture written into the copy, not real data).
		const hospitals = JSON.parse(readFileSync(path.join(seedDir, 'hospitals.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
		hospitals.features.push({ type: 'Feature', properties: { id: 'hospital:fixture-klinik', name: 'Fixture-Klinik', operator: 'public' }, geometry: { type: 'Point', coordinates: [10.8, 51.5] } });
		writeFileSync(path.join(seedDir, 'hospitals.geojson'), JSON.stringify(hospitals));
		const second = new ContentDb({ file, seedDir });
		try {
			expect(second.get(aue.id)!.name).toBe('Umbenannt');
			expect(second.get('commercial:gewerbegebiet-ost')!.deleted).toBe(true);
			expect(second.get('hospital:fixture-klinik')).toMatchObject({ origin: 'seed', published: true, municipality: 'Nordhausen' });
			expect(second.list().length).toBe(count + 1);
		} finally {
			second.close();
		}
	});
});

/** A copy of the project's seed with one file as an older seed had it; `restore` brings back today's. */
async function olderSeed(name: string, seedFile: string, older: (fc: GeoJSON.FeatureCollection) => void) {
	const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
	const seedDir = path.join(dir, name);
	cpSync(path.join(PROJECT_ROOT, 'data', 'seed'), seedDir, { recursive: true });
	const full = path.join(seedDir, seedFile);
	const current = readFileSync(full, 'utf8');
	const fc = JSON.parse(current) as GeoJSON.FeatureCollection;
	older(fc);
	writeFileSync(full, JSON.stringify(fc));
	return { seedDir, file: path.join(dir, `${name}.sqlite`), restore: () => writeFileSync(full, current) };
}

describe('seed fields added later', () => {
	it('reach entries nobody has changed since seeding, as a new version; edited entries keep what the editor saved', async () => {
		// The seed as it was before the sights had descriptions.
		const { seedDir, file, restore } = await olderSeed('seed-older', 'tourism.geojson', (fc) => {
			for (const f of fc.features) for (const k of ['description_de', 'description_en', 'source', 'source_en']) delete f.properties![k];
		});
		const first = new ContentDb({ file, seedDir });
		const edited = first.get('tourism:kyffhaeuser-denkmal')!;
		first.update(edited.id, { name: edited.name, category: edited.category, geometry: edited.geometry, values: { ...edited.values, website: 'https://example.org/fixture' } }, 'test');
		expect(first.get('tourism:barbarossahoehle')!.values.description_de).toBeNull();
		first.close();

		restore();
		const second = new ContentDb({ file, seedDir });
		try {
			const cave = second.get('tourism:barbarossahoehle')!;
			expect(cave.values.description_de).toMatch(/^Schauhöhle/);
			expect(cave.values.source_note).toMatch(/redaktioneller Text/);
			expect(cave.values.source_note_en).toMatch(/editorial text/);
			expect(cave).toMatchObject({ version: 2, updated_by: 'seed' });
			expect(second.history(cave.id)[0]).toMatchObject({ version: 2, by: 'seed', action: 'seed' });
			expect(second.history(cave.id)[0]!.changes.map((c) => c.field).sort()).toEqual(['description_de', 'description_en', 'source_note', 'source_note_en']);
			const kept = second.get('tourism:kyffhaeuser-denkmal')!;
			expect(kept.values.description_de).toBeNull();
			expect(kept.values.website).toBe('https://example.org/fixture');
			// opening it again changes nothing more
			const versions = second.history(cave.id).length;
			second.close();
			const third = new ContentDb({ file, seedDir });
			expect(third.history(cave.id)).toHaveLength(versions);
			third.close();
		} finally {
			second.close();
		}
	});
});

describe('a source line the seed moved to the other language', () => {
	it('moves with it in entries nobody has changed; an edited entry keeps what the editor saved', async () => {
		// The seed as it was when the facts' English lines were kept in the German slot.
		const { seedDir, file, restore } = await olderSeed('seed-german-slot', 'commercial.geojson', (fc) => {
			for (const f of fc.features) {
				f.properties!.source = f.properties!.source_en;
				delete f.properties!.source_en;
			}
		});
		const first = new ContentDb({ file, seedDir });
		const untouched = 'commercial:industriegebiet-goldene-aue';
		const line = first.get(untouched)!.values.source_note;
		expect(line).toMatch(/about 80 ha/);
		const edited = first.get('commercial:industriegebiet-kyffhaeuserhuette')!;
		first.update(edited.id, { name: edited.name, category: edited.category, geometry: edited.geometry, values: { ...edited.values, source_note: 'Fixture-Quelle, vom Redakteur deutsch geschrieben' } }, 'test');
		first.close();

		restore();
		const second = new ContentDb({ file, seedDir });
		try {
			const moved = second.get(untouched)!;
			expect([moved.values.source_note, moved.values.source_note_en]).toEqual([null, line]);
			expect(second.history(untouched)[0]!.changes.map((c) => c.field).sort()).toEqual(['source_note', 'source_note_en']);
			const kept = second.get(edited.id)!;
			expect(kept.values.source_note).toBe('Fixture-Quelle, vom Redakteur deutsch geschrieben');
			expect(kept.values.source_note_en).toBeNull();
		} finally {
			second.close();
		}
	});
});

describe('npm run admin:create', () => {
	const run = (args: string[], env: Record<string, string>) =>
		spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'admin-create.ts'), ...args], { env: { ...process.env, NT_ROOT: PROJECT_ROOT, ...env }, encoding: 'utf8' });

	it('creates the first administrator with the password from NT_ADMIN_PASSWORD, and resets it when run again', async () => {
		const { Accounts } = await import('../../src/lib/server/admin/accounts.ts');
		const file = path.join(dir, 'accounts.sqlite');
		const first = run(['chef@example.org'], { NT_CONTENT_DB: file, NT_ADMIN_PASSWORD: 'first password 123' });
		expect(first.status, first.stderr).toBe(0);
		expect(first.stdout).toMatch(/Created administrator chef@example\.org/);
		const again = run(['chef@example.org'], { NT_CONTENT_DB: file, NT_ADMIN_PASSWORD: 'second password 456' });
		expect(again.status, again.stderr).toBe(0);
		expect(again.stdout).toMatch(/Reset administrator/);
		const db = new ContentDb({ file, seedDir: path.join(PROJECT_ROOT, 'data', 'seed') });
		try {
			const accounts = new Accounts(db);
			expect(accounts.byEmail('chef@example.org')).toMatchObject({ role: 'admin', disabled: false });
			expect(await accounts.checkPassword('chef@example.org', 'first password 123', 'test')).toBeNull();
			expect(await accounts.checkPassword('chef@example.org', 'second password 456', 'test')).toMatchObject({ role: 'admin' });
			expect(db.auditLog().map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'user.reset']));
		} finally {
			db.close();
		}
	}, 60_000);

	it('refuses a short password, a missing one and a missing e-mail, and creates nothing', () => {
		const file = path.join(dir, 'refused.sqlite');
		const short = run(['chef@example.org'], { NT_CONTENT_DB: file, NT_ADMIN_PASSWORD: 'short' });
		expect(short.status).toBe(2);
		expect(short.stderr).toMatch(/at least 12 characters/);
		const missing = run(['chef@example.org'], { NT_CONTENT_DB: file, NT_ADMIN_PASSWORD: '' });
		expect(missing.status).toBe(2);
		const noMail = run([], { NT_CONTENT_DB: file, NT_ADMIN_PASSWORD: 'long enough password' });
		expect(noMail.status).toBe(2);
		expect(noMail.stderr).toMatch(/Usage/);
		expect(existsSync(file)).toBe(false);
	}, 60_000);
});
