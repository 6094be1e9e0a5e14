/**
 * A data build and app server of a test's own, for browser tests that need other data than the
 * shared one of global-setup.ts (which every other browser test sees and must not change).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface OwnServer {
	baseUrl: string;
	stop(): Promise<void>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** Builds the data with `env` (e.g. NT_SOURCES, NT_OSM_CLIP) into a temporary folder and serves the built app on it. */
export async function startOwnServer(env: NodeJS.ProcessEnv): Promise<OwnServer> {
	const entry = path.join(ROOT, 'build', 'index.js');
	if (!existsSync(entry)) throw new Error('build/index.js is missing: run vite build first (npm test does it for you)');
	const dir = mkdtempSync(path.join(tmpdir(), 'nt-e2e-own-'));
	const dataEnv = { ...process.env, ...env, NT_ROOT: ROOT, NT_TILES_DIR: path.join(dir, 'tiles'), NT_DB: path.join(dir, 'db.sqlite') };
	let server: ChildProcess | null = null;
	const stop = async () => {
		if (server && server.exitCode === null && server.signalCode === null) {
			const exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
			server.kill('SIGTERM');
			const timer = setTimeout(() => server!.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const build = await run([path.join(ROOT, 'scripts', 'build-data.ts')], dataEnv);
		if (build.status !== 0) throw new Error(`data build failed (status ${build.status}):\n${build.output}`);
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		let output = '';
		server = spawn(process.execPath, [entry], { cwd: ROOT, env: { ...dataEnv, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
		server.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
		server.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (server.exitCode !== null) throw new Error(`the app server exited before answering:\n${output}`);
			const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false);
			if (ok) break;
			if (Date.now() > deadline) throw new Error(`the app server did not answer /api/health within 30 s:\n${output}`);
			await new Promise((r) => setTimeout(r, 200));
		}
		return { baseUrl, stop };
	} catch (e) {
		await stop();
		throw e;
	}
}
