/**
 * The theme registry is the single source of the themes' special cases: which categories are
 * stations, stops, motorway junctions and hospitals, how themes rank in search, which theme is the
 * broadband choropleth and which carries site facts, and the broadband speed classes and property
 * names. The server, the build and the routes read them from there and name no theme id themselves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { THEMES, choroplethTheme, getTheme, hasSiteFacts, nearestTarget, searchKind } from '../../src/lib/themes/registry.ts';
import {
	BROADBAND_METRICS,
	BROADBAND_SPEED_CLASSES,
	DEFAULT_BROADBAND_METRIC,
	broadbandMetricLabel,
	broadbandProperty,
	isBroadbandMetric,
	parseBroadbandProperty
} from '../../src/lib/themes/broadband.ts';
import { broadbandProperty as styleBroadbandProperty } from '../../src/lib/map/style.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return tsFiles(full);
		return /\.ts$/.test(name) ? [full] : [];
	});
}

describe('theme ids appear only in the registry', () => {
	// The build's per-theme assembler (the registry's stated companion) puts each feature into its theme.
	const ASSEMBLER = path.join(ROOT, 'scripts/lib/theme-features.ts');
	const files = [...tsFiles(path.join(ROOT, 'src/lib/server')), ...tsFiles(path.join(ROOT, 'scripts/lib')), ...tsFiles(path.join(ROOT, 'src/routes'))].filter((f) => f !== ASSEMBLER);
	// A theme id as a whole string literal; file names and page paths such as `/breitband` do not match.
	const literal = new RegExp(`(['"\`])(${THEMES.map((t) => t.id).join('|')})\\1`);

	it('scans the server, the build library and the routes', () => {
		expect(files.some((f) => f.endsWith('src/lib/server/api/routes/data.ts'))).toBe(true);
		expect(files.some((f) => f.endsWith('scripts/lib/database.ts'))).toBe(true);
		expect(files.some((f) => f.includes('src/routes/standorte/[id]/+page.server.ts'))).toBe(true);
		expect(literal.test("s.nearest(lon, lat, 'verkehr', ['station'])")).toBe(true);
		expect(literal.test('attachment(c, `breitband-${view.audience}.csv`)')).toBe(false);
	});

	it('names no theme id in those files', () => {
		const found = files.flatMap((f) =>
			readFileSync(f, 'utf8')
				.split('\n')
				.flatMap((line, i) => (literal.test(line) ? [`${path.relative(ROOT, f)}:${i + 1}: ${line.trim().slice(0, 120)}`] : []))
		);
		expect(found).toEqual([]);
	});
});

describe('registry accessors', () => {
	it('names the categories each "nearest" fact measures to', () => {
		expect(nearestTarget('station')).toEqual({ theme: 'verkehr', categories: ['station'] });
		expect(nearestTarget('stop')).toEqual({ theme: 'verkehr', categories: ['tram', 'bus', 'other'] });
		expect(nearestTarget('motorway_junction')).toEqual({ theme: 'verkehr', categories: ['motorway_junction'] });
		expect(nearestTarget('hospital')).toEqual({ theme: 'daseinsvorsorge', categories: ['hospital'] });
	});

	it('ranks search hits as before: regions, then sights, sites, services, places, stations, stops', () => {
		expect(searchKind('tourismus', 'castle')).toEqual({ kind: 'tourismus', boost: 35 });
		expect(searchKind('gewerbe', 'research')).toEqual({ kind: 'gewerbe', boost: 30 });
		expect(searchKind('daseinsvorsorge', 'hospital')).toEqual({ kind: 'daseinsvorsorge', boost: 25 });
		expect(searchKind('wohnen', 'town')).toEqual({ kind: 'wohnen', boost: 20 });
		expect(searchKind('verkehr', 'station')).toEqual({ kind: 'station', boost: 18 });
		expect(searchKind('verkehr', 'tram')).toEqual({ kind: 'tram', boost: 8 });
		expect(searchKind('verkehr', 'bus')).toEqual({ kind: 'bus', boost: 5 });
		expect(searchKind('verkehr', null)).toEqual({ kind: 'bus', boost: 5 });
		expect(searchKind('verkehr', 'other')).toEqual({ kind: 'other', boost: 3 });
		expect(searchKind('verkehr', 'motorway_junction')).toEqual({ kind: 'motorway_junction', boost: 1 });
		// Broadband polygons are found through the regions, not as features.
		expect(searchKind('breitband', 'district')).toBeNull();
		expect(searchKind('nope', null)).toBeNull();
	});

	it('knows the broadband choropleth and the theme with site facts', () => {
		expect(choroplethTheme()?.id).toBe('breitband');
		expect(THEMES.filter((t) => t.choropleth)).toHaveLength(1);
		expect(THEMES.filter((t) => t.siteFacts).map((t) => t.id)).toEqual(['gewerbe']);
		expect(hasSiteFacts('gewerbe')).toBe(true);
		expect(hasSiteFacts('verkehr')).toBe(false);
	});
});

describe('broadband speed classes and property names', () => {
	it('are the choropleth metrics of the registry, in display order', () => {
		expect(BROADBAND_METRICS).toEqual(['all_50', 'all_100', 'all_1000', 'ftth_1000']);
		expect(choroplethTheme()?.choropleth.metrics).toEqual(BROADBAND_SPEED_CLASSES.map((c) => ({ key: c.key, label: c.label })));
		expect(BROADBAND_METRICS).toContain(DEFAULT_BROADBAND_METRIC);
		expect(isBroadbandMetric('all_30')).toBe(false);
		expect(broadbandMetricLabel('ftth_1000')).toEqual({ de: 'Glasfaser (FTTH/B)', en: 'Fibre (FTTH/B)' });
		for (const c of BROADBAND_SPEED_CLASSES) expect(c.label.de && c.label.en).toBeTruthy();
	});

	it('are built by one function, for the map style as for the build, and read back', () => {
		expect(broadbandProperty('2021-06', 'all_100')).toBe('bb_2021_06_all_100');
		expect(styleBroadbandProperty).toBe(broadbandProperty);
		expect(parseBroadbandProperty('bb_2021_06_ftth_1000')).toEqual({ edition: '2021-06', metric: 'ftth_1000' });
		expect(parseBroadbandProperty('ags')).toBeNull();
		for (const metric of BROADBAND_METRICS) expect(parseBroadbandProperty(broadbandProperty('2018-12', metric))).toEqual({ edition: '2018-12', metric });
		expect(getTheme('breitband')?.choropleth?.property.replace('{edition}', '2021_06').replace('{metric}', 'all_50')).toBe(broadbandProperty('2021-06', 'all_50'));
	});
});
