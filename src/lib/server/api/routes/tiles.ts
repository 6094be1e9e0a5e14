/**
 * Tile delivery: the PMTiles archive itself with HTTP Range support (for MapLibre's pmtiles://
 * protocol) and single decoded tiles at /tiles/<archive>/{z}/{x}/{y}.mvt for clients without it.
 */
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { gunzipSync } from 'node:zlib';
import type { AppEnv } from '../app.ts';
import { ApiError, errorBody } from '../errors.ts';
import type { LoadedArchive } from '../../tiles/archive.ts';
import { DataUnavailable } from '../../db/store.ts';
import { publicOrigin } from '../../config.ts';
import { apiRouter, documentOnly, errorResponse, jsonResponse, routingPath } from '../openapi.ts';
import { TileJsonSchema } from '../../../api/schemas.ts';

const ARCHIVE_CACHE = 'public, max-age=60, must-revalidate';
const VERSIONED_TILE_CACHE = 'public, max-age=31536000, immutable';
const UNVERSIONED_TILE_CACHE = 'public, max-age=300';

export interface ByteRange {
	start: number;
	end: number; // inclusive
}

/**
 * Parses a Range header against a resource of `size` bytes, as RFC 9110 (14.2) says: a header that is
 * absent, names another unit or is not a valid byte-range set is ignored (null: serve the whole file);
 * 'unsatisfiable' for a valid range beyond the end; 'multiple' for several valid ranges, which this
 * server does not combine into one answer.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' | 'multiple' {
	if (!header) return null;
	const m = /^bytes=(.*)$/i.exec(header.trim());
	if (!m) return null;
	// Empty list elements are allowed by the grammar ("bytes=0-1,,") and mean nothing.
	const specs = m[1]!.split(',').map((s) => s.trim()).filter(Boolean);
	if (specs.length === 0) return null;
	const parsed: ({ start: number; end: number | null } | { suffix: number })[] = [];
	for (const raw of specs) {
		const spec = /^(\d*)-(\d*)$/.exec(raw);
		if (!spec || (spec[1] === '' && spec[2] === '')) return null;
		if (spec[1] === '') parsed.push({ suffix: Number(spec[2]) });
		else {
			const start = Number(spec[1]);
			const end = spec[2] === '' ? null : Number(spec[2]);
			if (end !== null && end < start) return null;
			parsed.push({ start, end });
		}
	}
	if (parsed.length > 1) return 'multiple';
	const only = parsed[0]!;
	if ('suffix' in only) {
		if (only.suffix === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - only.suffix), end: size - 1 };
	}
	if (only.start >= size) return 'unsatisfiable';
	return { start: only.start, end: only.end === null ? size - 1 : Math.min(only.end, size - 1) };
}

/**
 * Whether an Accept-Encoding header allows a coding: listed (or `*`) with a q-value above zero.
 * `gzip;q=0` explicitly refuses gzip.
 */
export function acceptsEncoding(header: string | undefined, coding: string): boolean {
	if (!header) return false;
	let star: boolean | null = null;
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)).find(Boolean);
		const allowed = !q || Number(q[1]) > 0;
		if (name === coding) return allowed;
		if (name === '*') star = allowed;
	}
	return star ?? false;
}

async function archiveOr404(c: Context<AppEnv>, name: string): Promise<LoadedArchive> {
	const archive = await c.get('data').archive(name);
	if (!archive) throw new ApiError(404, 'not_found', `no tile archive named "${name.slice(0, 64)}"`);
	return archive;
}

/** HEAD answers carry the same headers without the bytes. */
function send(c: Context<AppEnv>, bytes: Uint8Array, status: 200 | 206, headers: Record<string, string>): Response {
	if (c.req.method === 'HEAD') return c.body(null, status, headers);
	// A view into the archive held in memory: no copy per request. (The archive's Buffer is backed by an
	// ArrayBuffer, never a SharedArrayBuffer, which is what Hono's type asks for.)
	return c.body(bytes as Uint8Array<ArrayBuffer>, status, headers);
}

const archiveParam = z.string().meta({ description: 'archive name, e.g. standortkarte' });
const tileErrors = { 404: errorResponse('no such archive'), 429: errorResponse('too many requests from this address'), 503: errorResponse('the archive is missing pieces or damaged') };

/*
 * Tile routes answer bytes with Range and conditional requests by hand, so they are declared for the
 * document and routed by the same path (routingPath), their parameters checked in the handlers.
 */
const archiveRoute = {
	method: 'get',
	path: '/tiles/{archive}.pmtiles',
	summary: 'The PMTiles archive with HTTP Range support (206, 416, ETag)',
	request: {
		params: z.object({ archive: archiveParam }),
		headers: z.object({ Range: z.string().optional().meta({ description: 'one byte range: bytes=a-b, bytes=a- or bytes=-n; other units are ignored' }) })
	},
	responses: {
		200: { description: 'whole archive', content: { 'application/vnd.pmtiles': { schema: { type: 'string', format: 'binary' } } } },
		206: { description: 'partial content' },
		304: { description: 'not modified (If-None-Match)' },
		416: errorResponse('range not satisfiable or multiple ranges'),
		...tileErrors
	}
} satisfies RouteConfig;

const tileJsonRoute = {
	method: 'get',
	path: '/tiles/{archive}.json',
	summary: 'TileJSON for clients without PMTiles support',
	request: { params: z.object({ archive: archiveParam }) },
	responses: { 200: jsonResponse('TileJSON 3.0.0', TileJsonSchema), ...tileErrors }
} satisfies RouteConfig;

const tileRoute = {
	method: 'get',
	path: '/tiles/{archive}/{z}/{x}/{y}.mvt',
	summary: 'One Mapbox Vector Tile (gzip if accepted); 204 for an empty tile',
	request: {
		params: z.object({
			archive: archiveParam,
			z: z.string().meta({ description: 'zoom' }),
			x: z.string().meta({ description: 'column' }),
			y: z.string().meta({ description: 'row' })
		}),
		query: z.object({ v: z.string().optional().meta({ description: "the archive's version (TileJSON): such tiles are cached for a year" }) })
	},
	responses: {
		200: { description: 'tile', content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } } },
		204: { description: 'empty tile' },
		304: { description: 'not modified (If-None-Match)' },
		400: errorResponse('tile coordinates out of range'),
		...tileErrors
	}
} satisfies RouteConfig;

/** The path parameters; every route below declares the ones its handler reads. */
const params = (c: Context<AppEnv>) => c.req.param() as Record<'archive' | 'z' | 'x' | 'y', string>;

export function tileRoutes(): OpenAPIHono<AppEnv> {
	const app = apiRouter<AppEnv>();
	for (const route of [archiveRoute, tileJsonRoute, tileRoute]) documentOnly(app, route);

	app.on(['GET', 'HEAD'], routingPath(archiveRoute.path), async (c) => {
		const name = params(c).archive.slice(0, -'.pmtiles'.length);
		const archive = await archiveOr404(c, name);
		const size = archive.bytes.byteLength;
		// No Content-Type here: the error answers below are JSON, and c.json must keep its own type.
		const headers: Record<string, string> = {
			'Accept-Ranges': 'bytes',
			ETag: archive.etag,
			'Cache-Control': ARCHIVE_CACHE
		};
		const rangeHeader = c.req.header('Range');
		const ifRange = c.req.header('If-Range');
		const honourRange = !ifRange || ifRange === archive.etag;
		if (!rangeHeader && c.req.header('If-None-Match') === archive.etag) return c.body(null, 304, headers);
		const content: Record<string, string> = { ...headers, 'Content-Type': 'application/vnd.pmtiles' };

		const range = honourRange ? parseRange(rangeHeader, size) : null;
		if (range === 'multiple') {
			return c.json(errorBody('range_not_satisfiable', 'multiple ranges in one request are not supported; request one range at a time', 'Range'), 416, {
				...headers,
				'Content-Range': `bytes */${size}`
			});
		}
		if (range === 'unsatisfiable') {
			return c.json(errorBody('range_not_satisfiable', `range starts beyond the end of the ${size}-byte archive`, 'Range'), 416, {
				...headers,
				'Content-Range': `bytes */${size}`
			});
		}
		if (range === null) {
			content['Content-Length'] = String(size);
			return send(c, archive.bytes, 200, content);
		}
		content['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
		content['Content-Length'] = String(range.end - range.start + 1);
		return send(c, archive.bytes.subarray(range.start, range.end + 1), 206, content);
	});

	app.get(routingPath(tileJsonRoute.path), async (c) => {
		const archive = await archiveOr404(c, params(c).archive.slice(0, -'.json'.length));
		const h = archive.header;
		const version = String(archive.metadata.version ?? '');
		c.header('Cache-Control', ARCHIVE_CACHE);
		c.header('Vary', 'Accept-Encoding');
		return c.json({
			tilejson: '3.0.0',
			name: archive.metadata.name,
			version,
			attribution: archive.metadata.attribution,
			vector_layers: archive.metadata.vector_layers,
			tiles: [`${publicOrigin() ?? ''}/tiles/${archive.name}/{z}/{x}/{y}.mvt?v=${version}`],
			minzoom: h.minZoom,
			maxzoom: h.maxZoom,
			bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
			center: [h.centerLon, h.centerLat, h.centerZoom]
		});
	});

	app.on(['GET', 'HEAD'], routingPath(tileRoute.path), async (c) => {
		const { archive: name, z: zs, x: xs, y: yFile } = params(c);
		const ys = yFile.slice(0, -'.mvt'.length);
		for (const [p, v] of [['z', zs], ['x', xs], ['y', ys]] as const) {
			if (!/^\d{1,8}$/.test(v)) throw new ApiError(400, 'invalid_parameter', `${p} must be a non-negative integer`, p);
		}
		const [z, x, y] = [Number(zs), Number(xs), Number(ys)];
		const archive = await archiveOr404(c, name);
		const h = archive.header;
		if (z > 30 || x >= 2 ** z || y >= 2 ** z) {
			throw new ApiError(400, 'invalid_parameter', `tile ${z}/${x}/${y} does not exist at zoom ${z}`, z > 30 ? 'z' : x >= 2 ** z ? 'x' : 'y');
		}
		if (z < h.minZoom || z > h.maxZoom) {
			return c.json(errorBody('not_found', `zoom ${z} is outside the archive's zoom range ${h.minZoom}–${h.maxZoom}`), 404);
		}
		const version = String(archive.metadata.version ?? '');
		const versioned = c.req.query('v') === version;
		const tag = `"${version}-${z}-${x}-${y}"`;
		const headers: Record<string, string> = {
			'Content-Type': 'application/vnd.mapbox-vector-tile',
			'Cache-Control': versioned ? VERSIONED_TILE_CACHE : UNVERSIONED_TILE_CACHE,
			ETag: tag,
			Vary: 'Accept-Encoding'
		};
		if (c.req.header('If-None-Match') === tag) return c.body(null, 304, headers);
		const tile = archive.tile(z, x, y);
		if (!tile) return c.body(null, 204, headers);
		const acceptsGzip = acceptsEncoding(c.req.header('Accept-Encoding'), 'gzip');
		let out = tile;
		if (archive.tileCompression === 'gzip') {
			if (acceptsGzip) headers['Content-Encoding'] = 'gzip';
			else {
				try {
					out = gunzipSync(tile);
				} catch (e) {
					// Damaged tile bytes are the archive's fault, not the request's: 503 like an unreadable archive.
					throw new DataUnavailable('A map tile is damaged.', `tile ${z}/${x}/${y} of archive ${archive.file} is damaged: ${(e as Error).message}`);
				}
			}
		}
		headers['Content-Length'] = String(out.byteLength);
		return send(c, out, 200, headers);
	});

	// Tiles are read-only: any other method on a tile path is refused in the API's shape.
	app.on(['POST', 'PUT', 'DELETE', 'PATCH'], '/tiles/*', (c) => {
		throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed; tiles are read-only`);
	});

	return app;
}
