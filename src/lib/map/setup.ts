/**
 * One-time MapLibre set-up in the browser: the worker file, the pmtiles:// protocol and the bundled
 * label font (MapLibre draws glyphs locally from it because the style has no glyph URL).
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import { FONT } from './style.ts';

let ready: Promise<typeof maplibregl> | null = null;

export function setupMapLibre(): Promise<typeof maplibregl> {
	if (!ready) {
		ready = (async () => {
			maplibregl.setWorkerUrl(workerUrl);
			const protocol = new Protocol();
			maplibregl.addProtocol('pmtiles', protocol.tile);
			// Glyphs are rasterised from this font the first time a label needs them; it must be loaded first.
			await Promise.all([document.fonts.load(`16px "${FONT[0]}"`), document.fonts.load(`bold 16px "${FONT[0]}"`)]).catch(() => undefined);
			return maplibregl;
		})();
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
