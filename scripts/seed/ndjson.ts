/** Streams an NDJSON file record by record, so a 125 MB file never sits in memory whole. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function* readNdjson<T>(file: string): AsyncGenerator<T> {
	const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
	let n = 0;
	for await (const line of lines) {
		n++;
		if (line.trim() === '') continue;
		try {
			yield JSON.parse(line) as T;
		} catch (e) {
			throw new Error(`${file}:${n}: invalid JSON: ${(e as Error).message}`, { cause: e });
		}
	}
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const x of it) out.push(x);
	return out;
}
