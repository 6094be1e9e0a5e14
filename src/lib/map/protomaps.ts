/**
 * The self-hosted basemap (NT_BASEMAP=pmtiles): a Protomaps-schema archive served by the project's
 * own tile endpoint, drawn with the `@protomaps/basemaps` style in its grey flavour with German
 * labels. Everything it needs comes from this server: tiles by Range through the pmtiles://
 * protocol, fonts from the app's bundled Noto Sans files (declared in `font-faces`, so no glyph
 * server is needed). Protomaps' sprite sheet is not on npm; icons (town dots, road shields, one-way
 * arrows) are left out and their labels kept, so no image is ever requested.
 */
import { layers, namedFlavor } from '@protomaps/basemaps';
import type { StyleSpecification, LayerSpecification, FontFacesSpecification } from 'maplibre-gl';
import { PROTOMAPS_ATTRIBUTION } from './basemap.ts';

export const PROTOMAPS_SOURCE = 'protomaps';

export interface ProtomapsFonts {
	regular: string;
	medium: string;
	italic: string;
}

/** Protomaps names its fonts "Noto Sans Regular/Medium/Italic"; the project serves those cuts itself. */
export function protomapsFontFaces(fonts: ProtomapsFonts): FontFacesSpecification {
	return { 'Noto Sans Regular': fonts.regular, 'Noto Sans Medium': fonts.medium, 'Noto Sans Italic': fonts.italic };
}

/** A symbol layer without its icon: the label stays, a layer that was only an icon goes. */
function withoutIcons(layer: LayerSpecification): LayerSpecification | null {
	if (layer.type !== 'symbol' || !layer.layout || !('icon-image' in layer.layout)) return layer;
	if (!('text-field' in layer.layout)) return null;
	const layout = Object.fromEntries(Object.entries(layer.layout).filter(([k]) => !k.startsWith('icon-')));
	return { ...layer, layout } as LayerSpecification;
}

export function protomapsStyle(tilesUrl: string, fonts: ProtomapsFonts, lang: 'de' | 'en' = 'de'): StyleSpecification {
	// The package types its layers with the style-spec package's own (identical) LayerSpecification.
	const all = layers(PROTOMAPS_SOURCE, namedFlavor('grayscale'), { lang }) as unknown as LayerSpecification[];
	return {
		version: 8,
		name: 'Protomaps (grau)',
		sources: { [PROTOMAPS_SOURCE]: { type: 'vector', url: tilesUrl, attribution: PROTOMAPS_ATTRIBUTION } },
		'font-faces': protomapsFontFaces(fonts),
		layers: all.map(withoutIcons).filter((l): l is LayerSpecification => l !== null)
	};
}
