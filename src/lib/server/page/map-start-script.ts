/**
 * The inline script at the top of the map pages' head that starts the map's worker and the request for
 * the start of the tile archive (see src/lib/map/early-start.ts), and its hash for the
 * Content-Security-Policy, which allows only the app's own scripts and the inline scripts it names.
 */
import { createHash } from 'node:crypto';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { archivePath, earlyStartScript } from '$lib/map/early-start.ts';

/** The placeholder in src/app.html, near the top of the head, for the script. */
export const MAP_START_PLACEHOLDER = '%nt.mapStart%';

export interface MapStartScript {
	tag: string;
	/** the CSP source that allows exactly this script */
	hash: string;
}

const scripts = new Map<string, MapStartScript>();

/**
 * The script for a page whose map draws the archive of `dataVersion` (the archive's address carries
 * it, as in the browser); without a version the script starts the worker only. One script per data
 * version, made once.
 */
export function mapStartScript(dataVersion: string | undefined): MapStartScript {
	const key = dataVersion ?? '';
	let script = scripts.get(key);
	if (!script) {
		const text = earlyStartScript(workerUrl, dataVersion ? archivePath(dataVersion) : null);
		script = { tag: `<script>${text}</script>`, hash: `'sha256-${createHash('sha256').update(text).digest('base64')}'` };
		// a data build gives a new version; the old one's script is not needed again
		if (scripts.size > 8) scripts.clear();
		scripts.set(key, script);
	}
	return script;
}

/** Whether the page has the map's container (the server writes the map's start values into it). */
export function pageHasMap(html: string): boolean {
	return html.includes(' data-map-boot=');
}

/**
 * The page with the script in its head when it has the map, without the placeholder otherwise; the
 * script's hash when it was added.
 */
export function withMapStartScript(html: string, dataVersion: string | undefined): { html: string; hash: string | null } {
	if (!html.includes(MAP_START_PLACEHOLDER)) return { html, hash: null };
	if (!pageHasMap(html)) return { html: html.replace(MAP_START_PLACEHOLDER, ''), hash: null };
	const script = mapStartScript(dataVersion);
	return { html: html.replace(MAP_START_PLACEHOLDER, script.tag), hash: script.hash };
}
