/**
 * The sprite sheet of the self-hosted basemap (NT_BASEMAP=pmtiles). Protomaps publishes its own
 * sheet only on its website, not on npm, so the build makes one: icons from Maki (npm
 * `@mapbox/maki`, CC0 1.0) and a few plain shapes, drawn with resvg and packed with potpack, as a
 * standard MapLibre sprite (index JSON + PNG, at pixel ratio 1 and 2). Colours come from the
 * `@protomaps/basemaps` grey flavour, so the icons match the style that asks for them.
 *
 * The names are the ones the grey flavour's layers ask for (see `layers()` of @protomaps/basemaps):
 * `townspot` and `capital` beside place names up to zoom 8, `arrow` on one-way streets, and road
 * shields `generic_shield-<n>char` (also under the US and NL network names the style may compute,
 * as the same plain shield). src/lib/map/protomaps.ts drops the icon, never the label, for any
 * name the sheet does not have.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import potpack from 'potpack';
import { namedFlavor } from '@protomaps/basemaps';

export interface SpriteEntry {
	x: number;
	y: number;
	width: number;
	height: number;
	pixelRatio: number;
}

export type SpriteIndex = Record<string, SpriteEntry>;

export interface SpriteSheet {
	pixelRatio: 1 | 2;
	index: SpriteIndex;
	png: Uint8Array;
}

/** One icon: its size in CSS pixels and the SVG markup that draws it in that box. */
interface Icon {
	width: number;
	height: number;
	svg: string;
}

/** Shields are drawn for road numbers of up to five characters (the style's filter). */
export const SHIELD_LENGTHS = [1, 2, 3, 4, 5] as const;
/** Networks the style gives their own shield name; they get the plain shield. */
const SHIELD_NETWORKS = ['generic_shield', 'US:I', 'NL:S-road'] as const;
/** Empty space around every icon in the sheet, so neighbours never bleed into each other when scaled. */
const PADDING = 1;

const require = createRequire(import.meta.url);

/** The drawing inside a Maki icon (its 15 × 15 viewBox), without ids that would repeat in one sheet. */
export function makiShapes(name: string): string {
	const file = require.resolve(`@mapbox/maki/icons/${name}.svg`);
	const text = readFileSync(file, 'utf8');
	const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(text)?.[1];
	if (!inner) throw new Error(`Maki icon ${name}: no <svg> element in ${file}`);
	return inner.replace(/\s(id|class|style)="[^"]*"/g, '').trim();
}

/** A Maki icon scaled to `size` px, filled with `fill` and — if `halo` is given — outlined with it for contrast. */
function makiIcon(name: string, size: number, fill: string, opts: { halo?: string; rotate?: number } = {}): Icon {
	const shapes = makiShapes(name);
	// One unit of margin inside the viewBox keeps the halo within the image.
	const rotate = opts.rotate ? ` transform="rotate(${opts.rotate} 7.5 7.5)"` : '';
	const halo = opts.halo ? `<g fill="${opts.halo}" stroke="${opts.halo}" stroke-width="2" stroke-linejoin="round">${shapes}</g>` : '';
	return { width: size, height: size, svg: `<svg viewBox="-1 -1 17 17"><g${rotate}>${halo}<g fill="${fill}">${shapes}</g></g></svg>` };
}

/**
 * A plain road shield for a number of `chars` characters. The style draws the number in 8 px text
 * and the shield at 0.8 of its size: a character of Noto Sans Medium at 8 px is about 4.8 px wide,
 * so the image is 6 px per character plus the margins wide and 15 px high.
 */
function shield(chars: number, fill: string, stroke: string): Icon {
	const width = 6 * chars + 8;
	const height = 15;
	return { width, height, svg: `<svg viewBox="0 0 ${width} ${height}"><rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="2.5" fill="${fill}" stroke="${stroke}" stroke-width="1"/></svg>` };
}

/** Every image of the sheet by name; aliases (the other networks' shields) point at the same drawing. */
export function basemapIcons(): { icons: Map<string, Icon>; aliases: Map<string, string> } {
	const f = namedFlavor('grayscale');
	const icons = new Map<string, Icon>();
	const aliases = new Map<string, string>();
	icons.set('townspot', makiIcon('circle', 12, f.city_label, { halo: f.city_label_halo }));
	icons.set('capital', makiIcon('star', 14, f.city_label, { halo: f.city_label_halo }));
	// The style turns the arrow by 90° to follow the street, so the image points up; Maki's points right.
	icons.set('arrow', makiIcon('arrow', 12, f.roads_label_major, { rotate: -90 }));
	for (const n of SHIELD_LENGTHS) {
		const name = `generic_shield-${n}char`;
		icons.set(name, shield(n, '#ffffff', f.roads_label_major));
		for (const network of SHIELD_NETWORKS) if (network !== 'generic_shield') aliases.set(`${network}-${n}char`, name);
	}
	return { icons, aliases };
}

interface Placed {
	name: string;
	icon: Icon;
	x: number;
	y: number;
}

/** Packs the icons once in CSS pixels; every pixel ratio uses the same layout, scaled. */
function layout(icons: Map<string, Icon>): { placed: Placed[]; width: number; height: number } {
	const boxes = [...icons].sort(([a], [b]) => a.localeCompare(b)).map(([name, icon]) => ({ name, icon, w: icon.width + 2 * PADDING, h: icon.height + 2 * PADDING, x: 0, y: 0 }));
	const { w, h } = potpack(boxes);
	return { placed: boxes.map((b) => ({ name: b.name, icon: b.icon, x: b.x + PADDING, y: b.y + PADDING })), width: w, height: h };
}

/** The sheet as one SVG: each icon a nested <svg> at its place, rendered in one pass per pixel ratio. */
function sheetSvg(placed: Placed[], width: number, height: number): string {
	const parts = placed.map((p) => p.icon.svg.replace('<svg ', `<svg x="${p.x}" y="${p.y}" width="${p.icon.width}" height="${p.icon.height}" `));
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** The sprite at pixel ratio 1 and 2, ready to be written as `<name>.json/.png` and `<name>@2x.json/.png`. */
export function buildBasemapSprite(): SpriteSheet[] {
	const { icons, aliases } = basemapIcons();
	const { placed, width, height } = layout(icons);
	const svg = sheetSvg(placed, width, height);
	return ([1, 2] as const).map((pixelRatio) => {
		const index: SpriteIndex = {};
		for (const p of placed) index[p.name] = { x: p.x * pixelRatio, y: p.y * pixelRatio, width: p.icon.width * pixelRatio, height: p.icon.height * pixelRatio, pixelRatio };
		for (const [alias, name] of aliases) index[alias] = { ...index[name]! };
		const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: pixelRatio }, font: { loadSystemFonts: false } }).render().asPng();
		return { pixelRatio, index: Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b))), png: new Uint8Array(png) };
	});
}

/** The files of a sprite called `name`: file name → bytes. */
export function spriteFiles(sheets: SpriteSheet[], name: string): Map<string, Uint8Array> {
	const files = new Map<string, Uint8Array>();
	for (const s of sheets) {
		const suffix = s.pixelRatio === 1 ? '' : `@${s.pixelRatio}x`;
		files.set(`${name}${suffix}.json`, new TextEncoder().encode(JSON.stringify(s.index)));
		files.set(`${name}${suffix}.png`, s.png);
	}
	return files;
}

/** A short hash of all files of the sheet: one name for the four files, new whenever any of them changes. */
export function spriteHash(sheets: SpriteSheet[]): string {
	const h = createHash('sha256');
	for (const [file, bytes] of spriteFiles(sheets, '')) h.update(file).update(bytes);
	return h.digest('hex').slice(0, 10);
}
