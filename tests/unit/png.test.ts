import { describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import { decodePng, pixelAt } from '../e2e/png.ts';

/** A 2×2 test image, RGBA: red, green / blue, half-transparent grey. */
const PIXELS = [
	[[255, 0, 0, 255], [0, 255, 0, 255]],
	[[0, 0, 255, 255], [128, 128, 128, 128]]
];

function chunk(type: string, body: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(body.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
	return Buffer.concat([head, body, crc]);
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Encodes PIXELS as a PNG, filtering each row with the given filter type (written out by hand here, independent of the decoder). */
function encode(filters: number[], opts: { channels?: 3 | 4; bitDepth?: number; colourType?: number } = {}): Buffer {
	const channels = opts.channels ?? 4;
	const rows = PIXELS.map((row) => row.flatMap((p) => p.slice(0, channels)));
	const stride = 2 * channels;
	const raw: number[] = [];
	rows.forEach((row, y) => {
		const filter = filters[y]!;
		raw.push(filter);
		for (let x = 0; x < stride; x++) {
			const a = x >= channels ? row[x - channels]! : 0;
			const b = y > 0 ? rows[y - 1]![x]! : 0;
			const c = x >= channels && y > 0 ? rows[y - 1]![x - channels]! : 0;
			const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
			raw.push((row[x]! - predicted) & 0xff);
		}
	});
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(2, 0);
	ihdr.writeUInt32BE(2, 4);
	ihdr[8] = opts.bitDepth ?? 8;
	ihdr[9] = opts.colourType ?? (channels === 4 ? 6 : 2);
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const data = deflateSync(Buffer.from(raw));
	// Two IDAT chunks: the decoder must join them before inflating.
	const cut = Math.floor(data.length / 2);
	return Buffer.concat([
		signature,
		chunk('IHDR', ihdr),
		chunk('IDAT', data.subarray(0, cut)),
		chunk('IDAT', data.subarray(cut)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

describe('decodePng', () => {
	for (const filters of [[0, 0], [1, 2], [3, 4], [4, 3], [2, 1]]) {
		it(`decodes an RGBA image with row filters ${filters.join(', ')}`, () => {
			const img = decodePng(encode(filters));
			expect(img.width).toBe(2);
			expect(img.height).toBe(2);
			expect(pixelAt(img, 0, 0)).toEqual([255, 0, 0, 255]);
			expect(pixelAt(img, 1, 0)).toEqual([0, 255, 0, 255]);
			expect(pixelAt(img, 0, 1)).toEqual([0, 0, 255, 255]);
			expect(pixelAt(img, 1, 1)).toEqual([128, 128, 128, 128]);
		});
	}

	it('decodes an RGB image and makes it opaque', () => {
		const img = decodePng(encode([4, 3], { channels: 3 }));
		expect([...img.data]).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 128, 128, 128, 255]);
	});

	it('refuses what it cannot decode instead of guessing', () => {
		expect(() => decodePng(Buffer.from('GIF89a not a png'))).toThrow(/signature/);
		expect(() => decodePng(encode([0, 0], { bitDepth: 16 }))).toThrow(/bit depth 16/);
		expect(() => decodePng(encode([0, 0], { colourType: 3 }))).toThrow(/colour type 3/);
		expect(() => decodePng(encode([5, 0]))).toThrow(/filter type 5/);
		expect(() => pixelAt(decodePng(encode([0, 0])), 2, 0)).toThrow(/outside/);
	});
});
