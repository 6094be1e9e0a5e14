/**
 * The editor account the back-office browser tests sign in with, made in the test server's content
 * database (in the run's temporary folder; see global-setup.ts).
 */
import { inject } from 'vitest';
import path from 'node:path';
import { PROJECT_ROOT } from './browser.ts';

/** Each test file signs in with its own account, so files running side by side do not share sessions. */
export async function createEditor(account: { email: string; password: string }): Promise<void> {
	// Imported at run time from the project's source, as the server under test uses it.
	const { ContentDb } = await import(path.join(PROJECT_ROOT, 'src/lib/server/admin/content-db.ts'));
	const { Accounts } = await import(path.join(PROJECT_ROOT, 'src/lib/server/admin/accounts.ts'));
	const content = new ContentDb({ file: inject('contentDb'), seedDir: path.join(PROJECT_ROOT, 'data', 'seed') });
	try {
		await new Accounts(content).upsert(account.email, 'editor', account.password);
	} finally {
		content.close();
	}
}
