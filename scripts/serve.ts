/** Starts the built app (SvelteKit adapter-node output in build/) and says where to open it. */
import path from 'node:path';
import { existsSync } from 'node:fs';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'build', 'index.js');
if (!existsSync(entry)) {
	console.error('The app is not built yet: run `npm run build` (npm start does this for you).');
	process.exit(1);
}
process.env.PORT ??= '3000';
process.env.HOST ??= '127.0.0.1';
process.env.NT_ROOT ??= root;
console.log(`\nStandortkarte Nordthüringen: http://${process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST}:${process.env.PORT}/\n`);
await import(entry);
