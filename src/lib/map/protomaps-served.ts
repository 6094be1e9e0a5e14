/**
 * The pmtiles mode's style as the browser loads it: with the sprite the build drew and the app
 * serves (scripts/lib/vite-basemap-sprite.ts). Imported lazily and only in that mode, so the other
 * modes neither carry the Protomaps style in their bundle nor request the sprite.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { spriteIndexUrl, spriteNames } from 'virtual:basemap-sprite';
import { protomapsStyle as withSprite, spriteBaseUrl } from './protomaps.ts';
import type { ProtomapsFonts } from './protomaps.ts';

// Named as before this module existed, so the page's first-load bundle, which names it in its lazy import, stays byte for byte the same.
export function protomapsStyle(tilesUrl: string, fonts: ProtomapsFonts): StyleSpecification {
	return withSprite(tilesUrl, fonts, { url: spriteBaseUrl(spriteIndexUrl, location.href), names: spriteNames });
}
