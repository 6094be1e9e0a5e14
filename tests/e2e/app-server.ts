/**
 * Starting the production server (scripts/serve.ts, exactly what `npm start` runs, on the built app)
 * on a free port against a data folder, for the global setup and for tests that need the app under
 * another configuration (NT_BASEMAP modes).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const HEALTH_TIMEOUT_MS = 90_000;

export interface AppServer {
	baseUrl: string;
	stop(): Promise<void>;
}

/**
 * Starts scripts/serve.ts with `env` on top of the process environment and waits for /api/health.
 * Test hooks are on (PUBLIC_NT_TEST_HOOKS=1) unless `env` sets PUBLIC_NT_TEST_HOOKS itself.
 */
export async function startAppServer(env: NodeJS.ProcessEnv): Promise<AppServer> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	let output = '';
	const server = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.ts')], {
		cwd: ROOT,
		// The tests read the map through window.__ntMap, which pages expose only with this set.
		env: { PUBLIC_NT_TEST_HOOKS: '1', ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
	server.stdout?.on('data', collect);
	server.stderr?.on('data', collect);
	try {
		await waitForHealth(baseUrl, server, () => output);
	} catch (e) {
		await stop(server);
		throw e;
	}
	return { baseUrl, stop: () => stop(server) };
}

/** Runs a command to its end without blocking vitest's event loop (the data build takes seconds). */
export function runToEnd(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
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
