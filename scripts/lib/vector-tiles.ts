/**
 * GeoJSON layers → gzip-compressed Mapbox Vector Tiles (spec v2), one source-layer per input layer.
 * geojson-vt slices each layer, @maplibre/vt-pbf encodes the tile; the result feeds writePMTiles.
 */
import { gzipSync } from 'node:zlib';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import type { GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { TileEntry } from './pmtiles-writer.ts';

export interface LayerInput {
	name: string;
	features: GeoJSON.Feature[];
	minZoom?: number;
	maxZoom?: number;
	/**
	 * The zooms whose tiles carry a feature, when fewer than the layer's: a feature no layer of the
	 * style draws at a zoom is left out of that zoom's tiles (undefined: all of the layer's zooms).
	 */
	featureZooms?: (feature: GeoJSON.Feature) => { minZoom: number; maxZoom: number } | undefined;
}

export interface BuildTilesOptions {
	minZoom: number;
	maxZoom: number;
	/** west, south, east, north in degrees; only tiles covering this box are produced */
	bounds: [number, number, number, number];
	/** a gzip-compressed tile larger than this aborts the build */
	maxTileBytes: number;
	extent?: number;
	buffer?: number;
}

export interface TileStats {
	z: number;
	tiles: number;
	totalBytes: number;
	maxBytes: number;
}

export type FieldType = 'String' | 'Number' | 'Boolean';

export interface LayerSummary {
	name: string;
	features: number;
	/** 'Point' | 'LineString' | 'Polygon', 'Mixed' if a layer holds several, 'Unknown' if empty */
	geometryType: string;
	/** for the PMTiles metadata `vector_layers` */
	fields: Record<string, FieldType>;
}

export interface BuildTilesResult {
	/** gzip-compressed MVT, sorted by z, x, y */
	tiles: TileEntry[];
	perZoom: TileStats[];
	layers: LayerSummary[];
	/** size of the largest compressed tile produced */
	maxTileBytes: number;
}

const MVT_VERSION = 2;
const DEFAULT_EXTENT = 4096;
const DEFAULT_BUFFER = 64;

type MvtValue = string | number | boolean;

/**
 * MVT values are only string/number/boolean: null-ish and non-finite values are dropped (MVT has
 * no null), objects/arrays become JSON text so nothing is silently lost.
 */
function toMvtProperties(props: GeoJSON.GeoJsonProperties, fields: Record<string, FieldType>): Record<string, MvtValue> {
	const out: Record<string, MvtValue> = {};
	if (!props) return out;
	for (const [key, raw] of Object.entries(props)) {
		let value: MvtValue;
		if (raw === null || raw === undefined) continue;
		if (typeof raw === 'number') {
			if (!Number.isFinite(raw)) continue;
			value = raw;
		} else if (typeof raw === 'string' || typeof raw === 'boolean') {
			value = raw;
		} else {
			value = JSON.stringify(raw);
		}
		const type: FieldType = typeof value === 'number' ? 'Number' : typeof value === 'boolean' ? 'Boolean' : 'String';
		const seen = fields[key];
		// A key holding different types across features can only be described as text.
		fields[key] = seen === undefined || seen === type ? type : 'String';
		out[key] = value;
	}
	return out;
}

/**
 * MVT ids are unsigned integers. vt-pbf would parseInt a string id (NaN for most), so only
 * non-negative integer ids are kept; MapLibre's feature-state hover relies on them.
 */
function toMvtId(id: GeoJSON.Feature['id']): number | undefined {
	return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

function baseGeometryType(type: GeoJSON.Geometry['type']): string {
	switch (type) {
		case 'Point':
		case 'MultiPoint':
			return 'Point';
		case 'LineString':
		case 'MultiLineString':
			return 'LineString';
		case 'Polygon':
		case 'MultiPolygon':
			return 'Polygon';
		default:
			return 'Mixed';
	}
}

interface PreparedLayer {
	name: string;
	minZoom: number;
	maxZoom: number;
	index: GeoJSONVT;
	/** whether some feature has a zoom range of its own (ZOOMS_TAG) */
	ranged: boolean;
	summary: LayerSummary;
}

/**
 * The tag under which a feature's own zoom range ("min-max") travels through geojson-vt, so that the
 * tiles keep the features' order (markers are drawn in it); it is never written to a tile.
 */
const ZOOMS_TAG = '__nt_tile_zooms';

function prepareLayer(layer: LayerInput, options: BuildTilesOptions, extent: number, buffer: number): PreparedLayer {
	const minZoom = Math.max(layer.minZoom ?? options.minZoom, options.minZoom);
	const maxZoom = Math.min(layer.maxZoom ?? options.maxZoom, options.maxZoom);
	if (minZoom > maxZoom) throw new RangeError(`layer ${layer.name}: zoom range ${minZoom}..${maxZoom} is empty`);

	const fields: Record<string, FieldType> = {};
	const geometryTypes = new Set<string>();
	const features: GeoJSON.Feature[] = [];
	let ranged = false;
	for (const f of layer.features) {
		if (!f.geometry) continue; // nothing to draw
		if (f.properties && ZOOMS_TAG in f.properties) throw new Error(`layer ${layer.name}: the property name ${ZOOMS_TAG} is reserved`);
		const zooms = layer.featureZooms?.(f);
		const from = Math.max(zooms?.minZoom ?? minZoom, minZoom);
		const to = Math.min(zooms?.maxZoom ?? maxZoom, maxZoom);
		if (from > to) continue; // drawn at none of the layer's zooms
		geometryTypes.add(baseGeometryType(f.geometry.type));
		const id = toMvtId(f.id);
		const properties: Record<string, MvtValue> = toMvtProperties(f.properties, fields);
		if (from > minZoom || to < maxZoom) {
			properties[ZOOMS_TAG] = `${from}-${to}`;
			ranged = true;
		}
		features.push({ type: 'Feature', ...(id !== undefined ? { id } : {}), geometry: f.geometry, properties });
	}
	const geometryType =
		geometryTypes.size === 0 ? 'Unknown' : geometryTypes.size === 1 ? [...geometryTypes][0]! : 'Mixed';

	// geojson-vt skips simplification on its maxZoom, so that must be the layer's own last zoom.
	const index = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom, extent, buffer });
	return {
		name: layer.name,
		minZoom,
		maxZoom,
		index,
		ranged,
		summary: { name: layer.name, features: features.length, geometryType, fields }
	};
}

/** A layer's tile at z/x/y without the features whose own zoom range leaves z out; null when empty. */
function layerTile(layer: PreparedLayer, z: number, x: number, y: number): GeoJSONVTTile | null {
	const tile = layer.index.getTile(z, x, y);
	if (!tile || tile.features.length === 0) return null;
	if (!layer.ranged) return tile;
	const features = tile.features.flatMap((f) => {
		const tags = f.tags as Record<string, MvtValue> | null;
		const range = tags?.[ZOOMS_TAG];
		if (range === undefined) return [f];
		const [from, to] = String(range).split('-').map(Number) as [number, number];
		if (z < from || z > to) return [];
		const { [ZOOMS_TAG]: _range, ...own } = tags!;
		return [{ ...f, tags: own }];
	});
	// The same features, some without a tag: geojson-vt types its tile's list as two views of one array.
	return features.length > 0 ? { ...tile, features: features as GeoJSONVTTile['features'] } : null;
}

/** Inclusive x/y tile ranges covering the bounds at zoom z (web mercator, y growing south). */
function tileRange(bounds: BuildTilesOptions['bounds'], z: number): { x0: number; x1: number; y0: number; y1: number } {
	const n = 2 ** z;
	const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v)));
	const lonToX = (lon: number) => ((lon + 180) / 360) * n;
	const latToY = (lat: number) => {
		const r = (lat * Math.PI) / 180;
		return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
	};
	const [w, s, e, north] = bounds;
	return { x0: clamp(lonToX(w)), x1: clamp(lonToX(e)), y0: clamp(latToY(north)), y1: clamp(latToY(s)) };
}

export function buildVectorTiles(layers: LayerInput[], options: BuildTilesOptions): BuildTilesResult {
	const extent = options.extent ?? DEFAULT_EXTENT;
	const buffer = options.buffer ?? DEFAULT_BUFFER;
	if (options.minZoom > options.maxZoom) throw new RangeError(`minZoom ${options.minZoom} > maxZoom ${options.maxZoom}`);
	const names = new Set<string>();
	for (const l of layers) {
		if (names.has(l.name)) throw new Error(`layer name ${l.name} used twice`);
		names.add(l.name);
	}
	const prepared = layers.map((l) => prepareLayer(l, options, extent, buffer));

	const tiles: TileEntry[] = [];
	const perZoom: TileStats[] = [];
	let largest = 0;
	for (let z = options.minZoom; z <= options.maxZoom; z++) {
		const active = prepared.filter((l) => z >= l.minZoom && z <= l.maxZoom);
		const stats: TileStats = { z, tiles: 0, totalBytes: 0, maxBytes: 0 };
		perZoom.push(stats);
		if (active.length === 0) continue;
		const { x0, x1, y0, y1 } = tileRange(options.bounds, z);
		for (let x = x0; x <= x1; x++) {
			for (let y = y0; y <= y1; y++) {
				const content: Record<string, GeoJSONVTTile> = {};
				let any = false;
				for (const layer of active) {
					const tile = layerTile(layer, z, x, y);
					if (tile) {
						content[layer.name] = tile;
						any = true;
					}
				}
				if (!any) continue;
				const data = gzipSync(fromGeojsonVt(content, { version: MVT_VERSION, extent }));
				if (data.length > options.maxTileBytes) {
					throw new Error(`tile ${z}/${x}/${y} is ${data.length} bytes gzipped, over the limit of ${options.maxTileBytes}`);
				}
				tiles.push({ z, x, y, data });
				stats.tiles++;
				stats.totalBytes += data.length;
				stats.maxBytes = Math.max(stats.maxBytes, data.length);
				largest = Math.max(largest, data.length);
			}
		}
	}
	return { tiles, perZoom, layers: prepared.map((l) => l.summary), maxTileBytes: largest };
}
