/**
 * The browser tests drive Debian's Chromium through playwright-core (Playwright's own browser
 * download does not work offline). Installs the package with apt-get when it is missing and we
 * are allowed to (root); otherwise says exactly what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function findChromium(): string | null {
	const candidates = [process.env.NT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => !!c);
	return candidates.find((c) => existsSync(c)) ?? null;
}

export function ensureChromium(): string {
	const found = findChromium();
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		throw new Error('Chromium is missing: install the Debian package `chromium` (apt-get install -y chromium) or set NT_CHROMIUM to a Chromium binary.');
	}
	console.log('Installing Chromium from Debian packages for the browser tests …');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']]) {
		const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with status ${r.status}`);
	}
	const installed = findChromium();
	if (!installed) throw new Error('apt-get reported success but no chromium binary was found');
	return installed;
}

if (import.meta.main) {
	try {
		console.log(`Chromium: ${ensureChromium()}`);
	} catch (e) {
		console.error((e as Error).message);
		process.exit(1);
	}
}
