import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/lib/i18n/strings.ts';
import { THEMES } from '../../src/lib/themes/registry.ts';
import { ABOUT, COMMANDS } from '../../src/lib/i18n/about-data.ts';

/** What a visitor must never be told to do: commands and the variables that go with them. */
const DEVELOPER = /npm run|npm start|NT_SOURCES|NT_BASEMAP|`/;

function texts(value: unknown, path: string, out: [string, string][]): [string, string][] {
	if (typeof value === 'string') out.push([path, value]);
	else if (Array.isArray(value)) value.forEach((v, i) => texts(v, `${path}[${i}]`, out));
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) texts(v, `${path}.${k}`, out);
	return out;
}

describe('texts visitors see', () => {
	it('name no developer command, in the UI strings or in any theme text', () => {
		const all = [...texts(STRINGS, 'STRINGS', []), ...THEMES.flatMap((t) => texts({ title: t.title, description: t.description, emptyHint: t.emptyHint, importAdds: t.importAdds, areaFill: t.areaFill }, t.id, []))];
		expect(all.length).toBeGreaterThan(50);
		expect(all.filter(([, v]) => DEVELOPER.test(v))).toEqual([]);
	});

	it('leave the commands to the data maintainers page', () => {
		expect(COMMANDS.some((c) => c.command.includes('npm run data'))).toBe(true);
		expect(ABOUT.basemapText.de).toContain('NT_BASEMAP');
	});
});
