/**
 * The production HTTP server that `npm start` runs. Tiles and the API go straight to the Hono app;
 * only pages reach SvelteKit. Answering /tiles and /api first keeps them as cheap as the standalone
 * API (SvelteKit's handler would otherwise parse, route and wrap every tile request), and keeps every
 * /api and /tiles error in the API's JSON shape instead of the framework's plain-text answers.
 *
 * The server also closes sockets that send their headers or body too slowly, and answers malformed
 * requests that never reach a handler (bad request line, oversized headers, timeouts) with a short
 * JSON body.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { FastLane } from './fast-lane.ts';

export type PageHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface FrontServerOptions {
	/** the Hono app's fetch (see src/lib/server/api/app.ts) */
	apiFetch: (request: Request) => Response | Promise<Response>;
	/** SvelteKit's adapter-node handler (build/handler.js) for everything that is not /api or /tiles */
	pages: PageHandler;
	/** how long a client may take to send its headers and its whole request (ms) */
	requestTimeoutMs?: number;
	log?: (line: string) => void;
	/** take the scheme from X-Forwarded-Proto (only behind a trusted proxy) */
	trustProxy?: boolean;
	/** answers tiles and repeated read queries before the API (see fast-lane.ts); without it the API answers all */
	fastLane?: FastLane;
}

/** Paths the API answers; everything else is a page or a static file. */
export function isApiPath(url: string): boolean {
	return url.startsWith('/api/') || url === '/api' || url.startsWith('/tiles/') || url === '/tiles' || url.startsWith('/api?') || url.startsWith('/tiles?');
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

/** A raw HTTP answer for requests Node rejects before any handler sees them. */
export function rawJsonError(status: number, code: string, detail: string): string {
	const body = JSON.stringify({ error: code, detail });
	return [
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
		'Content-Type: application/json; charset=utf-8',
		`Content-Length: ${Buffer.byteLength(body)}`,
		'X-Content-Type-Options: nosniff',
		'Connection: close',
		'',
		body
	].join('\r\n');
}

function clientErrorAnswer(err: NodeJS.ErrnoException): [number, string, string] {
	switch (err.code) {
		case 'HPE_HEADER_OVERFLOW':
			return [431, 'headers_too_large', 'the request headers are too large'];
		case 'ERR_HTTP_REQUEST_TIMEOUT':
		case 'ERR_HTTP_HEADERS_TIMEOUT':
			return [408, 'request_timeout', 'the request was not received in time'];
		default:
			return [400, 'bad_request', 'the request could not be read as HTTP'];
	}
}

/**
 * The header through which the pages learn the scheme they were reached by (adapter-node reads it as
 * PROTOCOL_HEADER; without it, it assumes https). Set here for every request, so a client cannot.
 */
export const PROTOCOL_HEADER = 'x-nt-proto';

function requestProtocol(req: IncomingMessage, trustProxy: boolean): 'http' | 'https' {
	if ((req.socket as { encrypted?: boolean }).encrypted) return 'https';
	const forwarded = trustProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() : '';
	return forwarded === 'https' ? 'https' : 'http';
}

export function createFrontServer(opts: FrontServerOptions): http.Server {
	const trustProxy = opts.trustProxy ?? process.env.NT_TRUST_PROXY === '1';
	const log = opts.log ?? ((line: string) => console.error(line));
	const timeout = opts.requestTimeoutMs ?? 10_000;
	const api = getRequestListener(opts.apiFetch, {
		// A URL the WHATWG parser rejects never reaches the app: one log line and a JSON 400, no stack.
		errorHandler: () => new Response(JSON.stringify({ error: 'bad_request', detail: 'the request URL could not be read' }), { status: 400, headers: { 'Content-Type': 'application/json; charset=utf-8' } })
	});
	// The fast lane writes its own headers (nosniff among them) in one go; everything else gets it here.
	const apiAnswer = (req: IncomingMessage, res: ServerResponse) => {
		res.setHeader('X-Content-Type-Options', 'nosniff');
		void api(req, res);
	};
	const server = http.createServer(
		{
			requestTimeout: timeout,
			headersTimeout: timeout,
			// Timeouts are checked on this interval; Node's default (30 s) would let slow sockets linger.
			connectionsCheckingInterval: 1_000,
			keepAliveTimeout: 5_000,
			maxHeaderSize: 16 * 1024
		},
		(req, res) => {
			const url = req.url ?? '/';
			if (isApiPath(url)) {
				const lane = opts.fastLane?.handle(req, res) ?? false;
				if (lane === true) return;
				if (lane === false) return apiAnswer(req, res);
				void lane.then((answered) => {
					if (!answered) apiAnswer(req, res);
				});
				return;
			}
			res.setHeader('X-Content-Type-Options', 'nosniff');
			req.headers[PROTOCOL_HEADER] = requestProtocol(req, trustProxy);
			opts.pages(req, res, () => {
				res.statusCode = 404;
				res.setHeader('Content-Type', 'text/plain; charset=utf-8');
				res.end('Not found');
			});
		}
	);
	server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
		// A client that hung up mid-request (a closed tab, a load tester stopping) is no malformed request:
		// there is nobody to answer and nothing to log.
		if (err.code === 'ECONNRESET') return socket.destroy();
		const [status, code, detail] = clientErrorAnswer(err);
		log(`client error ${status} (${err.code ?? 'unknown'})`);
		if (!socket.writable) return socket.destroy();
		socket.end(rawJsonError(status, code, detail));
	});
	return server;
}
