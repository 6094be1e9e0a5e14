/**
 * VG5000 administrative boundaries (BKG), as published: ESRI shapefiles in Gauß-Krüger (reprojected
 * here to WGS84) or GeoJSON already in WGS84. Only districts and municipalities are read, cut to
 * the region; the names and codes are the edition's current ones.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { ImportError, isRegionAgs, type Provenance } from '../../src/lib/data/model.ts';
import { readJson, readText } from './source-file.ts';

export interface BoundaryProps {
	ags: string;
	name: string;
	/** "Stadt", "Gemeinde", "Landkreis", … */
	bez: string;
	nuts?: string;
	/** YYYY-MM-DD: since when the unit exists in this form */
	beginn?: string;
}

export type BoundaryGeometry = Polygon | MultiPolygon;
export type BoundaryCollection = FeatureCollection<BoundaryGeometry, BoundaryProps>;

export interface Vg5000Result {
	source: Provenance & { file: string };
	districts: BoundaryCollection;
	municipalities: BoundaryCollection;
	warnings: string[];
}

export interface Vg5000Options {
	/** which units to keep; default: the region's */
	filter?: (ags: string) => boolean;
}

/** DHDN datum shift used for the Gauß-Krüger zones (the standard EPSG:31467 definition). */
const DHDN_TOWGS84 = '598.1,73.7,418.2,0.202,0.045,-2.455,6.7';

/** GeoJSON from the shapefile is rounded to ~0.1 m, the precision of the published GeoJSON. */
const DECIMALS = 1e6;

interface Layer {
	kind: 'municipalities' | 'districts';
	/** file name stem in the shapefile set, prefix of the GeoJSON file */
	shp: RegExp;
	geojson: RegExp;
}

const LAYERS: readonly Layer[] = [
	{ kind: 'municipalities', shp: /^VG5000_GEM\.shp$/i, geojson: /^gem_.*\.geojson$/i },
	{ kind: 'districts', shp: /^VG5000_KRS\.shp$/i, geojson: /^krs_.*\.geojson$/i }
];

/** Files of a VG5000 folder the importer knows (used and unused layers of the download). */
export function isVg5000FileName(name: string): boolean {
	return (
		/^VG5000_[A-Z]+\.(shp|shx|dbf|prj|cpg|xml|qix|sbn|sbx)$/i.test(name) ||
		/^(gem|krs)_.*\.geojson$/i.test(name)
	);
}

export function vg5000Edition(dir: string): string {
	const m = /vg5000[-_](\d{4})/i.exec(path.basename(dir));
	if (!m?.[1]) throw new ImportError(dir, 'cannot tell the VG5000 edition: folder name must be vg5000-<YYYY>');
	return m[1];
}

function vg5000Provenance(dir: string, file: string): Provenance & { file: string } {
	const edition = vg5000Edition(dir);
	return {
		id: `vg5000-${edition}`,
		title: {
			de: `Verwaltungsgebiete 1:5 000 000 (VG5000), Stand 1.1.${edition}`,
			en: `Administrative areas 1:5,000,000 (VG5000), as of 1 Jan ${edition}`
		},
		publisher: 'Bundesamt für Kartographie und Geodäsie (BKG)',
		edition,
		licence: 'Datenlizenz Deutschland – Namensnennung 2.0',
		attribution: `© GeoBasis-DE / BKG ${edition}`,
		derivation: `scripts/importers/admin-boundaries.ts from ${file}, cut to the region`,
		file
	};
}

function findFile(dir: string, pattern: RegExp): string | undefined {
	const name = readdirSync(dir).find((f) => pattern.test(f));
	return name === undefined ? undefined : path.join(dir, name);
}

/** Sibling of a .shp with another extension, matching either case as published. */
function sibling(shp: string, ext: string): string | undefined {
	const stem = shp.slice(0, -4);
	return [stem + ext.toLowerCase(), stem + ext.toUpperCase()].find((f) => existsSync(f));
}

/**
 * A projection function to WGS84 from the .prj's WKT. Gauß-Krüger (any zone) on DHDN and plain
 * geographic WGS84 are understood; anything else stops the import rather than misplacing shapes.
 */
export function projectionFromPrj(wkt: string, file: string): ((p: Position) => Position) | null {
	if (/^\s*GEOGCS\[/i.test(wkt) && /WGS.?(19)?84/i.test(wkt)) return null;
	const param = (name: string) => {
		const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.]+)\\]`, 'i').exec(wkt);
		return m?.[1] === undefined ? undefined : Number(m[1]);
	};
	const isGk = /Gauss_Kruger|Transverse_Mercator/i.test(wkt) && /Hauptdreiecksnetz|DHDN|Bessel/i.test(wkt);
	const lon0 = param('Central_Meridian');
	const x0 = param('False_Easting');
	if (!isGk || lon0 === undefined || x0 === undefined) {
		throw new ImportError(file, 'unsupported coordinate system (expected DHDN Gauß-Krüger or WGS84)');
	}
	const k = param('Scale_Factor') ?? 1;
	const y0 = param('False_Northing') ?? 0;
	const lat0 = param('Latitude_Of_Origin') ?? 0;
	const def = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=${y0} +ellps=bessel +towgs84=${DHDN_TOWGS84} +units=m +no_defs`;
	const converter = proj4(def, 'WGS84');
	return (p) => {
		const [x = NaN, y = NaN] = converter.forward([p[0] ?? NaN, p[1] ?? NaN]);
		return [Math.round(x * DECIMALS) / DECIMALS, Math.round(y * DECIMALS) / DECIMALS];
	};
}

function mapGeometry(g: BoundaryGeometry, f: (p: Position) => Position): BoundaryGeometry {
	return g.type === 'Polygon'
		? { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(f)) }
		: { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(f))) };
}

function isBoundaryGeometry(g: unknown): g is BoundaryGeometry {
	const type = (g as { type?: unknown } | null)?.type;
	return type === 'Polygon' || type === 'MultiPolygon';
}

function dateOnly(v: unknown): string | undefined {
	if (v instanceof Date && !Number.isNaN(v.getTime())) {
		// the dbf reader builds dates in local time, so local components give the published day
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
	}
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
	return undefined;
}

function boundaryProps(raw: Record<string, unknown>, file: string, index: number): BoundaryProps {
	const ags = raw['AGS'];
	const name = raw['GEN'];
	if (typeof ags !== 'string' || !/^\d{5}(\d{3})?$/.test(ags)) {
		throw new ImportError(file, `feature ${index + 1}: missing or invalid AGS ${JSON.stringify(ags)}`);
	}
	if (typeof name !== 'string' || name === '') throw new ImportError(file, `feature ${index + 1} (AGS ${ags}): missing GEN`);
	const props: BoundaryProps = { ags, name, bez: typeof raw['BEZ'] === 'string' ? raw['BEZ'] : '' };
	if (typeof raw['NUTS'] === 'string' && raw['NUTS'] !== '') props.nuts = raw['NUTS'];
	const beginn = dateOnly(raw['BEGINN']);
	if (beginn) props.beginn = beginn;
	return props;
}

/** Units split into several records (exclaves, islands) become one MultiPolygon feature. */
function mergeByAgs(features: Feature<BoundaryGeometry, BoundaryProps>[]): BoundaryCollection {
	const byAgs = new Map<string, Feature<BoundaryGeometry, BoundaryProps>>();
	for (const f of features) {
		const prev = byAgs.get(f.properties.ags);
		if (!prev) {
			byAgs.set(f.properties.ags, f);
			continue;
		}
		const polys = (g: BoundaryGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
		prev.geometry = { type: 'MultiPolygon', coordinates: [...polys(prev.geometry), ...polys(f.geometry)] };
	}
	const sorted = [...byAgs.values()].sort((a, b) => a.properties.ags.localeCompare(b.properties.ags));
	return { type: 'FeatureCollection', features: sorted };
}

async function readShapefileLayer(
	shp: string,
	keep: (ags: string) => boolean
): Promise<BoundaryCollection> {
	const dbf = sibling(shp, '.dbf');
	if (!dbf) throw new ImportError(shp, `missing ${path.basename(shp, path.extname(shp))}.dbf (attributes) next to the .shp`);
	const prj = sibling(shp, '.prj');
	if (!prj) throw new ImportError(shp, 'missing .prj: the coordinate system is unknown');
	const project = projectionFromPrj(readText(prj), prj);
	const cpg = sibling(shp, '.cpg');
	// ESRI's default without a .cpg is the ANSI code page.
	const encoding = cpg ? readText(cpg).trim().toLowerCase() || 'windows-1252' : 'windows-1252';
	const features: Feature<BoundaryGeometry, BoundaryProps>[] = [];
	let source: shapefile.Source<Feature<Geometry | null, Record<string, unknown>>>;
	try {
		source = await shapefile.open(shp, dbf, { encoding });
	} catch (e) {
		throw new ImportError(shp, `cannot open shapefile: ${(e as Error).message}`);
	}
	for (let i = 0; ; i++) {
		let result;
		try {
			result = await source.read();
		} catch (e) {
			throw new ImportError(shp, `broken record ${i + 1}: ${(e as Error).message}`);
		}
		if (result.done) break;
		const props = boundaryProps(result.value.properties ?? {}, dbf, i);
		if (!keep(props.ags)) continue;
		const geometry = result.value.geometry;
		if (!isBoundaryGeometry(geometry)) {
			throw new ImportError(shp, `record ${i + 1} (AGS ${props.ags}): expected a polygon, found ${geometry?.type ?? 'no geometry'}`);
		}
		features.push({
			type: 'Feature',
			properties: props,
			geometry: project ? mapGeometry(geometry, project) : geometry
		});
	}
	return mergeByAgs(features);
}

function readGeoJsonLayer(file: string, keep: (ags: string) => boolean): BoundaryCollection {
	const data = readJson(file) as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
	if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
		throw new ImportError(file, 'not a GeoJSON FeatureCollection');
	}
	const crs = data.crs?.properties?.name;
	if (typeof crs === 'string' && !/CRS84|4326/.test(crs)) throw new ImportError(file, `unsupported crs ${crs} (expected WGS84)`);
	const features: Feature<BoundaryGeometry, BoundaryProps>[] = [];
	(data.features as Feature[]).forEach((f, i) => {
		const props = boundaryProps((f?.properties ?? {}) as Record<string, unknown>, file, i);
		if (!keep(props.ags)) return;
		if (!isBoundaryGeometry(f.geometry)) {
			throw new ImportError(file, `feature ${i + 1} (AGS ${props.ags}): expected a polygon`);
		}
		const first = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]?.[0] : f.geometry.coordinates[0]?.[0]?.[0];
		if (!first || Math.abs(first[0] ?? NaN) > 180 || Math.abs(first[1] ?? NaN) > 90) {
			throw new ImportError(file, `feature ${i + 1} (AGS ${props.ags}): coordinates are not longitude/latitude`);
		}
		features.push({ type: 'Feature', properties: props, geometry: f.geometry });
	});
	return mergeByAgs(features);
}

function layerFile(dir: string, layer: Layer, kind: 'shp' | 'geojson'): string | undefined {
	return findFile(dir, layer[kind]);
}

export async function readVg5000Shapefiles(dir: string, options: Vg5000Options = {}): Promise<Vg5000Result> {
	const keep = options.filter ?? isRegionAgs;
	const [gem, krs] = LAYERS.map((l) => layerFile(dir, l, 'shp'));
	if (!gem || !krs) throw new ImportError(dir, 'VG5000_GEM.shp and VG5000_KRS.shp expected');
	return {
		source: vg5000Provenance(dir, `${path.basename(gem)}, ${path.basename(krs)}`),
		municipalities: await readShapefileLayer(gem, keep),
		districts: await readShapefileLayer(krs, keep),
		warnings: []
	};
}

export function readVg5000GeoJson(dir: string, options: Vg5000Options = {}): Vg5000Result {
	const keep = options.filter ?? isRegionAgs;
	const [gem, krs] = LAYERS.map((l) => layerFile(dir, l, 'geojson'));
	if (!gem || !krs) throw new ImportError(dir, 'gem_*.geojson and krs_*.geojson expected');
	return {
		source: vg5000Provenance(dir, `${path.basename(gem)}, ${path.basename(krs)}`),
		municipalities: readGeoJsonLayer(gem, keep),
		districts: readGeoJsonLayer(krs, keep),
		warnings: []
	};
}

/**
 * Reads a VG5000 folder: the shapefiles if present (the complete official product), otherwise the
 * GeoJSON pair. An empty result for the filter is an error: it means the wrong edition or layer.
 */
export async function importVg5000(dir: string, options: Vg5000Options = {}): Promise<Vg5000Result> {
	const hasShapefiles = LAYERS.every((l) => layerFile(dir, l, 'shp'));
	const hasGeoJson = LAYERS.every((l) => layerFile(dir, l, 'geojson'));
	if (!hasShapefiles && !hasGeoJson) {
		throw new ImportError(dir, 'no VG5000 boundaries found (VG5000_GEM/KRS shapefiles or gem_/krs_ GeoJSON)');
	}
	const result = hasShapefiles ? await readVg5000Shapefiles(dir, options) : readVg5000GeoJson(dir, options);
	if (result.districts.features.length === 0 || result.municipalities.features.length === 0) {
		throw new ImportError(dir, 'no districts or municipalities of the region in these boundaries');
	}
	return result;
}
