/**
 * `npm run bench`: load test of the geodata API on this machine, over loopback only, and the same
 * tile mix against two peers serving the same archive — TileServer GL (light) and nginx serving
 * byte ranges of the .pmtiles file (the static baseline). Writes docs/benchmarks.md.
 *
 * The peers and autocannon are installed into .cache/bench/ (not project dependencies); nginx
 * comes from Debian. A peer that cannot be installed or started is reported as "not available".
 * Every process the bench starts is stopped at the end, also on errors and Ctrl-C, and the whole
 * run is bounded in time.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Compression, tileIdToZxy } from 'pmtiles';
import type { Header } from 'pmtiles';
import { ARCHIVE_NAME, dataPaths } from '../src/lib/server/config.ts';
import { readArchiveIndex } from '../src/lib/server/tiles/directory.ts';

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
/**
 * Ours and nginx are measured on tiles in this many alternating rounds and compared by their median
 * rounds: on a 2-core machine shared with the load generator, single runs of the same two servers
 * were seen between 0.65× and 1.45× of each other.
 */
const TILE_ROUNDS = 3;
/** The whole bench stops after this, whatever it is doing. */
const OVERALL_LIMIT_MS = 25 * 60 * 1000;
/** Relative request weights by zoom: a map session spends most requests at z10–z13. */
const ZOOM_WEIGHTS: Record<number, number> = { 8: 1, 9: 2, 10: 4, 11: 5, 12: 5, 13: 4, 14: 2 };
const TILE_MIX_SIZE = 5000;
const SEARCH_QUERIES = ['kyffh', 'muhlhausen', 'Rossleben', 'nordhausen bahnhof'];
const PAGES = ['/', '/embed'];
const HOST = '127.0.0.1';

const root = path.resolve(import.meta.dirname, '..');
const paths = dataPaths(process.env, root);
const benchDir = path.join(root, '.cache', 'bench');
const archiveFile = path.join(paths.tilesDir, `${ARCHIVE_NAME}.pmtiles`);

// ---- processes --------------------------------------------------------------------------

interface Started {
	name: string;
	child: ChildProcess;
	output: string[];
	exited: boolean;
	/** how to stop it politely (nginx: SIGQUIT lets workers finish; others: SIGTERM) */
	signal: NodeJS.Signals;
}

const started: Started[] = [];

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env, signal: NodeJS.Signals = 'SIGTERM'): Started {
	const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const s: Started = { name, child, output: [], exited: false, signal };
	const keep = (chunk: Buffer) => {
		s.output.push(chunk.toString());
		if (s.output.length > 200) s.output.splice(0, s.output.length - 200);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	child.on('exit', () => {
		s.exited = true;
	});
	child.on('error', (e) => {
		s.output.push(`spawn error: ${e.message}`);
		s.exited = true;
	});
	started.push(s);
	return s;
}

async function stop(s: Started): Promise<void> {
	if (s.exited || s.child.pid === undefined) return;
	s.child.kill(s.signal);
	const deadline = Date.now() + 8000;
	while (!s.exited && Date.now() < deadline) await sleep(100);
	if (!s.exited) {
		s.child.kill('SIGKILL');
		while (!s.exited && Date.now() < deadline + 2000) await sleep(50);
	}
}

async function stopAll(): Promise<void> {
	for (const s of [...started].reverse()) await stop(s);
}

/** Last resort when the process exits without the async cleanup having run. */
function killAllNow(): void {
	for (const s of started) {
		if (!s.exited && s.child.pid !== undefined) {
			try {
				s.child.kill('SIGKILL');
			} catch {
				// already gone
			}
		}
	}
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function lastOutput(s: Started, lines = 6): string {
	return s.output.join('').trim().split('\n').slice(-lines).join(' | ').slice(0, 400);
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, HOST, () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** Polls until `probe` answers true; fails early when the process died. */
async function waitReady(s: Started, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (s.exited) throw new Error(`${s.name} exited during start-up: ${lastOutput(s) || 'no output'}`);
		try {
			if (await probe()) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`${s.name} did not become ready within ${timeoutMs / 1000} s: ${lastOutput(s) || 'no output'}`);
}

// ---- the archive and the tile mix -------------------------------------------------------

interface TileRef {
	z: number;
	x: number;
	y: number;
	/** absolute byte range of the stored (gzip) tile in the archive file, inclusive */
	start: number;
	end: number;
}

/** Every stored tile with its absolute byte range, read with the pmtiles package's reader. */
async function archiveTiles(bytes: Uint8Array): Promise<{ header: Header; tiles: TileRef[] }> {
	const { header, entries } = await readArchiveIndex(bytes, archiveFile);
	const tiles: TileRef[] = [];
	for (const e of entries) {
		for (let r = 0; r < e.runLength; r++) {
			const [z, x, y] = tileIdToZxy(e.tileId + r);
			const start = header.tileDataOffset + e.offset;
			tiles.push({ z, x, y, start, end: start + e.length - 1 });
		}
	}
	return { header, tiles };
}

/** Deterministic PRNG (mulberry32), so every run and every server gets the same request sequence. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function tileMix(tiles: TileRef[]): TileRef[] {
	const byZoom = new Map<number, TileRef[]>();
	for (const t of tiles) if (ZOOM_WEIGHTS[t.z] !== undefined) byZoom.set(t.z, [...(byZoom.get(t.z) ?? []), t]);
	const zooms = [...byZoom.keys()].sort((a, b) => a - b);
	if (zooms.length === 0) throw new Error('the archive has no tiles at z8–z14');
	const weights = zooms.map((z) => ZOOM_WEIGHTS[z]!);
	const sum = weights.reduce((a, b) => a + b, 0);
	const rnd = prng(20_240_601);
	const mix: TileRef[] = [];
	for (let i = 0; i < TILE_MIX_SIZE; i++) {
		let r = rnd() * sum;
		let k = 0;
		while (r >= weights[k]! && k < zooms.length - 1) r -= weights[k++]!;
		const list = byZoom.get(zooms[k]!)!;
		mix.push(list[Math.floor(rnd() * list.length)]!);
	}
	return mix;
}

// ---- peers ------------------------------------------------------------------------------

interface Target {
	name: string;
	base: string;
	/** the server's process (its CPU time, with its children's, is measured per load) */
	pid?: number;
	/** request path and headers for tile i of the mix */
	tile: (t: TileRef) => { path: string; headers: Record<string, string> };
}

function installScratch(): { ok: string[]; failed: Map<string, string> } {
	mkdirSync(benchDir, { recursive: true });
	const wanted = ['autocannon', 'tileserver-gl-light'];
	const failed = new Map<string, string>();
	for (const pkg of wanted) {
		if (existsSync(path.join(benchDir, 'node_modules', pkg, 'package.json'))) continue;
		console.log(`Installing ${pkg} into ${path.relative(root, benchDir)} …`);
		const r = spawnSync('npm', ['install', '--prefix', benchDir, '--no-audit', '--no-fund', pkg], { cwd: root, encoding: 'utf8', timeout: 10 * 60 * 1000 });
		if (r.status !== 0) failed.set(pkg, `npm install failed: ${(r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-2).join(' ').slice(0, 200)}`);
	}
	return { ok: wanted.filter((p) => !failed.has(p)), failed };
}

function packageVersion(pkg: string): string | null {
	try {
		return (JSON.parse(readFileSync(path.join(benchDir, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
	} catch {
		return null;
	}
}

/**
 * Exactly what `npm start` serves (scripts/serve.ts: the API in front, SvelteKit for the pages).
 * The rate limits stay on but are raised: every request of the load comes from one address.
 */
async function startOurs(): Promise<Target> {
	const port = await freePort();
	const s = start('npm start server', process.execPath, [path.join(root, 'scripts', 'serve.ts')], { ...process.env, PORT: String(port), HOST, NT_RATE_LIMIT_FACTOR: '100000' });
	const base = `http://${HOST}:${port}`;
	await waitReady(s, async () => (await fetch(`${base}/api/health`)).status === 200);
	return { name: 'Standortkarte (npm start)', base, pid: s.child.pid, tile: (t) => ({ path: `/tiles/${ARCHIVE_NAME}/${t.z}/${t.x}/${t.y}.mvt`, headers: { 'Accept-Encoding': 'gzip' } }) };
}

/**
 * TileServer GL light on the same file. Its `--file` mode looks for its styles package nested in
 * its own node_modules, which npm hoists, so the bench gives it the equivalent config: one data
 * source, the same .pmtiles file, no styles.
 */
async function startTileServer(tmp: string): Promise<Target> {
	const pkgDir = path.join(benchDir, 'node_modules', 'tileserver-gl-light');
	const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
	const bin = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin)[0]!;
	const dir = path.join(tmp, 'tileserver');
	mkdirSync(path.join(dir, 'fonts'), { recursive: true });
	mkdirSync(path.join(dir, 'styles'), { recursive: true });
	const config = path.join(dir, 'config.json');
	writeFileSync(
		config,
		JSON.stringify({
			options: { paths: { root: dir, fonts: 'fonts', styles: 'styles', mbtiles: paths.tilesDir, pmtiles: paths.tilesDir } },
			styles: {},
			data: { [ARCHIVE_NAME]: { pmtiles: path.basename(archiveFile) } }
		})
	);
	const port = await freePort();
	const s = start('TileServer GL', process.execPath, [path.join(pkgDir, bin), '--config', config, '--port', String(port), '--bind', HOST, '--silent']);
	const base = `http://${HOST}:${port}`;
	let template = '';
	await waitReady(s, async () => {
		const res = await fetch(`${base}/data.json`);
		if (res.status !== 200) return false;
		const list = (await res.json()) as { id?: string; tiles?: string[] }[];
		const entry = list.find((d) => d.id === ARCHIVE_NAME) ?? list[0];
		template = entry?.tiles?.[0] ?? '';
		return template !== '';
	});
	// e.g. http://127.0.0.1:P/data/standortkarte/{z}/{x}/{y}.pbf — taken from its own TileJSON
	const pathTemplate = new URL(template.replace(/[{}]/g, (c) => (c === '{' ? '%7B' : '%7D'))).pathname.replace(/%7B/g, '{').replace(/%7D/g, '}');
	return {
		name: `TileServer GL light ${packageVersion('tileserver-gl-light') ?? ''}`.trim(),
		base,
		pid: s.child.pid,
		tile: (t) => ({
			path: pathTemplate.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y)),
			headers: { 'Accept-Encoding': 'gzip' }
		})
	};
}

function nginxVersion(): string | null {
	const r = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
	if (r.error || r.status !== 0) return null;
	return (r.stderr || r.stdout).trim().replace(/^nginx version:\s*(nginx\/)?/, '');
}

/** Installs Debian's nginx when missing (root only); says why when it cannot. */
function ensureNginx(): string | null {
	if (nginxVersion()) return null;
	if (process.getuid?.() !== 0) return 'nginx is not installed and the bench is not running as root';
	const hadPid = existsSync('/run/nginx.pid');
	const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 10 * 60 * 1000 });
	console.log('Installing nginx (apt-get) …');
	let r = install();
	if (r.status !== 0) {
		spawnSync('apt-get', ['update'], { encoding: 'utf8', timeout: 10 * 60 * 1000 });
		r = install();
	}
	// The package's post-install may start the system service on port 80; the bench started it, so it stops it.
	if (!hadPid && existsSync('/run/nginx.pid')) spawnSync('nginx', ['-s', 'quit'], { encoding: 'utf8' });
	if (r.status !== 0 || !nginxVersion()) return `apt-get install nginx failed: ${(r.stderr ?? '').trim().split('\n').slice(-1)[0]?.slice(0, 200) ?? ''}`;
	return null;
}

/** nginx with its own config in a temp dir, serving the archive so tiles are fetched as byte ranges. */
async function startNginx(tmp: string): Promise<Target> {
	const prefix = path.join(tmp, 'nginx');
	mkdirSync(path.join(prefix, 'logs'), { recursive: true });
	const port = await freePort();
	const conf = path.join(prefix, 'nginx.conf');
	const temp = (n: string) => `${n}_temp_path ${path.join(prefix, n)};`;
	writeFileSync(
		conf,
		`# written by scripts/bench.ts; one worker, like the single Node process it is compared with
worker_processes 1;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'logs', 'error.log')} warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	tcp_nodelay on;
	keepalive_timeout 65;
	keepalive_requests 1000000;
	default_type application/octet-stream;
	types { application/vnd.pmtiles pmtiles; }
	${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n\t')}
	server {
		listen ${HOST}:${port};
		root ${paths.tilesDir};
		location = /${path.basename(archiveFile)} { }
		location / { return 404; }
	}
}
`
	);
	const s = start('nginx', 'nginx', ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'logs', 'error.log'), '-g', 'daemon off;'], process.env, 'SIGQUIT');
	const base = `http://${HOST}:${port}`;
	const file = `/${path.basename(archiveFile)}`;
	await waitReady(s, async () => (await fetch(`${base}${file}`, { headers: { Range: 'bytes=0-126' } })).status === 206);
	return { name: `nginx ${nginxVersion() ?? ''} (byte ranges of the .pmtiles)`.trim(), base, pid: s.child.pid, tile: (t) => ({ path: file, headers: { Range: `bytes=${t.start}-${t.end}` } }) };
}

/** Fetches a few tiles and compares the decoded MVT bytes with the archive's, so all peers serve the same thing. */
async function sameTiles(target: Target, sample: TileRef[], archive: Uint8Array): Promise<string | null> {
	for (const t of sample) {
		const req = target.tile(t);
		// fetch() asks for and decodes gzip transfer encoding itself; stored gzip (nginx ranges) is decoded here
		const res = await fetch(target.base + req.path, { headers: req.headers });
		if (res.status !== 200 && res.status !== 206) return `tile ${t.z}/${t.x}/${t.y}: HTTP ${res.status}`;
		let body = new Uint8Array(await res.arrayBuffer());
		if (body[0] === 0x1f && body[1] === 0x8b) body = new Uint8Array(gunzipSync(body));
		const expected = new Uint8Array(gunzipSync(archive.subarray(t.start, t.end + 1)));
		if (Buffer.compare(Buffer.from(body), Buffer.from(expected)) !== 0) return `tile ${t.z}/${t.x}/${t.y}: content differs from the archive`;
	}
	return null;
}

// ---- load -------------------------------------------------------------------------------

interface AutocannonRequest {
	method?: string;
	path?: string;
	headers?: Record<string, string>;
	setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}

interface AutocannonOptions {
	url: string;
	connections: number;
	duration: number;
	timeout: number;
	requests: AutocannonRequest[];
}

interface AutocannonResult {
	requests: { average: number; total: number };
	latency: { p50: number; p99: number; average: number };
	throughput: { average: number };
	errors: number;
	timeouts: number;
	non2xx: number;
	'2xx': number;
}

type Autocannon = (opts: AutocannonOptions) => Promise<AutocannonResult>;

function loadAutocannon(): Autocannon {
	const require = createRequire(path.join(benchDir, 'package.json'));
	return require('autocannon') as Autocannon;
}

interface Row {
	label: string;
	server: string;
	result: Measured | null;
	note: string | null;
}

type Measured = AutocannonResult & { cpuUsPerRequest: number | null };

/**
 * CPU time (user + system, ms) used so far by a process and its direct children (nginx's worker),
 * from /proc; null where there is no /proc. CPU time per request says what a server costs even when
 * other work on a shared machine takes turns with it, which requests per second cannot.
 */
function cpuMs(pid: number | undefined): number | null {
	if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
	const ticksPerMs = 100 / 1000; // USER_HZ, 100 on Linux
	const fields = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const f = fields(readFileSync(`/proc/${entry}/stat`, 'utf8'));
			// f[1] is the parent's pid, f[11] and f[12] user and system time in ticks
			if (Number(entry) === pid || Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
		} catch {
			// the process ended meanwhile
		}
	}
	return ticks / ticksPerMs;
}

async function measure(autocannon: Autocannon, target: Target, requests: { path: string; headers: Record<string, string> }[]): Promise<Measured> {
	const base = target.base;
	const run = (connections: number, duration: number) => {
		let i = 0;
		return autocannon({
			url: base,
			connections,
			duration,
			timeout: 10,
			requests: [
				{
					method: 'GET',
					// One shared counter: the connections walk the mix together, each request the next URL.
					setupRequest: (req) => {
						const r = requests[i++ % requests.length]!;
						return { ...req, path: r.path, headers: { ...req.headers, ...r.headers } };
					}
				}
			]
		});
	};
	await run(10, WARMUP_S);
	const before = cpuMs(target.pid);
	const result = await run(CONNECTIONS, DURATION_S);
	const after = cpuMs(target.pid);
	const cpuUsPerRequest = before !== null && after !== null && result.requests.total > 0 ? ((after - before) * 1000) / result.requests.total : null;
	return { ...result, cpuUsPerRequest };
}

// ---- report -----------------------------------------------------------------------------

/** The round with the median rate (of an odd number of rounds, the middle one; of an even number, the lower middle). */
function medianRound(rounds: Measured[]): Measured | null {
	if (rounds.length === 0) return null;
	const sorted = [...rounds].sort((a, b) => a.requests.average - b.requests.average);
	return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * The load generator runs in this process on the same two cores, and where two servers come out at
 * nearly the same rate it, not they, sets the pace; then only CPU time per request tells them apart.
 */
function paceLine(ours: Row | undefined, nginx: Row | undefined): string {
	const [a, b] = [ours?.result, nginx?.result];
	if (!a || !b || a.cpuUsPerRequest === null || b.cpuUsPerRequest === null) return '';
	const close = Math.abs(a.requests.average / b.requests.average - 1) <= 0.05;
	const cost = a.cpuUsPerRequest / b.cpuUsPerRequest;
	return close
		? `- Both tile servers came out within 5 % of each other's rate: the load generator set the pace, not they. What each costs shows in CPU µs/req: Standortkarte ${fmt(a.cpuUsPerRequest)}, nginx ${fmt(b.cpuUsPerRequest)} (${cost.toFixed(2)}×); where the server rather than the client is the limit, that is the ratio of tiles per core${cost > 1 ? ' in nginx\'s favour' : ''}.`
		: '';
}

/** Every round's rate and p99, in the order measured, and ours / nginx per round. */
function roundsLine(rounds: { ours: Measured[]; nginx: Measured[] }): string {
	const each = (ms: Measured[]) => ms.map((m) => `${fmt(m.requests.average)} (p99 ${fmt(m.latency.p99)} ms)`).join(', ');
	const pairs = rounds.ours.map((o, i) => rounds.nginx[i] && `${(o.requests.average / rounds.nginx[i].requests.average).toFixed(2)}×`).filter(Boolean);
	return `ours ${each(rounds.ours)}; nginx ${each(rounds.nginx)}${pairs.length ? `; ours / nginx per round: ${pairs.join(', ')}` : ''}`;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function tableRows(rows: Row[]): string[][] {
	return rows.map((r) =>
		r.result
			? [
					r.label,
					r.server,
					fmt(r.result.requests.average),
					fmt(r.result.latency.p50, 1),
					fmt(r.result.latency.p99, 1),
					r.result.cpuUsPerRequest === null ? 'n/a' : fmt(r.result.cpuUsPerRequest),
					fmt(r.result.errors + r.result.timeouts),
					fmt(r.result.non2xx),
					fmt(r.result.requests.total)
				]
			: [r.label, r.server, `not available: ${r.note ?? 'unknown reason'}`, '', '', '', '', '', '']
	);
}

const HEAD = ['load', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'errors', 'non-2xx', 'requests'];

function printTable(rows: Row[]): void {
	const body = tableRows(rows);
	const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
	console.log(`\n${line(HEAD)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
	for (const r of body) console.log(line(r));
}

function markdownTable(rows: Row[]): string {
	const esc = (s: string) => s.replace(/\|/g, '\\|');
	return [
		`| ${HEAD.join(' | ')} |`,
		`| ${HEAD.map((_, i) => (i >= 2 ? '---:' : '---')).join(' | ')} |`,
		...tableRows(rows).map((r) => `| ${r.map(esc).join(' | ')} |`)
	].join('\n');
}

function ratio(a: Row | undefined, b: Row | undefined): string {
	if (!a?.result || !b?.result) return `n/a (${!a?.result ? a?.label : b?.server} not measured)`;
	const rps = a.result.requests.average / b.result.requests.average;
	const p99 = a.result.latency.p99 / b.result.latency.p99;
	const cpu = a.result.cpuUsPerRequest !== null && b.result.cpuUsPerRequest ? `, ${(a.result.cpuUsPerRequest / b.result.cpuUsPerRequest).toFixed(2)}× the server CPU time per request` : '';
	return `${rps.toFixed(2)}× the requests per second, ${p99.toFixed(2)}× the p99 latency${cpu}`;
}

// ---- main -------------------------------------------------------------------------------

async function main(): Promise<void> {
	console.log('Standortkarte benchmark (loopback only)\n');
	const ensure = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-data.ts')], { cwd: root, stdio: 'inherit', env: process.env });
	if (ensure.status !== 0) throw new Error('the data build failed; see above');
	// The pages are measured as built: build the app as `npm start` does.
	const built = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: process.env });
	if (built.status !== 0) throw new Error('the app build failed; see above');

	const archive = new Uint8Array(readFileSync(archiveFile));
	const { header, tiles } = await archiveTiles(archive);
	const mix = tileMix(tiles);
	const perZoom = new Map<number, number>();
	for (const t of mix) perZoom.set(t.z, (perZoom.get(t.z) ?? 0) + 1);
	const distinct = new Set(mix.map((t) => `${t.z}/${t.x}/${t.y}`)).size;
	const storedAt = (z: number) => tiles.filter((t) => t.z === z).length;

	const installed = installScratch();
	if (installed.failed.has('autocannon')) throw new Error(`autocannon is needed to measure: ${installed.failed.get('autocannon')}`);
	const autocannon = loadAutocannon();

	const tmp = mkdtempSync(path.join(os.tmpdir(), 'nt-bench-'));
	const loadBefore = os.loadavg()[0]!;
	const rows: Row[] = [];
	const notes: string[] = [];
	const tileRounds: { ours: Measured[]; nginx: Measured[] } = { ours: [], nginx: [] };
	try {
		// (a) tiles: ours and nginx (the static baseline) are both up and measured in alternating rounds,
		// so that whatever else the shared machine does at the time falls on both alike.
		const ours = await startOurs();
		const sample = mix.filter((_, i) => i % 250 === 0);
		const check = await sameTiles(ours, sample, archive);
		if (check) notes.push(`Standortkarte API: ${check}`);
		let nginx: Target | null = null;
		let nginxNote = ensureNginx();
		if (!nginxNote) {
			try {
				nginx = await startNginx(tmp);
				const mismatch = await sameTiles(nginx, sample, archive).catch((e: Error) => e.message);
				if (mismatch) notes.push(`${nginx.name}: ${mismatch}`);
			} catch (e) {
				nginxNote = `could not start: ${(e as Error).message}`;
			}
		}
		for (let round = 1; round <= TILE_ROUNDS; round++) {
			console.log(`\n(a) tiles, round ${round} of ${TILE_ROUNDS}: ${ours.name}`);
			tileRounds.ours.push(await measure(autocannon, ours, mix.map(ours.tile)));
			if (!nginx) continue;
			console.log(`(a) tiles, round ${round} of ${TILE_ROUNDS}: ${nginx.name}`);
			tileRounds.nginx.push(await measure(autocannon, nginx, mix.map(nginx.tile)));
		}
		rows.push({ label: 'tiles', server: ours.name, result: medianRound(tileRounds.ours), note: null });

		const cx = (header.minLon + header.maxLon) / 2;
		const cy = (header.minLat + header.maxLat) / 2;
		const bbox = [cx - 0.25, cy - 0.15, cx + 0.25, cy + 0.15].map((v) => v.toFixed(3)).join(',');
		const featuresPath = `/api/features?theme=verkehr&bbox=${bbox}`;
		const probe = (await (await fetch(ours.base + featuresPath)).json()) as { total?: number; returned?: number };
		console.log(`(b) ${featuresPath} (${probe.returned ?? '?'} of ${probe.total ?? '?'} features per response)`);
		rows.push({ label: 'features (verkehr, bbox)', server: ours.name, result: await measure(autocannon, ours, [{ path: featuresPath, headers: { 'Accept-Encoding': 'gzip' } }]), note: null });

		console.log(`(c) /api/search rotating ${SEARCH_QUERIES.map((q) => `"${q}"`).join(', ')}`);
		const searchRequests = SEARCH_QUERIES.map((q) => ({ path: `/api/search?q=${encodeURIComponent(q)}`, headers: { 'Accept-Encoding': 'gzip' } }));
		rows.push({ label: 'search', server: ours.name, result: await measure(autocannon, ours, searchRequests), note: null });

		for (const page of PAGES) {
			console.log(`page ${page}`);
			rows.push({ label: `page ${page}`, server: ours.name, result: await measure(autocannon, ours, [{ path: page, headers: { 'Accept-Encoding': 'gzip', Accept: 'text/html' } }]), note: null });
		}
		await stopAll();

		// TileServer GL: the same tile mix, once (it is an order of magnitude apart, rounds would not change that).
		const tsUnavailable = installed.failed.get('tileserver-gl-light') ?? null;
		if (tsUnavailable) rows.push({ label: 'tiles', server: 'TileServer GL light', result: null, note: tsUnavailable });
		else {
			try {
				const ts = await startTileServer(tmp);
				const mismatch = await sameTiles(ts, sample, archive).catch((e: Error) => e.message);
				if (mismatch) notes.push(`${ts.name}: ${mismatch}`);
				console.log(`tiles: ${ts.name}`);
				rows.push({ label: 'tiles', server: ts.name, result: await measure(autocannon, ts, mix.map(ts.tile)), note: null });
			} catch (e) {
				rows.push({ label: 'tiles', server: 'TileServer GL light', result: null, note: `could not start: ${(e as Error).message}` });
			}
			await stopAll();
		}
		rows.push(nginx ? { label: 'tiles', server: nginx.name, result: medianRound(tileRounds.nginx), note: null } : { label: 'tiles', server: 'nginx (static byte ranges)', result: null, note: nginxNote ?? 'not measured' });
	} finally {
		await stopAll();
		rmSync(tmp, { recursive: true, force: true });
	}

	const loadAfter = os.loadavg()[0]!;
	printTable(rows);
	console.log(`\nload average (1 min) before / after: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)}`);
	const oursTiles = rows[0];
	const ts = rows.find((r) => r.server.startsWith('TileServer'));
	const ng = rows.find((r) => r.server.startsWith('nginx'));
	const vsTs = ratio(oursTiles, ts);
	const vsNginx = ratio(oursTiles, ng);
	console.log(`\nours / TileServer GL: ${vsTs}\nours / nginx:         ${vsNginx}\ntile rounds (req/s): ${roundsLine(tileRounds)}`);
	for (const n of notes) console.log(`note: ${n}`);

	const cpus = os.cpus();
	const meta = JSON.parse(new TextDecoder().decode(gunzipOrSelf(archive.subarray(header.jsonMetadataOffset, header.jsonMetadataOffset + header.jsonMetadataLength), header))) as { version?: string };
	const md = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts); re-running it overwrites this file.

- Date: ${new Date().toISOString()}
- Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.type()} ${os.release()} (${os.arch()})
- Node ${process.version}; nginx ${nginxVersion() ?? 'not available'}; tileserver-gl-light ${packageVersion('tileserver-gl-light') ?? 'not available'}; autocannon ${packageVersion('autocannon') ?? '?'}
- Load average (1 min) of the machine before and after the runs: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)}${loadBefore > 1.5 ? ' — other work shared the machine, so the rates are lower and noisier than on an idle one; CPU µs per request is the steadier comparison' : ''}
- Data: archive \`${path.relative(root, archiveFile)}\` version ${meta.version ?? '?'}, ${fmt(archive.byteLength / 1024, 0)} KiB, ${fmt(tiles.length)} stored tiles (z${header.minZoom}–z${header.maxZoom})

## Method

All traffic stays on the loopback interface; client (autocannon) and server share the machine's ${cpus.length} cores.
Each load runs ${WARMUP_S} s of warm-up (10 connections, discarded) and then ${DURATION_S} s at ${CONNECTIONS} concurrent keep-alive connections.
Latencies are autocannon's per-request latencies; "errors" counts connection errors and timeouts, "non-2xx" any other status.
"CPU µs/req" is the CPU time (user and system) the server's processes used during the measured seconds, divided by the requests answered (from /proc).

- **tiles** — the same sequence of ${fmt(TILE_MIX_SIZE)} tile requests (${fmt(distinct)} distinct tiles) for every server, drawn with a fixed seed from
  all tiles stored at z8–z14 (the archive covers the three districts and a margin), weighted towards z10–z13:
  ${[...perZoom.entries()].sort((a, b) => a[0] - b[0]).map(([z, n]) => `z${z} ${fmt(n)} (of ${fmt(storedAt(z))} stored)`).join(', ')}.
  Requests carry \`Accept-Encoding: gzip\`, so tiles travel gzip-compressed as stored.
  - Standortkarte: \`/tiles/${ARCHIVE_NAME}/{z}/{x}/{y}.mvt\` from exactly what \`npm start\` runs (scripts/serve.ts: the front server answers tiles
    from the archive in memory with headers prepared from the API's first tile answer, before the API's middleware and SvelteKit —
    src/lib/server/front/fast-lane.ts; one Node process; rate limits on, raised with NT_RATE_LIMIT_FACTOR because all load comes from one address).
  - TileServer GL light: \`/data/${ARCHIVE_NAME}/{z}/{x}/{y}.pbf\` on the same .pmtiles file (one Node process; its \`--file\` mode
    expects its styles package nested in its own node_modules, which npm hoists, so it gets the equivalent config: one data source, this file).
  - nginx: the archive file itself with \`Range: bytes=a-b\` for each tile's stored bytes (offsets read from the archive directory beforehand)
    — the static baseline a pmtiles:// client would use; one worker process, access log off, sendfile on.
  - Standortkarte and nginx run side by side and are measured in ${TILE_ROUNDS} alternating rounds (ours, nginx, ours, …); the table shows
    each one's median round, the list below it every round. TileServer GL is measured once.
  Before measuring, ${fmt(Math.ceil(TILE_MIX_SIZE / 250))} sample tiles from every server were decoded and compared with the archive${notes.length ? ' (see notes)' : '; all matched'}.
- **features** — \`/api/features?theme=verkehr&bbox=…\` with one bbox around the archive's centre (0.5° × 0.3°), default page size.
- **search** — \`/api/search?q=…\` rotating ${SEARCH_QUERIES.map((q) => `"${q}"`).join(', ')}.
- **page** — the HTML of ${PAGES.map((pg) => `\`${pg}\``).join(' and ')} as a browser's first request gets it (server-side rendering, security headers).
- Repeated identical queries (features, search) are answered by the front server from memory, keyed by data version (build, back-office content)
  and normalised query, as prepared bytes (gzip here, as requested) without running the API's middleware; the warm-up fills that memory.
- One Node process serves everything, as \`npm start\` runs it. Several processes (node:cluster) would each keep their own rate-limit
  counters (a client would get each limit once per process, logins and inquiries included) and their own caches; on this 2-core machine,
  shared with the load generator, a second process did not raise the tile rate in our trials, so \`npm start\` stays one process.

## Results

${markdownTable(rows)}

- Standortkarte / TileServer GL (tiles): ${vsTs}
- Standortkarte / nginx (tiles): ${vsNginx} (median rounds)
- Tiles, every round in the order measured, requests per second: ${roundsLine(tileRounds)}
${paceLine(oursTiles, ng)}
${notes.map((n) => `- Note: ${n}`).join('\n')}
`;
	mkdirSync(path.join(root, 'docs'), { recursive: true });
	// Sections written by other benchmarks are kept: the OpenStreetMap import (`npm run bench:osm`) with the
	// notes on its runs, and the start-up (`npm run bench:startup`, always the file's last section).
	const previous = existsSync(path.join(root, 'docs', 'benchmarks.md')) ? readFileSync(path.join(root, 'docs', 'benchmarks.md'), 'utf8') : '';
	const osm = /<!-- osm-import:start -->[\s\S]*<!-- osm-import:end -->/.exec(previous)?.[0];
	const osmNotes = /<!-- osm-notes:start -->[\s\S]*<!-- osm-notes:end -->/.exec(previous)?.[0];
	const startupAt = previous.indexOf('<!-- start-up benchmark');
	const startup = startupAt >= 0 ? previous.slice(startupAt) : '';
	writeFileSync(path.join(root, 'docs', 'benchmarks.md'), [md.trimEnd(), osm, osmNotes, startup.trimEnd()].filter(Boolean).join('\n\n') + '\n');
	console.log(`\nwrote ${path.relative(root, path.join(root, 'docs', 'benchmarks.md'))}`);
}

function gunzipOrSelf(b: Uint8Array, header: Header): Uint8Array {
	return header.internalCompression === Compression.Gzip ? new Uint8Array(gunzipSync(b)) : b;
}

const overall = setTimeout(() => {
	console.error(`\nbench: stopped after ${OVERALL_LIMIT_MS / 60000} minutes`);
	void stopAll().finally(() => process.exit(1));
}, OVERALL_LIMIT_MS);
overall.unref();

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, () => {
		console.error(`\nbench: ${sig}, stopping the servers`);
		void stopAll().finally(() => process.exit(130));
	});
}
process.on('exit', killAllNow);

try {
	await main();
} catch (e) {
	console.error(`\nbench failed: ${(e as Error).message}`);
	await stopAll();
	process.exitCode = 1;
}
