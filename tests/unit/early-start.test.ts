/**
 * The map's early start: the head script that starts MapLibre's worker and the archive's first read,
 * MapLibre being handed that worker, and the archive's reader taking that read. The scripts run here
 * against stand-ins for the browser's Worker, fetch and location; the browser test in
 * tests/e2e/smoke.test.ts checks the real page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { ARCHIVE_HEAD_BYTES, EARLY_START_GLOBAL, archivePath, earlyStartScript, takeEarlyArchiveHead, withEarlyWorker } from '../../src/lib/map/early-start.ts';
import type { ArchiveHead } from '../../src/lib/map/early-start.ts';
import { HeadFirstSource, readHead } from '../../src/lib/map/archive-source.ts';
import { MAP_START_PLACEHOLDER, mapStartScript, withMapStartScript } from '../../src/lib/server/page/map-start-script.ts';
import { pageSecurityHeaders } from '../../src/lib/server/security-headers.ts';

const ORIGIN = 'https://karte.example';
const WORKER = '/_app/immutable/assets/maplibre-gl-worker.test.mjs';

/** A stand-in for the browser's Worker that records how it was made. */
class FakeWorker {
	static made: FakeWorker[] = [];
	terminated = false;
	listeners: string[] = [];
	readonly url: string;
	readonly options: WorkerOptions | undefined;
	constructor(url: string, options?: WorkerOptions) {
		this.url = url;
		this.options = options;
		FakeWorker.made.push(this);
	}
	addEventListener(type: string): void {
		this.listeners.push(type);
	}
	terminate(): void {
		this.terminated = true;
	}
}

type Slot = Record<string, { worker?: unknown; archive?: { url: string; head: Promise<ArchiveHead | null> } } | undefined>;

function browserLike(fetchImpl: (url: string, init: RequestInit) => Promise<Response> = () => Promise.reject(new Error('offline'))): Slot {
	FakeWorker.made = [];
	const win: Slot = {};
	vi.stubGlobal('window', win);
	vi.stubGlobal('location', new URL(`${ORIGIN}/?view=investieren`));
	vi.stubGlobal('Worker', FakeWorker);
	vi.stubGlobal('fetch', vi.fn(fetchImpl));
	return win;
}

/** Runs the head script as the browser would: a classic script with `window` as its global. */
function runHeadScript(text: string): void {
	new Function('window', 'Worker', 'fetch', 'location', 'URL', text)(globalThis.window, globalThis.Worker, globalThis.fetch, globalThis.location, URL);
}

function head(status: number, bytes: number, headers: Record<string, string> = {}): ArchiveHead {
	return { status, headers: new Headers(headers), body: new ArrayBuffer(bytes) };
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('the head script', () => {
	it('starts the worker as a module and asks for the start of the archive, read in full', async () => {
		const win = browserLike(async () => new Response(new Uint8Array(ARCHIVE_HEAD_BYTES), { status: 206, headers: { ETag: '"v1"' } }));
		runHeadScript(earlyStartScript(WORKER, archivePath('abc123')));
		expect(FakeWorker.made).toHaveLength(1);
		expect(FakeWorker.made[0]!.url).toBe(WORKER);
		expect(FakeWorker.made[0]!.options).toEqual({ type: 'module' });
		// MapLibre learns of a failed worker only from its own listener, so a failure before the handover drops it
		expect(FakeWorker.made[0]!.listeners).toEqual(['error']);
		const slot = win[EARLY_START_GLOBAL]!;
		expect(slot.worker).toBe(FakeWorker.made[0]);
		expect(globalThis.fetch).toHaveBeenCalledWith('/tiles/standortkarte.pmtiles?v=abc123', { headers: { range: `bytes=0-${ARCHIVE_HEAD_BYTES - 1}` } });
		expect(slot.archive!.url).toBe(`${ORIGIN}/tiles/standortkarte.pmtiles?v=abc123`);
		const answer = await slot.archive!.head;
		expect(answer!.status).toBe(206);
		expect(answer!.body.byteLength).toBe(ARCHIVE_HEAD_BYTES);
		expect(answer!.headers.get('etag')).toBe('"v1"');
	});

	it('leaves no variables of its own in the page', () => {
		const win = browserLike();
		runHeadScript(earlyStartScript(WORKER, archivePath('abc123')));
		expect(Object.keys(win)).toEqual([EARLY_START_GLOBAL]);
	});

	it('still asks for the archive when no worker can be made, and a failed request gives no answer', async () => {
		const win = browserLike();
		vi.stubGlobal('Worker', function NoWorkers() {
			throw new Error('workers are not allowed here');
		});
		runHeadScript(earlyStartScript(WORKER, archivePath('abc123')));
		const slot = win[EARLY_START_GLOBAL]!;
		expect(slot.worker).toBeUndefined();
		expect(await slot.archive!.head).toBeNull();
	});

	it('without a data version starts the worker only', () => {
		const win = browserLike();
		runHeadScript(earlyStartScript(WORKER, null));
		expect(FakeWorker.made).toHaveLength(1);
		expect(win[EARLY_START_GLOBAL]!.archive).toBeUndefined();
		expect(globalThis.fetch).not.toHaveBeenCalled();
	});

	it('cannot end the inline script it stands in', () => {
		const text = earlyStartScript('/a</script><script>alert(1)//.mjs', null);
		expect(text).not.toContain('</script>');
		expect(text).toContain('\\u003c/script>');
	});
});

describe('handing the started worker to MapLibre', () => {
	it('the first worker asked for with the same script is the started one; others are new; Worker is restored', () => {
		browserLike();
		runHeadScript(earlyStartScript(WORKER, null));
		const started = FakeWorker.made[0];
		const [first, second, other] = withEarlyWorker(WORKER, () => [
			new Worker(`${ORIGIN}${WORKER}`, { type: 'module' }),
			new Worker(WORKER, { type: 'module' }),
			new Worker('/other.mjs')
		]);
		expect(first).toBe(started);
		expect(second).not.toBe(started);
		expect(other).not.toBe(started);
		expect(FakeWorker.made).toHaveLength(3);
		expect(globalThis.Worker).toBe(FakeWorker);
		expect((started as FakeWorker).terminated).toBe(false);
		// handed over once: a second set-up makes its own
		const again = withEarlyWorker(WORKER, () => new Worker(WORKER));
		expect(again).not.toBe(started);
	});

	it('ends the started worker when MapLibre asks for another script, and restores Worker after an error', () => {
		browserLike();
		runHeadScript(earlyStartScript(WORKER, null));
		const started = FakeWorker.made[0]!;
		const made = withEarlyWorker(WORKER, () => new Worker('/maplibre-gl-worker.other.mjs'));
		expect(made).not.toBe(started);
		expect(started.terminated).toBe(true);
		expect(() =>
			withEarlyWorker(WORKER, () => {
				throw new Error('set-up failed');
			})
		).toThrow('set-up failed');
		expect(globalThis.Worker).toBe(FakeWorker);
	});

	it('without a head script MapLibre makes its worker as usual', () => {
		browserLike();
		const made = withEarlyWorker(WORKER, () => new Worker(WORKER));
		expect(made).toBeInstanceOf(FakeWorker);
		expect(FakeWorker.made).toHaveLength(1);
	});
});

describe("the archive's first read", () => {
	it('is handed out once, and only for the archive it was made for', async () => {
		browserLike(async () => new Response(new Uint8Array(10), { status: 206 }));
		runHeadScript(earlyStartScript(WORKER, archivePath('abc123')));
		expect(takeEarlyArchiveHead(`${ORIGIN}/tiles/standortkarte.pmtiles?v=other`)).toBeNull();
		// the archive of another version does not get it, and the read is gone after that
		expect(takeEarlyArchiveHead(`${ORIGIN}/tiles/standortkarte.pmtiles?v=abc123`)).toBeNull();

		runHeadScript(earlyStartScript(WORKER, archivePath('abc123')));
		const taken = takeEarlyArchiveHead(`${ORIGIN}/tiles/standortkarte.pmtiles?v=abc123`);
		expect(taken).not.toBeNull();
		expect((await taken)!.status).toBe(206);
		expect(takeEarlyArchiveHead(`${ORIGIN}/tiles/standortkarte.pmtiles?v=abc123`)).toBeNull();
	});

	it('is taken as pmtiles takes a range answer', async () => {
		const partial = await readHead(Promise.resolve(head(206, ARCHIVE_HEAD_BYTES, { ETag: '"v1"', 'Cache-Control': 'no-cache', Expires: 'Thu, 01 Jan 2026 00:00:00 GMT' })), ARCHIVE_HEAD_BYTES);
		expect(partial).toMatchObject({ etag: '"v1"', cacheControl: 'no-cache', expires: 'Thu, 01 Jan 2026 00:00:00 GMT' });
		expect(partial!.data.byteLength).toBe(ARCHIVE_HEAD_BYTES);
		// a whole archive smaller than the read is fine; a weak ETag identifies nothing
		const whole = await readHead(Promise.resolve(head(200, 9000, { ETag: 'W/"weak"' })), ARCHIVE_HEAD_BYTES);
		expect(whole!.data.byteLength).toBe(9000);
		expect(whole!.etag).toBeUndefined();
	});

	it('is not taken when it is not a proper range answer', async () => {
		// a whole archive larger than the read (a server ignoring Range), an error, nothing, a failure
		expect(await readHead(Promise.resolve(head(200, ARCHIVE_HEAD_BYTES + 1)), ARCHIVE_HEAD_BYTES)).toBeNull();
		expect(await readHead(Promise.resolve(head(416, 0)), ARCHIVE_HEAD_BYTES)).toBeNull();
		expect(await readHead(Promise.resolve(head(503, 100)), ARCHIVE_HEAD_BYTES)).toBeNull();
		expect(await readHead(Promise.resolve(null), ARCHIVE_HEAD_BYTES)).toBeNull();
		expect(await readHead(Promise.reject(new Error('network')), ARCHIVE_HEAD_BYTES)).toBeNull();
	});

	it("answers the reader's first request without a request of its own, and only that one", async () => {
		const url = `${ORIGIN}/tiles/standortkarte.pmtiles?v=abc123`;
		browserLike(async () => new Response(new Uint8Array(100), { status: 206, headers: { 'Content-Length': '100' } }));
		const source = new HeadFirstSource(url, Promise.resolve(head(206, ARCHIVE_HEAD_BYTES, { ETag: '"v1"' })));
		const first = await source.getBytes(0, ARCHIVE_HEAD_BYTES);
		expect(first.data.byteLength).toBe(ARCHIVE_HEAD_BYTES);
		expect(first.etag).toBe('"v1"');
		expect(globalThis.fetch).not.toHaveBeenCalled();
		const tile = await source.getBytes(20000, 100, undefined, '"v1"');
		expect(tile.data.byteLength).toBe(100);
		expect(globalThis.fetch).toHaveBeenCalledTimes(1);
		expect(source.getKey()).toBe(url);
	});

	it('lets the reader ask itself when the head had no usable answer', async () => {
		browserLike(async () => new Response(new Uint8Array(ARCHIVE_HEAD_BYTES), { status: 206 }));
		const source = new HeadFirstSource(`${ORIGIN}/tiles/standortkarte.pmtiles?v=abc123`, Promise.resolve(head(200, ARCHIVE_HEAD_BYTES * 4)));
		const first = await source.getBytes(0, ARCHIVE_HEAD_BYTES);
		expect(first.data.byteLength).toBe(ARCHIVE_HEAD_BYTES);
		expect(globalThis.fetch).toHaveBeenCalledTimes(1);
	});
});

describe('the script in the page (server)', () => {
	const page = (body: string) => `<html><head><meta charset="utf-8" />${MAP_START_PLACEHOLDER}<title>x</title></head><body>${body}</body></html>`;

	it('goes into pages with the map, with a hash that allows exactly its text', () => {
		const { html, hash } = withMapStartScript(page('<div class="map" data-map-boot="{}"></div>'), 'abc123');
		const script = /<script>(.*?)<\/script>/.exec(html)![1]!;
		expect(script).toContain('standortkarte.pmtiles?v=abc123');
		expect(script).toContain('maplibre-gl-worker');
		expect(hash).toBe(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
		expect(html).not.toContain(MAP_START_PLACEHOLDER);
		expect(mapStartScript('abc123').hash).toBe(hash);
		expect(mapStartScript('def456').hash).not.toBe(hash);
	});

	it('stays out of pages without the map', () => {
		const { html, hash } = withMapStartScript(page('<main>Über die Daten</main>'), 'abc123');
		expect(html).not.toContain('<script>');
		expect(html).not.toContain(MAP_START_PLACEHOLDER);
		expect(hash).toBeNull();
	});

	it('is allowed by the page’s Content-Security-Policy next to the app’s own scripts', () => {
		const headers = new Headers({ 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'sha256-kit='; connect-src 'self'" });
		pageSecurityHeaders(headers, { embed: false, https: false, connectOrigins: [], scriptHashes: ["'sha256-map='"] });
		expect(headers.get('Content-Security-Policy')).toBe("default-src 'self'; script-src 'self' 'sha256-map=' 'sha256-kit='; connect-src 'self'");
	});
});
