/**
 * The tile archive's reader in the browser: pmtiles' own HTTP range reader, except that its first
 * request (header and root directory) can be answered by the request the page's head already sent
 * (see early-start.ts). Anything that answer does not cover properly goes out as a request of its own.
 */
import { FetchSource } from 'pmtiles';
import type { RangeResponse } from 'pmtiles';
import { ARCHIVE_HEAD_BYTES } from './early-start.ts';
import type { ArchiveHead } from './early-start.ts';

export class HeadFirstSource extends FetchSource {
	#head: Promise<ArchiveHead | null> | null;

	constructor(url: string, head: Promise<ArchiveHead | null> | null) {
		super(url);
		this.#head = head;
	}

	override async getBytes(offset: number, length: number, signal?: AbortSignal, etag?: string): Promise<RangeResponse> {
		const head = this.#head;
		this.#head = null;
		if (head && offset === 0 && length === ARCHIVE_HEAD_BYTES) {
			const answer = await readHead(head, length);
			if (answer) return answer;
		}
		return super.getBytes(offset, length, signal, etag);
	}
}

/**
 * The head's answer as the reader would have taken it: a partial answer, or the whole archive when it
 * is smaller than what was asked for. A weak ETag identifies nothing and is left out, as pmtiles does.
 */
export async function readHead(head: Promise<ArchiveHead | null>, length: number): Promise<RangeResponse | null> {
	const res = await head.catch(() => null);
	if (!res) return null;
	const size = res.body.byteLength;
	if (res.status !== 206 && !(res.status === 200 && size > 0 && size <= length)) return null;
	const etag = res.headers.get('etag');
	return {
		data: res.body,
		etag: etag && !etag.startsWith('W/') ? etag : undefined,
		cacheControl: res.headers.get('cache-control') ?? undefined,
		expires: res.headers.get('expires') ?? undefined
	};
}
