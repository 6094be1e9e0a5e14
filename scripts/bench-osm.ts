/**
 * `npm run bench:osm [-- --scale 1]`: time and peak memory of the OpenStreetMap import on a
 * generated, state-sized benchmark fixture (scripts/osm/bench-fixture.ts; scale 1 ≈ 170 MB PBF,
 * written to the temp folder, never committed), against one reading pass of two JavaScript PBF
 * readers. Memory is the peak of the summed resident memory of the measured process and all its
 * children (osmium runs as a child), sampled every 100 ms from /proc.
 *
 * Writes its section of docs/benchmarks.md (between the osm-import markers); `npm run bench` keeps it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultFixturePath, generateFixture } from './osm/bench-fixture.ts';
import { ensureOsmium } from './ensure-osmium.ts';

const root = path.resolve(import.meta.dirname, '..');
const LIMIT_MS = 15 * 60 * 1000;
export const OSM_SECTION_START = '<!-- osm-import:start -->';
export const OSM_SECTION_END = '<!-- osm-import:end -->';

const args = process.argv.slice(2);
const arg = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const scale = Number(arg('--scale') ?? '1');
const write = !args.includes('--no-write');

/** Resident memory of a process and all its descendants, in bytes. */
function treeRss(rootPid: number): number {
	const children = new Map<number, number[]>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const list = children.get(ppid) ?? [];
			list.push(Number(name));
			children.set(ppid, list);
		} catch {
			/* process ended meanwhile */
		}
	}
	let total = 0;
	const stack = [rootPid];
	while (stack.length) {
		const pid = stack.pop()!;
		try {
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			const m = /VmRSS:\s+(\d+) kB/.exec(status);
			if (m) total += Number(m[1]) * 1024;
		} catch {
			/* ended */
		}
		stack.push(...(children.get(pid) ?? []));
	}
	return total;
}

interface Measure {
	name: string;
	seconds: number;
	peakBytes: number;
	ok: boolean;
	output: string;
}

async function measure(name: string, argv: string[]): Promise<Measure> {
	const started = performance.now();
	const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr.on('data', (c: Buffer) => (out += c.toString()));
	let peak = 0;
	const timer = setInterval(() => {
		if (child.pid) peak = Math.max(peak, treeRss(child.pid));
	}, 100);
	const killer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearInterval(timer);
	clearTimeout(killer);
	const seconds = (performance.now() - started) / 1000;
	console.log(`  ${name}: ${seconds.toFixed(1)} s, peak ${(peak / 2 ** 20).toFixed(0)} MiB${code === 0 ? '' : ` (failed, status ${code})`}`);
	return { name, seconds, peakBytes: peak, ok: code === 0, output: out.trim().split('\n').slice(-1)[0] ?? '' };
}

function ensureJsReaders(): boolean {
	const dir = path.join(root, '.cache', 'bench-osm');
	if (existsSync(path.join(dir, 'node_modules', 'osm-pbf-parser')) && existsSync(path.join(dir, 'node_modules', 'osm-read'))) return true;
	spawnSync('mkdir', ['-p', dir]);
	if (!existsSync(path.join(dir, 'package.json'))) writeFileSync(path.join(dir, 'package.json'), '{"name":"bench-osm","private":true}\n');
	const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', 'osm-pbf-parser@2', 'osm-read@0.7'], { cwd: dir, stdio: 'inherit' });
	return r.status === 0;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
	if (!Number.isFinite(scale) || scale <= 0) throw new Error('--scale must be a positive number');
	const osmium = ensureOsmium();
	const osmiumVersion = spawnSync(osmium, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'osmium';
	const fixture = scale === 1 ? defaultFixturePath() : defaultFixturePath().replace('.osm.pbf', `-scale${scale}.osm.pbf`);
	if (!existsSync(fixture)) {
		console.log(`generating ${fixture} (scale ${scale}) …`);
		await generateFixture(scale, fixture);
	}
	const bytes = statSync(fixture).size;
	const info = JSON.parse(spawnSync(osmium, ['fileinfo', '-e', '-j', fixture], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout) as {
		data: { count: { nodes: number; ways: number; relations: number } };
	};
	const counts = info.data.count;
	console.log(`fixture ${fixture}: ${(bytes / 1e6).toFixed(1)} MB, ${counts.nodes} nodes, ${counts.ways} ways, ${counts.relations} relations`);
	const haveJs = ensureJsReaders();
	const runners = path.join('scripts', 'osm', 'bench-runners.ts');
	// The clip box covers the whole fixture: the import keeps everything it classifies.
	const loadBefore = os.loadavg()[0]!;
	const results = [await measure('import (osmium + OPL)', [runners, 'import', fixture, '9.8,50.1,12.7,51.7'])];
	if (haveJs) {
		results.push(await measure('osm-pbf-parser, one pass', [runners, 'osm-pbf-parser', fixture]));
		results.push(await measure('osm-read, one pass', [runners, 'osm-read', fixture]));
	}
	const loadAfter = os.loadavg()[0]!;
	const cpus = os.cpus();
	const node = process.version;
	const readerVersion = (pkg: string) => {
		try {
			return (JSON.parse(readFileSync(path.join(root, '.cache', 'bench-osm', 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
		} catch {
			return '?';
		}
	};
	const section = [
		OSM_SECTION_START,
		'## OpenStreetMap import (`npm run bench:osm`)',
		'',
		`Written by \`npm run bench:osm\` (scripts/bench-osm.ts); re-running it replaces this section.`,
		'',
		`- Date: ${new Date().toISOString()}`,
		`- Machine: ${cpus[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory; Node ${node}; ${osmiumVersion}; osm-pbf-parser ${readerVersion('osm-pbf-parser')}, osm-read ${readerVersion('osm-read')}`,
		`- Input: generated benchmark fixture (scripts/osm/bench-fixture.ts, scale ${scale}, synthetic — no real places): ${(bytes / 1e6).toFixed(1)} MB PBF,`,
		`  ${counts.nodes.toLocaleString('en')} nodes, ${counts.ways.toLocaleString('en')} ways, ${counts.relations.toLocaleString('en')} relations, with version, timestamp and changeset on every object`,
		`- Load average (1 min) of the machine before and after the runs: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} — the machine is shared, so times grow with other work on it.`,
		'- Time is wall-clock of the whole process; memory is the peak of the summed resident memory of the process and its children (osmium), sampled every 100 ms.',
		'- "import" is the complete import as `npm run data` runs it (filter, node locations, classification, route assembly, clipping).',
		'  A JavaScript reader "one pass" only decodes every object and looks at its tags: a pure-JavaScript import needs at least that',
		'  plus a second pass for the locations of the nodes of the kept ways, so its full import time is at least twice the figure shown.',
		'',
		'| run | time s | peak memory | result |',
		'| --- | ---: | ---: | --- |',
		...results.map((r) => `| ${r.name} | ${r.seconds.toFixed(1)} | ${mib(r.peakBytes)} | ${r.ok ? '`' + r.output.slice(0, 160) + '`' : 'failed'} |`),
		'',
		`Bound set by the issue: under 180 s and under 2 GiB on this 2-core machine.`,
		OSM_SECTION_END
	].join('\n');
	console.log(`\n${section}`);
	if (write) {
		const file = path.join(root, 'docs', 'benchmarks.md');
		const md = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
		writeFileSync(file, withOsmSection(md, section));
		console.log(`\nwrote ${path.relative(root, file)}`);
	}
}

/** Puts the section in place of the previous one, or appends it. */
export function withOsmSection(md: string, section: string): string {
	const a = md.indexOf(OSM_SECTION_START);
	const b = md.indexOf(OSM_SECTION_END);
	if (a >= 0 && b > a) return md.slice(0, a) + section + md.slice(b + OSM_SECTION_END.length);
	return `${md.trimEnd()}\n\n${section}\n`;
}

if (import.meta.main) {
	try {
		await main();
	} catch (e) {
		console.error((e as Error).message);
		process.exit(1);
	}
}
