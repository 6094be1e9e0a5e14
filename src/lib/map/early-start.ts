/**
 * What the map needs first, started by the page's head before any of the page's JavaScript loads:
 * MapLibre's worker and the first bytes of the tile archive.
 *
 * Both are slow to arrive when they start only with the map. The worker needs a thread of its own and
 * its script fetched and compiled; the archive's header and root directory (which tell where each
 * tile lies, and which the map needs before it asks for any tile) travel while the page's modules
 * load and hydrate, and on a busy two-core machine their answer, and reading it, waits for the page
 * for half a second and more. Pages with the main map therefore carry a small inline script at the top of their head
 * (src/hooks.server.ts adds it, and allows it by its hash in the Content-Security-Policy) that starts
 * both at once. When MapLibre is set up it is handed that worker instead of creating one, and the
 * archive's reader takes the header from that request instead of sending its own.
 *
 * MapLibre has no option to take a worker from outside; it creates its workers with `new Worker(url)`
 * while it is set up. `withEarlyWorker` lets that one construction return the started worker, and only
 * when it asks for the very script the head started; anything else gets a new worker as usual.
 */

/** The window property under which the head script leaves what it started. */
export const EARLY_START_GLOBAL = '__ntMapStart';

/** The tile archive's address on the site; the data version makes each build's archive a new address. */
export function archivePath(dataVersion: string): string {
	return `/tiles/standortkarte.pmtiles?v=${dataVersion}`;
}

/** How much of the archive its reader asks for first (header and root directory, see pmtiles). */
export const ARCHIVE_HEAD_BYTES = 16384;

/** The head's answer for the start of the archive, its body read already. */
export interface ArchiveHead {
	status: number;
	headers: Headers;
	body: ArrayBuffer;
}

interface EarlyStart {
	worker?: Worker | null;
	archive?: { url: string; head: Promise<ArchiveHead | null> };
}

/** A JavaScript string literal that cannot end the inline script it stands in. */
function scriptString(text: string): string {
	return JSON.stringify(text).replace(/</g, '\\u003c');
}

/**
 * The head script's text: a classic inline script, so it runs while the head is parsed. A worker that
 * fails to load is dropped before MapLibre could take it, so MapLibre creates its own and reports the
 * failure as usual; a failed archive request leaves the reader to ask again.
 */
export function earlyStartScript(workerUrl: string, archivePath: string | null): string {
	const slot = `window.${EARLY_START_GLOBAL}`;
	const worker = `try{var w=s.worker=new Worker(${scriptString(workerUrl)},{type:"module"});w.addEventListener("error",function(){if(s.worker===w)s.worker=null})}catch(e){}`;
	const archive = archivePath
		? `try{var a=${scriptString(archivePath)};s.archive={url:new URL(a,location.href).href,head:fetch(a,{headers:{range:"bytes=0-${ARCHIVE_HEAD_BYTES - 1}"}}).then(function(r){return r.arrayBuffer().then(function(b){return{status:r.status,headers:r.headers,body:b}})}).catch(function(){return null})}}catch(e){}`
		: '';
	// in a function of its own, so that its variables do not become the page's globals
	return `(function(){var s=${slot}={};${worker}${archive}})()`;
}

function earlyStart(): EarlyStart | undefined {
	return (window as unknown as Record<typeof EARLY_START_GLOBAL, EarlyStart | undefined>)[EARLY_START_GLOBAL];
}

/**
 * Runs `create` (MapLibre's worker set-up) so that its first request for a worker running
 * `workerUrl` gets the one the head started. The started worker is taken once; when MapLibre does not
 * ask for it (another script, or no worker at all), it is ended.
 */
export function withEarlyWorker<T>(workerUrl: string, create: () => T): T {
	const start = earlyStart();
	const early = start?.worker;
	if (start) start.worker = null;
	if (!early) return create();
	const NativeWorker = globalThis.Worker;
	const wanted = new URL(workerUrl, location.href).href;
	let handed = false;
	// A constructor that returns an object gives that object to `new`: the started worker, once.
	function AdoptingWorker(url: string | URL, options?: WorkerOptions): Worker {
		if (!handed && new URL(String(url), location.href).href === wanted) {
			handed = true;
			return early!;
		}
		return new NativeWorker(url, options);
	}
	globalThis.Worker = AdoptingWorker as unknown as typeof Worker;
	try {
		return create();
	} finally {
		globalThis.Worker = NativeWorker;
		if (!handed) early.terminate();
	}
}

/** The head's answer for the start of the archive at `url`, handed out once; null when there is none. */
export function takeEarlyArchiveHead(url: string): Promise<ArchiveHead | null> | null {
	const start = earlyStart();
	const archive = start?.archive;
	if (!start || !archive) return null;
	delete start.archive;
	return archive.url === new URL(url, location.href).href ? archive.head : null;
}
