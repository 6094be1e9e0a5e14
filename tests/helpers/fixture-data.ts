/**
 * A small, entirely synthetic data set for the API tests, built with the project's own writers
 * (writeDatabase, buildVectorTiles, writePMTiles) into a fresh temporary folder.
 *
 * Nothing here is real: every name is an obvious invention ("Fixture Site Alpha", "Roßfixture") and
 * everything lies in the Gulf of Guinea around lon 0.5 / lat 0.5, far from Thuringia, under the
 * district code 99001, which no real German district has. Positions are chosen so that distances
 * can be checked by hand: along a meridian 0.01° = 6371.0088 km · π/180 · 0.01 = 1.11195 km
 * (turf's mean Earth radius 6371008.8 m).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Provenance } from '../../src/lib/data/model.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';
import { writeDatabase } from '../../scripts/lib/database.ts';
import type { RegionRow, RegionStat } from '../../scripts/lib/database.ts';
import type { BuiltFeature } from '../../scripts/lib/theme-features.ts';
import { choroplethStartClasses } from '../../scripts/lib/theme-features.ts';
import { buildVectorTiles } from '../../scripts/lib/vector-tiles.ts';
import { writePMTiles } from '../../scripts/lib/pmtiles-writer.ts';
import type { TileEntry } from '../../scripts/lib/pmtiles-writer.ts';

export const FIXTURE_ARCHIVE = 'standortkarte';
export const SECRET_TEXT = 'fixture secret: must never be served\n';
export const FIXTURE_VERSION = 'fixture-v1';
export const FIXTURE_MIN_ZOOM = 5;
export const FIXTURE_MAX_ZOOM = 12;
export const FIXTURE_BOUNDS: [number, number, number, number] = [0.3, 0.3, 0.7, 0.7];

export const DISTRICT = { ags: '99001', name: 'Fixturekreis' } as const;
export const MUNICIPALITY = { ags: '99001001', name: 'Testburg Großfixture' } as const;

const provenance = (id: string, title: string): Provenance => ({
	id,
	title: { de: `${title} (Testdaten)`, en: `${title} (test data)` },
	publisher: 'Test suite',
	edition: '2099-01',
	licence: 'CC0-1.0',
	attribution: `Hand-written test fixture: ${title}`,
	derivation: 'Hand-written test fixture'
});

export const SOURCES = {
	sites: provenance('fixture-sites', 'sites'),
	transport: provenance('fixture-transport', 'transport'),
	sights: provenance('fixture-sights', 'sights'),
	places: provenance('fixture-places', 'places'),
	boundaries: provenance('fixture-boundaries', 'boundaries')
} as const;

const where = {
	ags_district: DISTRICT.ags,
	district: DISTRICT.name,
	ags_municipality: MUNICIPALITY.ags,
	municipality: MUNICIPALITY.name
};

type Props = Record<string, unknown>;
type FixtureFeature = Omit<BuiltFeature, 'fid'>;

function point(theme: ThemeId, id: string, name: string, category: string, lon: number, lat: number, sourceId: string, props: Props = {}, approx = false): FixtureFeature {
	return {
		id,
		theme,
		category,
		name,
		geometry: { type: 'Point', coordinates: [lon, lat] },
		props: { id, name, ...where, ...props, ...(approx ? { approx: true } : {}) },
		approx,
		sourceId
	};
}

const GREEK = [
	'Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa', 'Lambda', 'My',
	'Ny', 'Xi', 'Omikron', 'Pi', 'Rho', 'Sigma', 'Tau', 'Ypsilon', 'Phi', 'Chi', 'Psi', 'Omega'
] as const;

/**
 * 25 gewerbe features: 24 "Fixture Site <Greek letter>" (index i = 1…24) plus "Mühlfixture
 * Gewerbepark". Site i has gross_area_ha = 5·i and free_area_ha = i, except Psi (23) and Omega (24),
 * which are research sites without areas. Gamma (3) is the one site in the Kali region. Beta (2) keeps
 * its source line in German only, Gamma in English only.
 * Alpha (1) lies exactly at lon 0.5, lat 0.5; the others on a grid west of lon 0.46.
 */
function gewerbe(): FixtureFeature[] {
	return GREEK.map((letter, k) => {
		const i = k + 1;
		const research = i >= 23;
		const kali = i === 3;
		// integer hundredths, so coordinates stay exact decimals (0.39, not 0.38999999999999996)
		const lon = i === 1 ? 0.5 : (35 + 2 * (i % 5)) / 100;
		const lat = i === 1 ? 0.5 : (35 + 2 * Math.floor(i / 5)) / 100;
		const props: Props = research ? {} : { gross_area_ha: 5 * i, free_area_ha: i, kali_region: kali, companies: i * 2 };
		// Source lines kept in one language only: Beta's in German, Gamma's in English (as the curated facts write theirs).
		if (i === 2) props.source = 'Fixture-Quellenzeile, nur deutsch';
		if (i === 3) props.source_en = 'Fixture source line, English only';
		return point('gewerbe', `site:fixture-${letter.toLowerCase()}`, `Fixture Site ${letter}`, research ? 'research' : kali ? 'kali_site' : 'commercial_area', lon, lat, SOURCES.sites.id, props);
	}).concat([
		point('gewerbe', 'site:muehlfixture-gewerbepark', 'Mühlfixture Gewerbepark', 'commercial_area', 0.64, 0.66, SOURCES.sites.id, {
			gross_area_ha: 200,
			free_area_ha: 0,
			kali_region: false
		})
	]);
}

/**
 * Transport around Fixture Site Alpha (0.5, 0.5):
 * - station "Fixture Central" at (0.5, 0.51): 1.11 km north of Alpha
 * - station "Fixture North" at (0.5, 0.56): 5.56 km north of Alpha, 4.45 km north of Central
 * - bus stop "Fixture Alpha Gate" at (0.5, 0.505): 0.56 km north of Alpha, 0.56 km south of Central
 * - tram stop "Fixture Tram Loop" at (0.52, 0.5): 2.22 km east of Alpha
 * - bus stop "Mühlfixture" at (0.65, 0.65): far away in the north-east, next to the Mühlfixture park
 */
function verkehr(): FixtureFeature[] {
	const s = SOURCES.transport.id;
	return [
		point('verkehr', 'station:fixture-central', 'Fixture Central', 'station', 0.5, 0.51, s, { products: 'regional', weight: 40 }),
		point('verkehr', 'station:fixture-north', 'Fixture North', 'station', 0.5, 0.56, s, { products: 'regional', weight: 10 }),
		point('verkehr', 'stop:fixture-alpha-gate', 'Fixture Alpha Gate', 'bus', 0.5, 0.505, s, { products: 'bus' }),
		point('verkehr', 'stop:fixture-tram-loop', 'Fixture Tram Loop', 'tram', 0.52, 0.5, s, { products: 'tram' }),
		point('verkehr', 'stop:muehlfixture', 'Mühlfixture', 'bus', 0.65, 0.65, s, { products: 'bus' })
	];
}

/** Four sights; "Fixture Lost Cave" has only an approximate position. */
function tourismus(): FixtureFeature[] {
	const s = SOURCES.sights.id;
	return [
		point('tourismus', 'tourism:fixture-castle', 'Fixture Castle', 'castle', 0.45, 0.6, s, { category: 'castle' }),
		point('tourismus', 'tourism:fixture-lost-cave', 'Fixture Lost Cave', 'cave', 0.6, 0.45, s, { category: 'cave' }, true),
		point('tourismus', 'tourism:fixture-museum', 'Fixture Museum', 'museum', 0.55, 0.55, s, { category: 'museum' }),
		point('tourismus', 'tourism:fixturehafen', 'Fixturehafen', 'landmark', 0.62, 0.38, s, { category: 'landmark' })
	];
}

/** Places, among them the ß spelling that search must find from "Rossfixture". */
function wohnen(): FixtureFeature[] {
	const s = SOURCES.places.id;
	return [
		point('wohnen', 'place:rossfixture', 'Roßfixture', 'place', 0.58, 0.42, s, { population: 1234 }),
		point('wohnen', 'place:rossfixture-siedlung', 'Roßfixture Siedlung', 'place', 0.59, 0.43, s, { population: 55 }),
		point('wohnen', 'place:testburg', 'Testburg Großfixture', 'town', 0.48, 0.48, s, { population: 23456 })
	];
}

const square = (w: number, s: number, e: number, n: number): GeoJSON.Polygon => ({
	type: 'Polygon',
	coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]]
});

export const DISTRICT_POLYGON = square(0.32, 0.32, 0.68, 0.68);
export const MUNICIPALITY_POLYGON = square(0.4, 0.4, 0.6, 0.6);

/** Synthetic broadband shares (percent of households) on the fixture district. */
export const BROADBAND = { bb_2021_06_all_50: 88.5, bb_2021_06_all_100: 61.25, bb_2021_06_all_1000: 12.5, bb_2021_06_ftth_1000: 7.75 } as const;

function breitband(): FixtureFeature[] {
	return [
		{
			id: `broadband:district:2016:${DISTRICT.ags}`,
			theme: 'breitband',
			category: 'district',
			name: DISTRICT.name,
			geometry: DISTRICT_POLYGON,
			props: { ags: DISTRICT.ags, name: DISTRICT.name, level: 'district', boundary_edition: '2016', ags_district: DISTRICT.ags, editions: '2021-06', ...BROADBAND },
			approx: false,
			sourceId: SOURCES.boundaries.id
		}
	];
}

/**
 * All features, with fids assigned in an interleaved order (transport and sights between the
 * gewerbe sites) so that a theme's fids have gaps and paging cannot rely on contiguous ids.
 */
export function fixtureFeatures(): BuiltFeature[] {
	const g = gewerbe();
	const rest = [...verkehr(), ...tourismus(), ...wohnen(), ...breitband()];
	const ordered: FixtureFeature[] = [];
	for (let i = 0; i < Math.max(g.length, rest.length); i++) {
		if (g[i]) ordered.push(g[i]!);
		if (rest[i]) ordered.push(rest[i]!);
	}
	// fids start at 10 and step by 3: gaps everywhere, still increasing in insertion order.
	return ordered.map((f, i) => ({ ...f, fid: 10 + 3 * i }));
}

function regions(): RegionRow[] {
	return [
		{
			ags: DISTRICT.ags,
			level: 'district',
			boundaryEdition: '2016',
			name: DISTRICT.name,
			bez: 'Landkreis',
			agsDistrict: DISTRICT.ags,
			labelPoint: [0.5, 0.5],
			geometry: DISTRICT_POLYGON,
			sourceId: SOURCES.boundaries.id
		},
		{
			ags: MUNICIPALITY.ags,
			level: 'municipality',
			boundaryEdition: '2016',
			name: MUNICIPALITY.name,
			bez: 'Stadt',
			agsDistrict: DISTRICT.ags,
			labelPoint: [0.48, 0.48],
			geometry: MUNICIPALITY_POLYGON,
			sourceId: SOURCES.boundaries.id
		},
		{
			ags: '99002',
			level: 'neighbour',
			boundaryEdition: '2016',
			name: 'Nachbarfixture',
			bez: 'Landkreis',
			agsDistrict: '99002',
			labelPoint: [0.8, 0.5],
			geometry: square(0.7, 0.3, 0.9, 0.7),
			sourceId: SOURCES.boundaries.id
		}
	];
}

export const DISTRICT_POPULATION = 77777;

function stats(): RegionStat[] {
	return [
		{ ags: DISTRICT.ags, key: 'population', value: DISTRICT_POPULATION, asOf: '2099-12-31', sourceId: SOURCES.boundaries.id },
		{ ags: DISTRICT.ags, key: 'area_km2', value: 1600, asOf: '2099-12-31', sourceId: SOURCES.boundaries.id }
	];
}

function layerFeature(f: BuiltFeature): GeoJSON.Feature {
	// The same shape scripts/build-data.ts gives tile features: numeric id for hover state.
	return {
		type: 'Feature',
		id: f.fid,
		geometry: f.geometry,
		properties: { ...f.props, fid: f.id, name: f.name, category: f.category, approx: f.approx, source_id: f.sourceId }
	};
}

export interface Fixture {
	dir: string;
	dbFile: string;
	tilesDir: string;
	archiveFile: string;
	archive: Uint8Array;
	tiles: TileEntry[];
	features: BuiltFeature[];
	cleanup(): void;
}

const THEME_LAYERS: ThemeId[] = ['gewerbe', 'breitband', 'verkehr', 'wohnen', 'daseinsvorsorge', 'tourismus'];

/** Builds database and archive into a new temporary folder; call cleanup() when done. */
export function buildFixture(): Fixture {
	const dir = mkdtempSync(path.join(tmpdir(), 'nt-api-fixture-'));
	const dbFile = path.join(dir, 'var', 'fixture.sqlite');
	const tilesDir = path.join(dir, 'tiles');
	const features = fixtureFeatures();

	writeDatabase(dbFile, {
		sources: Object.values(SOURCES),
		features,
		regions: regions(),
		stats: stats(),
		official: null,
		meta: {
			built_at: '2099-01-01T00:00:00.000Z',
			data_version: FIXTURE_VERSION,
			official_sources: 'no',
			broadband_editions: JSON.stringify([{ level: 'district', asOf: '2021-06' }]),
			start_classes: JSON.stringify(choroplethStartClasses(features)),
			region: JSON.stringify({ name: 'Fixture region' })
		}
	});

	const built = buildVectorTiles(
		[
			{ name: 'districts', features: [{ type: 'Feature', id: 1, geometry: DISTRICT_POLYGON, properties: { ags: DISTRICT.ags, name: DISTRICT.name } }] },
			...THEME_LAYERS.map((theme) => ({ name: theme, features: features.filter((f) => f.theme === theme).map(layerFeature) }))
		],
		{ minZoom: FIXTURE_MIN_ZOOM, maxZoom: FIXTURE_MAX_ZOOM, bounds: FIXTURE_BOUNDS, maxTileBytes: 100 * 1024 }
	);
	const archive = writePMTiles(built.tiles, {
		tileType: 'mvt',
		tileCompression: 'gzip',
		minZoom: FIXTURE_MIN_ZOOM,
		maxZoom: FIXTURE_MAX_ZOOM,
		bounds: FIXTURE_BOUNDS,
		center: [0.5, 0.5, 9],
		metadata: {
			name: 'Fixture archive',
			version: FIXTURE_VERSION,
			attribution: 'Hand-written test fixture',
			vector_layers: built.layers.map((l) => ({ id: l.name, fields: l.fields, minzoom: FIXTURE_MIN_ZOOM, maxzoom: FIXTURE_MAX_ZOOM }))
		}
	});
	const archiveFile = path.join(tilesDir, `${FIXTURE_ARCHIVE}.pmtiles`);
	mkdirSync(tilesDir, { recursive: true });
	writeFileSync(archiveFile, archive);
	// Files beside the tiles folder that path-traversal attempts must never reach; secret.pmtiles is
	// a valid archive, so a traversal that got through would be served, not refused as unreadable.
	writeFileSync(path.join(dir, 'secret.txt'), SECRET_TEXT);
	writeFileSync(path.join(dir, 'secret.pmtiles'), archive);

	return { dir, dbFile, tilesDir, archiveFile, archive, tiles: built.tiles, features, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A folder with files that are not what their names claim, for the data-unavailable tests. */
export function buildCorruptData(): { dir: string; dbFile: string; tilesDir: string; cleanup(): void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'nt-api-corrupt-'));
	const tilesDir = path.join(dir, 'tiles');
	const dbFile = path.join(dir, 'broken.sqlite');
	const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
	writeFileSync(dbFile, garbage);
	mkdirSync(tilesDir, { recursive: true });
	writeFileSync(path.join(tilesDir, 'broken.pmtiles'), garbage);
	return { dir, dbFile, tilesDir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
