/**
 * Builds the MapLibre style from the theme registry: base layers (neighbours, districts,
 * municipalities, labels) and one group of layers per theme, plus copies of a theme's layers on a
 * GeoJSON source for back-office edits published since the build (the live overlay). No glyph
 * server and no sprite: labels are drawn locally from the bundled font, markers are circles with a
 * letter, and the one icon (a transparent marker space for label collision) is made by the app.
 */
import type { StyleSpecification, LayerSpecification, ExpressionSpecification, DataDrivenPropertyValueSpecification, SourceSpecification } from 'maplibre-gl';
import { THEMES, lineCategories, markerSpec, themeHasAreas, getTheme, isThemeId } from '../themes/registry.ts';
import type { Theme, ThemeId, MarkerSpec } from '../themes/registry.ts';
import type { Lang } from '../data/model.ts';
import { broadbandProperty } from '../themes/broadband.ts';
import { liveLayerId, liveSourceId } from './live.ts';
import { classColor } from './classes.ts';
import type { Classes } from './classes.ts';
import type { LiveOverlay } from './live.ts';

export const SOURCE_ID = 'nt';
export const FONT = ['Noto Sans'];

/** The broadband values the map colours areas by, with their colour classes when they are known. */
export interface BroadbandSelection {
	edition: string;
	metric: string;
	level: 'district' | 'municipality';
	/** the classes over the whole region (from the data build); fixed steps without */
	classes?: Classes | null;
}

export interface StyleOptions {
	/** e.g. "pmtiles:///tiles/standortkarte.pmtiles" (absolute URL inside) */
	tilesUrl: string;
	lang: Lang;
	visibleThemes: ReadonlySet<ThemeId>;
	/** the theme whose area colours are shown (see activeColouring); the others keep only their points */
	colouring: ThemeId | null;
	broadband: BroadbandSelection;
	attribution: string;
	/** categories that are off by default (Category.defaultOff) and were switched on */
	shownCategories?: ReadonlySet<string>;
	/**
	 * Themes whose layers the style holds (default: all). The main map starts with the visible
	 * themes only and adds a theme's layers when it is switched on: fewer layers, faster start.
	 */
	include?: ReadonlySet<ThemeId>;
	/** back-office edits published since the build: drawn from GeoJSON, their tile features hidden */
	live?: LiveOverlay | null;
	/**
	 * The closest zoom the map has shown so far. Layers needed only from a closer zoom (a dense
	 * theme's own-marker space, MarkerSpec.ownMarkersFrom) are left out until then, so that the map
	 * starts with no more layers than it draws. Unset: all layers.
	 */
	deepestZoom?: number;
}

export const DISTRICT_COLORS: Record<string, string> = {
	'16062': '#3b7a57',
	'16064': '#6b8e23',
	'16065': '#8b6b3b'
};

/**
 * A paint value written per feature although it is the same for all. MapLibre compiles one shader
 * program per combination of constant and per-feature paint properties of a layer type; written
 * alike, the area fills share one program and the lines another. In software WebGL (no GPU) each
 * program costs 100 ms or more at start-up.
 */
export function perFeature(value: string | number): ExpressionSpecification {
	return ['case', ['boolean', ['feature-state', 'hover'], false], value, value] as unknown as ExpressionSpecification;
}

/** A width or radius per feature and zoom (the same at every zoom), like the theme lines' and markers': one shader for all. */
export function zoomWidth(width: ExpressionSpecification): ExpressionSpecification {
	return ['interpolate', ['linear'], ['zoom'], 6, width, 12, width] as unknown as ExpressionSpecification;
}

/** Layer ids that belong to a theme, for toggling visibility without rebuilding the style. */
export function themeLayerIds(theme: Theme): string[] {
	if (theme.geometry === 'polygon') return [`${theme.id}-fill`, `${theme.id}-line`];
	const area = theme.areaFill ? [areaFillLayerId(theme)] : [];
	const clusters = theme.clusterBelowZoom ? [`${theme.id}-cluster`, `${theme.id}-cluster-count`] : [];
	const lines = lineCategories(theme).length ? [themeLineLayerId(theme)] : [];
	const space = markerSpec(theme).ownMarkersFrom !== undefined ? [markerSpaceLayerId(theme)] : [];
	return [...area, ...lines, ...clusters, ...themeShapeLayerIds(theme), `${theme.id}-circle`, `${theme.id}-symbol`, ...space];
}

/** The layer that keeps a dense theme's labels off all of its markers (see MarkerSpec.ownMarkersFrom). */
export function markerSpaceLayerId(theme: Theme): string {
	return `${theme.id}-space`;
}

/** Layer ids that draw a theme's live entries (copies of its tile layers on the live source). */
export function themeLiveLayerIds(theme: Theme): string[] {
	if (theme.geometry === 'polygon') return [`${theme.id}-fill`, `${theme.id}-line`].map(liveLayerId);
	return [...themeShapeLayerIds(theme), `${theme.id}-circle`, `${theme.id}-symbol`].map(liveLayerId);
}

/** The theme a layer of the style belongs to (tile layer or live copy), if any. */
export function themeOfLayer(layerId: string): Theme | undefined {
	return THEMES.find((t) => themeLayerIds(t).includes(layerId) || themeLiveLayerIds(t).includes(layerId));
}

// ---- line categories of point themes (roads, railways, routes from OpenStreetMap) ------------

export function themeLineLayerId(theme: Theme): string {
	return `${theme.id}-lines`;
}

/** Which of a theme's line categories are drawn: all but those off by default and not switched on. */
export function lineFilter(theme: Theme, shown: ReadonlySet<string> = new Set()): ExpressionSpecification {
	const cats = (theme.categories ?? []).filter((c) => c.line && (!c.defaultOff || shown.has(c.value))).map((c) => c.value);
	return ['in', ['get', 'category'], ['literal', cats]];
}

/** Roads, railways and routes of a theme, coloured by category, under its markers. */
export function themeLineLayer(theme: Theme, visibility: 'visible' | 'none', shown?: ReadonlySet<string>): LayerSpecification {
	// MapLibre allows one zoom interpolation per expression: hover and category go inside its stops.
	const hovered = ['boolean', ['feature-state', 'hover'], false];
	const widthAt = (normal: number, hover: number) => ['case', hovered, hover, ['match', ['get', 'category'], 'motorway', normal * 1.8, normal]];
	return {
		id: themeLineLayerId(theme),
		type: 'line',
		source: SOURCE_ID,
		'source-layer': theme.sourceLayer,
		filter: lineFilter(theme, shown),
		layout: { visibility, 'line-cap': 'round', 'line-join': 'round' },
		paint: {
			'line-color': categoryMatch(theme, 'color', theme.color) as DataDrivenPropertyValueSpecification<string>,
			'line-width': ['interpolate', ['linear'], ['zoom'], 7, widthAt(1, 2.5), 13, widthAt(3, 6)] as unknown as ExpressionSpecification,
			'line-opacity': ['match', ['get', 'category'], ['hiking_route', 'cycling_route'], 0.75, 0.9]
		}
	};
}

/** Markers are drawn for points only: a theme's line categories are left to its line layer. */
function pointsOnly(theme: Theme, filter: ExpressionSpecification | undefined): ExpressionSpecification | undefined {
	const cats = lineCategories(theme);
	if (cats.length === 0) return filter;
	const notLine: ExpressionSpecification = ['!', ['in', ['get', 'category'], ['literal', cats]]];
	return filter ? ['all', notLine, filter] : notLine;
}

export function areaFillLayerId(theme: Theme): string {
	return `${theme.id}-area`;
}

/** Whether a theme's layer is drawn: its theme is on, and for area colours it is also the active colouring. */
export function layerVisible(theme: Theme, layerId: string, visible: ReadonlySet<ThemeId>, colouring: ThemeId | null): boolean {
	if (!visible.has(theme.id)) return false;
	const colours = theme.geometry === 'polygon' || layerId === areaFillLayerId(theme);
	return !colours || colouring === theme.id;
}

/** Step colours of a value on a polygon; polygons without the value stay transparent ("no data"). */
export function stepColor(property: string, breaks: number[], colors: string[]): ExpressionSpecification {
	const steps: (string | number)[] = [colors[0]!];
	breaks.slice(1).forEach((b, i) => steps.push(b, colors[i + 1]!));
	return ['case', ['has', property], ['step', ['get', property], ...steps], 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification;
}

function areaFillLayer(theme: Theme, opts: StyleOptions): LayerSpecification {
	const spec = theme.areaFill!;
	return {
		id: areaFillLayerId(theme),
		type: 'fill',
		source: SOURCE_ID,
		'source-layer': spec.sourceLayer,
		filter: ['has', spec.property],
		layout: { visibility: layerVisible(theme, areaFillLayerId(theme), opts.visibleThemes, opts.colouring) ? 'visible' : 'none' },
		paint: {
			'fill-color': stepColor(spec.property, spec.breaks, spec.colors),
			'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.72],
			'fill-outline-color': spec.colors[spec.colors.length - 1]!
		}
	};
}

function categoryMatch(theme: Theme, key: 'color' | 'symbol', fallback: string): ExpressionSpecification | string {
	const cats = theme.categories ?? [];
	if (cats.length === 0 || !theme.categoryField) return fallback;
	const pairs = cats.flatMap((c) => [c.value, (key === 'color' ? c.color : (c.symbol ?? '')) as string]);
	return ['match', ['get', theme.categoryField], ...pairs, fallback] as unknown as ExpressionSpecification;
}

export function choroplethColor(theme: Theme, property: string, classes?: Classes | null): ExpressionSpecification {
	if (classes) return classColor(property, classes);
	const spec = theme.choropleth!;
	return stepColor(property, spec.breaks, spec.colors);
}

/** Defined next to the registry (themes/broadband.ts), where the build names the same properties. */
export { broadbandProperty };

/** The major categories as a `match` label (one value, or a list of them). */
function majorLabel(spec: MarkerSpec): string | string[] {
	return spec.major.length === 1 ? spec.major[0]! : [...spec.major];
}

/** A value per marker size class at one zoom: major categories (stations, towns) and the others. */
function byMajor(spec: MarkerSpec, major: number | string, other: number | string, paint = true): ExpressionSpecification | number | string {
	// Paint per feature even when equal: all marker layers then share one shader program (see perFeature).
	if (spec.major.length === 0 || major === other) return paint ? perFeature(other) : other;
	return ['match', ['get', 'category'], majorLabel(spec), major, other] as unknown as ExpressionSpecification;
}

/** Marker radius from the registry's marker rules (src/lib/themes/registry.ts, markerSpec). */
function pointRadius(theme: Theme): DataDrivenPropertyValueSpecification<number> {
	const spec = markerSpec(theme);
	const [[z0, major0, other0], [z1, major1, other1]] = spec.radius;
	return ['interpolate', ['linear'], ['zoom'], z0, byMajor(spec, major0, other0), z1, byMajor(spec, major1, other1)] as unknown as DataDrivenPropertyValueSpecification<number>;
}

/** Stops are drawn lighter than stations, so the rail network reads first. */
function pointOpacity(theme: Theme): DataDrivenPropertyValueSpecification<number> {
	const spec = markerSpec(theme);
	return byMajor(spec, 0.95, spec.minorOpacity) as DataDrivenPropertyValueSpecification<number>;
}

/**
 * The transparent image a theme's label layer places on every marker: symbols take part in label
 * collision, circles do not, so this is how markers keep other labels off them. MapView registers
 * the image (styleimagemissing); it is MARKER_SPACE_PX wide and scaled to the marker.
 */
export const MARKER_SPACE_IMAGE = 'nt-marker-space';
export const MARKER_SPACE_PX = 32;

/** Size of the theme labels' text from zoom 11 on, where names are drawn. */
const NAME_TEXT_PX = 12;
/** MapLibre's default text-padding: the margin a label keeps from other labels and marker spaces. */
const TEXT_PADDING_PX = 2;
/** How far (in em) a label stands off its marker's point. */
const LABEL_OFFSET_EM = 0.9;

/**
 * A label's distance from its point: 0.9 em, or more for a marker so large that its own marker
 * space (in the theme's own-marker layer) would otherwise push its name away: a station (radius 9
 * and its stroke) needs 1.1 em, so that stations keep their names where every marker keeps labels off.
 */
function labelOffset(theme: Theme): DataDrivenPropertyValueSpecification<number> {
	const spec = markerSpec(theme);
	if (spec.ownMarkersFrom === undefined) return LABEL_OFFSET_EM;
	const [, [, major, other]] = spec.radius;
	const em = (r: number) => Math.max(LABEL_OFFSET_EM, Math.ceil(((r + 1.5 + TEXT_PADDING_PX) / NAME_TEXT_PX) * 10) / 10);
	return byMajor(spec, em(major), em(other), false) as DataDrivenPropertyValueSpecification<number>;
}

/** icon-size that makes the marker-space image cover a marker with its stroke. */
function markerSpaceSize(theme: Theme): DataDrivenPropertyValueSpecification<number> {
	const spec = markerSpec(theme);
	const size = (r: number) => Math.round(((2 * r + 3) / MARKER_SPACE_PX) * 1000) / 1000;
	const [[z0, major0, other0], [z1, major1, other1]] = spec.radius;
	return ['interpolate', ['linear'], ['zoom'], z0, byMajor(spec, size(major0), size(other0), false), z1, byMajor(spec, size(major1), size(other1), false)] as unknown as DataDrivenPropertyValueSpecification<number>;
}

/**
 * A point's label: its letter while zoomed out, its name from the registry's zooms (stations from
 * 12, other stops only from 14, where there is room for them). Between the two the other markers
 * carry no text at all: their names flooded the map, and a letter beside each of hundreds of stops
 * did too.
 */
function pointLabel(theme: Theme): ExpressionSpecification {
	const letter = categoryMatch(theme, 'symbol', '');
	const { major, namesFrom } = markerSpec(theme);
	if (major.length > 0 && namesFrom.major < namesFrom.all) {
		const isMajor: ExpressionSpecification = ['in', ['get', 'category'], ['literal', major]];
		return ['step', ['zoom'], letter, namesFrom.major, ['case', isMajor, ['get', 'name'], ''], namesFrom.all, ['get', 'name']] as unknown as ExpressionSpecification;
	}
	return ['step', ['zoom'], letter, namesFrom.all, ['get', 'name']] as unknown as ExpressionSpecification;
}

/** Hides the tile features the live overlay replaces or removed (none: the filter unchanged). */
export function withoutIds(filter: ExpressionSpecification | undefined, ids: readonly string[] | undefined): ExpressionSpecification | undefined {
	if (!ids || ids.length === 0) return filter;
	const not: ExpressionSpecification = ['!', ['in', ['get', 'fid'], ['literal', [...ids]]]];
	return filter ? ['all', filter, not] : not;
}

const IS_POINT: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const IS_AREA: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];

function allOf(...parts: (ExpressionSpecification | undefined)[]): ExpressionSpecification | undefined {
	const defined = parts.filter((p): p is ExpressionSpecification => p !== undefined);
	if (defined.length <= 1) return defined[0];
	return ['all', ...defined] as ExpressionSpecification;
}

/** Layer ids of a point theme's areas (sites saved as polygons): a fill and its outline. */
export function themeShapeLayerIds(theme: Theme): string[] {
	return themeHasAreas(theme) ? [`${theme.id}-shapes`, `${theme.id}-shapes-outline`] : [];
}

/** The polygon theme's selection (edition, metric, level) as a filter. */
function choroplethFilter(opts: StyleOptions): ExpressionSpecification {
	const property = broadbandProperty(opts.broadband.edition, opts.broadband.metric);
	return ['all', ['==', ['get', 'level'], opts.broadband.level], ['has', property]];
}

/**
 * The filter of any of a theme's layers for the current options: the choropleth selection, the
 * categories shown, clusters, and the ids the live overlay hides. The style builder and the map's
 * updates (MapView: selection changed, categories switched, overlay refreshed) both use it, so a
 * layer's filter never depends on which of them set it last. `live` asks for the filter of the
 * layer's copy on the live source (no clusters there, nothing hidden).
 */
export function themeLayerFilter(theme: Theme, layerId: string, opts: StyleOptions, live = false): ExpressionSpecification | undefined {
	const hidden = live ? undefined : opts.live?.themes[theme.id]?.hidden;
	if (theme.geometry === 'polygon') return withoutIds(choroplethFilter(opts), hidden);
	if (layerId === areaFillLayerId(theme)) return ['has', theme.areaFill!.property];
	if (layerId === themeLineLayerId(theme)) return withoutIds(lineFilter(theme, opts.shownCategories), hidden);
	if (layerId === `${theme.id}-cluster`) return ['==', ['get', 'cluster_z'], ['zoom']];
	if (layerId === `${theme.id}-cluster-count`) return ['all', ['==', ['get', 'cluster_z'], ['zoom']], ['>', ['get', 'point_count'], 1]];
	// Clustered themes carry ready-made cluster points per zoom (cluster_z); their single points of the
	// clustered categories appear from clusterBelowZoom on, the others (e.g. stations) always. Live
	// entries are never clustered: they are drawn at every zoom.
	const clustered: ExpressionSpecification | undefined =
		theme.clusterBelowZoom && !live
			? [
					'all',
					['!', ['has', 'cluster_z']],
					['any', ['in', ['get', 'category'], ['literal', theme.clusterExcept ?? []]], ['==', ['get', 'highlight'], true], ['>=', ['zoom'], theme.clusterBelowZoom]]
				]
			: undefined;
	const shapes = themeShapeLayerIds(theme);
	if (shapes.includes(layerId)) return withoutIds(allOf(IS_AREA, clustered), hidden);
	if (layerId === `${theme.id}-circle`) return withoutIds(allOf(pointsOnly(theme, clustered), shapes.length ? IS_POINT : undefined), hidden);
	return withoutIds(pointsOnly(theme, clustered), hidden);
}

/**
 * The zooms at which some layer of the theme draws a feature of its tiles, by the rule of the filters
 * above (undefined: every zoom): a clustered theme's cluster points only at their own zoom, its single
 * points of clustered categories from clusterBelowZoom on. The data build leaves a feature out of the
 * tiles of other zooms: the tiles of the wide views carry the clusters instead of every stop, which
 * the map would decode and then filter away (tests/unit/style.test.ts checks the rule against the filters).
 */
export function themeFeatureZooms(theme: Theme, feature: GeoJSON.Feature): { minZoom: number; maxZoom: number } | undefined {
	if (!theme.clusterBelowZoom) return undefined;
	const p = feature.properties ?? {};
	if (typeof p.cluster_z === 'number') return { minZoom: p.cluster_z, maxZoom: p.cluster_z };
	if (feature.geometry?.type !== 'Point' || p.highlight === true) return undefined;
	const category = String(p.category ?? '');
	if ((theme.clusterExcept ?? []).includes(category) || lineCategories(theme).includes(category)) return undefined;
	return { minZoom: theme.clusterBelowZoom, maxZoom: Number.POSITIVE_INFINITY };
}

/**
 * A theme's layers in two groups: what is drawn beneath all labels (lines, clusters, areas,
 * markers) and its label layer, which goes with the other themes' labels in label priority order.
 * With `source` set they are the copies drawing the theme's live entries from that GeoJSON source.
 */
function themeLayerGroups(theme: Theme, opts: StyleOptions, liveSource?: string): { below: LayerSpecification[]; labels: LayerSpecification[]; space: LayerSpecification[] } {
	// For a point theme the "-fill" id is no colouring layer, so this is simply whether the theme is on.
	const visibility = layerVisible(theme, `${theme.id}-fill`, opts.visibleThemes, opts.colouring) ? 'visible' : 'none';
	const live = liveSource !== undefined;
	const source = (id: string) =>
		live ? { id: liveLayerId(id), source: liveSource } : { id, source: SOURCE_ID, 'source-layer': theme.sourceLayer };
	const filter = (id: string) => {
		const f = themeLayerFilter(theme, id, opts, live);
		return f ? { filter: f } : {};
	};
	if (theme.geometry === 'polygon') {
		const property = broadbandProperty(opts.broadband.edition, opts.broadband.metric);
		return {
			below: [
				{
					...source(`${theme.id}-fill`),
					type: 'fill',
					...filter(`${theme.id}-fill`),
					layout: { visibility },
					paint: {
						'fill-color': choroplethColor(theme, property, opts.broadband.classes),
						'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.78],
						// Its line layer draws the edges: no outline pass (and no shader for one).
						'fill-antialias': false
					}
				} as LayerSpecification,
				{
					...source(`${theme.id}-line`),
					type: 'line',
					...filter(`${theme.id}-line`),
					layout: { visibility },
					paint: { 'line-color': perFeature('#1a365d'), 'line-width': zoomWidth(['case', ['boolean', ['feature-state', 'hover'], false], 2.5, 0.6]), 'line-opacity': perFeature(1) }
				} as LayerSpecification
			],
			labels: [],
			space: []
		};
	}
	const clusterLayers: LayerSpecification[] =
		theme.clusterBelowZoom && !live
			? [
					{
						...source(`${theme.id}-cluster`),
						type: 'circle',
						maxzoom: theme.clusterBelowZoom,
						...filter(`${theme.id}-cluster`),
						layout: { visibility },
						// Written per feature and zoom like the markers' paint, so that clusters and markers share one shader.
						paint: {
							'circle-color': perFeature(theme.color),
							'circle-opacity': perFeature(0.75),
							'circle-radius': zoomWidth(['interpolate', ['linear'], ['get', 'point_count'], 1, 4, 10, 10, 100, 18]),
							'circle-stroke-color': perFeature('#fff'),
							'circle-stroke-width': perFeature(1.5),
							'circle-stroke-opacity': perFeature(1)
						}
					} as LayerSpecification,
					{
						...source(`${theme.id}-cluster-count`),
						type: 'symbol',
						maxzoom: theme.clusterBelowZoom,
						...filter(`${theme.id}-cluster-count`),
						layout: { visibility, 'text-field': ['to-string', ['get', 'point_count']], 'text-font': FONT, 'text-size': 11, 'text-allow-overlap': true },
						paint: { 'text-color': '#fff' }
					} as LayerSpecification
				]
			: [];
	const colour = categoryMatch(theme, 'color', theme.color) as DataDrivenPropertyValueSpecification<string>;
	const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
	const [fillId, outlineId] = themeShapeLayerIds(theme);
	const shapeLayers: LayerSpecification[] =
		fillId && outlineId
			? [
					{ ...source(fillId), type: 'fill', ...filter(fillId), layout: { visibility }, paint: { 'fill-color': colour, 'fill-opacity': ['case', hovered, 0.55, 0.35], 'fill-antialias': false } } as LayerSpecification,
					{ ...source(outlineId), type: 'line', ...filter(outlineId), layout: { visibility }, paint: { 'line-color': colour, 'line-width': zoomWidth(['case', hovered, 3.5, 2]), 'line-opacity': perFeature(1) } } as LayerSpecification
				]
			: [];
	const spec = markerSpec(theme);
	const spaceFrom = spec.ownMarkersFrom;
	const lines = lineCategories(theme).length && !live ? [{ ...themeLineLayer(theme, visibility, opts.shownCategories), ...filter(themeLineLayerId(theme)) }] : [];
	return {
		below: [
			...lines,
			...clusterLayers,
			...shapeLayers,
			{
				...source(`${theme.id}-circle`),
				type: 'circle',
				...filter(`${theme.id}-circle`),
				layout: { visibility },
				paint: {
					'circle-color': colour,
					'circle-radius': pointRadius(theme),
					'circle-stroke-color': ['case', hovered, '#111', '#fff'],
					'circle-stroke-width': ['case', hovered, 3, 1.5],
					'circle-opacity': pointOpacity(theme),
					'circle-stroke-opacity': pointOpacity(theme)
				}
			} as LayerSpecification
		],
		labels: [
			{
				...source(`${theme.id}-symbol`),
				type: 'symbol',
				minzoom: spec.labelsFrom,
				...filter(`${theme.id}-symbol`),
				layout: {
					visibility,
					'text-field': pointLabel(theme),
					'text-font': FONT,
					'text-size': ['step', ['zoom'], 10, 11, 12],
					'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
					'text-radial-offset': labelOffset(theme),
					'text-justify': 'auto',
					'text-optional': true,
					// Every marker keeps the labels placed after it (lower label priority) off itself.
					'icon-image': MARKER_SPACE_IMAGE,
					'icon-size': markerSpaceSize(theme),
					'icon-allow-overlap': true,
					'icon-ignore-placement': false,
					// Within a theme, major markers (stations, towns) are named first.
					...(spec.major.length ? { 'symbol-sort-key': ['match', ['get', 'category'], majorLabel(spec), 0, 1] } : {})
				},
				// The marker space only takes part in placement; at opacity 0 MapLibre draws no icons at all.
				paint: { 'text-color': '#1a202c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'icon-opacity': 0 }
			} as LayerSpecification
		],
		space: spaceFrom !== undefined && !live && (opts.deepestZoom === undefined || opts.deepestZoom >= spaceFrom) ? [markerSpaceLayer(theme, visibility, filter(markerSpaceLayerId(theme)))] : []
	};
}

/**
 * The marker space of all of a dense theme's markers, without text, placed right before the theme's
 * labels: within one layer MapLibre places each marker together with its label, so a name placed
 * early could cover the marker of a stop placed later. Placed before all of them, every marker is
 * known when the first name is placed. No icon padding: the image already covers marker and
 * stroke, and the labels keep their text-padding from it.
 */
function markerSpaceLayer(theme: Theme, visibility: 'visible' | 'none', filter: { filter?: ExpressionSpecification }): LayerSpecification {
	return {
		id: markerSpaceLayerId(theme),
		type: 'symbol',
		source: SOURCE_ID,
		'source-layer': theme.sourceLayer,
		minzoom: markerSpec(theme).ownMarkersFrom!,
		...filter,
		layout: {
			visibility,
			'icon-image': MARKER_SPACE_IMAGE,
			'icon-size': markerSpaceSize(theme),
			'icon-padding': 0,
			'icon-allow-overlap': true,
			'icon-ignore-placement': false
		},
		paint: { 'icon-opacity': 0 }
	} as LayerSpecification;
}

/** The themes whose layers the style holds: all, or only those asked for (the map adds others later). */
function included(opts: StyleOptions): (theme: Theme) => boolean {
	return (theme) => !opts.include || opts.include.has(theme.id);
}

/** The GeoJSON sources of the live overlay, one per theme that has one. */
function liveSources(opts: StyleOptions): Record<string, SourceSpecification> {
	const out: Record<string, SourceSpecification> = {};
	for (const [id, live] of Object.entries(opts.live?.themes ?? {})) {
		if (!live || !isThemeId(id) || !included(opts)(getTheme(id)!)) continue;
		out[liveSourceId(id)] = { type: 'geojson', data: { type: 'FeatureCollection', features: live.features }, promoteId: 'fid' };
	}
	return out;
}

/** Point themes' layers: each theme's markers with its live copies, then all labels by priority (highest last, so placed first). */
function pointThemeLayers(opts: StyleOptions): LayerSpecification[] {
	const below: LayerSpecification[] = [];
	const labels: { priority: number; layers: LayerSpecification[] }[] = [];
	for (const theme of THEMES.filter((t) => t.geometry === 'point').filter(included(opts))) {
		const tile = themeLayerGroups(theme, opts);
		const live = opts.live?.themes[theme.id] ? themeLayerGroups(theme, opts, liveSourceId(theme.id)) : { below: [], labels: [], space: [] };
		// Each live copy right above its tile layer: the same drawing order as if the tiles held it.
		for (const layer of tile.below) {
			below.push(layer);
			const copy = live.below.find((l) => l.id === liveLayerId(layer.id));
			if (copy) below.push(copy);
		}
		// The theme's own-marker space above its labels (tile and live): placed before all of them.
		labels.push({ priority: markerSpec(theme).labelPriority, layers: [...tile.labels, ...live.labels, ...tile.space] });
	}
	labels.sort((a, b) => a.priority - b.priority);
	return [...below, ...labels.flatMap((l) => l.layers)];
}

export function buildStyle(opts: StyleOptions): StyleSpecification {
	const districtFill = ['match', ['get', 'ags'], ...Object.entries(DISTRICT_COLORS).flat(), '#888'] as unknown as ExpressionSpecification;
	const layers: LayerSpecification[] = [
		{ id: 'background', type: 'background', paint: { 'background-color': '#eef1ec' } },
		{ id: 'neighbours-fill', type: 'fill', source: SOURCE_ID, 'source-layer': 'neighbours', paint: { 'fill-color': perFeature('#e2e4df'), 'fill-opacity': perFeature(1), 'fill-antialias': false } },
		{ id: 'neighbours-line', type: 'line', source: SOURCE_ID, 'source-layer': 'neighbours', paint: { 'line-color': perFeature('#b9bdb5'), 'line-width': zoomWidth(perFeature(1)), 'line-opacity': perFeature(1) } },
		{ id: 'districts-fill', type: 'fill', source: SOURCE_ID, 'source-layer': 'districts', paint: { 'fill-color': districtFill, 'fill-opacity': perFeature(0.12), 'fill-antialias': false } },
		{
			id: 'municipalities-line',
			type: 'line',
			source: SOURCE_ID,
			'source-layer': 'municipalities',
			minzoom: 8,
			paint: { 'line-color': perFeature('#7d8a7a'), 'line-width': ['interpolate', ['linear'], ['zoom'], 8, perFeature(0.4), 12, perFeature(1.2)], 'line-opacity': perFeature(1) }
		},
		...THEMES.filter((t) => t.areaFill).filter(included(opts)).map((t) => areaFillLayer(t, opts)),
		...THEMES.filter((t) => t.geometry === 'polygon').filter(included(opts)).flatMap((t) => themeLayerGroups(t, opts).below),
		{
			id: 'districts-line',
			type: 'line',
			source: SOURCE_ID,
			'source-layer': 'districts',
			paint: {
				'line-color': perFeature('#2d3b2d'),
				'line-width': ['interpolate', ['linear'], ['zoom'], 6, perFeature(1.2), 12, perFeature(3)] as unknown as ExpressionSpecification,
				'line-opacity': perFeature(1)
			}
		},
		...pointThemeLayers(opts),
		{
			id: 'municipality-labels',
			type: 'symbol',
			source: SOURCE_ID,
			'source-layer': 'labels',
			minzoom: 10,
			filter: ['==', ['get', 'kind'], 'municipality'],
			layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11, 'text-transform': 'none' },
			paint: { 'text-color': '#5a6657', 'text-halo-color': '#fff', 'text-halo-width': 1.2 }
		},
		{
			id: 'district-labels',
			type: 'symbol',
			source: SOURCE_ID,
			'source-layer': 'labels',
			maxzoom: 10,
			filter: ['==', ['get', 'kind'], 'district'],
			layout: {
				'text-field': ['get', 'name'],
				'text-font': FONT,
				'text-size': ['interpolate', ['linear'], ['zoom'], 6, 12, 9, 17],
				'text-letter-spacing': 0.04,
				'text-max-width': 8,
				'text-variable-anchor': ['center', 'top', 'bottom'],
				'text-radial-offset': 1.2
			},
			paint: { 'text-color': '#1f2d1f', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 2 }
		},
		// Last, so placed first: the towns, largest first, win over district names and theme letters.
		{
			id: 'places-label',
			type: 'symbol',
			source: SOURCE_ID,
			'source-layer': 'places',
			minzoom: 7,
			filter: ['>=', ['get', 'population'], 5000],
			layout: {
				'text-field': ['get', 'name'],
				'text-font': FONT,
				'text-size': ['interpolate', ['linear'], ['zoom'], 7, ['step', ['get', 'population'], 11, 15000, 13], 12, ['step', ['get', 'population'], 13, 15000, 16]],
				'symbol-sort-key': ['-', 0, ['get', 'population']],
				'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
				'text-radial-offset': 0.4
			},
			paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1.6 }
		}
	];
	return {
		version: 8,
		name: 'Standortkarte Nordthüringen',
		sources: {
			[SOURCE_ID]: { type: 'vector', url: opts.tilesUrl, attribution: opts.attribution },
			...liveSources(opts)
		},
		layers
	};
}
