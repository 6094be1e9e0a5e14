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
import { dataPaths } from '../src/lib/server/config.ts';
import { backOfficeFromEnv } from '../src/lib/server/admin/from-env.ts';

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
const api = createApp({ dbFile: paths.dbFile, tilesDir: paths.tilesDir, accessLog: process.env.NT_ACCESS_LOG === '1', recheckMs: 1000, backOffice: backOfficeFromEnv(paths) });
const server = createFrontServer({ apiFetch: api.fetch, pages: handler });

server.listen(port, host, () => {
	console.log(`\nStandortkarte Nordthüringen: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/\n`);
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
