/**
 * One-time MapLibre set-up in the browser: the worker file and the pmtiles:// protocol. The label
 * font needs no waiting here: MapLibre draws glyphs locally from the page's Noto Sans (the style has
 * no glyph URL) and itself waits for the web font before it draws the first glyph, so the map is
 * created at once and the font loads alongside the tiles.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { PMTiles, Protocol } from 'pmtiles';
import { skipRepeatedPlacementFrame } from './placement-frame.ts';
import { takeEarlyArchiveHead, withEarlyWorker } from './early-start.ts';
import { HeadFirstSource } from './archive-source.ts';

let ready: Promise<typeof maplibregl> | null = null;
let protocol: Protocol | null = null;

export function setupMapLibre(): Promise<typeof maplibregl> {
	if (!ready) {
		maplibregl.setWorkerUrl(workerUrl);
		// Labels arriving with the last tiles are drawn once, not twice (see placement-frame.ts).
		skipRepeatedPlacementFrame(maplibregl.Style.prototype);
		protocol = new Protocol();
		maplibregl.addProtocol('pmtiles', protocol.tile);
		// The worker loads and starts while the page is still being set up, not when the map is created;
		// on pages with the main map it was started by the page's head already (see early-start.ts).
		withEarlyWorker(workerUrl, () => maplibregl.prewarm());
		ready = Promise.resolve(maplibregl);
	}
	return ready;
}

/**
 * Starts reading an archive's header and root directory right away (the page calls this while it
 * is still being set up), so the map's first tile requests do not wait for that round trip; on pages
 * with the main map the page's head has sent that read already (see early-start.ts). The map then
 * finds the archive under the same URL (`pmtiles://<url>`) with its header already read.
 */
export function preloadArchive(url: string): void {
	void setupMapLibre();
	if (!protocol || protocol.get(url)) return;
	const archive = new PMTiles(new HeadFirstSource(url, takeEarlyArchiveHead(url)));
	protocol.add(archive);
	archive.getHeader().catch(() => undefined);
}

export function webglAvailable(): boolean {
	try {
		const canvas = document.createElement('canvas');
		return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
	} catch {
		return false;
	}
}
