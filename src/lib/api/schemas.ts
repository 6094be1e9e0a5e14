/**
 * The shapes of the geodata API's JSON answers, as zod schemas. The server's route definitions use
 * them for its OpenAPI document (src/lib/server/api/routes); the browser gets their types from
 * ./types.ts. Plain zod only, so that nothing of the server ends up in the browser bundle.
 */
import { z } from 'zod';

export const I18nTextSchema = z.object({ de: z.string(), en: z.string() });

/** `{ error, detail, parameter? }`: every refusal and failure of the API. */
export const ErrorSchema = z
	.object({
		error: z.string().meta({ description: 'machine-readable code, e.g. invalid_parameter, not_found, unknown_theme, rate_limited' }),
		detail: z.string().meta({ description: 'what is wrong, in plain words' }),
		parameter: z.string().optional().meta({ description: 'the parameter or header that caused it' }),
		fields: z
			.array(z.object({ field: z.string(), code: z.string(), message: I18nTextSchema, suggestion: z.string().optional().meta({ description: 'the value that would be accepted instead, where there is one' }) }))
			.optional()
			.meta({ description: 'a refused form or entry (422): every field with its problem, in German and English' })
	})
	.meta({ id: 'Error', description: 'Error' });

/** A dataset the answer was made from, with the attribution to show. */
export const SourceSchema = z.object({
	id: z.string(),
	title: I18nTextSchema,
	publisher: z.string(),
	edition: z.string(),
	licence: z.string(),
	attribution: z.string(),
	url: z.string().optional(),
	derivation: z.string().optional(),
	en: z
		.object({ attribution: z.string().optional(), licence: z.string().optional(), edition: z.string().optional() })
		.optional()
		.meta({ description: "English forms of the project's own wording (compilations, editorial text); answers with lang resolve them" })
});

/** The short form of a source next to a computed figure. */
export const SourceLineSchema = SourceSchema.pick({ id: true, title: true, attribution: true, edition: true, licence: true });

const isGeometry = (v: unknown): v is GeoJSON.Geometry => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
export const GeometrySchema = z.custom<GeoJSON.Geometry>(isGeometry).meta({ type: 'object', description: 'GeoJSON geometry (WGS84)' });

/**
 * A feature's properties: the fields every feature has, plus the theme's own fields (see
 * /api/themes → fields), computed facts of commercial sites and, for one feature, its access.
 */
export const FeaturePropertiesSchema = z.looseObject({
	id: z.string(),
	theme: z.string(),
	name: z.string(),
	category: z.string().nullable(),
	municipality: z.string().nullable(),
	ags_municipality: z.string().nullable(),
	district: z.string().nullable(),
	ags_district: z.string().nullable(),
	approx: z.boolean().meta({ description: 'position is approximate (shown as "Lage ungefähr")' }),
	source: z.looseObject({ id: z.string() })
});

export const FeatureSchema = z.object({
	type: z.literal('Feature'),
	id: z.string(),
	geometry: GeometrySchema,
	properties: FeaturePropertiesSchema
});

/** One page of a theme's features (`/api/features`). */
export const FeaturePageSchema = z.object({
	type: z.literal('FeatureCollection'),
	theme: z.string(),
	total: z.number().int().meta({ description: 'features matching the query on all pages' }),
	returned: z.number().int(),
	next_cursor: z.string().nullable().meta({ description: 'pass as cursor for the next page; null on the last page' }),
	attribution: z.array(z.string()),
	features: z.array(FeatureSchema)
});

/** Nearest railway station or bus/tram stop. */
export const AccessPointSchema = z.object({
	id: z.string(),
	name: z.string(),
	category: z.string().nullable(),
	distance_km: z.number(),
	lon: z.number(),
	lat: z.number()
});

const AccessSchema = {
	nearest_station: AccessPointSchema.nullable(),
	nearest_stop: AccessPointSchema.nullable()
};

/** One feature with district, municipality, access and its source (`/api/features/{id}`). */
export const FeatureResponseSchema = z.object({
	type: z.literal('Feature'),
	id: z.string(),
	geometry: GeometrySchema,
	properties: FeaturePropertiesSchema.extend({ nearest_station: AccessPointSchema.nullable().optional(), nearest_stop: AccessPointSchema.nullable().optional() }),
	source: SourceSchema.nullable()
});

export const NearestResponseSchema = z.object({ lon: z.number(), lat: z.number(), ...AccessSchema });

export const SearchHitSchema = z.object({
	ref: z.string().meta({ description: 'feature id, region code or place reference' }),
	kind: z.string(),
	label: z.string(),
	detail: z.string(),
	lon: z.number(),
	lat: z.number(),
	theme: z.string().nullable()
});

export const SearchResponseSchema = z.object({ query: z.string(), results: z.array(SearchHitSchema) });

const BBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]).meta({ description: 'west, south, east, north' });
const PointSchema = z.tuple([z.number(), z.number()]).meta({ description: 'longitude, latitude' });

export const RegionSummarySchema = z.object({
	ags: z.string(),
	level: z.string(),
	name: z.string(),
	bez: z.string().nullable(),
	ags_district: z.string().nullable(),
	boundary_edition: z.string(),
	label_point: PointSchema,
	bbox: BBoxSchema
});

export const RegionsResponseSchema = z.object({ regions: z.array(RegionSummarySchema) });

export const BroadbandFigureSchema = z.object({
	audience: z.string(),
	as_of: z.string(),
	metric: z.string(),
	value: z.number().nullable(),
	source_id: z.string(),
	method: z.string().nullable().optional().meta({ description: 'how a value on today\'s boundaries was obtained (imported files only)' })
});

/** A district or municipality with its figures (`/api/regions/{ags}`). */
export const RegionResponseSchema = z.object({
	ags: z.string(),
	level: z.string(),
	name: z.string(),
	bez: z.string().nullable(),
	boundary_editions: z.array(z.object({ edition: z.string(), name: z.string(), label_point: PointSchema, bbox: BBoxSchema, geometry: GeometrySchema.optional() })),
	stats: z.array(z.object({ key: z.string(), value: z.number(), as_of: z.string(), source_id: z.string() })),
	broadband: z.array(BroadbandFigureSchema),
	indicators: z.array(z.object({ code: z.string(), year: z.number(), value: z.number(), label: z.string(), source_id: z.string() })),
	sources: z.array(SourceSchema)
});

const GoalPointSchema = z.object({ year: z.number(), value: z.number() });

export const GoalIndicatorSchema = z.object({
	code: z.string(),
	label: I18nTextSchema,
	unit: I18nTextSchema,
	better: z.enum(['higher', 'lower']),
	kind: z.enum(['rate', 'count']),
	official_source: I18nTextSchema,
	status: z.enum(['data', 'no_data']),
	series: z.string().nullable(),
	official_series: z.boolean(),
	csv_code: z.string().nullable(),
	source_ids: z.array(z.string()),
	districts: z.array(
		z.object({
			ags: z.string(),
			name: z.string(),
			points: z.array(GoalPointSchema),
			change: z.object({
				baseline: GoalPointSchema.nullable(),
				latest: GoalPointSchema.nullable(),
				change: z.number().nullable(),
				direction: z.enum(['up', 'down', 'flat']).nullable(),
				good: z.boolean().nullable(),
				reason: z.enum(['no_data', 'no_baseline', 'no_newer_year']).nullable()
			})
		})
	),
	references: z.array(z.object({ ags: z.string(), name: I18nTextSchema, points: z.array(GoalPointSchema) }))
});

/** The region's goals with the districts' series (`/api/goals`). */
export const GoalsResponseSchema = z.object({
	baseline_year: z.number(),
	goals: z.array(z.object({ id: z.string(), title: I18nTextSchema, indicators: z.array(GoalIndicatorSchema) })),
	sources: z.array(SourceSchema),
	official_sources: z.boolean(),
	csv_format: I18nTextSchema.meta({ description: 'how data maintainers add a missing series' })
});

/** Colour classes of a choropleth (src/lib/map/classes.ts). */
export const ClassesSchema = z.object({
	method: z.enum(['distinct', 'quantile']),
	classes: z.array(z.object({ from: z.number(), to: z.number(), color: z.string(), count: z.number().int() }))
});

/** A theme of the registry with what the data holds for it (`/api/themes`). */
export const ThemeEntrySchema = z.looseObject({
	id: z.string(),
	title: I18nTextSchema,
	fields: z.array(z.looseObject({ key: z.string() })),
	feature_count: z.number().int(),
	empty: z.boolean(),
	category_counts: z.record(z.string(), z.number()),
	editions: z.array(z.object({ level: z.string(), asOf: z.string() })).optional(),
	area: z.object({ regions: z.number(), of: z.number(), as_of: z.string() }).nullable().optional(),
	start_classes: z
		.record(z.string(), z.record(z.string(), ClassesSchema))
		.optional()
		.meta({ description: 'colour classes of the values over all areas of the region, by level and value property (the map’s start view)' }),
	sources: z.array(SourceSchema)
});

export const ThemesResponseSchema = z.object({
	data_version: z.string().optional(),
	built_at: z.string().optional(),
	official_sources: z.boolean(),
	presets: z.array(z.looseObject({ id: z.string() })),
	common_fields: z.array(z.looseObject({ key: z.string() })),
	themes: z.array(ThemeEntrySchema)
});

export const HealthResponseSchema = z.object({
	status: z.enum(['ok', 'degraded']),
	data_version: z.string().nullable(),
	built_at: z.string().nullable(),
	official_sources: z.boolean(),
	database: z.object({ ok: z.boolean(), error: z.string().nullable().optional(), damaged_rows: z.array(z.object({ id: z.string(), problem: z.string() })).optional() }),
	archives: z.array(
		z.object({
			name: z.string().nullable(),
			ok: z.boolean(),
			bytes: z.number().optional(),
			version: z.string().nullable().optional(),
			etag: z.string().nullable().optional(),
			error: z.string().optional()
		})
	)
});

/** Published back-office entries of a theme, drawn over the tiles (`/api/live/{theme}`). */
export const LiveThemeResponseSchema = z.object({
	type: z.literal('FeatureCollection'),
	theme: z.string(),
	content_version: z.string().meta({ description: 'changes with every published edit' }),
	overridden: z.array(z.string()).meta({ description: 'ids of built features these entries replace or remove' }),
	attribution: z.array(z.string()),
	features: z.array(
		z
			.custom<GeoJSON.Feature>((v) => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Feature')
			.meta({ type: 'object', description: 'GeoJSON Feature with the entry\'s fields as properties' })
	)
});

const LabelledSchema = z.object({ key: z.string(), label: I18nTextSchema });

const AggregateFields = {
	value: z.number().nullable().meta({ description: 'population-weighted share in %' }),
	population: z.number(),
	not_covered_population: z.number(),
	municipalities: z.number().int(),
	with_value: z.number().int(),
	not_covered: z.number().nullable(),
	compare_value: z.number().nullable(),
	change_pp: z.number().nullable()
};

export const PlanningMunicipalitySchema = z.object({
	ags: z.string(),
	name: z.string(),
	ags_district: z.string(),
	district: z.string(),
	population: z.number().nullable(),
	value: z.number().nullable(),
	not_covered: z.number().nullable(),
	not_covered_population: z.number().nullable(),
	method: z.string().nullable(),
	reason: z.string().nullable(),
	from: z.string(),
	source_id: z.string().nullable(),
	compare_value: z.number().nullable(),
	compare_method: z.string().nullable(),
	change_pp: z.number().nullable(),
	rank_district: z.number().nullable(),
	rank_region: z.number().nullable()
});

export const PlanningDistrictSchema = z.object({
	ags: z.string(),
	name: z.string(),
	...AggregateFields,
	published_value: z.number().nullable(),
	published_source: SourceLineSchema.nullable(),
	series: z.array(z.object({ edition: z.string(), value: z.number().nullable(), published: z.number().nullable() }))
});

/** Broadband gaps per municipality and district for one selection (`/api/planning/broadband`). */
export const PlanningBroadbandResponseSchema = z.discriminatedUnion('available', [
	z.object({
		available: z.literal(false).meta({ description: 'no municipality files imported' }),
		audiences: z.array(z.string()),
		editions: z.array(z.string()),
		districts: z.array(z.object({ ags: z.string(), name: z.string() }))
	}),
	z.object({
		available: z.literal(true),
		audience: z.enum(['private', 'business']),
		audiences: z.array(z.string()),
		edition: z.string(),
		compare: z.string().nullable(),
		metric: z.string(),
		metric_label: I18nTextSchema,
		editions: z.array(z.string()),
		metrics: z.array(LabelledSchema),
		funding_views: z.array(z.object({ id: z.string(), metric: z.string(), label: I18nTextSchema })),
		boundary: z.object({ edition: z.string(), source: SourceLineSchema.nullable(), converted: z.number().int() }),
		population_source: SourceLineSchema.nullable(),
		municipalities: z.array(PlanningMunicipalitySchema),
		districts: z.array(PlanningDistrictSchema),
		region: z.object(AggregateFields),
		summary: I18nTextSchema,
		summary_lang: z.enum(['de', 'en']),
		sources: z.array(SourceLineSchema)
	})
]);

/** Outlines of the planner's municipalities (`/api/planning/broadband/shapes`). */
export const PlanningShapesResponseSchema = z.object({
	type: z.literal('FeatureCollection'),
	boundary_edition: z.string().nullable(),
	attribution: z.array(z.string()),
	features: z.array(
		z.object({
			type: z.literal('Feature'),
			id: z.string(),
			geometry: GeometrySchema,
			properties: z.object({ ags: z.string(), name: z.string(), ags_district: z.string() })
		})
	)
});

export const TileJsonSchema = z.object({
	tilejson: z.literal('3.0.0'),
	name: z.unknown(),
	version: z.string(),
	attribution: z.unknown(),
	vector_layers: z.unknown(),
	tiles: z.array(z.string()),
	minzoom: z.number(),
	maxzoom: z.number(),
	bounds: BBoxSchema,
	center: z.tuple([z.number(), z.number(), z.number()])
});

export const InquiryCreatedSchema = z.object({ ok: z.literal(true), id: z.number().int().optional() });
