/**
 * Start-up benchmark: the app's map against a bare MapLibre page that draws the same PMTiles archive
 * with a minimal style, side by side in one Chromium run. Both pages mark their map's first `idle`
 * (the app as `nt:map-idle`); the time is taken from navigation start. Runs alternate (app, bare, …)
 * in fresh browser contexts (cold HTTP cache), after one discarded warm-up each.
 *
 *   npm run bench:startup [-- --runs 7]
 *
 * Needs the built app (npm run build) and data; the app runs with NT_BASEMAP=none so that both pages
 * draw only the archive. Writes the "Start-up" section of docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const VIEWPORT = { width: 1280, height: 800 };
const MARKER = '<!-- start-up benchmark (scripts/bench-startup.ts) -->';
/** Ends what the script writes; the readings written by hand below it stay when it runs again. */
export const STARTUP_SECTION_END = '<!-- start-up benchmark:end -->';

/**
 * The file with the new measurement in place of the previous one (up to its end mark, so the notes
 * after it are kept), or appended as the file's last section.
 */
export function withStartupSection(md: string, section: string): string {
	const at = md.indexOf(MARKER);
	if (at < 0) return `${md.trimEnd()}\n\n${section}`;
	const end = md.indexOf(STARTUP_SECTION_END, at);
	const after = end >= 0 ? md.slice(end + STARTUP_SECTION_END.length) : '';
	return `${md.slice(0, at)}${section}${after}`;
}

/** Files the bare page may load from node_modules: MapLibre, the PMTiles reader and its inflate. */
const MODULES: Record<string, string> = {
	'/nm/maplibre-gl/': 'node_modules/maplibre-gl/dist/',
	'/nm/pmtiles/': 'node_modules/pmtiles/dist/esm/',
	'/nm/fflate/': 'node_modules/fflate/esm/'
};

function barePage(archiveUrl: string): string {
	// The same base polygons and theme points as the app, without labels, clusters or interaction.
	const style = {
		version: 8,
		sources: { nt: { type: 'vector', url: `pmtiles://${archiveUrl}` } },
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#eef1ec' } },
			{ id: 'neighbours', type: 'fill', source: 'nt', 'source-layer': 'neighbours', paint: { 'fill-color': '#e2e4df' } },
			{ id: 'districts', type: 'fill', source: 'nt', 'source-layer': 'districts', paint: { 'fill-color': '#3b7a57', 'fill-opacity': 0.12 } },
			{ id: 'municipalities', type: 'line', source: 'nt', 'source-layer': 'municipalities', paint: { 'line-color': '#7d8a7a' } },
			{ id: 'districts-line', type: 'line', source: 'nt', 'source-layer': 'districts', paint: { 'line-color': '#2d3b2d', 'line-width': 2 } },
			...['gewerbe', 'verkehr', 'tourismus'].map((l) => ({ id: l, type: 'circle', source: 'nt', 'source-layer': l, paint: { 'circle-radius': 5, 'circle-color': '#c53030' } }))
		]
	};
	return `<!doctype html><html><head><meta charset="utf-8"><title>bare MapLibre</title>
<link rel="stylesheet" href="/nm/maplibre-gl/maplibre-gl.css">
<script type="importmap">{"imports":{"maplibre-gl":"/nm/maplibre-gl/maplibre-gl.mjs","pmtiles":"/nm/pmtiles/index.js","fflate":"/nm/fflate/browser.js"}}</script>
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from 'maplibre-gl';
import { Protocol } from 'pmtiles';
maplibregl.setWorkerUrl('/nm/maplibre-gl/maplibre-gl-worker.mjs');
maplibregl.addProtocol('pmtiles', new Protocol().tile);
performance.mark('bare:map-create');
const map = new maplibregl.Map({ container: 'map', style: ${JSON.stringify(style)}, bounds: [[10.185, 51.032], [11.475, 51.649]], fitBoundsOptions: { padding: 20 } });
map.once('load', () => performance.mark('bare:map-load'));
map.once('idle', () => performance.mark('bare:map-idle'));
</script></body></html>`;
}

async function startBareServer(archiveUrl: string): Promise<{ url: string; close: () => void }> {
	const html = barePage(archiveUrl);
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/') {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
			return;
		}
		for (const [prefix, dir] of Object.entries(MODULES)) {
			if (!url.pathname.startsWith(prefix)) continue;
			const name = url.pathname.slice(prefix.length);
			const file = path.join(root, dir, name);
			if (!/^[\w.-]+$/.test(name) || !existsSync(file)) break;
			const type = name.endsWith('.css') ? 'text/css' : 'text/javascript';
			res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
			return;
		}
		res.writeHead(404).end();
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function startApp(): Promise<{ url: string; child: ChildProcess }> {
	const port = 20000 + Math.floor(Math.random() * 20000);
	const child = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NT_BASEMAP: 'none' },
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}/`;
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(`${url}api/health`)).ok) return { url, child };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill();
	throw new Error('the app did not answer /api/health within 30 s (is the data built? npm run data)');
}

interface Run {
	idleMs: number;
	marks: Record<string, number>;
	scriptBytes: number;
}

async function measure(browser: Browser, url: string, mark: string): Promise<Run> {
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
	const page: Page = await context.newPage();
	await page.goto(url);
	await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 60_000, polling: 50 });
	const marks: Record<string, number> = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
		return {
			...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])),
			'html received': Math.round(nav?.responseEnd ?? NaN),
			'DOM content loaded': Math.round(nav?.domContentLoadedEventEnd ?? NaN)
		};
	});
	// Let the scripts still arriving (the worker) be counted. The page's own resource timing counts every
	// script it fetched, decoded size; reading each response body from the test side missed those whose
	// body was gone by the time it was asked for (modules preloaded from the Link header).
	await page.waitForTimeout(300);
	const scriptBytes = await page.evaluate(() =>
		(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => /\.m?js(\?|$)/.test(r.name)).reduce((n, r) => n + r.decodedBodySize, 0)
	);
	await context.close();
	return { idleMs: marks[mark]!, marks, scriptBytes };
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
	if (!existsSync(path.join(root, 'build', 'index.js'))) throw new Error('build/index.js is missing: run npm run build first');
	const app = await startApp();
	const bare = await startBareServer(`${app.url}tiles/standortkarte.pmtiles`);
	// Without a browser the servers must not outlive the script.
	const browser = await chromium.launch({
		executablePath: process.env.NT_CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--use-gl=angle', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	}).catch((e: unknown) => {
		bare.close();
		app.child.kill();
		throw e;
	});
	try {
		await measure(browser, app.url, 'nt:map-idle');
		await measure(browser, bare.url, 'bare:map-idle');
		const appRuns: Run[] = [];
		const bareRuns: Run[] = [];
		for (let i = 0; i < RUNS; i++) {
			appRuns.push(await measure(browser, app.url, 'nt:map-idle'));
			bareRuns.push(await measure(browser, bare.url, 'bare:map-idle'));
			console.log(`run ${i + 1}/${RUNS}: app ${appRuns[i]!.idleMs} ms, bare ${bareRuns[i]!.idleMs} ms`);
		}
		const appIdle = median(appRuns.map((r) => r.idleMs));
		const bareIdle = median(bareRuns.map((r) => r.idleMs));
		const phase = (name: string, runs = appRuns) => median(runs.map((r) => r.marks[name] ?? NaN));
		const maplibreBytes = ['maplibre-gl.mjs', 'maplibre-gl-shared.mjs', 'maplibre-gl-worker.mjs'].reduce((n, f) => n + statSync(path.join(root, 'node_modules/maplibre-gl/dist', f)).size, 0);
		const appJs = median(appRuns.map((r) => r.scriptBytes));
		const ratio = appIdle / bareIdle;
		const kib = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KiB`;
		const section = `${MARKER}
## Start-up (map's first idle)

Written by \`npm run bench:startup\` (scripts/bench-startup.ts); re-running it replaces this part up to the readings below.

- Date: ${new Date().toISOString()}; machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, load average ${os.loadavg()[0]!.toFixed(1)} at the end, Node ${process.version}, Chromium (SwiftShader WebGL, ${VIEWPORT.width}×${VIEWPORT.height})
- Method: the app (\`NT_BASEMAP=none\`, mark \`nt:map-idle\`) and a bare MapLibre page drawing the same archive
  (\`/tiles/standortkarte.pmtiles\` from the app, base polygons and three point layers, no labels) alternate in one
  Chromium, each run in a fresh context (cold cache), ${RUNS} runs each after one discarded warm-up. Times from navigation start, medians.

| | first idle | runs |
| --- | ---: | --- |
| app | ${appIdle} ms | ${appRuns.map((r) => r.idleMs).join(', ')} |
| bare MapLibre | ${bareIdle} ms | ${bareRuns.map((r) => r.idleMs).join(', ')} |

- **Ratio app / bare: ${ratio.toFixed(2)}×** (target ≤ 1.3×)
- Where the time goes (medians, ms from navigation start):

| | HTML received | DOM content loaded | map created | map \`load\` | first idle |
| --- | ---: | ---: | ---: | ---: | ---: |
| app | ${phase('html received')} | ${phase('DOM content loaded')} | ${phase('nt:map-create')} | ${phase('nt:map-load')} | ${appIdle} |
| bare MapLibre | ${phase('html received', bareRuns)} | ${phase('DOM content loaded', bareRuns)} | ${phase('bare:map-create', bareRuns)} | ${phase('bare:map-load', bareRuns)} | ${bareIdle} |

- JavaScript fetched on first load: app ${kib(appJs)}; MapLibre's own bundle (maplibre-gl.mjs + shared + worker) ${kib(maplibreBytes)}
  → **${(appJs / maplibreBytes).toFixed(2)}×** (target ≤ 1.25×).
${STARTUP_SECTION_END}
`;
		const file = path.join(root, 'docs', 'benchmarks.md');
		const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
		writeFileSync(file, withStartupSection(current, section));
		console.log(section);
	} finally {
		await browser.close();
		bare.close();
		app.child.kill();
	}
}

if (import.meta.main) await main();
