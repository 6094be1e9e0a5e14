/**
 * The OpenStreetMap import filters and clips the extract with Debian's `osmium-tool` (chosen by
 * measurement, see docs/benchmarks.md). Installs the package with apt-get when it is missing and we
 * are allowed to (root), as the browser tests do for Chromium; otherwise says exactly what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function findOsmium(): string | null {
	const candidates = [process.env.NT_OSMIUM, '/usr/bin/osmium', '/usr/local/bin/osmium'].filter((c): c is string => !!c);
	return candidates.find((c) => existsSync(c)) ?? null;
}

export function ensureOsmium(log: (line: string) => void = console.log): string {
	const found = findOsmium();
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		throw new Error('osmium is missing: install the Debian package `osmium-tool` (apt-get install -y osmium-tool) or set NT_OSMIUM to an osmium binary.');
	}
	log('Installing osmium-tool from Debian packages for the OpenStreetMap import …');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'osmium-tool']]) {
		const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
		if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with status ${r.status}`);
	}
	const installed = findOsmium();
	if (!installed) throw new Error('apt-get reported success but no osmium binary was found');
	return installed;
}

if (import.meta.main) {
	try {
		console.log(`osmium: ${ensureOsmium()}`);
	} catch (e) {
		console.error((e as Error).message);
		process.exit(1);
	}
}
