/**
 * Types of the geodata API's answers for the browser, derived from the response schemas the server's
 * route definitions (and its OpenAPI document) use. Type-only: importing this adds nothing to a bundle.
 */
import type { z } from 'zod';
import type * as S from './schemas.ts';

/** Every error under /api: `{ error, detail, parameter? }`, and `fields` for a refused form */
export type ErrorResponse = z.infer<typeof S.ErrorSchema>;
export type Source = z.infer<typeof S.SourceSchema>;
export type SourceLine = z.infer<typeof S.SourceLineSchema>;

export type FeatureProperties = z.infer<typeof S.FeaturePropertiesSchema>;
export type Feature = z.infer<typeof S.FeatureSchema>;
export type ApiFeature = Feature;
/** One page of `/api/features` */
export type FeatureCollection = z.infer<typeof S.FeaturePageSchema>;
export type FeaturesResponse = FeatureCollection;
/** `/api/features/{id}` */
export type FeatureResponse = z.infer<typeof S.FeatureResponseSchema>;
/** A railway station or stop near a place, as /api/nearest and /api/features/{id} name it */
export type NearbyStop = z.infer<typeof S.AccessPointSchema>;
/** `/api/nearest` */
export type NearestResponse = z.infer<typeof S.NearestResponseSchema>;
export type SearchHit = z.infer<typeof S.SearchHitSchema>;
/** `/api/search` */
export type SearchResponse = z.infer<typeof S.SearchResponseSchema>;
export type RegionSummary = z.infer<typeof S.RegionSummarySchema>;
/** `/api/regions` */
export type RegionsResponse = z.infer<typeof S.RegionsResponseSchema>;
/** `/api/regions/{ags}` */
export type RegionResponse = z.infer<typeof S.RegionResponseSchema>;
export type GoalIndicator = z.infer<typeof S.GoalIndicatorSchema>;
/** `/api/goals` */
export type GoalsResponse = z.infer<typeof S.GoalsResponseSchema>;
export type ThemeEntry = z.infer<typeof S.ThemeEntrySchema>;
/** `/api/themes` */
export type ThemesResponse = z.infer<typeof S.ThemesResponseSchema>;
/** `/api/health` */
export type HealthResponse = z.infer<typeof S.HealthResponseSchema>;
/** `/api/live/{theme}` */
export type LiveThemeResponse = z.infer<typeof S.LiveThemeResponseSchema>;
/** `/api/planning/broadband` (available=false without imported municipality files) */
export type PlanningBroadbandResponse = z.infer<typeof S.PlanningBroadbandResponseSchema>;
export type PlanningBroadbandView = Extract<PlanningBroadbandResponse, { available: true }>;
export type PlanningMunicipality = z.infer<typeof S.PlanningMunicipalitySchema>;
export type PlanningDistrict = z.infer<typeof S.PlanningDistrictSchema>;
/** `/api/planning/broadband/shapes` */
export type PlanningShapesResponse = z.infer<typeof S.PlanningShapesResponseSchema>;
/** `/tiles/{archive}.json` */
export type TileJson = z.infer<typeof S.TileJsonSchema>;
/** `POST /api/inquiries` */
export type InquiryResponse = z.infer<typeof S.InquiryCreatedSchema>;
