/**
 * Parser for OPL, osmium's one-object-per-line text format. The import lets osmium do the heavy
 * reading (PBF decoding, tag filtering, node locations) and reads only the small filtered result
 * as OPL, written with node locations on the ways (`osmium add-locations-to-ways -f opl`).
 */

export type OsmTags = Record<string, string>;

export interface OplNode {
	type: 'node';
	id: number;
	tags: OsmTags;
	lon: number;
	lat: number;
}

export interface OplWay {
	type: 'way';
	id: number;
	tags: OsmTags;
	/** lon/lat pairs; nodes without a location (outside the extract) are left out */
	coords: Float64Array;
	/** node refs the way had but whose location was missing */
	missing: number;
}

export interface OplMember {
	type: 'node' | 'way' | 'relation';
	ref: number;
	role: string;
}

export interface OplRelation {
	type: 'relation';
	id: number;
	tags: OsmTags;
	members: OplMember[];
}

export type OplObject = OplNode | OplWay | OplRelation;

/** OPL escapes every special character as %hex%. */
export function unescapeOpl(s: string): string {
	if (!s.includes('%')) return s;
	return s.replace(/%([0-9a-fA-F]+)%/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

function parseTags(field: string): OsmTags {
	const tags: OsmTags = {};
	if (field === '') return tags;
	for (const pair of field.split(',')) {
		const eq = pair.indexOf('=');
		if (eq < 0) continue;
		tags[unescapeOpl(pair.slice(0, eq))] = unescapeOpl(pair.slice(eq + 1));
	}
	return tags;
}

const MEMBER_TYPES = { n: 'node', w: 'way', r: 'relation' } as const;

/** One OPL line → object; null for blank lines. Throws with the problem for a malformed line. */
export function parseOplLine(line: string): OplObject | null {
	if (line.trim() === '') return null;
	const fields = line.split(' ');
	const head = fields[0]!;
	const kind = head[0];
	const id = Number(head.slice(1));
	if (!Number.isSafeInteger(id)) throw new Error(`bad object id "${head}"`);
	let tags: OsmTags = {};
	let x = NaN, y = NaN;
	let nodesField = '';
	let membersField = '';
	for (let i = 1; i < fields.length; i++) {
		const f = fields[i]!;
		const rest = f.slice(1);
		switch (f[0]) {
			case 'T': tags = parseTags(rest); break;
			case 'x': x = rest === '' ? NaN : Number(rest); break;
			case 'y': y = rest === '' ? NaN : Number(rest); break;
			case 'N': nodesField = rest; break;
			case 'M': membersField = rest; break;
		}
	}
	if (kind === 'n') return { type: 'node', id, tags, lon: x, lat: y };
	if (kind === 'w') {
		const refs = nodesField === '' ? [] : nodesField.split(',');
		const coords: number[] = [];
		let missing = 0;
		for (const r of refs) {
			const xi = r.indexOf('x');
			const yi = r.indexOf('y');
			if (xi < 0 || yi < 0 || yi === xi + 1) {
				missing++;
				continue;
			}
			coords.push(Number(r.slice(xi + 1, yi)), Number(r.slice(yi + 1)));
		}
		return { type: 'way', id, tags, coords: Float64Array.from(coords), missing };
	}
	if (kind === 'r') {
		const members: OplMember[] = [];
		if (membersField !== '') {
			for (const m of membersField.split(',')) {
				const at = m.indexOf('@');
				const t = MEMBER_TYPES[m[0] as keyof typeof MEMBER_TYPES];
				if (!t) throw new Error(`bad relation member "${m}"`);
				members.push({ type: t, ref: Number(at < 0 ? m.slice(1) : m.slice(1, at)), role: at < 0 ? '' : unescapeOpl(m.slice(at + 1)) });
			}
		}
		return { type: 'relation', id, tags, members };
	}
	if (kind === 'c') return null; // changesets are not used
	throw new Error(`unknown object type "${kind}"`);
}
