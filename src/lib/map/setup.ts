/**
 * One-time MapLibre set-up in the browser: the worker file and the pmtiles:// protocol. The label
 * font needs no waiting here: MapLibre draws glyphs locally from the page's Noto Sans (the style has
 * no glyph URL) and itself waits for the web font before it draws the first glyph, so the map is
 * created at once and the font loads alongside the tiles.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';

let ready: Promise<typeof maplibregl> | null = null;

export function setupMapLibre(): Promise<typeof maplibregl> {
	if (!ready) {
		maplibregl.setWorkerUrl(workerUrl);
		const protocol = new Protocol();
		maplibregl.addProtocol('pmtiles', protocol.tile);
		ready = Promise.resolve(maplibregl);
	}
	return ready;
}

export function webglAvailable(): boolean {
	try {
		const canvas = document.createElement('canvas');
		return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
	} catch {
		return false;
	}
}
