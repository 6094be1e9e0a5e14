/**
 * The basemap beneath the themes: which one the deployment chose (NT_BASEMAP) and how a basemap's
 * MapLibre style is composed with the theme style. Pure functions: no fetch, no MapLibre runtime,
 * so the composition is unit-tested for every mode.
 *
 * Layer order of a composed style, bottom to top:
 *   1. the basemap without its labels (land use, water, roads, buildings, boundaries)
 *   2. the theme areas (neighbours veil, district tint, choropleths, municipality and district lines)
 *   3. the basemap's labels (so streets and places stay readable above the coloured areas)
 *   4. the theme points and their labels, the region's own labels
 *
 * Glyphs: a style has one `glyphs` URL, and the composed style keeps the basemap's, because the
 * basemap's labels name font stacks only its server has. The theme labels do not depend on it: the
 * style declares the app's own Noto Sans file in `font-faces`, and MapLibre draws every stack a
 * declared file covers locally, before it would ask the glyph server. So theme labels look the same
 * with and without the basemap and never wait for a third-party font server.
 */
import type { StyleSpecification, LayerSpecification, SourceSpecification, FontFacesSpecification } from 'maplibre-gl';
import { FONT } from './style.ts';

export const BASEMAP_DE_GREY_STYLE = 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_gry.json';
export const BASEMAP_DE_ATTRIBUTION = '© basemap.de / BKG | Datenquellen: © GeoBasis-DE, CC BY 4.0';
export const PROTOMAPS_ATTRIBUTION = '© OpenStreetMap contributors, ODbL (Protomaps basemap)';
/** The self-hosted archive's name on the project's tile endpoint: /tiles/basemap.pmtiles */
export const BASEMAP_ARCHIVE = 'basemap';

/** Layer and source ids taken over from a basemap get this prefix, so they never clash with the themes'. */
export const BASEMAP_PREFIX = 'basemap:';

export type BasemapMode = 'basemap.de-grau' | 'none' | 'pmtiles' | 'url';

/** What the server hands the page: plain data, the same for SSR and the browser. */
export interface BasemapSetting {
	mode: BasemapMode;
	/** the MapLibre style to load (basemap.de-grau and url); null for none and pmtiles */
	styleUrl: string | null;
	/** attribution to show when the style's sources carry none */
	attribution: string | null;
	/** pmtiles: where the project serves the archive, or null when NT_SOURCES/basemap/ holds none */
	archiveUrl: string | null;
}

/**
 * NT_BASEMAP → setting. Empty or unset means the default (basemap.de grey). A value that is neither
 * a known name nor an http(s) URL is a configuration error the operator must see at start.
 */
export function parseBasemapSetting(value: string | undefined, archiveAvailable = false): BasemapSetting {
	const v = (value ?? '').trim();
	const none = { styleUrl: null, attribution: null, archiveUrl: null };
	if (v === '' || v === 'basemap.de-grau') return { ...none, mode: 'basemap.de-grau', styleUrl: BASEMAP_DE_GREY_STYLE, attribution: BASEMAP_DE_ATTRIBUTION };
	if (v === 'none') return { ...none, mode: 'none' };
	if (v === 'pmtiles') return { ...none, mode: 'pmtiles', attribution: PROTOMAPS_ATTRIBUTION, archiveUrl: archiveAvailable ? `/tiles/${BASEMAP_ARCHIVE}.pmtiles` : null };
	let url: URL;
	try {
		url = new URL(v);
	} catch {
		throw new Error(`NT_BASEMAP must be "basemap.de-grau", "none", "pmtiles" or the http(s) URL of a MapLibre style, not "${v.slice(0, 100)}"`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`NT_BASEMAP: a style URL must use http or https, not ${url.protocol}`);
	return { ...none, mode: 'url', styleUrl: url.href };
}

/** Whether the layer is drawn above the theme areas (labels) or beneath them (everything else). */
function isLabel(layer: LayerSpecification): boolean {
	return layer.type === 'symbol';
}

/** Relative URLs in a fetched style are relative to the style's own address. */
function absolute(url: string, base: string): string {
	if (url.startsWith('pmtiles://') || url.startsWith('mapbox://')) return url;
	try {
		// {z}/{x}/{y} and {fontstack}/{range} must survive URL normalisation unescaped.
		return new URL(url, base).href.replace(/%7B/g, '{').replace(/%7D/g, '}');
	} catch {
		return url;
	}
}

function prefixedSource(id: string): string {
	return `${BASEMAP_PREFIX}${id}`;
}

/** The basemap's sources under prefixed ids, URLs made absolute, attribution filled in if missing. */
function basemapSources(base: StyleSpecification, baseUrl: string, attribution: string | null): Record<string, SourceSpecification> {
	const out: Record<string, SourceSpecification> = {};
	let attributed = false;
	for (const [id, src] of Object.entries(base.sources ?? {})) {
		const copy = { ...src } as SourceSpecification & { url?: string; tiles?: string[]; attribution?: string };
		if (typeof copy.url === 'string') copy.url = absolute(copy.url, baseUrl);
		if (Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map((t) => absolute(t, baseUrl));
		// Only the first source repeats the basemap's attribution; the control would list each source once anyway.
		if (!copy.attribution && attribution && !attributed) copy.attribution = attribution;
		if (copy.attribution) attributed = true;
		out[prefixedSource(id)] = copy;
	}
	return out;
}

function basemapLayer(layer: LayerSpecification): LayerSpecification {
	const copy = { ...layer, id: `${BASEMAP_PREFIX}${layer.id}` } as LayerSpecification & { source?: string };
	if ('source' in layer && typeof layer.source === 'string') copy.source = prefixedSource(layer.source);
	return copy;
}

/** A sprite may be one URL or a list of {id, url}; either way made absolute. */
function basemapSprite(sprite: StyleSpecification['sprite'], baseUrl: string): StyleSpecification['sprite'] {
	if (!sprite) return undefined;
	if (typeof sprite === 'string') return absolute(sprite, baseUrl);
	return sprite.map((s) => ({ id: s.id, url: absolute(s.url, baseUrl) }));
}

/**
 * Theme layers as they sit on a basemap: the opaque parts of the built-in overview (its background,
 * the grey of the neighbouring districts) become a light veil, and area colours let the roads and
 * settlements beneath show through.
 */
function themeLayerOnBasemap(layer: LayerSpecification): LayerSpecification | null {
	if (layer.type === 'background') return null;
	if (layer.type !== 'fill') return layer;
	if (layer.id === 'neighbours-fill') return { ...layer, paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.45 } };
	if (layer.id !== 'districts-fill') {
		return { ...layer, paint: { ...layer.paint, 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.8, 0.55] } } as LayerSpecification;
	}
	return layer;
}

/** Theme layers that repeat what a basemap draws better (its own place names). */
const REPLACED_BY_BASEMAP = new Set(['places-label']);

export interface ComposeOptions {
	/** where the basemap style was fetched from (resolves its relative URLs) */
	styleUrl: string;
	/** attribution for basemap sources that carry none */
	attribution: string | null;
	/** the app's own font file, drawn locally for the theme labels */
	fontUrl: string;
}

/** The themes' font, declared so MapLibre draws it from the app's file instead of the basemap's glyph server. */
export function themeFontFaces(fontUrl: string): FontFacesSpecification {
	return Object.fromEntries(FONT.map((name) => [name, fontUrl]));
}

/** Splits the theme style where its points begin: fills and lines below, circles and symbols above. */
export function splitThemeLayers(layers: LayerSpecification[]): { areas: LayerSpecification[]; points: LayerSpecification[] } {
	const first = layers.findIndex((l) => l.type === 'circle' || l.type === 'symbol');
	const at = first === -1 ? layers.length : first;
	return { areas: layers.slice(0, at), points: layers.slice(at) };
}

export function composeStyle(theme: StyleSpecification, base: StyleSpecification, opts: ComposeOptions): StyleSpecification {
	const baseLayers = base.layers.map(basemapLayer);
	const { areas, points } = splitThemeLayers(theme.layers);
	const layers = [
		...baseLayers.filter((l) => !isLabel(l)),
		...areas.map(themeLayerOnBasemap).filter((l): l is LayerSpecification => l !== null),
		...baseLayers.filter(isLabel),
		...points.filter((l) => !REPLACED_BY_BASEMAP.has(l.id))
	];
	const sprite = basemapSprite(base.sprite, opts.styleUrl);
	return {
		version: 8,
		name: `${theme.name ?? ''} + ${base.name ?? 'basemap'}`,
		sources: { ...basemapSources(base, opts.styleUrl, opts.attribution), ...theme.sources },
		...(base.glyphs ? { glyphs: absolute(base.glyphs, opts.styleUrl) } : {}),
		...(sprite ? { sprite } : {}),
		'font-faces': { ...(base['font-faces'] ?? {}), ...themeFontFaces(opts.fontUrl) },
		layers
	};
}

/** Ids of the composed style's basemap sources, to tell their errors from the themes'. */
export function basemapSourceIds(style: StyleSpecification): string[] {
	return Object.keys(style.sources).filter((id) => id.startsWith(BASEMAP_PREFIX));
}

/** Whether a fetched document looks like a MapLibre style at all (a portal may answer with HTML). */
export function isStyle(value: unknown): value is StyleSpecification {
	const v = value as Partial<StyleSpecification> | null;
	return !!v && typeof v === 'object' && v.version === 8 && typeof v.sources === 'object' && v.sources !== null && Array.isArray(v.layers);
}

/** Source that carries the quiet note "basemap not reachable" into the attribution of the fallback. */
export const NOTE_SOURCE = 'basemap-note';

/**
 * The built-in overview as the fallback when the basemap cannot be loaded: the theme style unchanged,
 * plus the note in the attribution. MapLibre lists the attribution of sources that a visible layer
 * uses, so the note rides on an empty GeoJSON source with one (empty) circle layer.
 */
export function fallbackStyle(theme: StyleSpecification, note: string): StyleSpecification {
	return {
		...theme,
		sources: { ...theme.sources, [NOTE_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, attribution: note } },
		layers: [...theme.layers, { id: NOTE_SOURCE, type: 'circle', source: NOTE_SOURCE, paint: { 'circle-radius': 0 } }]
	};
}
