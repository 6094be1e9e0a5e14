/**
 * Builds the MapLibre style from the theme registry: base layers (neighbours, districts,
 * municipalities, labels) and one group of layers per theme. No glyph server and no sprite:
 * labels are drawn locally from the bundled font, markers are circles with a letter.
 */
import type { StyleSpecification, LayerSpecification, ExpressionSpecification, DataDrivenPropertyValueSpecification } from 'maplibre-gl';
import { THEMES, lineCategories } from '../themes/registry.ts';
import type { Theme, ThemeId } from '../themes/registry.ts';
import type { Lang } from '../data/model.ts';
import { broadbandProperty } from '../themes/broadband.ts';

export const SOURCE_ID = 'nt';
export const FONT = ['Noto Sans'];

export interface StyleOptions {
	/** e.g. "pmtiles:///tiles/standortkarte.pmtiles" (absolute URL inside) */
	tilesUrl: string;
	lang: Lang;
	visibleThemes: ReadonlySet<ThemeId>;
	/** the theme whose area colours are shown (see activeColouring); the others keep only their points */
	colouring: ThemeId | null;
	broadband: { edition: string; metric: string; level: 'district' | 'municipality' };
	attribution: string;
	/** categories that are off by default (Category.defaultOff) and were switched on */
	shownCategories?: ReadonlySet<string>;
}

export const DISTRICT_COLORS: Record<string, string> = {
	'16062': '#3b7a57',
	'16064': '#6b8e23',
	'16065': '#8b6b3b'
};

/** Layer ids that belong to a theme, for toggling visibility without rebuilding the style. */
export function themeLayerIds(theme: Theme): string[] {
	if (theme.geometry === 'polygon') return [`${theme.id}-fill`, `${theme.id}-line`];
	const area = theme.areaFill ? [areaFillLayerId(theme)] : [];
	const clusters = theme.clusterBelowZoom ? [`${theme.id}-cluster`, `${theme.id}-cluster-count`] : [];
	const lines = lineCategories(theme).length ? [themeLineLayerId(theme)] : [];
	return [...area, ...lines, ...clusters, `${theme.id}-circle`, `${theme.id}-symbol`];
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

export function choroplethColor(theme: Theme, property: string): ExpressionSpecification {
	const spec = theme.choropleth!;
	return stepColor(property, spec.breaks, spec.colors);
}

/** Defined next to the registry (themes/broadband.ts), where the build names the same properties. */
export { broadbandProperty };

function pointRadius(theme: Theme): DataDrivenPropertyValueSpecification<number> {
	if (theme.id === 'verkehr') {
		return ['interpolate', ['linear'], ['zoom'], 8, ['match', ['get', 'category'], 'station', 4, 1.5], 13, ['match', ['get', 'category'], 'station', 9, 5]];
	}
	if (theme.id === 'wohnen') {
		return ['interpolate', ['linear'], ['zoom'], 7, ['match', ['get', 'category'], 'town', 5, 2.5], 12, ['match', ['get', 'category'], 'town', 10, 6]];
	}
	return ['interpolate', ['linear'], ['zoom'], 7, 6, 12, 10];
}

/** Stops are drawn lighter than stations, so the rail network reads first. */
function pointOpacity(theme: Theme): DataDrivenPropertyValueSpecification<number> {
	if (theme.id === 'verkehr') return ['match', ['get', 'category'], 'station', 0.95, 0.55];
	return 0.95;
}

/**
 * A point's label: its letter while zoomed out, its name from zoom 11. Stations are named from zoom
 * 12, other stops only from 14, where there is room for them (below, their names flooded the map).
 */
function pointLabel(theme: Theme): ExpressionSpecification {
	const letter = categoryMatch(theme, 'symbol', '');
	if (theme.id === 'verkehr') {
		const station: ExpressionSpecification = ['==', ['get', 'category'], 'station'];
		return ['step', ['zoom'], letter, 12, ['case', station, ['get', 'name'], letter], 14, ['get', 'name']] as unknown as ExpressionSpecification;
	}
	return ['step', ['zoom'], letter, 11, ['get', 'name']] as unknown as ExpressionSpecification;
}

function themeLayers(theme: Theme, opts: StyleOptions): LayerSpecification[] {
	// For a point theme the "-fill" id is no colouring layer, so this is simply whether the theme is on.
	const visibility = layerVisible(theme, `${theme.id}-fill`, opts.visibleThemes, opts.colouring) ? 'visible' : 'none';
	if (theme.geometry === 'polygon') {
		const property = broadbandProperty(opts.broadband.edition, opts.broadband.metric);
		const filter: ExpressionSpecification = ['all', ['==', ['get', 'level'], opts.broadband.level], ['has', property]];
		return [
			{
				id: `${theme.id}-fill`,
				type: 'fill',
				source: SOURCE_ID,
				'source-layer': theme.sourceLayer,
				filter,
				layout: { visibility },
				paint: {
					'fill-color': choroplethColor(theme, property),
					'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.78]
				}
			},
			{
				id: `${theme.id}-line`,
				type: 'line',
				source: SOURCE_ID,
				'source-layer': theme.sourceLayer,
				filter,
				layout: { visibility },
				paint: { 'line-color': '#1a365d', 'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2.5, 0.6] }
			}
		];
	}
	// Clustered themes carry ready-made cluster points per zoom (cluster_z); their single points of the
	// clustered categories appear from clusterBelowZoom on, the others (e.g. stations) always.
	const notCluster: ExpressionSpecification = ['!', ['has', 'cluster_z']];
	const filter: ExpressionSpecification | undefined = pointsOnly(theme, theme.clusterBelowZoom
		? [
				'all',
				notCluster,
				[
					'any',
					['in', ['get', 'category'], ['literal', theme.clusterExcept ?? []]],
					['==', ['get', 'highlight'], true],
					['>=', ['zoom'], theme.clusterBelowZoom]
				]
			]
		: undefined);
	const clusterLayers: LayerSpecification[] = theme.clusterBelowZoom
		? [
				{
					id: `${theme.id}-cluster`,
					type: 'circle',
					source: SOURCE_ID,
					'source-layer': theme.sourceLayer,
					maxzoom: theme.clusterBelowZoom,
					filter: ['==', ['get', 'cluster_z'], ['zoom']],
					layout: { visibility },
					paint: {
						'circle-color': theme.color,
						'circle-opacity': 0.75,
						'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 1, 4, 10, 10, 100, 18],
						'circle-stroke-color': '#fff',
						'circle-stroke-width': 1.5
					}
				},
				{
					id: `${theme.id}-cluster-count`,
					type: 'symbol',
					source: SOURCE_ID,
					'source-layer': theme.sourceLayer,
					maxzoom: theme.clusterBelowZoom,
					filter: ['all', ['==', ['get', 'cluster_z'], ['zoom']], ['>', ['get', 'point_count'], 1]],
					layout: { visibility, 'text-field': ['to-string', ['get', 'point_count']], 'text-font': FONT, 'text-size': 11, 'text-allow-overlap': true },
					paint: { 'text-color': '#fff' }
				}
			]
		: [];
	return [
		...(lineCategories(theme).length ? [themeLineLayer(theme, visibility, opts.shownCategories)] : []),
		...clusterLayers,
		{
			id: `${theme.id}-circle`,
			type: 'circle',
			source: SOURCE_ID,
			'source-layer': theme.sourceLayer,
			...(filter ? { filter } : {}),
			layout: { visibility },
			paint: {
				'circle-color': categoryMatch(theme, 'color', theme.color) as DataDrivenPropertyValueSpecification<string>,
				'circle-radius': pointRadius(theme),
				'circle-stroke-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#111', '#fff'],
				'circle-stroke-width': ['case', ['boolean', ['feature-state', 'hover'], false], 3, 1.5],
				'circle-opacity': pointOpacity(theme),
				'circle-stroke-opacity': pointOpacity(theme)
			}
		},
		{
			id: `${theme.id}-symbol`,
			type: 'symbol',
			source: SOURCE_ID,
			'source-layer': theme.sourceLayer,
			minzoom: theme.id === 'verkehr' || theme.id === 'wohnen' ? 12 : 8,
			...(filter ? { filter } : {}),
			layout: {
				visibility,
				'text-field': pointLabel(theme),
				'text-font': FONT,
				'text-size': ['step', ['zoom'], 10, 11, 12],
				'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
				'text-radial-offset': 0.9,
				'text-justify': 'auto',
				'text-optional': true
			},
			paint: { 'text-color': '#1a202c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 }
		}
	];
}

export function buildStyle(opts: StyleOptions): StyleSpecification {
	const districtFill = ['match', ['get', 'ags'], ...Object.entries(DISTRICT_COLORS).flat(), '#888'] as unknown as ExpressionSpecification;
	const layers: LayerSpecification[] = [
		{ id: 'background', type: 'background', paint: { 'background-color': '#eef1ec' } },
		{ id: 'neighbours-fill', type: 'fill', source: SOURCE_ID, 'source-layer': 'neighbours', paint: { 'fill-color': '#e2e4df' } },
		{ id: 'neighbours-line', type: 'line', source: SOURCE_ID, 'source-layer': 'neighbours', paint: { 'line-color': '#b9bdb5', 'line-width': 1 } },
		{ id: 'districts-fill', type: 'fill', source: SOURCE_ID, 'source-layer': 'districts', paint: { 'fill-color': districtFill, 'fill-opacity': 0.12 } },
		{
			id: 'municipalities-line',
			type: 'line',
			source: SOURCE_ID,
			'source-layer': 'municipalities',
			minzoom: 8,
			paint: { 'line-color': '#7d8a7a', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 12, 1.2], 'line-dasharray': [3, 2] }
		},
		...THEMES.filter((t) => t.areaFill).map((t) => areaFillLayer(t, opts)),
		...THEMES.filter((t) => t.geometry === 'polygon').flatMap((t) => themeLayers(t, opts)),
		{
			id: 'districts-line',
			type: 'line',
			source: SOURCE_ID,
			'source-layer': 'districts',
			paint: { 'line-color': '#2d3b2d', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.2, 12, 3] }
		},
		...THEMES.filter((t) => t.geometry === 'point').flatMap((t) => themeLayers(t, opts)),
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
			[SOURCE_ID]: { type: 'vector', url: opts.tilesUrl, attribution: opts.attribution }
		},
		layers
	};
}
