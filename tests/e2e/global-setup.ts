/**
 * Global setup of the browser tests: builds the data into a temporary folder (so the tests never
 * touch the developer's tiles/ or var/), starts the production server (scripts/serve.ts, exactly
 * what `npm start` runs) on a free port against that data, and hands its address to the tests as
 * `inject('baseUrl')` and the data folders as `inject('dataEnv')` (for tests that start the app under
 * another configuration). The app itself must be built beforehand (`vite build`; `npm test` does it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, runToEnd, startAppServer } from './app-server.ts';
import type { AppServer } from './app-server.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		dataEnv: Record<string, string>;
		/** the test server's back-office database (in the temporary folder), for creating test accounts */
		contentDb: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const built = path.join(ROOT, 'build', 'handler.js');
	if (!existsSync(built)) throw new Error(`${path.relative(ROOT, built)} is missing: run vite build first (npm test does it for you)`);

	const dir = mkdtempSync(path.join(tmpdir(), 'nt-e2e-'));
	const dataEnv = { NT_ROOT: ROOT, NT_TILES_DIR: path.join(dir, 'tiles'), NT_DB: path.join(dir, 'db.sqlite'), NT_CONTENT_DB: path.join(dir, 'content.sqlite') };
	let server: AppServer | null = null;
	const teardown = async () => {
		if (server) await server.stop();
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		// NT_SOURCES passes through from the environment, so with official files the browser sees the full data.
		const build = await runToEnd(process.execPath, [path.join(ROOT, 'scripts', 'build-data.ts')], { ...process.env, ...dataEnv });
		if (build.status !== 0) throw new Error(`data build for the browser tests failed (status ${build.status}):\n${build.output}`);
		// The default basemap (basemap.de): every test page refuses its requests (see openPage), so the
		// tests run as on a machine without internet, where the map falls back to its built-in overview.
		server = await startAppServer({ ...dataEnv, NT_BASEMAP: 'basemap.de-grau' });
		project.provide('baseUrl', server.baseUrl);
		project.provide('dataEnv', dataEnv);
		project.provide('contentDb', dataEnv.NT_CONTENT_DB);
		return teardown;
	} catch (e) {
		await teardown();
		throw e;
	}
}
