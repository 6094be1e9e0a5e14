/**
 * `npm test`: the whole suite in four phases — type and Svelte checks plus the linter, unit and API
 * tests, then the app build, then the browser tests in real Chromium. Official source files are read from NT_SOURCES (default: the
 * sources folder beside the checkout, ../shared/data) so the importers are tested on the real thing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.ts';
import { ensureOsmium } from './ensure-osmium.ts';

const root = path.resolve(import.meta.dirname, '..');
const defaultSources = path.resolve(root, '..', 'shared', 'data');
if (!process.env.NT_SOURCES && existsSync(defaultSources)) process.env.NT_SOURCES = defaultSources;
console.log(`Official sources for importer tests: ${process.env.NT_SOURCES ?? '(none — set NT_SOURCES to test the importers on real files)'}`);

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(path.join(tmpdir(), 'nt-test-'));
let passed = 0;
let failed = 0;
let ok = true;

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
	console.log(`\n=== ${label} ===`);
	const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
	return r.status === 0;
}

function vitest(project: string): boolean {
	const out = path.join(reports, `${project}.json`);
	const success = run(`vitest: ${project}`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
	if (existsSync(out)) {
		const report = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
		passed += report.numPassedTests;
		failed += report.numFailedTests;
		if (report.numTotalTests === 0) {
			console.error(`no tests ran in project ${project}`);
			return false;
		}
	} else {
		failed += 1;
	}
	return success;
}

// Static checks first: a type error or a lint finding fails the run like a failing test does.
const checks: [string, boolean][] = [
	['svelte-check (TypeScript and Svelte)', run('types: svelte-kit sync', bin('svelte-kit'), ['sync']) && run('types: svelte-check', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings'])],
	['eslint', run('lint: eslint', bin('eslint'), ['.'])]
];
for (const [name, passedCheck] of checks) {
	if (passedCheck) passed += 1;
	else {
		console.error(`${name} failed`);
		failed += 1;
		ok = false;
	}
}

try {
	// The OpenStreetMap importer tests run the real import, which needs osmium.
	ensureOsmium();
} catch (e) {
	console.error((e as Error).message);
}

ok = vitest('unit') && ok;

try {
	ensureChromium();
	ok = run('build the app for browser tests', bin('vite'), ['build', '--logLevel', 'warn']) && ok;
	ok = vitest('e2e') && ok;
} catch (e) {
	console.error((e as Error).message);
	failed += 1;
	ok = false;
}

rmSync(reports, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
