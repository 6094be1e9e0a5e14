/**
 * Where tests find the official source files: NT_SOURCES, or the sources folder beside the checkout.
 * CI always has them; a run without them fails in CI and elsewhere skips only the real-file suites,
 * saying so loudly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SOURCES = process.env.NT_SOURCES ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
export const HAVE_SOURCES = existsSync(SOURCES);

if (!HAVE_SOURCES) {
	if (process.env.CI) throw new Error(`official source files not found at ${SOURCES}; CI must set NT_SOURCES`);
	console.warn(`\n*** official source files not found at ${SOURCES}: real-file importer tests are skipped (set NT_SOURCES) ***\n`);
}
