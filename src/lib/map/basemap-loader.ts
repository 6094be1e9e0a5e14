/**
 * Fetches the basemap's style in the browser, within a time limit and without a word on the console
 * when it fails: an unreachable basemap is an expected state (offline machines, CI, a portal that is
 * down), and the map falls back to the built-in overview.
 */
import type { StyleSpecification } from 'maplibre-gl';
import fontRegular from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import fontMedium from '@fontsource/noto-sans/files/noto-sans-latin-500-normal.woff2?url';
import fontItalic from '@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff2?url';
import { isStyle } from './basemap.ts';
import type { BasemapSetting } from './basemap.ts';

/** How long the style may take before the map starts without it. */
export const STYLE_TIMEOUT_MS = 3_000;
/** How long after the map started the basemap's first tile may take before the map drops it. */
export const TILES_TIMEOUT_MS = 6_000;

export const THEME_FONT_URL = fontRegular;

export interface LoadedBasemap {
	style: StyleSpecification;
	/** the address its relative URLs are relative to */
	styleUrl: string;
}

export async function loadBasemapStyle(setting: BasemapSetting, timeoutMs = STYLE_TIMEOUT_MS): Promise<LoadedBasemap | null> {
	if (setting.mode === 'none') return null;
	if (setting.mode === 'pmtiles') {
		if (!setting.archiveUrl) return null;
		// Loaded only in this mode, so the other modes do not pay for the Protomaps style in their bundle.
		const { protomapsStyle } = await import('./protomaps-served.ts');
		const archive = new URL(setting.archiveUrl, location.href).href;
		return { style: protomapsStyle(`pmtiles://${archive}`, { regular: fontRegular, medium: fontMedium, italic: fontItalic }), styleUrl: archive };
	}
	if (!setting.styleUrl) return null;
	try {
		const res = await fetch(setting.styleUrl, { signal: AbortSignal.timeout(timeoutMs), credentials: 'omit' });
		if (!res.ok) return null;
		const body: unknown = await res.json();
		return isStyle(body) ? { style: body, styleUrl: setting.styleUrl } : null;
	} catch {
		return null;
	}
}
