/**
 * `NT_ADMIN_PASSWORD=… npm run admin:create -- <e-mail>`: creates the first administrator (or resets
 * that account's password and makes it an administrator again). The password comes from the
 * environment so it never lands in the shell history or the process list.
 */
import { dataPaths } from '../src/lib/server/config.ts';
import { ContentDb } from '../src/lib/server/admin/content-db.ts';
import { Accounts } from '../src/lib/server/admin/accounts.ts';
import { passwordProblem } from '../src/lib/server/admin/passwords.ts';
import { isEmail } from '../src/lib/server/admin/validate-item.ts';

const email = process.argv[2]?.trim() ?? '';
const password = process.env.NT_ADMIN_PASSWORD ?? '';
if (!isEmail(email)) {
	console.error('Usage: NT_ADMIN_PASSWORD=<password> npm run admin:create -- <e-mail>');
	process.exit(2);
}
const problem = passwordProblem(password);
if (problem) {
	console.error(`NT_ADMIN_PASSWORD: ${problem}`);
	process.exit(2);
}
const paths = dataPaths();
const content = new ContentDb({ file: paths.contentDbFile, seedDir: paths.seedDir });
try {
	const { user, created } = await new Accounts(content).upsert(email, 'admin', password);
	content.audit('admin:create', created ? 'user.create' : 'user.reset', user.email, { role: 'admin' }, 'console');
	console.log(`${created ? 'Created' : 'Reset'} administrator ${user.email} in ${paths.contentDbFile}`);
} finally {
	content.close();
}
