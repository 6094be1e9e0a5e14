/**
 * Test helper process (not data): starts a save in the given content database and stops dead in the
 * middle of its transaction, so the test can kill it there (SIGKILL) and look at what remains.
 * Usage: node hang-during-save.ts <content.sqlite> <seed dir>
 */
import { ContentDb } from '../../src/lib/server/admin/content-db.ts';

const [file, seedDir] = process.argv.slice(2) as [string, string];
const content = new ContentDb({
	file,
	seedDir,
	onSaveStep: (step) => {
		if (step !== 'version_written') return;
		process.stdout.write('HANGING\n');
		// Block this thread for good: the transaction stays open until the process is killed.
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
	}
});
const cur = content.get('commercial:industriegebiet-goldene-aue')!;
content.update(cur.id, { name: 'Halb gespeichert', category: cur.category, geometry: cur.geometry, values: { ...cur.values, gross_area_ha: 1 } }, 'test');
