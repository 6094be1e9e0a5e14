/**
 * The map's state lives in the URL so that any view can be shared, bookmarked and reloaded, and
 * back/forward walk through what the user did. Parsing is forgiving (unknown values fall back to
 * defaults) because links travel through e-mails and chat tools that mangle them.
 */
import { PRESETS, choroplethTheme, colouringThemes, isThemeId, optionalCategories } from '../themes/registry.ts';
import type { PresetId, ThemeId } from '../themes/registry.ts';
import type { Lang } from '../data/model.ts';

export interface MapPosition {
	zoom: number;
	lat: number;
	lon: number;
}

export interface BroadbandSelection {
	edition: string | null;
	metric: string;
	level: 'district' | 'municipality';
}

export interface AppState {
	lang: Lang;
	view: PresetId;
	themes: ThemeId[];
	feature: string | null;
	map: MapPosition | null;
	broadband: BroadbandSelection;
	/** the theme chosen to colour the areas when several could (see activeColouring); null = the first */
	area: ThemeId | null;
	embed: boolean;
	/** categories that are off by default (e.g. hiking routes) and were switched on */
	shown: string[];
}

export const DEFAULT_VIEW: PresetId = 'investieren';
export const DEFAULT_METRIC = 'all_100';

export function presetThemes(view: PresetId): ThemeId[] {
	return [...(PRESETS.find((p) => p.id === view)?.themes ?? [])];
}

export function defaultState(): AppState {
	return {
		lang: 'de',
		view: DEFAULT_VIEW,
		themes: presetThemes(DEFAULT_VIEW),
		feature: null,
		map: null,
		broadband: { edition: null, metric: DEFAULT_METRIC, level: 'district' },
		area: null,
		embed: false,
		shown: []
	};
}

const METRICS = new Set((choroplethTheme()?.choropleth.metrics ?? []).map((m) => m.key));

function parseMap(raw: string | null): MapPosition | null {
	if (!raw) return null;
	const parts = raw.split('/').map(Number);
	if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
	const [zoom, lat, lon] = parts as [number, number, number];
	if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return null;
	return { zoom, lat, lon };
}

export function parseState(params: URLSearchParams): AppState {
	const s = defaultState();
	const lang = params.get('lang');
	if (lang === 'en' || lang === 'de') s.lang = lang;
	const view = params.get('view');
	if (view && PRESETS.some((p) => p.id === view)) {
		s.view = view as PresetId;
		s.themes = presetThemes(s.view);
	}
	const themes = params.get('themes');
	if (themes !== null) {
		const known = [...new Set(themes.split(',').filter(isThemeId))];
		// Only unknown names: a mangled link, not a wish for an empty map; the view's themes stand.
		if (known.length > 0 || themes.trim() === '') s.themes = known;
	}
	const feature = params.get('f');
	if (feature && feature.length <= 200) s.feature = feature;
	s.map = parseMap(params.get('map'));
	const bb = params.get('bb');
	if (bb) {
		const [edition, metric, level] = bb.split(':');
		if (edition && /^\d{4}-\d{2}$/.test(edition)) s.broadband.edition = edition;
		if (metric && METRICS.has(metric)) s.broadband.metric = metric;
		if (level === 'municipality' || level === 'district') s.broadband.level = level;
	}
	const area = params.get('area');
	if (area && isThemeId(area) && colouringThemes([area]).length === 1) s.area = area;
	s.embed = params.get('embed') === '1';
	const show = params.get('show');
	if (show) {
		const known = new Set(optionalCategories());
		s.shown = [...new Set(show.split(',').filter((c) => known.has(c)))];
	}
	return s;
}

/** Only what differs from the defaults goes into the link, so shared links stay short. */
export function serializeState(s: AppState): URLSearchParams {
	const p = new URLSearchParams();
	if (s.lang !== 'de') p.set('lang', s.lang);
	if (s.view !== DEFAULT_VIEW) p.set('view', s.view);
	const preset = presetThemes(s.view);
	if (s.themes.length !== preset.length || s.themes.some((t) => !preset.includes(t))) p.set('themes', s.themes.join(','));
	if (s.feature) p.set('f', s.feature);
	if (s.map) p.set('map', `${round(s.map.zoom, 2)}/${round(s.map.lat, 5)}/${round(s.map.lon, 5)}`);
	const bb = s.broadband;
	if (bb.edition || bb.metric !== DEFAULT_METRIC || bb.level !== 'district') {
		p.set('bb', `${bb.edition ?? ''}:${bb.metric}:${bb.level}`);
	}
	if (s.area) p.set('area', s.area);
	if (s.embed) p.set('embed', '1');
	if (s.shown.length) p.set('show', s.shown.join(','));
	return p;
}

function round(n: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
}

export function stateToSearch(s: AppState): string {
	const q = serializeState(s).toString();
	return q ? `?${q}` : '';
}

export interface LinkProblem {
	/** the link parameter, e.g. "view" */
	param: string;
	/** what the link said (shortened) */
	value: string;
}

/**
 * The parameters of a link that parseState could not use and replaced by defaults, so the page can
 * name them instead of silently showing something else than the sender meant.
 */
export function linkProblems(params: URLSearchParams): LinkProblem[] {
	const out: LinkProblem[] = [];
	const bad = (param: string, value: string) => out.push({ param, value: value.length > 40 ? `${value.slice(0, 40)}…` : value });
	const lang = params.get('lang');
	if (lang !== null && lang !== 'de' && lang !== 'en') bad('lang', lang);
	const view = params.get('view');
	if (view !== null && !PRESETS.some((p) => p.id === view)) bad('view', view);
	const themes = params.get('themes');
	if (themes !== null) {
		const unknown = themes.split(',').filter((t) => t !== '' && !isThemeId(t));
		if (unknown.length) bad('themes', unknown.join(','));
	}
	const map = params.get('map');
	if (map !== null && !parseMap(map)) bad('map', map);
	const bb = params.get('bb');
	if (bb !== null) {
		const [edition, metric, level, ...rest] = bb.split(':');
		const ok = bb.split(':').length >= 2 && (!edition || /^\d{4}-\d{2}$/.test(edition)) && (!metric || METRICS.has(metric)) && (!level || level === 'municipality' || level === 'district') && rest.length === 0;
		if (!ok) bad('bb', bb);
	}
	const area = params.get('area');
	if (area !== null && !(isThemeId(area) && colouringThemes([area]).length === 1)) bad('area', area);
	return out;
}

/** A page address's query (`?…` or empty): the state it gives and the parameters it could not use. */
export function readSearch(search: string): { state: AppState; problems: LinkProblem[] } {
	const params = new URLSearchParams(search);
	return { state: parseState(params), problems: linkProblems(params) };
}
