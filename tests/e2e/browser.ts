/**
 * Helpers for the browser tests: Debian's Chromium driven by playwright-core, pages that keep a
 * record of everything that went wrong while they ran, a wait for the map to finish drawing, and
 * screenshots as pixels (a WebGL canvas cannot be read back from inside the page).
 */
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { decodePng } from './png.ts';
import type { RgbaImage } from './png.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const ARTIFACT_DIR = path.join(PROJECT_ROOT, 'test-results', 'e2e');

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.NT_CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			// WebGL without a GPU: ANGLE on SwiftShader renders MapLibre in software.
			'--use-gl=angle',
			'--use-angle=swiftshader',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export interface RecordedResponse {
	url: string;
	status: number;
	method: string;
	/** The request's Range header, if it had one. */
	range: string | null;
	/** The answer's Content-Type, if it had one. */
	contentType: string | null;
}

export interface RecordedPage {
	page: Page;
	context: BrowserContext;
	/** console.error messages, with their source location. */
	consoleErrors: string[];
	/** console.warn messages (MapLibre tile and style errors end up here), minus Chromium's harmless ones. */
	consoleWarnings: string[];
	/** Uncaught exceptions in the page. */
	pageErrors: string[];
	/** Requests that failed at the network level or answered with an HTTP error status. */
	failedRequests: string[];
	responses: RecordedResponse[];
	/**
	 * Requests to the basemap's server that the test refused (see REFUSED_BASEMAP), with the line
	 * Chromium itself logs for each ("Failed to load resource: net::ERR_FAILED"): the test's doing,
	 * kept apart from the page's own console output.
	 */
	refused: string[];
	close(): Promise<void>;
}

/**
 * The default basemap's server. Test pages refuse every request to it unless a test routes it
 * itself, so the tests behave as on a machine without internet (CI) whatever the machine has.
 */
export const REFUSED_BASEMAP = 'https://sgx.geodatenzentrum.de/**';
const REFUSED_ORIGIN = 'https://sgx.geodatenzentrum.de';

/**
 * Chromium's own WebGL performance notes ("GPU stall due to ReadPixels") appear whenever a
 * screenshot reads the canvas back; they are not the page's doing.
 */
const HARMLESS_WARNINGS = [/GPU stall due to ReadPixels/];

export function baseUrl(): string {
	return inject('baseUrl');
}

/** Opens `pathname` (relative to the test server) in a fresh context and records what goes wrong. */
export async function openPage(
	browser: Browser,
	pathname: string,
	opts: {
		viewport?: { width: number; height: number };
		locale?: string;
		/** runs before the page is opened, e.g. to route requests (page routes win over the refused basemap) */
		beforeGoto?: (page: Page) => Promise<unknown>;
		/** another server than the shared one (a test that started the app in another configuration) */
		baseUrl?: string;
		/** pages without a map (404, /daten): pagesPerTest does not wait for one */
		noMap?: boolean;
	} = {}
): Promise<RecordedPage> {
	const context = await browser.newContext({
		viewport: opts.viewport ?? { width: 1280, height: 800 },
		locale: opts.locale ?? 'de-DE',
		deviceScaleFactor: 1
	});
	await context.route(REFUSED_BASEMAP, (route) => route.abort());
	const page = await context.newPage();
	const rec: RecordedPage = {
		page,
		context,
		consoleErrors: [],
		consoleWarnings: [],
		pageErrors: [],
		failedRequests: [],
		responses: [],
		refused: [],
		close: () => context.close()
	};
	page.on('console', (msg) => {
		const where = msg.location();
		const text = `${msg.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`;
		if (msg.type() === 'error' && where.url.startsWith(REFUSED_ORIGIN) && msg.text().startsWith('Failed to load resource: net::ERR_FAILED')) rec.refused.push(text);
		else if (msg.type() === 'error') rec.consoleErrors.push(text);
		else if (msg.type() === 'warning' && !HARMLESS_WARNINGS.some((re) => re.test(msg.text()))) rec.consoleWarnings.push(text);
	});
	page.on('pageerror', (err) => rec.pageErrors.push(err.stack ?? err.message));
	page.on('requestfailed', (req) => {
		const reason = req.failure()?.errorText ?? 'failed';
		// The page cancelled it itself: MapLibre aborts tile reads that a moving map no longer needs.
		if (reason === 'net::ERR_ABORTED') return;
		if (req.url().startsWith(REFUSED_ORIGIN) && reason === 'net::ERR_FAILED') {
			rec.refused.push(`${req.method()} ${req.url()}: ${reason}`);
			return;
		}
		rec.failedRequests.push(`${req.method()} ${req.url()}: ${reason}`);
	});
	page.on('response', (res) => {
		const req = res.request();
		rec.responses.push({ url: res.url(), status: res.status(), method: req.method(), range: req.headers()['range'] ?? null, contentType: res.headers()['content-type'] ?? null });
		if (res.status() >= 400) rec.failedRequests.push(`${req.method()} ${res.url()}: HTTP ${res.status()}`);
	});
	await opts.beforeGoto?.(page);
	await page.goto(new URL(pathname, opts.baseUrl ?? baseUrl()).href, { waitUntil: 'load' });
	return rec;
}

/**
 * Waits until the map says it has loaded (`data-ready="true"` on `[data-testid="map"]`) and then
 * until MapLibre has drawn everything it has to draw: through `window.__ntMap` when the page exposes
 * it (a repaint followed by MapLibre's own `idle` event), otherwise by waiting a fixed 1.5 s.
 * Pass the RecordedPage rather than the bare Page to get its recorded errors in a timeout message.
 */
export async function waitForMap(target: Page | RecordedPage, timeoutMs = 90_000): Promise<void> {
	const page = 'page' in target ? target.page : target;
	try {
		await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: timeoutMs });
	} catch (e) {
		// A bare timeout says nothing; what the page recorded (a crash in hydration, say) usually does.
		const rec = 'page' in target ? target : null;
		const said = await page.locator('[role="status"], [role="alert"]').allTextContents().catch(() => []);
		throw new Error(
			[
				`the map did not become ready within ${timeoutMs} ms (${(e as Error).message.split('\n')[0]})`,
				`page shows: ${said.map((t) => t.trim()).filter(Boolean).join(' | ') || '(no status or alert text)'}`,
				...(rec ? [`page errors: ${rec.pageErrors.join('\n') || 'none'}`, `console errors: ${rec.consoleErrors.join('\n') || 'none'}`, `failed requests: ${rec.failedRequests.join('\n') || 'none'}`] : [])
			].join('\n'),
			{ cause: e }
		);
	}
	const exposed = await page.evaluate(() => '__ntMap' in window);
	if (!exposed) {
		await page.waitForTimeout(1_500);
		return;
	}
	await page.evaluate(
		(timeout) =>
			new Promise<void>((resolve, reject) => {
				interface IdleMap {
					once(type: 'idle', listener: () => void): unknown;
					triggerRepaint(): void;
				}
				const map = (window as unknown as { __ntMap: IdleMap }).__ntMap;
				const timer = setTimeout(() => reject(new Error(`map did not become idle within ${timeout} ms`)), timeout);
				// `idle` fires after a frame in which nothing was left to load, place or animate; the
				// repaint makes sure such a frame comes even when the map had already settled.
				map.once('idle', () => {
					clearTimeout(timer);
					resolve();
				});
				map.triggerRepaint();
			}),
		timeoutMs
	);
}

export interface Clip {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** A screenshot of the page (or of `clip`, in CSS pixels) as RGBA pixels. */
export async function screenshotPixels(page: Page, clip?: Clip): Promise<RgbaImage> {
	const png = await page.screenshot({ type: 'png', ...(clip ? { clip } : {}) });
	return decodePng(png);
}

/** The bounding box of `selector` on the page, for use as a screenshot clip. */
export async function boxOf(page: Page, selector: string): Promise<Clip> {
	const box = await page.locator(selector).first().boundingBox();
	if (!box) throw new Error(`${selector} is not visible`);
	return box;
}

/** Saves a screenshot to test-results/e2e/<name>.png (git-ignored) and returns its path. */
export async function saveArtifact(page: Page, name: string): Promise<string> {
	mkdirSync(ARTIFACT_DIR, { recursive: true });
	const file = path.join(ARTIFACT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
	await page.screenshot({ path: file, type: 'png' });
	return file;
}

/**
 * One browser per test file and fresh pages per test: registers the hooks and returns `visit`, which
 * opens a page, waits for the map to be drawn and closes the page again after the test.
 */
export function pagesPerTest(): (pathname: string, opts?: Parameters<typeof openPage>[2]) => Promise<RecordedPage> {
	let browser: Browser | undefined;
	const open: RecordedPage[] = [];
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		while (open.length) await open.pop()!.close();
	});
	afterAll(async () => {
		await browser?.close();
	});
	return async (pathname, opts = {}) => {
		if (!browser) throw new Error('the browser is not running: call pagesPerTest() at the top of the test file');
		const rec = await openPage(browser, pathname, opts);
		open.push(rec);
		if (!opts.noMap) await waitForMap(rec);
		return rec;
	};
}
