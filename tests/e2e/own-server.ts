/**
 * A data build and app server of a test's own, for browser tests that need other data than the
 * shared one of global-setup.ts (which every other browser test sees and must not change). The server
 * is the production one (app-server.ts), as in every other browser test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runToEnd, startAppServer } from './app-server.ts';

export interface OwnServer {
	baseUrl: string;
	stop(): Promise<void>;
}

/** Builds the data with `env` (e.g. NT_SOURCES, NT_OSM_CLIP) into a temporary folder and serves the built app on it. */
export async function startOwnServer(env: NodeJS.ProcessEnv): Promise<OwnServer> {
	const dir = mkdtempSync(path.join(tmpdir(), 'nt-e2e-own-'));
	const dataEnv = { ...process.env, ...env, NT_ROOT: ROOT, NT_TILES_DIR: path.join(dir, 'tiles'), NT_DB: path.join(dir, 'db.sqlite'), NT_CONTENT_DB: path.join(dir, 'content.sqlite') };
	try {
		const build = await runToEnd(process.execPath, [path.join(ROOT, 'scripts', 'build-data.ts')], dataEnv);
		if (build.status !== 0) throw new Error(`data build failed (status ${build.status}):\n${build.output}`);
		const server = await startAppServer(dataEnv);
		return {
			baseUrl: server.baseUrl,
			stop: async () => {
				await server.stop();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
}
