/**
 * The self-hosted basemap (NT_BASEMAP=pmtiles): a Protomaps-schema archive served by the project's
 * own tile endpoint, drawn with the `@protomaps/basemaps` style in its grey flavour with German
 * labels. Everything it needs comes from this server: tiles by Range through the pmtiles://
 * protocol, fonts from the app's bundled Noto Sans files (declared in `font-faces`, so no glyph
 * server is needed), icons (town dots, road shields, one-way arrows) from the sprite sheet the build
 * draws from Maki (scripts/lib/basemap-sprite.ts; Protomaps' own sheet is not on npm).
 *
 * An icon name the sheet lacks would make MapLibre warn "Image could not be loaded" for every
 * feature; such names are turned into "no icon" in the style itself, and the label stays.
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

/** The sprite the project serves: its absolute base URL (MapLibre adds `.json`, `@2x.png`, …) and its image names. */
export interface ProtomapsSprite {
	url: string;
	names: readonly string[];
}

type ImageValue = string | unknown[];

/**
 * An icon-image value that asks only for images the sprite has: a plain name stays or goes, an
 * expression's result is checked against the names and becomes "" (no icon) when it is not one.
 * MapLibre allows ["zoom"] only as the input of a top-level step, so such a step keeps its place and
 * each of its outputs is checked instead. Returns null when no icon can be drawn at all.
 */
export function iconsFromSprite(value: ImageValue, names: ReadonlySet<string>): ImageValue | null {
	const output = (v: unknown): unknown => {
		if (typeof v === 'string') return names.has(v) ? v : '';
		return ['case', ['in', v, ['literal', [...names]]], v, ''];
	};
	if (typeof value === 'string') return names.has(value) ? value : null;
	if (value[0] === 'step' && JSON.stringify(value[1]) === '["zoom"]') return ['step', value[1], ...value.slice(2).map((v, i) => (i % 2 === 0 ? output(v) : v))];
	return output(value) as ImageValue;
}

/** A symbol layer with only the icons the sprite has; without any, the label stays and an icon-only layer goes. */
function withSpriteIcons(layer: LayerSpecification, names: ReadonlySet<string>): LayerSpecification | null {
	if (layer.type !== 'symbol' || !layer.layout || !('icon-image' in layer.layout)) return layer;
	const image = iconsFromSprite(layer.layout['icon-image'] as ImageValue, names);
	if (image !== null) return { ...layer, layout: { ...layer.layout, 'icon-image': image } } as LayerSpecification;
	if (!('text-field' in layer.layout)) return null;
	const layout = Object.fromEntries(Object.entries(layer.layout).filter(([k]) => !k.startsWith('icon-')));
	return { ...layer, layout } as LayerSpecification;
}

export function protomapsStyle(tilesUrl: string, fonts: ProtomapsFonts, sprite: ProtomapsSprite, lang: 'de' | 'en' = 'de'): StyleSpecification {
	// The package types its layers with the style-spec package's own (identical) LayerSpecification.
	const all = layers(PROTOMAPS_SOURCE, namedFlavor('grayscale'), { lang }) as unknown as LayerSpecification[];
	const names = new Set(sprite.names);
	return {
		version: 8,
		name: 'Protomaps (grau)',
		sources: { [PROTOMAPS_SOURCE]: { type: 'vector', url: tilesUrl, attribution: PROTOMAPS_ATTRIBUTION } },
		sprite: sprite.url,
		'font-faces': protomapsFontFaces(fonts),
		layers: all.map((l) => withSpriteIcons(l, names)).filter((l): l is LayerSpecification => l !== null)
	};
}

/** The sprite's base URL from the address of its 1× index file (`…/name.json` → `…/name`), made absolute. */
export function spriteBaseUrl(indexUrl: string, pageUrl: string): string {
	return new URL(indexUrl, pageUrl).href.replace(/\.json$/, '');
}
