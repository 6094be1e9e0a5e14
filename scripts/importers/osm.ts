/**
 * OpenStreetMap extract (`NT_SOURCES/osm/*.osm.pbf` or `*.osm`): motorway junctions, motorways and
 * federal roads, railway lines, everyday services and leisure places, hiking and cycling routes.
 *
 * osmium (Debian's osmium-tool, chosen by measurement: docs/benchmarks.md) narrows the extract to the
 * tags the map uses and attaches node locations to the ways; this module reads that small result as
 * OPL text, classifies, assembles route relations into lines and clips to the import area.
 * The edition is the extract's replication timestamp (else its newest object).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ImportError, type ImportResult, type Provenance } from '../../src/lib/data/model.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';
import { ensureOsmium } from '../ensure-osmium.ts';
import { baseName } from './source-file.ts';
import { parseOplLine, type OplWay, type OsmTags } from '../osm/opl.ts';
import { classifyLine, classifyPoint, classifyRoute, KEPT_TAGS, OSMIUM_FILTERS } from '../osm/categories.ts';
import { centreOf, clipLines, inBBox, lineGeometry, lineLengthKm, mergeLines, toPositions, type BBox, type Position } from '../osm/lines.ts';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';
export const OSM_SOURCE_ID = 'openstreetmap';

export interface OsmRecord {
	/** stable id, e.g. "osm:node:123" or for a road assembled from several ways "osm:road:A 38" */
	id: string;
	osmType: 'node' | 'way' | 'relation';
	osmId: number;
	theme: ThemeId;
	category: string;
	name: string | null;
	geometry: GeoJSON.Point | GeoJSON.LineString | GeoJSON.MultiLineString;
	props: Record<string, string | number>;
}

export interface OsmImportOptions {
	/** import area [west, south, east, north]; everything outside is dropped, lines are cut at its edge */
	clip: BBox;
}

export interface OsmImportResult extends ImportResult<OsmRecord> {
	/** ISO timestamp of the extract */
	timestamp: string;
}

export function isOsmFileName(name: string): boolean {
	return /\.osm\.pbf$|\.osm$|\.osm\.bz2$|\.osm\.gz$/i.test(name);
}

interface OsmiumRun {
	status: number | null;
	stderr: string;
	stdout: string;
}

function runOsmium(osmium: string, args: string[]): OsmiumRun {
	const r = spawnSync(osmium, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.error) throw r.error;
	return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** osmium's own message, without its program name; enough to say what is wrong with the file. */
function osmiumProblem(stderr: string): string {
	const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
	const last = lines[lines.length - 1] ?? 'unknown error';
	return last.replace(/^osmium:\s*/i, '');
}

interface FileInfo {
	header?: { option?: Record<string, string> };
	data?: { timestamp?: { first?: string; last?: string }; count?: { nodes?: number; ways?: number; relations?: number } };
}

function fileInfo(osmium: string, file: string, extended: boolean): FileInfo {
	const r = runOsmium(osmium, ['fileinfo', '-j', ...(extended ? ['-e'] : []), file]);
	if (r.status !== 0) throw new ImportError(file, `not a readable OpenStreetMap file (${osmiumProblem(r.stderr)})`);
	try {
		return JSON.parse(r.stdout) as FileInfo;
	} catch {
		throw new ImportError(file, 'osmium gave no file information');
	}
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export async function importOsm(file: string, options: OsmImportOptions): Promise<OsmImportResult> {
	const fileName = baseName(file);
	try {
		if (statSync(file).size === 0) throw new ImportError(file, 'empty file');
	} catch (e) {
		if (e instanceof ImportError) throw e;
		throw new ImportError(file, 'file not found');
	}
	const osmium = ensureOsmium(() => {});
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'nt-osm-'));
	try {
		// 1. Header only (cheap): a foreign file fails here already.
		const header = fileInfo(osmium, file, false);
		const options_ = header.header?.option ?? {};

		// 2. Keep what the map uses (+ the nodes and ways those objects reference).
		const filtered = path.join(tmp, 'filtered.osm.pbf');
		const f = runOsmium(osmium, ['tags-filter', file, ...OSMIUM_FILTERS, '-o', filtered, '-O', '--no-progress']);
		if (f.status !== 0) throw new ImportError(file, `damaged or not an OpenStreetMap file (${osmiumProblem(f.stderr)})`);

		// Extracts carry their replication timestamp in the header; without it, the newest object
		// of the whole file says how current it is (this reads the file once more).
		let stamp = [options_.osmosis_replication_timestamp, options_.timestamp].find((s) => s && ISO.test(s));
		if (!stamp) stamp = [fileInfo(osmium, file, true).data?.timestamp?.last].find((s) => s && ISO.test(s));
		if (!stamp) throw new ImportError(file, 'the extract has no timestamp (neither in its header nor on its objects): not an OpenStreetMap extract');

		// 3. Ways with their node locations, as OPL text, streamed.
		const { records, warnings } = await readFiltered(osmium, filtered, file, options.clip);
		const edition = stamp.slice(0, 10);
		const source: Provenance & { file: string } = {
			id: OSM_SOURCE_ID,
			title: { de: 'OpenStreetMap', en: 'OpenStreetMap' },
			publisher: 'OpenStreetMap contributors',
			edition,
			licence: 'Open Database License (ODbL) 1.0',
			attribution: OSM_ATTRIBUTION,
			url: 'https://www.openstreetmap.org/copyright',
			derivation: `scripts/importers/osm.ts from ${fileName} (extract of ${stamp}), filtered with osmium, clipped to ${options.clip.map((n) => n.toFixed(3)).join(',')}`,
			file: fileName
		};
		return { source, records, warnings, timestamp: stamp };
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}

function keptProps(tags: OsmTags): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of KEPT_TAGS) if (tags[k]) out[k] = tags[k]!;
	return out;
}

interface LineGroup {
	category: string;
	theme: ThemeId;
	name: string | null;
	ref: string | null;
	ways: number[];
	lines: Position[][];
	tags: OsmTags;
}

async function readFiltered(osmium: string, filtered: string, file: string, clip: BBox): Promise<{ records: OsmRecord[]; warnings: string[] }> {
	const child = spawn(osmium, ['add-locations-to-ways', filtered, '-f', 'opl', '-o', '-', '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

	const records: OsmRecord[] = [];
	const warnings: string[] = [];
	const ways = new Map<number, OplWay>();
	const lineGroups = new Map<string, LineGroup>();
	let lineNo = 0;

	const addPoint = (osmType: OsmRecord['osmType'], osmId: number, tags: OsmTags, at: Position | null) => {
		const cls = classifyPoint(tags);
		if (!cls || !at || !inBBox(at, clip)) return;
		records.push({
			id: `osm:${osmType}:${osmId}`,
			osmType,
			osmId,
			theme: cls.theme,
			category: cls.category,
			name: tags.name?.trim() || null,
			geometry: { type: 'Point', coordinates: [Math.round(at[0] * 1e6) / 1e6, Math.round(at[1] * 1e6) / 1e6] },
			props: keptProps(tags)
		});
	};

	const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
	for await (const line of lines) {
		lineNo++;
		let obj;
		try {
			obj = parseOplLine(line);
		} catch (e) {
			child.kill();
			throw new ImportError(file, `unreadable object in the filtered extract (${(e as Error).message})`, lineNo);
		}
		if (!obj) continue;
		if (obj.type === 'node') {
			if (Number.isFinite(obj.lon) && Number.isFinite(obj.lat)) addPoint('node', obj.id, obj.tags, [obj.lon, obj.lat]);
		} else if (obj.type === 'way') {
			ways.set(obj.id, obj);
			if (classifyPoint(obj.tags)) {
				addPoint('way', obj.id, obj.tags, centreOf([obj.coords]));
				continue;
			}
			const cls = classifyLine(obj.tags);
			if (!cls) continue;
			// The ways of one road or railway line are drawn and listed as one feature.
			const ref = obj.tags.ref?.trim() || null;
			const name = obj.tags.name?.trim() || null;
			// Unnamed track pieces (station throats, short connections) are drawn as one line per operator.
			const groupKey = `${cls.category}:${ref ?? name ?? `unnamed${obj.tags.operator ? `-${obj.tags.operator}` : ''}`}`;
			const g = lineGroups.get(groupKey) ?? { category: cls.category, theme: cls.theme, name: cls.category === 'railway' ? name : ref ?? name, ref, ways: [], lines: [], tags: obj.tags };
			g.ways.push(obj.id);
			g.lines.push(toPositions(obj.coords));
			lineGroups.set(groupKey, g);
		} else {
			const rel = obj;
			const point = classifyPoint(rel.tags);
			if (point) {
				const coords = rel.members.filter((m) => m.type === 'way').map((m) => ways.get(m.ref)?.coords).filter((c): c is Float64Array => !!c);
				addPoint('relation', rel.id, rel.tags, centreOf(coords));
				continue;
			}
			const route = classifyRoute(rel.tags);
			if (!route) continue;
			const memberWays = rel.members.filter((m) => m.type === 'way');
			const present = memberWays.map((m) => ways.get(m.ref)).filter((w): w is OplWay => !!w);
			const merged = mergeLines(present.map((w) => toPositions(w.coords)));
			const clipped = clipLines(merged, clip);
			const geometry = lineGeometry(clipped);
			if (!geometry) continue;
			records.push({
				id: `osm:relation:${rel.id}`,
				osmType: 'relation',
				osmId: rel.id,
				theme: route.theme,
				category: route.category,
				name: rel.tags.name?.trim() || rel.tags.ref?.trim() || null,
				geometry,
				props: {
					...keptProps(rel.tags),
					length_km: Math.round(lineLengthKm(clipped) * 10) / 10,
					// members outside the extract are missing; the card says the route is shown in part
					members_missing: memberWays.length - present.length
				}
			});
		}
	}
	const status = await exited;
	if (status !== 0) throw new ImportError(file, `damaged or not an OpenStreetMap file (${osmiumProblem(stderr)})`);

	for (const [key, g] of lineGroups) {
		const clipped = clipLines(mergeLines(g.lines), clip);
		const geometry = lineGeometry(clipped);
		if (!geometry) continue;
		const first = Math.min(...g.ways);
		records.push({
			id: g.ways.length === 1 ? `osm:way:${first}` : `osm:${key}`,
			osmType: 'way',
			osmId: first,
			theme: g.theme,
			category: g.category,
			name: g.name,
			geometry,
			props: {
				...(g.ref ? { ref: g.ref } : {}),
				...(g.tags.operator ? { operator: g.tags.operator } : {}),
				osm_ways: g.ways.length,
				length_km: Math.round(lineLengthKm(clipped) * 10) / 10
			}
		});
	}
	mergeJunctions(records);
	const incomplete = records.filter((r) => typeof r.props.members_missing === 'number' && r.props.members_missing > 0).length;
	if (incomplete > 0) warnings.push(`${incomplete} route relation(s) have member ways outside the extract; they are drawn in part`);
	return { records, warnings };
}

/** Junction nodes of one exit on both carriageways closer than this are one junction. */
const JUNCTION_MERGE_KM = 3;

/**
 * A motorway exit is mapped once per carriageway: the same name and number on two nodes a few
 * hundred metres apart. They become one junction in the middle (the first node's id, the count kept).
 */
export function mergeJunctions(records: OsmRecord[]): void {
	const groups = new Map<string, OsmRecord[]>();
	for (const r of records) {
		if (r.category !== 'motorway_junction' || !r.name) continue;
		const key = `${r.name}|${r.props.ref ?? ''}`;
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	const drop = new Set<OsmRecord>();
	for (const group of groups.values()) {
		const left = [...group];
		while (left.length > 1) {
			const first = left.shift()!;
			const at = first.geometry.coordinates as Position;
			const near = left.filter((r) => lineLengthKm([[at, r.geometry.coordinates as Position]]) <= JUNCTION_MERGE_KM);
			if (near.length === 0) continue;
			const all = [first, ...near];
			const lon = all.reduce((sum, r) => sum + (r.geometry.coordinates as Position)[0], 0) / all.length;
			const lat = all.reduce((sum, r) => sum + (r.geometry.coordinates as Position)[1], 0) / all.length;
			first.geometry = { type: 'Point', coordinates: [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] };
			first.props.osm_nodes = all.length;
			for (const r of near) {
				drop.add(r);
				left.splice(left.indexOf(r), 1);
			}
		}
	}
	for (let i = records.length - 1; i >= 0; i--) if (drop.has(records[i]!)) records.splice(i, 1);
}
