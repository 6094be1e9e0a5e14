/**
 * Global setup of the browser tests: builds the data into a temporary folder (so the tests never
 * touch the developer's tiles/ or var/), starts the production server (scripts/serve.ts, exactly what `npm start` runs) on a
 * free port against that data, and hands its address to the tests as `inject('baseUrl')`.
 * The app itself must be built beforehand (`vite build`; `npm test` does it).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** the test server's back-office database (in the temporary folder), for creating test accounts */
		contentDb: string;
	}
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const HEALTH_TIMEOUT_MS = 90_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const built = path.join(ROOT, 'build', 'handler.js');
	if (!existsSync(built)) throw new Error(`${path.relative(ROOT, built)} is missing: run vite build first (npm test does it for you)`);
	const entry = path.join(ROOT, 'scripts', 'serve.ts');

	const dir = mkdtempSync(path.join(tmpdir(), 'nt-e2e-'));
	const dataEnv = { NT_ROOT: ROOT, NT_TILES_DIR: path.join(dir, 'tiles'), NT_DB: path.join(dir, 'db.sqlite'), NT_CONTENT_DB: path.join(dir, 'content.sqlite') };
	let server: ChildProcess | null = null;
	const teardown = async () => {
		if (server) await stop(server);
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		// NT_SOURCES passes through from the environment, so with official files the browser sees the full data.
		const build = await runToEnd(process.execPath, [path.join(ROOT, 'scripts', 'build-data.ts')], { ...process.env, ...dataEnv });
		if (build.status !== 0) throw new Error(`data build for the browser tests failed (status ${build.status}):\n${build.output}`);

		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		let output = '';
		server = spawn(process.execPath, [entry], {
			cwd: ROOT,
			env: { ...process.env, ...dataEnv, PORT: String(port), HOST: '127.0.0.1' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
		server.stdout?.on('data', collect);
		server.stderr?.on('data', collect);

		await waitForHealth(baseUrl, server, () => output);
		project.provide('baseUrl', baseUrl);
		project.provide('contentDb', dataEnv.NT_CONTENT_DB);
		return teardown;
	} catch (e) {
		await teardown();
		throw e;
	}
}

/** Runs a command to its end without blocking vitest's event loop (the data build takes seconds). */
function runToEnd(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr.on('data', (c: Buffer) => (output += c.toString()));
		child.once('error', reject);
		child.once('close', (status) => resolve({ status, output }));
	});
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const addr = probe.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			probe.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
		});
	});
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + HEALTH_TIMEOUT_MS;
	let last = 'no answer yet';
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) {
			throw new Error(`the app server exited (${server.exitCode ?? server.signalCode}) before answering /api/health. Its output:\n${output()}`);
		}
		try {
			const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
			if (res.status === 200) return;
			last = `status ${res.status}: ${(await res.text()).slice(0, 500)}`;
		} catch (e) {
			last = (e as Error).message;
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`the app server at ${baseUrl} did not answer GET /api/health with 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}). Its output:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}
