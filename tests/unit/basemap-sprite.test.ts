/**
 * The self-hosted basemap's sprite sheet (scripts/lib/basemap-sprite.ts): standard MapLibre sprite
 * files at pixel ratio 1 and 2, every index entry inside its PNG and drawn, made from a CC0 icon set.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildBasemapSprite, spriteFiles, spriteHash, SHIELD_LENGTHS } from '../../scripts/lib/basemap-sprite.ts';
import type { SpriteEntry } from '../../scripts/lib/basemap-sprite.ts';
import { decodePng } from '../e2e/png.ts';
import type { RgbaImage } from '../e2e/png.ts';

const sheets = buildBasemapSprite();
const [one, two] = sheets;

/** The alpha values of an entry's rectangle in the decoded sheet. */
function alphaIn(img: RgbaImage, e: SpriteEntry): number[] {
	const out: number[] = [];
	for (let y = e.y; y < e.y + e.height; y++) for (let x = e.x; x < e.x + e.width; x++) out.push(img.data[(y * img.width + x) * 4 + 3]!);
	return out;
}

describe('basemap sprite sheet', () => {
	it('comes at pixel ratio 1 and 2 with the same image names', () => {
		expect(sheets.map((s) => s.pixelRatio)).toEqual([1, 2]);
		expect(Object.keys(two!.index)).toEqual(Object.keys(one!.index));
	});

	it('has the images the Protomaps grey style asks for: town dot, capital, one-way arrow, road shields of 1–5 characters', () => {
		const names = Object.keys(one!.index);
		for (const name of ['townspot', 'capital', 'arrow']) expect(names).toContain(name);
		for (const n of SHIELD_LENGTHS) for (const network of ['generic_shield', 'US:I', 'NL:S-road']) expect(names).toContain(`${network}-${n}char`);
	});

	it('places every index entry inside its PNG, with the sheet’s pixel ratio, and draws something there', () => {
		for (const s of sheets) {
			const img = decodePng(s.png);
			expect(img.width).toBeGreaterThan(0);
			for (const [name, e] of Object.entries(s.index)) {
				expect(e.pixelRatio, name).toBe(s.pixelRatio);
				expect(Number.isInteger(e.x) && Number.isInteger(e.y) && e.width > 0 && e.height > 0, name).toBe(true);
				expect(e.x + e.width, name).toBeLessThanOrEqual(img.width);
				expect(e.y + e.height, name).toBeLessThanOrEqual(img.height);
				expect(Math.max(...alphaIn(img, e)), `${name} is drawn`).toBeGreaterThan(200);
			}
		}
	});

	it('draws the 2× sheet at twice the size of the 1× one', () => {
		const a = decodePng(one!.png);
		const b = decodePng(two!.png);
		expect([b.width, b.height]).toEqual([a.width * 2, a.height * 2]);
		for (const [name, e] of Object.entries(one!.index)) expect(two!.index[name], name).toEqual({ x: e.x * 2, y: e.y * 2, width: e.width * 2, height: e.height * 2, pixelRatio: 2 });
	});

	it('keeps different images apart (only aliases of one shield share a rectangle)', () => {
		const rects = new Map<string, SpriteEntry>();
		for (const e of Object.values(one!.index)) rects.set(`${e.x},${e.y}`, e);
		const list = [...rects.values()];
		for (const a of list)
			for (const b of list) {
				if (a === b) continue;
				const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
				expect(apart, `${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(true);
			}
		expect(one!.index['US:I-3char']).toEqual(one!.index['generic_shield-3char']);
	});

	it('writes the standard MapLibre file names, and one hash names all four files', () => {
		const files = spriteFiles(sheets, 'basemap-sprite');
		expect([...files.keys()].sort()).toEqual(['basemap-sprite.json', 'basemap-sprite.png', 'basemap-sprite@2x.json', 'basemap-sprite@2x.png']);
		expect(JSON.parse(new TextDecoder().decode(files.get('basemap-sprite@2x.json')))).toEqual(two!.index);
		// The same inputs give the same bytes, so the hashed name only changes when the sheet does.
		expect(spriteHash(buildBasemapSprite())).toBe(spriteHash(sheets));
		expect(spriteHash(sheets)).toMatch(/^[0-9a-f]{10}$/);
	});

	it('draws its icons from Maki, published under CC0 1.0', () => {
		const require = createRequire(import.meta.url);
		const pkg = JSON.parse(readFileSync(require.resolve('@mapbox/maki/package.json'), 'utf8')) as { license: string };
		expect(pkg.license).toBe('CC0-1.0');
		expect(readFileSync(require.resolve('@mapbox/maki/LICENSE.txt'), 'utf8')).toMatch(/^CC0 1\.0 Universal/);
	});
});
