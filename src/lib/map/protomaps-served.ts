/**
 * The pmtiles mode's style as the browser loads it: with the sprite the build drew and the app
 * serves (scripts/lib/vite-basemap-sprite.ts). Imported lazily and only in that mode, so the other
 * modes neither carry the Protomaps style in their bundle nor request the sprite.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { spriteIndexUrl, spriteNames } from 'virtual:basemap-sprite';
import { protomapsStyle, spriteBaseUrl } from './protomaps.ts';
import type { ProtomapsFonts } from './protomaps.ts';

export function servedProtomapsStyle(tilesUrl: string, fonts: ProtomapsFonts): StyleSpecification {
	return protomapsStyle(tilesUrl, fonts, { url: spriteBaseUrl(spriteIndexUrl, location.href), names: spriteNames });
}
