import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/instance.ts';

/** /api/* is served by the Hono app; SvelteKit only hands the request over (with the client's address for rate limits). */
const handle: RequestHandler = ({ request, getClientAddress }) => {
	let clientAddress = 'unknown';
	try {
		clientAddress = getClientAddress();
	} catch {
		// adapters without an address: rate limits then count all such clients together
	}
	return api.fetch(request, { clientAddress });
};

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
export const OPTIONS = handle;
