/**
 * Creating the main map. The page carries what the map starts with (its "boot", rendered by the
 * server into the map's container), so the map can be created as soon as the page's JavaScript runs,
 * before SvelteKit hydrates the rest of the page (src/hooks.client.ts). MapView then adopts that map;
 * after a client-side navigation, or when the page changed in between, it creates its own here.
 */
import type { Map as MlMap, MapEventType, StyleSpecification, ErrorEvent, AttributionControl } from 'maplibre-gl';
import { buildStyle, MARKER_SPACE_IMAGE, MARKER_SPACE_PX, SOURCE_ID, perFeature, zoomWidth } from './style.ts';
import type { BroadbandSelection, StyleOptions } from './style.ts';
import { preloadArchive, setupMapLibre } from './setup.ts';
import { archivePath } from './early-start.ts';
import { composeStyle, fallbackStyle, basemapSourceIds, NOTE_SOURCE } from './basemap.ts';
import type { BasemapSetting } from './basemap.ts';
import { loadBasemapStyle, THEME_FONT_URL } from './basemap-loader.ts';
import type { LoadedBasemap } from './basemap-loader.ts';
import type { LiveOverlay } from './live.ts';
import { tr } from '$lib/i18n/strings.ts';
import type { Lang } from '$lib/data/model.ts';
import type { ThemeId } from '$lib/themes/registry.ts';
import type { MapPosition } from '$lib/state/url-state.ts';

/** What the map is created with; everything else (the card's ring, the list) follows once the page is live. */
export interface MapBoot {
	lang: Lang;
	visibleThemes: ThemeId[];
	/** categories that are off by default and were switched on (e.g. hiking routes) */
	shownCategories: string[];
	/** the theme whose area colours are drawn */
	colouring: ThemeId | null;
	broadband: BroadbandSelection;
	bbox: [number, number, number, number];
	position: MapPosition | null;
	dataVersion: string;
	attribution: string;
	/** the deployment's basemap; 'none' draws the built-in overview only */
	basemap: BasemapSetting;
	/**
	 * Back-office edits published since the tiles were built, as the page was rendered (null: the
	 * server has no back office). The map draws them and asks for newer ones now and then.
	 */
	live: LiveOverlay | null;
}

/** The attribute of the map's container that holds its boot as JSON. */
export const BOOT_ATTRIBUTE = 'data-map-boot';

/** The same boot gives the same text, so the page's boot and MapView's props can be compared. */
export function bootKey(boot: MapBoot): string {
	return JSON.stringify(boot);
}

export function archiveUrl(dataVersion: string): string {
	return `${location.origin}${archivePath(dataVersion)}`;
}

export function bootStyleOptions(boot: MapBoot): StyleOptions {
	return {
		tilesUrl: `pmtiles://${archiveUrl(boot.dataVersion)}`,
		lang: boot.lang,
		visibleThemes: new Set(boot.visibleThemes),
		colouring: boot.colouring,
		broadband: boot.broadband,
		attribution: boot.attribution,
		shownCategories: new Set(boot.shownCategories),
		include: new Set(boot.visibleThemes),
		live: boot.live,
		// as MapView starts counting (its deepestZoom): layers for closer zooms come when the map gets there
		deepestZoom: boot.position?.zoom ?? 0
	};
}

export const EMPTY_SELECTION: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The ring around the card's feature (and a clicked point) on top of the style: part of the style
 * from the start, so it loads with everything else and the map's first idle does not wait for it.
 * Its symbol layer is the top one, so it is placed first: no label covers the card's feature.
 */
function withSelection(style: StyleSpecification, selection: GeoJSON.FeatureCollection): StyleSpecification {
	return {
		...style,
		sources: { ...style.sources, selection: { type: 'geojson', data: selection } },
		layers: [
			...style.layers,
			{
				id: 'selection-ring',
				type: 'circle',
				source: 'selection',
				// Written per feature and zoom like the markers' paint: the same shader (see style.ts perFeature).
				paint: {
					'circle-radius': zoomWidth(perFeature(16)),
					'circle-color': perFeature('rgba(0,0,0,0)'),
					'circle-opacity': perFeature(1),
					'circle-stroke-color': ['match', ['get', 'kind'], 'click', '#2b6cb0', '#d53f8c'],
					'circle-stroke-width': perFeature(3),
					'circle-stroke-opacity': perFeature(1)
				}
			},
			{
				id: 'selection-space',
				type: 'symbol',
				source: 'selection',
				layout: { 'icon-image': MARKER_SPACE_IMAGE, 'icon-size': 38 / MARKER_SPACE_PX, 'icon-allow-overlap': true, 'icon-ignore-placement': false },
				// Takes part in label placement only: at opacity 0 MapLibre draws no icons.
				paint: { 'icon-opacity': 0 }
			}
		]
	};
}

/**
 * The whole style: the themes, composed over the basemap when one is loaded, otherwise the built-in
 * overview (whose attribution says quietly that the basemap is missing, unless none was wanted).
 */
export function mapStyle(opts: StyleOptions, basemap: BasemapSetting, base: LoadedBasemap | null, selection: GeoJSON.FeatureCollection): StyleSpecification {
	const themes = buildStyle(opts);
	const builtIn = basemap.mode === 'none' ? themes : fallbackStyle(themes, tr(opts.lang, 'basemapUnavailable'));
	const style = base ? composeStyle(themes, base.style, { styleUrl: base.styleUrl, attribution: basemap.attribution, fontUrl: THEME_FONT_URL }) : builtIn;
	return withSelection(style, selection);
}

/** A transparent square: the label layers place it on every marker so that labels keep off markers. */
function markerSpaceImage(): { width: number; height: number; data: Uint8Array } {
	return { width: MARKER_SPACE_PX, height: MARKER_SPACE_PX, data: new Uint8Array(MARKER_SPACE_PX * MARKER_SPACE_PX * 4) };
}

/** On a phone the bottom sheet covers the lower half of the map; the region is fitted above it. */
export function initialPadding(container: HTMLElement): { top: number; right: number; bottom: number; left: number } {
	const narrow = matchMedia('(max-width: 760px)').matches;
	return { top: 20, right: 20, left: 20, bottom: narrow ? Math.round(container.clientHeight * 0.5) + 10 : 20 };
}

export interface StartedMap {
	map: MlMap;
	maplibregl: typeof import('maplibre-gl');
	/** the basemap's style, when it was loaded */
	base: LoadedBasemap | null;
	/** the basemap's sources in the style the map was created with */
	basemapIds: string[];
	/** what happened before MapView took the map over, so it misses nothing */
	loaded: boolean;
	idled: boolean;
	basemapTileSeen: boolean;
	/** the attribution line (replaced when the visitor switches the language, see relabelAttribution) */
	attributionControl: AttributionControl;
	/**
	 * Hands the map's errors to the page: those from before (a basemap refused while the page was not
	 * yet live) at once, later ones as they come. Until then they are held, not written to the console.
	 */
	takeErrors(handler: (e: ErrorEvent) => void): void;
}

/**
 * Creates the map as the boot describes it. Resolves with 'no-webgl' when the browser cannot draw
 * it, and rejects when MapLibre could not be loaded.
 */
export function startMap(container: HTMLElement, boot: MapBoot): Promise<StartedMap | 'no-webgl'> {
	preloadArchive(archiveUrl(boot.dataVersion));
	// The basemap's style is fetched while MapLibre sets itself up, so it costs no extra wait when it answers.
	return Promise.all([setupMapLibre(), loadBasemapStyle(boot.basemap)]).then(([maplibregl, base]) => {
		const style = mapStyle(bootStyleOptions(boot), boot.basemap, base, EMPTY_SELECTION);
		const basemapIds = new Set(basemapSourceIds(style));
		const { bbox, position } = boot;
		performance.mark('nt:map-create');
		// No separate WebGL probe beforehand (a second context costs start-up time): MapLibre
		// throws when it cannot get one.
		let m: MlMap;
		try {
			m = new maplibregl.Map({
				container,
				style,
				...(position
					? { center: [position.lon, position.lat] as [number, number], zoom: position.zoom }
					: { bounds: [[bbox[0], bbox[1]], [bbox[2], bbox[3]]] as [[number, number], [number, number]], fitBoundsOptions: { padding: initialPadding(container) } }),
				maxBounds: [
					[bbox[0] - 1.5, bbox[1] - 1],
					[bbox[2] + 1.5, bbox[3] + 1]
				],
				minZoom: 6,
				maxZoom: 17,
				// Added below as the app's own control, so that a change of language can replace it.
				attributionControl: false,
				// Printing reads the canvas after drawing; without this the printed map is blank.
				canvasContextAttributes: { preserveDrawingBuffer: true },
				// Labels appear at once instead of fading in: the map is idle (and ready to read) 300 ms sooner.
				fadeDuration: 0,
				// The style is made by this code and checked against the style specification by the unit tests
				// (tests/unit/style.test.ts, basemap.test.ts); checking it again in every browser costs start-up time.
				validateStyle: false
			});
		} catch {
			return 'no-webgl';
		}
		const held: ErrorEvent[] = [];
		const hold = (e: ErrorEvent) => held.push(e);
		m.on('error', hold);
		const started: StartedMap = {
			map: m,
			maplibregl,
			base,
			basemapIds: [...basemapIds],
			loaded: false,
			idled: false,
			basemapTileSeen: false,
			attributionControl: attributionLine(maplibregl),
			takeErrors(handler) {
				m.off('error', hold);
				m.on('error', handler);
				for (const e of held.splice(0)) handler(e);
			}
		};
		// The label layers' marker space (see style.ts); drawn by the app, so no sprite is needed.
		// MapLibre asks this resolver when a layer needs the image (also after a style switch).
		m.setMissingStyleImageResolver((id) => {
			if (id === MARKER_SPACE_IMAGE && !m.hasImage(MARKER_SPACE_IMAGE)) m.addImage(MARKER_SPACE_IMAGE, markerSpaceImage());
		});
		m.addControl(started.attributionControl, 'bottom-right');
		m.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'top-right');
		m.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
		const foldAttribution = () => foldAttributionOnPhone(container);
		// The start-up marks count the frames drawn so far, so that a frame too many shows as such.
		let frames = 0;
		const countFrame = () => frames++;
		m.on('render', countFrame);
		m.once('load', () => {
			performance.mark('nt:map-load', { detail: { frames } });
			started.loaded = true;
			foldAttribution();
		});
		// Anyone can measure start-up in a browser: performance.getEntriesByName('nt:map-idle').
		m.once('idle', () => {
			performance.mark('nt:map-idle', { detail: { frames } });
			m.off('render', countFrame);
			started.idled = true;
			foldAttribution();
		});
		const watchBasemap = (e: MapEventType['data']) => {
			if ('sourceId' in e && basemapIds.has(String(e.sourceId)) && 'tile' in e && e.tile) {
				started.basemapTileSeen = true;
				m.off('data', watchBasemap);
			}
		};
		if (basemapIds.size > 0) m.on('data', watchBasemap);
		return started;
	});
}

/** The map's attribution line: one line that folds behind its ⓘ (see MapView's CSS). */
function attributionLine(maplibregl: typeof import('maplibre-gl')): AttributionControl {
	return new maplibregl.AttributionControl({ compact: true });
}

/** On a phone the attribution starts folded behind its ⓘ; on wider screens it is one line (see MapView's CSS). */
function foldAttributionOnPhone(container: HTMLElement): void {
	if (matchMedia('(max-width: 760px)').matches) container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
}

/**
 * The attribution in the language the visitor switched to on the page: the theme source and the
 * fallback's note get the new wording, and the attribution line is made anew, because MapLibre reads
 * a source's attribution only when the source loads or the line is created.
 */
export function relabelAttribution(started: StartedMap, themeAttribution: string, basemapNote: string): void {
	const m = started.map;
	const themes = m.getSource(SOURCE_ID);
	if (themes) themes.attribution = themeAttribution;
	const note = m.getSource(NOTE_SOURCE);
	if (note) note.attribution = basemapNote;
	m.removeControl(started.attributionControl);
	started.attributionControl = attributionLine(started.maplibregl);
	m.addControl(started.attributionControl, 'bottom-right');
	foldAttributionOnPhone(m.getContainer());
}

let early: { container: HTMLElement; key: string; started: Promise<StartedMap | 'no-webgl'> } | null = null;

/**
 * Called as soon as the page's JavaScript runs: creates the map from the boot the server rendered
 * into its container. Pages without a map have no such container and are left alone.
 */
export function startEarly(doc: Document = document): void {
	const container = doc.querySelector<HTMLElement>(`[${BOOT_ATTRIBUTE}]`);
	const text = container?.getAttribute(BOOT_ATTRIBUTE);
	if (!container || !text) return;
	let boot: MapBoot;
	try {
		boot = JSON.parse(text) as MapBoot;
	} catch {
		return;
	}
	performance.mark('nt:map-early');
	const started = startMap(container, boot);
	// MapView reports failures of the map it adopts; an early start nobody adopts must not be an unhandled rejection.
	started.catch(() => undefined);
	early = { container, key: bootKey(boot), started };
}

/**
 * The map started early for this container and this boot, handed over once. A map started for
 * another container (the page was rendered anew) or another boot is removed: MapView creates its own.
 */
export function adoptEarly(container: HTMLElement, boot: MapBoot): Promise<StartedMap | 'no-webgl'> | null {
	const candidate = early;
	early = null;
	if (!candidate) return null;
	if (candidate.container === container && candidate.key === bootKey(boot)) return candidate.started;
	candidate.started.then((s) => (s === 'no-webgl' ? undefined : s.map.remove()), () => undefined);
	return null;
}
