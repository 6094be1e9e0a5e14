/**
 * Seed files from the curated facts (the file given with --facts or NT_FACTS): tourism highlights,
 * hospitals, commercial sites, research, district headline figures and the region's goals. The
 * product never reads the facts file; only the refresh does, and every entry keeps its source.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { APPROXIMATE_POSITIONS, REGION_DISTRICTS } from '../../src/lib/data/model.ts';
import type { PositionQuality, Provenance, SeedCollection, SeedTable } from '../../src/lib/data/model.ts';
import { pointOnSurface, roundCoords } from '../lib/geo.ts';
import type { Position, RegionIndex, RegionLocation } from '../lib/geo.ts';
import type { MunicipalityProps, PolygonCollection } from './boundaries.ts';
import { DECIMALS } from './boundaries.ts';
import type { PlaceProps } from './places.ts';
import type { SeedPointCollection } from './points.ts';
import {
	BA_STATISTIK,
	BREITBANDATLAS,
	DB_HAFAS_STOPS,
	GEONAMES,
	INKAR,
	KRANKENHAUSVERZEICHNIS,
	NOMINATIM_GEOCODING,
	VG250_2016,
	factsProvenance,
	usedFor
} from './provenance.ts';

// ---- the facts file's shape ---------------------------------------------------------------

// The facts file is written in English, and so are its per-entry source lines. They go into the
// English slot of an entry's source note (`source_en`, the back office's "Quellen (englisch)"), so a
// page in German shows them marked as English text (WCAG 3.1.2) instead of passing them off as German.

const position = z.enum(['exact', 'site', 'stop', 'approx', 'municipality']);
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const ags5 = z.string().regex(/^\d{5}$/);

const FactsSchema = z.object({
	about: z.string(),
	region: z.object({
		name: z.string(),
		districts: z.array(z.object({ ags: ags5, name: z.string(), seat: z.string() })),
		goals_until_2025: z.array(z.object({ id: z.string(), de: z.string(), en: z.string() })),
		fields_of_action: z.record(z.string(), z.array(z.string()))
	}),
	district_figures: z.object({
		note: z.string().optional(),
		broadband_households_pct: z.object({
			source: z.string(),
			rows: z.array(
				z.object({
					ags: ags5,
					as_of: z.string().regex(/^\d{4}-\d{2}$/),
					ge50: z.number().optional(),
					ge100: z.number().optional(),
					ge1000: z.number().optional(),
					ftth_ge1000: z.number().optional()
				})
			)
		}),
		indicators: z.object({
			source: z.string(),
			rows: z.array(z.object({ ags: ags5, indicator: z.string(), goal: z.string(), values: z.record(z.string(), z.number()) })),
			missing: z.string().optional()
		})
	}),
	commercial_sites: z.object({
		note: z.string().optional(),
		rows: z.array(
			z.object({
				name: z.string(),
				municipality: z.string(),
				ags_district: ags5,
				gross_area_ha: z.number().optional(),
				free_area_ha: z.number().optional(),
				companies: z.number().int().optional(),
				jobs: z.number().int().optional(),
				kali_region: z.boolean().optional(),
				position,
				lon: lon.optional(),
				lat: lat.optional(),
				source: z.string()
			})
		)
	}),
	research_and_education: z.object({
		rows: z.array(z.object({ name: z.string(), municipality: z.string(), kind: z.string(), lon, lat, position, source: z.string() }))
	}),
	hospitals: z.object({
		source: z.string(),
		rows: z.array(z.object({ name: z.string(), address: z.string(), operator: z.enum(['public', 'nonprofit', 'private']), lon, lat }))
	}),
	tourism_highlights: z.object({
		note: z.string().optional(),
		rows: z.array(z.object({ name: z.string(), category: z.string(), lon, lat, position }))
	})
});

export type Facts = z.infer<typeof FactsSchema>;

export function readFacts(file: string): Facts {
	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		throw new Error(`facts file ${file}: ${(e as Error).message}`, { cause: e });
	}
	const parsed = FactsSchema.safeParse(raw);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`facts file ${file} does not have the expected shape: ${issues}`);
	}
	return parsed.data;
}

// ---- helpers ------------------------------------------------------------------------------

const GERMAN_LETTERS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/** "Kyffhäuser-Denkmal" → "kyffhaeuser-denkmal": German transliteration, then ASCII words. */
export function slugify(text: string): string {
	return text
		.replace(/[äöüßÄÖÜ]/g, (c) => GERMAN_LETTERS[c] ?? c)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** Hands out `prefix:slug` ids, numbering repeats so that ids stay unique. */
function idMaker(prefix: string): (name: string) => string {
	const used = new Set<string>();
	return (name) => {
		const base = `${prefix}:${slugify(name)}`;
		let id = base;
		for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
		used.add(id);
		return id;
	};
}

/**
 * Finds a municipality by the name the facts use, within one district: an exact name first,
 * otherwise the one name that starts with it followed by a separator ("Artern" →
 * "Artern/Unstrut", "Mühlhausen" → "Mühlhausen/Thüringen"), since names differ between
 * boundary editions.
 */
export function matchMunicipality<F extends { properties: { name: string; ags_district: string } }>(
	municipalities: readonly F[],
	name: string,
	agsDistrict: string
): F {
	const inDistrict = municipalities.filter((m) => m.properties.ags_district === agsDistrict);
	const exact = inDistrict.filter((m) => m.properties.name === name);
	if (exact.length === 1) return exact[0]!;
	const prefixed = inDistrict.filter((m) => m.properties.name.startsWith(name) && /^[\s/\-(,]/.test(m.properties.name.slice(name.length)));
	if (prefixed.length === 1) return prefixed[0]!;
	const found = [...exact, ...prefixed].map((m) => m.properties.name);
	throw new Error(`facts: municipality "${name}" in district ${agsDistrict}: ${found.length ? `ambiguous (${found.join(', ')})` : 'not found'}`);
}

export interface FactLocation {
	ags_municipality: string | null;
	municipality: string | null;
	ags_district: string | null;
	district: string | null;
}

const OUTSIDE: FactLocation = { ags_municipality: null, municipality: null, ags_district: null, district: null };

type FactFeature<P> = GeoJSON.Feature<GeoJSON.Point, P & FactLocation>;

interface FactsContext {
	index: RegionIndex;
	municipalities: PolygonCollection<MunicipalityProps>;
	places: SeedPointCollection<PlaceProps>;
	/** facts that fall outside the three districts (kept, and reported by the caller) */
	outside: string[];
}

function factPoint<P extends { id: string }>(ctx: FactsContext, coords: Position, props: P): FactFeature<P> {
	const geometry = roundCoords<GeoJSON.Point>({ type: 'Point', coordinates: coords }, DECIMALS);
	const location: RegionLocation | null = ctx.index.locate(geometry.coordinates as Position);
	if (!location) ctx.outside.push(props.id);
	return { type: 'Feature', properties: { ...props, ...(location ?? OUTSIDE) }, geometry };
}

const isApprox = (p: PositionQuality) => APPROXIMATE_POSITIONS.has(p);

// ---- tourism, hospitals, research ---------------------------------------------------------

const TOURISM_POSITION_NOTES: Partial<Record<PositionQuality, string>> = {
	site: 'marked point at the place itself (hiking-badge stamp box or similar)',
	stop: 'public-transport stop named after the place',
	approx: 'best known position (Lage ungefähr)'
};

export interface TourismProps {
	id: string;
	name: string;
	category: string;
	position: PositionQuality;
	approx: boolean;
	position_note: string;
	/** the project's own description (data/editorial/sight-descriptions.json), where we wrote one */
	description_de?: string;
	description_en?: string;
	/** names the description as the project's editorial text, in German and in English */
	source?: string;
	source_en?: string;
}

const SightDescriptionsSchema = z.object({
	about: z.string(),
	source_note: z.object({ de: z.string().min(1).max(2000), en: z.string().min(1).max(2000) }).strict(),
	descriptions: z.record(z.string().regex(/^tourism:[a-z0-9-]+$/), z.object({ de: z.string().min(1).max(4000), en: z.string().min(1).max(4000) }).strict())
});
export type SightDescriptions = z.infer<typeof SightDescriptionsSchema>;

/** The descriptions of the built-in sights, written by the project (not part of the facts file). */
export function readSightDescriptions(file: string): SightDescriptions {
	return SightDescriptionsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

function tourism(ctx: FactsContext, facts: Facts, texts: SightDescriptions | null): SeedCollection<TourismProps & FactLocation> {
	const id = idMaker('tourism');
	const fc: SeedCollection<TourismProps & FactLocation> = {
		type: 'FeatureCollection',
		provenance: [
			factsProvenance(
				'facts-tourism',
				{ de: 'Sehenswürdigkeiten und Freizeitziele (kuratiert)', en: 'Sights and leisure destinations (curated)' },
				"tourism_highlights; municipality and district by point-in-polygon against VG250 2016; descriptions: the project's own editorial text (data/editorial/sight-descriptions.json)"
			),
			usedFor(DB_HAFAS_STOPS, "positions of the entries with position 'stop', as given in the facts")
		],
		features: facts.tourism_highlights.rows.map((r) =>
			factPoint(ctx, [r.lon, r.lat], {
				id: id(r.name),
				name: r.name,
				category: r.category,
				position: r.position,
				approx: isApprox(r.position),
				position_note: TOURISM_POSITION_NOTES[r.position] ?? r.position
			})
		)
	};
	if (!texts) return fc;
	const ids = new Set(fc.features.map((f) => f.properties.id));
	const unknown = Object.keys(texts.descriptions).filter((k) => !ids.has(k));
	if (unknown.length) throw new Error(`sight descriptions: not a built-in sight: ${unknown.join(', ')}`);
	for (const f of fc.features) {
		const d = texts.descriptions[f.properties.id];
		if (d) Object.assign(f.properties, { description_de: d.de, description_en: d.en, source: texts.source_note.de, source_en: texts.source_note.en });
	}
	return fc;
}

export interface HospitalProps {
	id: string;
	name: string;
	address: string;
	operator: 'public' | 'nonprofit' | 'private';
	position: PositionQuality;
	approx: boolean;
	/** the facts' source line for this entry, in English (see the facts file's shape) */
	source_en: string;
}

function hospitals(ctx: FactsContext, facts: Facts): SeedCollection<HospitalProps & FactLocation> {
	const id = idMaker('hospital');
	return {
		type: 'FeatureCollection',
		provenance: [KRANKENHAUSVERZEICHNIS, NOMINATIM_GEOCODING],
		features: facts.hospitals.rows.map((r) =>
			factPoint(ctx, [r.lon, r.lat], {
				id: id(r.name),
				name: r.name,
				address: r.address,
				operator: r.operator,
				// geocoded from the street address: a point at the building, not an area
				position: 'exact' as const,
				approx: false,
				source_en: facts.hospitals.source
			})
		)
	};
}

export interface ResearchProps {
	id: string;
	name: string;
	kind: string;
	position: PositionQuality;
	approx: boolean;
	/** the facts' source line for this entry, in English (see the facts file's shape) */
	source_en: string;
}

function research(ctx: FactsContext, facts: Facts): SeedCollection<ResearchProps & FactLocation> {
	const id = idMaker('research');
	return {
		type: 'FeatureCollection',
		provenance: [
			factsProvenance('facts-research', { de: 'Forschung und Bildung (kuratiert)', en: 'Research and education (curated)' }, 'research_and_education'),
			usedFor(DB_HAFAS_STOPS, "positions of the entries with position 'stop', as given in the facts")
		],
		features: facts.research_and_education.rows.map((r) =>
			factPoint(ctx, [r.lon, r.lat], { id: id(r.name), name: r.name, kind: r.kind, position: r.position, approx: isApprox(r.position), source_en: r.source })
		)
	};
}

// ---- commercial sites ---------------------------------------------------------------------

export interface CommercialProps {
	id: string;
	name: string;
	gross_area_ha?: number;
	free_area_ha?: number;
	companies?: number;
	jobs?: number;
	kali_region: boolean;
	position: PositionQuality;
	approx: boolean;
	position_note: string;
	/** the facts' source line for this entry, in English (see the facts file's shape) */
	source_en: string;
}

/**
 * The centre of a municipality: the GeoNames point of the town of that name when it lies in
 * the municipality (the most populous if several match), else a point on the polygon's surface.
 */
export function municipalityCentre(
	municipality: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, MunicipalityProps>,
	factsName: string,
	places: SeedPointCollection<PlaceProps>
): { coords: Position; note: string } {
	const m = municipality.properties;
	const names = new Set([factsName, m.name]);
	const candidates = places.features
		.filter((p) => p.properties.ags_municipality === m.ags && (names.has(p.properties.name) || m.name.startsWith(`${p.properties.name}/`)))
		.sort((a, b) => b.properties.population - a.properties.population);
	const place = candidates[0];
	if (place) {
		return {
			coords: place.geometry.coordinates as Position,
			note: `municipality centre of ${m.name} (${m.ags}): GeoNames place "${place.properties.name}" (${place.properties.geonames_id})`
		};
	}
	return {
		coords: pointOnSurface(municipality),
		note: `municipality centre of ${m.name} (${m.ags}): point on the surface of the VG250 2016 municipality polygon (no GeoNames place of that name inside)`
	};
}

function commercial(ctx: FactsContext, facts: Facts): SeedCollection<CommercialProps & FactLocation> {
	const id = idMaker('commercial');
	const features = facts.commercial_sites.rows.map((r) => {
		let coords: Position;
		let note: string;
		if (r.position === 'municipality') {
			const m = matchMunicipality(ctx.municipalities.features, r.municipality, r.ags_district);
			({ coords, note } = municipalityCentre(m, r.municipality, ctx.places));
		} else {
			if (r.lon === undefined || r.lat === undefined) throw new Error(`facts: commercial site "${r.name}" has position ${r.position} but no lon/lat`);
			coords = [r.lon, r.lat];
			note = r.position === 'stop' ? 'public-transport stop named after the area' : r.position;
		}
		const props: CommercialProps = {
			id: id(r.name),
			name: r.name,
			kali_region: r.kali_region === true,
			position: r.position,
			approx: isApprox(r.position),
			position_note: note,
			source_en: r.source
		};
		if (r.gross_area_ha !== undefined) props.gross_area_ha = r.gross_area_ha;
		if (r.free_area_ha !== undefined) props.free_area_ha = r.free_area_ha;
		if (r.companies !== undefined) props.companies = r.companies;
		if (r.jobs !== undefined) props.jobs = r.jobs;
		const f = factPoint(ctx, coords, props);
		if (f.properties.ags_district !== null && f.properties.ags_district !== r.ags_district) {
			throw new Error(`facts: commercial site "${r.name}" lies in district ${f.properties.ags_district}, the facts say ${r.ags_district}`);
		}
		return f;
	});
	return {
		type: 'FeatureCollection',
		provenance: [
			factsProvenance(
				'facts-commercial',
				{ de: 'Gewerbe- und Industriegebiete (kuratiert)', en: 'Commercial and industrial areas (curated)' },
				"commercial_sites; position 'municipality' placed at the municipality centre (GeoNames place or point on surface)"
			),
			usedFor(GEONAMES, "municipality centres of the sites with position 'municipality' (GeoNames place point)"),
			usedFor(VG250_2016, "municipality matching; point on surface where no GeoNames place fits"),
			usedFor(DB_HAFAS_STOPS, "positions of the sites with position 'stop', as given in the facts")
		],
		features
	};
}

// ---- tables -------------------------------------------------------------------------------

/** Which publisher each indicator comes from, as the facts' source line assigns them. */
const INDICATOR_SOURCES: Record<string, Provenance> = {
	gdp_per_employed_k_eur: INKAR,
	apprentices_per_1000_employees: INKAR,
	training_places_per_100_applicants: INKAR,
	unemployed_annual_avg: BA_STATISTIK,
	employees_at_workplace: BA_STATISTIK
};

export interface DistrictFiguresTable extends SeedTable<Record<string, unknown>> {
	note?: string;
	sources: { broadband: string; indicators: string };
	broadband: Array<Facts['district_figures']['broadband_households_pct']['rows'][number] & { source_id: string; source: string }>;
	indicators: Array<Facts['district_figures']['indicators']['rows'][number] & { source_id: string; source: string }>;
	missing?: string;
}

function districtFigures(facts: Facts): DistrictFiguresTable {
	const bb = facts.district_figures.broadband_households_pct;
	const ind = facts.district_figures.indicators;
	const broadband = bb.rows.map((r) => ({ ...r, source_id: BREITBANDATLAS.id, source: bb.source }));
	const indicators = ind.rows.map((r) => {
		const p = INDICATOR_SOURCES[r.indicator];
		if (!p) throw new Error(`facts: indicator ${r.indicator} has no known source (add it to INDICATOR_SOURCES)`);
		return { ...r, source_id: p.id, source: ind.source };
	});
	const table: DistrictFiguresTable = {
		provenance: [BREITBANDATLAS, INKAR, BA_STATISTIK],
		sources: { broadband: bb.source, indicators: ind.source },
		rows: [...broadband.map((r) => ({ table: 'broadband', ...r })), ...indicators.map((r) => ({ table: 'indicator', ...r }))],
		broadband,
		indicators
	};
	if (facts.district_figures.note) table.note = facts.district_figures.note;
	if (ind.missing) table.missing = ind.missing;
	return table;
}

export interface RegionTable {
	provenance: Provenance;
	name: string;
	districts: Array<{ ags: string; name: string; seat: string; seat_ags: string; seat_municipality: string }>;
	goals_until_2025: Facts['region']['goals_until_2025'];
	fields_of_action: Array<{ name: string; items: string[] }>;
}

function region(ctx: FactsContext, facts: Facts): RegionTable {
	const r = facts.region;
	return {
		provenance: factsProvenance('facts-region', { de: 'Region Nordthüringen: Ziele und Handlungsfelder', en: 'Nordthüringen region: goals and fields of action' }, 'region'),
		name: r.name,
		districts: r.districts.map((d) => {
			const seat = matchMunicipality(ctx.municipalities.features, d.seat, d.ags);
			return { ags: d.ags, name: d.name, seat: d.seat, seat_ags: seat.properties.ags, seat_municipality: seat.properties.name };
		}),
		goals_until_2025: r.goals_until_2025,
		fields_of_action: Object.entries(r.fields_of_action).map(([name, items]) => ({ name, items }))
	};
}

// ---- all of it ----------------------------------------------------------------------------

export interface FactsSeed {
	tourism: SeedCollection<TourismProps & FactLocation>;
	hospitals: SeedCollection<HospitalProps & FactLocation>;
	commercial: SeedCollection<CommercialProps & FactLocation>;
	research: SeedCollection<ResearchProps & FactLocation>;
	districtFigures: DistrictFiguresTable;
	region: RegionTable;
	/** ids of facts outside the three districts (kept in the files) */
	outside: string[];
}

export function buildFactsSeed(
	facts: Facts,
	index: RegionIndex,
	municipalities: PolygonCollection<MunicipalityProps>,
	places: SeedPointCollection<PlaceProps>,
	sightDescriptions: SightDescriptions | null = null
): FactsSeed {
	const known = new Set<string>(REGION_DISTRICTS);
	for (const d of facts.region.districts) if (!known.has(d.ags)) throw new Error(`facts: unknown district ${d.ags}`);
	const ctx: FactsContext = { index, municipalities, places, outside: [] };
	return {
		tourism: tourism(ctx, facts, sightDescriptions),
		hospitals: hospitals(ctx, facts),
		commercial: commercial(ctx, facts),
		research: research(ctx, facts),
		districtFigures: districtFigures(facts),
		region: region(ctx, facts),
		outside: ctx.outside
	};
}
