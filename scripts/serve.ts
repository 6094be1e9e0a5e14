/**
 * `npm start` after the build: the production server. The API answers /api and /tiles itself;
 * SvelteKit's handler (adapter-node output in build/) renders the pages. See src/lib/server/front.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createFrontServer, PROTOCOL_HEADER } from '../src/lib/server/front/server.ts';
import type { PageHandler } from '../src/lib/server/front/server.ts';
import { createApp } from '../src/lib/server/api/app.ts';
import { ClientLimits } from '../src/lib/server/api/limits.ts';
import { createFastLane } from '../src/lib/server/front/fast-lane.ts';
import { DataContext } from '../src/lib/server/api/context.ts';
import { withPageCache } from '../src/lib/server/front/page-cache.ts';
import { dataPaths, ARCHIVE_NAME } from '../src/lib/server/config.ts';
import { removeStaleTempFiles } from '../src/lib/server/stale-files.ts';
import { backOfficeFromEnv } from '../src/lib/server/admin/from-env.ts';
import { basemapArchiveFiles } from '../src/lib/server/basemap.ts';

const root = path.resolve(import.meta.dirname, '..');
const handlerFile = path.join(root, 'build', 'handler.js');
if (!existsSync(handlerFile)) {
	console.error('The app is not built yet: run `npm run build` (npm start does this for you).');
	process.exit(1);
}
process.env.NT_ROOT ??= root;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

// The pages learn their scheme and host from the request as the front server passes it on.
process.env.PROTOCOL_HEADER ??= PROTOCOL_HEADER;
process.env.HOST_HEADER ??= 'host';
const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: PageHandler };
const paths = dataPaths();
for (const f of removeStaleTempFiles(paths.dbFile, paths.tilesDir, ARCHIVE_NAME)) console.log(`Removed a stale temporary file of an interrupted build: ${path.basename(f)}`);
const backOffice = backOfficeFromEnv(paths);
const data = new DataContext({ dbFile: paths.dbFile, tilesDir: paths.tilesDir, recheckMs: 1000, contentFile: backOffice?.content.file, archiveFiles: basemapArchiveFiles() });
// One set of rate-limit counters for the API and the front server's fast lane (tiles, repeated queries).
const limits = new ClientLimits();
const api = createApp({ dbFile: paths.dbFile, tilesDir: paths.tilesDir, accessLog: process.env.NT_ACCESS_LOG === '1', data, backOffice, limits });
// Rendered public pages are kept per data and content version: a rebuild or a published edit renders them anew.
const pages = withPageCache(handler, {
	version: () => {
		try {
			return data.version();
		} catch {
			return null;
		}
	}
});
// One process on purpose: with node:cluster every worker would keep its own rate-limit counters (a client
// would get each limit, logins and inquiries included, once per worker) and its own caches; on the 2-core
// machine this runs on, a second process did not raise the tile rate (docs/benchmarks.md).
// With the access log on, every request goes through the API, which writes the log lines.
const fastLane = process.env.NT_ACCESS_LOG === '1' ? undefined : createFastLane({ data, limits, apiFetch: api.fetch });
const server = createFrontServer({ apiFetch: api.fetch, pages, fastLane });

server.listen(port, host, () => {
	console.log(`\nStandortkarte Nordthüringen: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/\n`);
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
