/**
 * A small PNG decoder for screenshots. A WebGL canvas cannot be read back in the page (drawImage
 * and readPixels see an empty buffer once the frame is composited), so the tests read the
 * browser's screenshot instead. Chromium writes 8-bit, non-interlaced RGB or RGBA PNGs; grey
 * variants are accepted too, everything else is refused loudly rather than decoded wrongly.
 */
import { inflateSync } from 'node:zlib';

export interface RgbaImage {
	width: number;
	height: number;
	/** width × height × 4 bytes, row by row, R G B A. */
	data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Channels per pixel for each supported colour type (0 grey, 2 RGB, 4 grey+alpha, 6 RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(png: Uint8Array): RgbaImage {
	const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
	if (buf.length < 8 || SIGNATURE.some((b, i) => buf[i] !== b)) throw new Error('not a PNG: bad signature');

	let width = 0;
	let height = 0;
	let colourType = -1;
	const idat: Buffer[] = [];
	for (let pos = 8; pos + 8 <= buf.length; ) {
		const length = buf.readUInt32BE(pos);
		const type = buf.toString('latin1', pos + 4, pos + 8);
		const body = buf.subarray(pos + 8, pos + 8 + length);
		if (body.length !== length) throw new Error(`PNG chunk ${type} is truncated`);
		if (type === 'IHDR') {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			const bitDepth = body[8];
			colourType = body[9] ?? -1;
			const interlace = body[12];
			if (bitDepth !== 8) throw new Error(`PNG bit depth ${bitDepth} is not supported (only 8)`);
			if (!(colourType in CHANNELS)) throw new Error(`PNG colour type ${colourType} is not supported`);
			if (interlace !== 0) throw new Error('interlaced PNGs are not supported');
		} else if (type === 'IDAT') {
			idat.push(body);
		} else if (type === 'IEND') {
			break;
		}
		pos += 12 + length; // length + type + body + CRC
	}
	if (colourType < 0) throw new Error('PNG has no IHDR chunk');

	const channels = CHANNELS[colourType]!;
	const stride = width * channels;
	const raw = inflateSync(Buffer.concat(idat));
	if (raw.length < height * (stride + 1)) throw new Error(`PNG image data too short: ${raw.length} bytes for ${width}×${height}`);

	const pixels = unfilter(raw, width, height, channels);
	const data = new Uint8Array(width * height * 4);
	for (let i = 0, o = 0; i < pixels.length; i += channels, o += 4) {
		if (channels >= 3) {
			data[o] = pixels[i]!;
			data[o + 1] = pixels[i + 1]!;
			data[o + 2] = pixels[i + 2]!;
			data[o + 3] = channels === 4 ? pixels[i + 3]! : 255;
		} else {
			data[o] = data[o + 1] = data[o + 2] = pixels[i]!;
			data[o + 3] = channels === 2 ? pixels[i + 1]! : 255;
		}
	}
	return { width, height, data };
}

/** Reverses the per-row filters (PNG spec §9: None, Sub, Up, Average, Paeth). */
function unfilter(raw: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
	const stride = width * bpp;
	const out = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const src = y * (stride + 1) + 1;
		const row = y * stride;
		const prev = row - stride;
		for (let x = 0; x < stride; x++) {
			const a = x >= bpp ? out[row + x - bpp]! : 0;
			const b = y > 0 ? out[prev + x]! : 0;
			const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
			const v = raw[src + x]!;
			let predicted: number;
			switch (filter) {
				case 0: predicted = 0; break;
				case 1: predicted = a; break;
				case 2: predicted = b; break;
				case 3: predicted = (a + b) >> 1; break;
				case 4: predicted = paeth(a, b, c); break;
				default: throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
			}
			out[row + x] = (v + predicted) & 0xff;
		}
	}
	return out;
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	if (pa <= pb && pa <= pc) return a;
	return pb <= pc ? b : c;
}

/** The RGBA value at (x, y). */
export function pixelAt(img: RgbaImage, x: number, y: number): [number, number, number, number] {
	if (x < 0 || y < 0 || x >= img.width || y >= img.height) throw new Error(`pixel (${x}, ${y}) is outside ${img.width}×${img.height}`);
	const i = (Math.floor(y) * img.width + Math.floor(x)) * 4;
	return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
}
