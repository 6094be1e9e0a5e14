/**
 * Back-office edits published since the tiles were built ("live overlay"): per theme the entries
 * to draw from GeoJSON and the ids whose tile features must be hidden (changed, unpublished or
 * deleted since the build). The server answers it at GET /api/live and hands it to the map page, so
 * the main map shows a publish within seconds and without a rebuild; a map whose tiles are current
 * gets an empty overlay and draws nothing extra.
 */
import type { ThemeId } from '../themes/registry.ts';

export interface LiveTheme {
	/** ids of tile features that must not be drawn: the overlay has their current state, or they are gone */
	hidden: string[];
	/** published entries changed since the build, properties as in the tiles (fid, name, category, …) */
	features: GeoJSON.Feature[];
}

export interface LiveOverlay {
	/** the back office's content version the overlay was made at */
	content_version: string;
	themes: Partial<Record<ThemeId, LiveTheme>>;
}

export const EMPTY_OVERLAY: LiveOverlay = { content_version: '', themes: {} };

/** Where the browser asks for the current overlay. */
export const LIVE_URL = '/api/live';

export function overlayIsEmpty(o: LiveOverlay | null | undefined): boolean {
	return !o || Object.values(o.themes).every((t) => !t || (t.hidden.length === 0 && t.features.length === 0));
}

/** The GeoJSON source of a theme's live entries. */
export function liveSourceId(theme: ThemeId): string {
	return `live:${theme}`;
}

/** A live layer's id: the tile layer's id it copies, prefixed. */
export function liveLayerId(tileLayerId: string): string {
	return `live:${tileLayerId}`;
}

/** The current overlay, or null when the server cannot say (the map then keeps what it has). */
export async function fetchLiveOverlay(signal?: AbortSignal): Promise<LiveOverlay | null> {
	try {
		const res = await fetch(LIVE_URL, { cache: 'no-cache', credentials: 'omit', ...(signal ? { signal } : {}) });
		if (!res.ok) return null;
		const body = (await res.json()) as Partial<LiveOverlay>;
		return typeof body.content_version === 'string' && body.themes && typeof body.themes === 'object' ? (body as LiveOverlay) : null;
	} catch {
		return null;
	}
}
