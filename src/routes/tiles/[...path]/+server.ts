import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/instance.ts';

/** /tiles/* (PMTiles byte ranges and single tiles) is served by the Hono app. */
const handle: RequestHandler = ({ request }) => api.fetch(request);

export const GET = handle;
export const HEAD = handle;
export const OPTIONS = handle;
