/**
 * The measured work of `npm run bench:osm`, one per process so that time and memory are its own:
 *
 *   node scripts/osm/bench-runners.ts import <file> <west,south,east,north>   the project's import
 *   node scripts/osm/bench-runners.ts osm-pbf-parser <file>                    one pass of a JS reader
 *   node scripts/osm/bench-runners.ts osm-read <file>
 *
 * A JS reader pass decodes every object and checks its tags against the import's keys: the least
 * work a pure-JavaScript import would do (it needs a second pass for way geometry on top). The JS
 * readers are installed into .cache/bench-osm/ by the bench, not as project dependencies.
 * Prints one JSON line with what was read.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { importOsm } from '../importers/osm.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const [mode, file, clip] = process.argv.slice(2);
const KEYS = ['highway', 'railway', 'route', 'amenity', 'shop', 'tourism', 'historic', 'natural'];

interface Counts { nodes: number; ways: number; relations: number; tagged: number }
const counts: Counts = { nodes: 0, ways: 0, relations: 0, tagged: 0 };
const look = (tags: Record<string, string> | undefined) => {
	if (!tags) return;
	for (const k of KEYS) if (k in tags) { counts.tagged++; return; }
};

const benchRequire = createRequire(path.join(root, '.cache', 'bench-osm', 'package.json'));

if (mode === 'import') {
	const r = await importOsm(file!, { clip: clip!.split(',').map(Number) as [number, number, number, number] });
	const byCategory: Record<string, number> = {};
	for (const x of r.records) byCategory[x.category] = (byCategory[x.category] ?? 0) + 1;
	console.log(JSON.stringify({ records: r.records.length, edition: r.source.edition, byCategory }));
} else if (mode === 'osm-pbf-parser') {
	const parse = benchRequire('osm-pbf-parser') as () => NodeJS.ReadWriteStream;
	await new Promise<void>((resolve, reject) => {
		const parser = parse();
		parser.on('data', (items: { type: string; tags?: Record<string, string> }[]) => {
			for (const it of items) {
				if (it.type === 'node') counts.nodes++;
				else if (it.type === 'way') counts.ways++;
				else if (it.type === 'relation') counts.relations++;
				look(it.tags);
			}
		});
		parser.on('end', resolve);
		parser.on('error', reject);
		createReadStream(file!).on('error', reject).pipe(parser);
	});
	console.log(JSON.stringify(counts));
} else if (mode === 'osm-read') {
	const osmread = benchRequire('osm-read') as { parse: (o: Record<string, unknown>) => void };
	await new Promise<void>((resolve, reject) => {
		osmread.parse({
			filePath: file,
			format: 'pbf',
			node: (n: { tags?: Record<string, string> }) => { counts.nodes++; look(n.tags); },
			way: (w: { tags?: Record<string, string> }) => { counts.ways++; look(w.tags); },
			relation: (r: { tags?: Record<string, string> }) => { counts.relations++; look(r.tags); },
			endDocument: () => resolve(),
			error: (msg: unknown) => reject(new Error(String(msg)))
		});
	});
	console.log(JSON.stringify(counts));
} else {
	console.error('usage: bench-runners.ts import|osm-pbf-parser|osm-read <file> [clip]');
	process.exit(2);
}
