/**
 * The API on its own (no SvelteKit): `node src/lib/server/api/standalone.ts` — for partners' tools,
 * the benchmark, and deployments that serve the map's static files elsewhere.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { dataPaths } from '../config.ts';
import { backOfficeFromEnv } from '../admin/from-env.ts';

const paths = dataPaths();
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const app = createApp({ dbFile: paths.dbFile, tilesDir: paths.tilesDir, accessLog: process.env.NT_ACCESS_LOG === '1', recheckMs: 1000, backOffice: backOfficeFromEnv(paths) });
serve({ fetch: app.fetch, port, hostname: host }, (info) => {
	console.log(`Standortkarte API listening on http://${host}:${info.port}/api/health`);
});
