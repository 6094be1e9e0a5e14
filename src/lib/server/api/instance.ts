/** The API instance the SvelteKit routes hand requests to, configured from the environment. */
import { createApp } from './app.ts';
import { dataPaths } from '../config.ts';
import { backOfficeFromEnv } from '../admin/from-env.ts';
import { basemapArchiveFiles } from '../basemap.ts';
import { building } from '$app/environment';

const paths = dataPaths();
export const api = createApp({
	dbFile: paths.dbFile,
	tilesDir: paths.tilesDir,
	accessLog: process.env.NT_ACCESS_LOG === '1',
	recheckMs: 1000,
	// The build imports this module to analyse the routes: no content database may be created then.
	backOffice: building ? undefined : backOfficeFromEnv(paths),
	archiveFiles: basemapArchiveFiles()
});
