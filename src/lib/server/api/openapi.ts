/** OpenAPI 3.1 description of the API and a small readable page built from it. */
import { THEMES } from '../../themes/registry.ts';
import { MAX_LIMIT, DEFAULT_LIMIT, MAX_QUERY_LENGTH, MAX_BBOX_DEGREES } from './params.ts';

type Param = { name: string; in: 'query' | 'path' | 'header'; required?: boolean; description: string; schema: Record<string, unknown> };

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
});

const lang: Param = { name: 'lang', in: 'query', description: 'Language of labels: de (default) or en', schema: { type: 'string', enum: ['de', 'en'] } };
const theme: Param = { name: 'theme', in: 'query', required: true, description: 'Theme id', schema: { type: 'string', enum: THEMES.map((t) => t.id) } };
const bbox: Param = {
	name: 'bbox',
	in: 'query',
	description: `west,south,east,north in degrees (WGS84), at most ${MAX_BBOX_DEGREES}° wide`,
	schema: { type: 'string', example: '10.6,51.3,11.2,51.6' }
};
const planningParams: Param[] = [
	{ name: 'edition', in: 'query', description: 'Breitbandatlas edition, e.g. 2021-06 (default: newest)', schema: { type: 'string', example: '2021-06' } },
	{ name: 'metric', in: 'query', description: 'speed class `<tech>_<Mbit/s>`, e.g. all_100, all_30, ftth_1000 (default all_100)', schema: { type: 'string', example: 'all_100' } },
	{ name: 'audience', in: 'query', description: 'private households (default) or businesses', schema: { type: 'string', enum: ['private', 'business'] } },
	{ name: 'compare', in: 'query', description: 'another edition: change in percentage points', schema: { type: 'string', example: '2018-12' } },
	lang
];
const filterNote =
	'Field filters from the theme registry (see /api/themes → fields with `filter`): `<field>=a,b` (enum), `<field>=true|false` (flag), `<field>_min=` / `<field>_max=` (range). Unknown parameters are refused with 400.';

export function openApiDocument() {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Standortkarte Nordthüringen – Geodaten-API',
			version: '1',
			description:
				'Read-only geodata API of the Standortkarte Nordthüringen (Landkreis Nordhausen, Kyffhäuserkreis, Unstrut-Hainich-Kreis). Every response carries the sources and their attribution. Errors are JSON: `{ error, detail, parameter? }`.'
		},
		paths: {
			'/api/health': { get: { summary: 'Data edition, database and archive status', responses: { 200: { description: 'all data available' }, 503: { description: 'database or archive missing' } } } },
			'/api/themes': { get: { summary: 'Theme registry with counts, fields, legends, sources and editions', parameters: [lang], responses: { 200: { description: 'themes' } } } },
			'/api/features': {
				get: {
					summary: 'Features of a theme as GeoJSON, paged with a stable cursor',
					description: filterNote,
					parameters: [
						theme,
						bbox,
						{ name: 'limit', in: 'query', description: `page size 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT})`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT } },
						{ name: 'cursor', in: 'query', description: 'next_cursor of the previous page', schema: { type: 'string' } },
						lang
					],
					responses: { 200: { description: 'FeatureCollection with total, next_cursor and attribution' }, 400: errorResponse('invalid parameter'), 404: errorResponse('unknown theme') }
				}
			},
			'/api/features/{id}': {
				get: {
					summary: 'One feature with district, municipality, nearest station and stop, and its source',
					parameters: [{ name: 'id', in: 'path', required: true, description: 'feature id, e.g. tourism:kyffhaeuser-denkmal', schema: { type: 'string' } }, lang],
					responses: { 200: { description: 'Feature' }, 404: errorResponse('no such feature') }
				}
			},
			'/api/nearest': {
				get: {
					summary: 'Nearest railway station and bus/tram stop to a point',
					parameters: [
						{ name: 'lon', in: 'query', required: true, description: 'longitude', schema: { type: 'number' } },
						{ name: 'lat', in: 'query', required: true, description: 'latitude', schema: { type: 'number' } }
					],
					responses: { 200: { description: 'nearest station and stop with distances in km' }, 400: errorResponse('invalid coordinates') }
				}
			},
			'/api/search': {
				get: {
					summary: 'Search places, municipalities, stops, sites and sights (prefix, diacritic-insensitive)',
					parameters: [
						{ name: 'q', in: 'query', required: true, description: `search text, at most ${MAX_QUERY_LENGTH} characters`, schema: { type: 'string' } },
						{ name: 'limit', in: 'query', description: '1–50 (default 10)', schema: { type: 'integer' } },
						lang
					],
					responses: { 200: { description: 'ranked results' }, 400: errorResponse('missing or too long q') }
				}
			},
			'/api/regions': {
				get: {
					summary: 'Districts and municipalities',
					parameters: [{ name: 'level', in: 'query', description: 'district or municipality', schema: { type: 'string', enum: ['district', 'municipality'] } }, lang],
					responses: { 200: { description: 'regions' } }
				}
			},
			'/api/regions/{ags}': {
				get: {
					summary: 'A district or municipality with headline figures (population, broadband, indicators) and their editions',
					parameters: [
						{ name: 'ags', in: 'path', required: true, description: '5-digit district or 8-digit municipality code', schema: { type: 'string' } },
						{ name: 'geometry', in: 'query', description: 'true to include the boundary', schema: { type: 'string', enum: ['true', 'false'] } },
						lang
					],
					responses: { 200: { description: 'region' }, 400: errorResponse('malformed code'), 404: errorResponse('not in the region') }
				}
			},
			'/api/export': {
				get: {
					summary: 'Download exactly what a filtered list shows, with attribution (CSV or GeoJSON)',
					description: filterNote,
					parameters: [theme, bbox, { name: 'format', in: 'query', description: 'csv or geojson (default)', schema: { type: 'string', enum: ['csv', 'geojson'] } }, lang],
					responses: { 200: { description: 'file download' }, 400: errorResponse('invalid parameter') }
				}
			},
			'/api/goals': {
				get: {
					summary: "The region's five goals: per indicator the districts' series, change from the baseline year 2016 to the newest year with the goal-direction mark, reference lines, and no-data entries naming the official source",
					parameters: [lang],
					responses: { 200: { description: 'goals' } }
				}
			},
			'/api/planning/broadband': {
				get: {
					summary: "Broadband gaps on today's municipalities for one edition and speed class: shares, population-weighted district and region aggregates, change between editions, ranks, summary",
					parameters: planningParams,
					responses: { 200: { description: 'the view (available=false without imported municipality files)' }, 400: errorResponse('unknown edition, speed class or audience') }
				}
			},
			'/api/planning/broadband/shapes': {
				get: { summary: "Outlines of the planner's municipalities (GeoJSON)", parameters: [lang], responses: { 200: { description: 'FeatureCollection' } } }
			},
			'/api/planning/broadband/export': {
				get: {
					summary: 'Every broadband value (CSV, long format, each with its file and method) or the selection with outlines (GeoJSON)',
					parameters: [...planningParams, { name: 'format', in: 'query', description: 'csv (default) or geojson', schema: { type: 'string', enum: ['csv', 'geojson'] } }],
					responses: { 200: { description: 'file download' }, 400: errorResponse('invalid parameter') }
				}
			},
			'/api/planning/goals/export': {
				get: {
					summary: 'The goal series with baseline, change and goal direction as CSV',
					parameters: [{ name: 'format', in: 'query', description: 'csv', schema: { type: 'string', enum: ['csv'] } }, lang],
					responses: { 200: { description: 'file download' }, 400: errorResponse('invalid parameter') }
				}
			},
			'/api/live': {
				get: {
					summary: 'Back-office edits published since the tiles were built, per theme: features to draw and tile feature ids to hide',
					responses: { 200: { description: '{ content_version, themes: { <theme>: { hidden, features } } }' }, 400: errorResponse('unknown parameter') }
				}
			},
			'/api/live/{theme}': {
				get: {
					summary: 'Published back-office entries of a theme to draw over the tiles, and the ids they replace',
					parameters: [{ name: 'theme', in: 'path', required: true, description: 'Theme id', schema: { type: 'string', enum: THEMES.map((t) => t.id) } }, lang],
					responses: { 200: { description: 'FeatureCollection with overridden ids and content_version' }, 404: errorResponse('unknown theme') }
				}
			},
			'/api/inquiries': {
				post: {
					summary: 'Inquiry about a commercial site (same-site form; site_id, name, company, email, phone, message, consent)',
					responses: {
						201: { description: 'stored (and mailed to the site contact when configured)' },
						403: errorResponse('request from another site'),
						413: errorResponse('body too large'),
						422: errorResponse('invalid fields, each named with a German and English message'),
						429: errorResponse('too many inquiries from this address')
					}
				}
			},
			'/tiles/{archive}.pmtiles': {
				get: {
					summary: 'The PMTiles archive with HTTP Range support (206, 416, ETag)',
					parameters: [
						{ name: 'archive', in: 'path', required: true, description: 'archive name, e.g. standortkarte', schema: { type: 'string' } },
						{ name: 'Range', in: 'header', description: 'one byte range: bytes=a-b, bytes=a- or bytes=-n', schema: { type: 'string' } }
					],
					responses: { 200: { description: 'whole archive' }, 206: { description: 'partial content' }, 416: errorResponse('range not satisfiable or multiple ranges') }
				}
			},
			'/tiles/{archive}/{z}/{x}/{y}.mvt': {
				get: {
					summary: 'One Mapbox Vector Tile (gzip if accepted); 204 for an empty tile',
					parameters: [
						{ name: 'archive', in: 'path', required: true, description: 'archive name', schema: { type: 'string' } },
						{ name: 'z', in: 'path', required: true, description: 'zoom', schema: { type: 'integer' } },
						{ name: 'x', in: 'path', required: true, description: 'column', schema: { type: 'integer' } },
						{ name: 'y', in: 'path', required: true, description: 'row', schema: { type: 'integer' } }
					],
					responses: { 200: { description: 'tile' }, 204: { description: 'empty tile' }, 404: errorResponse('zoom outside the archive') }
				}
			},
			'/tiles/{archive}.json': { get: { summary: 'TileJSON for clients without PMTiles support', parameters: [{ name: 'archive', in: 'path', required: true, description: 'archive name', schema: { type: 'string' } }], responses: { 200: { description: 'TileJSON 3.0.0' } } } }
		},
		components: {
			schemas: {
				Error: {
					type: 'object',
					required: ['error', 'detail'],
					properties: { error: { type: 'string' }, detail: { type: 'string' }, parameter: { type: 'string' } }
				}
			}
		}
	};
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function apiDocsHtml(): string {
	const doc = openApiDocument();
	const rows = Object.entries(doc.paths)
		.map(([p, ops]) => {
			const [method, op] = Object.entries(ops as Record<string, { summary: string; description?: string; parameters?: Param[] }>)[0]!;
			const params = (op.parameters ?? []).map((x) => `<li><code>${esc(x.name)}</code> (${x.in}${x.required ? ', required' : ''}) – ${esc(x.description)}</li>`).join('');
			return `<section><h2><code>${method.toUpperCase()} ${esc(p)}</code></h2><p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}${params ? `<ul>${params}</ul>` : ''}</section>`;
		})
		.join('\n');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a202c}code{background:#edf2f7;padding:0 .2em;border-radius:3px}section{border-top:1px solid #e2e8f0;padding:.5rem 0}h2{font-size:1.05rem}</style></head>
<body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>${rows}</body></html>`;
}
