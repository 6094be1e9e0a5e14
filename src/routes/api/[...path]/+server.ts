import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/instance.ts';

/** /api/* is served by the Hono app; SvelteKit only hands the request over. */
const handle: RequestHandler = ({ request }) => api.fetch(request);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
export const OPTIONS = handle;
