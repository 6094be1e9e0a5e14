/**
 * A fingerprint of everything a data build reads: the seed files, the official source files (path,
 * size, mtime) and the pipeline's own code. `npm start` rebuilds only when it changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listFiles(full));
		else if (entry.isFile()) out.push(full);
	}
	return out.sort();
}

export function buildInputKey(root: string, seedDir: string, sourcesDir: string | null): string {
	const h = createHash('sha256');
	for (const dir of [seedDir, path.join(root, 'scripts'), path.join(root, 'src', 'lib', 'themes'), path.join(root, 'src', 'lib', 'server', 'db')]) {
		for (const f of listFiles(dir)) h.update(f).update(readFileSync(f));
	}
	h.update(`sources:${sourcesDir ?? ''}`);
	// the OpenStreetMap import area changes what an extract yields
	h.update(`osm-clip:${process.env.NT_OSM_CLIP ?? ''}`);
	if (sourcesDir) {
		for (const f of listFiles(sourcesDir)) {
			const st = statSync(f);
			h.update(`${f}:${st.size}:${st.mtimeMs}`);
		}
	}
	return h.digest('hex').slice(0, 32);
}
