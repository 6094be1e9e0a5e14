/**
 * The shapes of the public API's answers as the browser reads them. Types only, no code: the route
 * definitions on the server are the source of these shapes, and this file follows them.
 */
import type { I18nText, Provenance, SearchHit } from '../data/model.ts';
import type { GoalsView } from '../server/api/goals-view.ts';

/** Every error under /api: `{ error, detail, parameter? }` (see src/lib/server/api/errors.ts). */
export interface ErrorResponse {
	error: string;
	detail: string;
	parameter?: string;
	/** per-field problems of a refused write, in both languages */
	fields?: { field: string; code?: string; message?: I18nText }[];
}

/** GET /api/search */
export interface SearchResponse {
	query: string;
	results: SearchHit[];
}

/** A railway station or stop near a place, as /api/nearest and /api/features/{id} name it. */
export interface NearbyStop {
	id: string;
	name: string;
	category: string | null;
	distance_km: number;
	lon: number;
	lat: number;
}

/** GET /api/nearest */
export interface NearestResponse {
	lon: number;
	lat: number;
	nearest_station: NearbyStop | null;
	nearest_stop: NearbyStop | null;
}

/** One GeoJSON feature with its readable properties. */
export interface ApiFeature {
	type: 'Feature';
	id: string;
	geometry: GeoJSON.Geometry;
	properties: Record<string, unknown>;
}

/** GET /api/features/{id}: the feature, how to get there (point features) and its source. */
export interface FeatureResponse extends ApiFeature {
	properties: Record<string, unknown> & Partial<Pick<NearestResponse, 'nearest_station' | 'nearest_stop'>>;
	source: Provenance | null;
}

/** GET /api/features: one page of a theme's features. */
export interface FeaturesResponse {
	type: 'FeatureCollection';
	theme: string;
	total: number;
	returned: number;
	next_cursor: string | null;
	attribution: string[];
	features: ApiFeature[];
}

/** GET /api/regions/{ags} */
export interface RegionResponse {
	ags: string;
	level: string;
	name: string;
	bez: string | null;
	boundary_editions: { edition: string; name: string; label_point: [number, number]; bbox: [number, number, number, number]; geometry?: GeoJSON.Geometry }[];
	stats: { key: string; value: number; as_of: string; source_id: string }[];
	broadband: { audience: string; as_of: string; metric: string; value: number | null; source_id: string; method?: string | null }[];
	indicators: { code: string; year: number; value: number }[];
	sources: Provenance[];
}

/** GET /api/goals */
export type GoalsResponse = GoalsView & { official_sources: boolean; csv_format: I18nText };

/** GET /api/live/{theme}: the back office's published entries of a theme. */
export interface LiveThemeResponse {
	type: 'FeatureCollection';
	theme: string;
	content_version: string;
	overridden: string[];
	attribution: string[];
	features: GeoJSON.Feature[];
}

/** POST /api/inquiries (201) */
export interface InquiryResponse {
	ok: true;
	id: number;
}
