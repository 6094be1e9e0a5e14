import { describe, expect, it } from 'vitest';
import { expression, latest } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { mapStyle } from '../../src/lib/map/map-start.ts';
import { NOTE_SOURCE, parseBasemapSetting } from '../../src/lib/map/basemap.ts';
import { THEMES, activeColouring } from '../../src/lib/themes/registry.ts';
import type { ThemeId } from '../../src/lib/themes/registry.ts';

/**
 * MapLibre compiles one shader program per layer type and per combination of how each paint
 * property is given: as a constant or zoom function (a uniform), per feature (an attribute) or per
 * feature and zoom (two attributes). Dashed lines take a program of their own, icons another. In
 * software WebGL, as on machines without a graphics card, every program costs a compilation of
 * 50–100 ms in the first frames; so layers of one type are written alike and share one program.
 */
type Kind = 'uniform' | 'feature' | 'feature-zoom';

function kindOf(name: string, value: unknown, spec: unknown): Kind {
	if (value === undefined) return 'uniform';
	const parsed = expression.createPropertyExpression(value, name, spec as Parameters<typeof expression.createPropertyExpression>[2]);
	if (parsed.result !== 'success') throw new Error(`invalid paint value ${JSON.stringify(value)}`);
	const kind = parsed.value.kind;
	return kind === 'source' ? 'feature' : kind === 'composite' ? 'feature-zoom' : 'uniform';
}

/** The program a layer is drawn with, as MapLibre chooses it: its type (with variants) and the kinds of its data-driven paint properties. */
function program(layer: LayerSpecification): string {
	const paint = ('paint' in layer ? layer.paint : undefined) as Record<string, unknown> | undefined;
	const specs = (latest as unknown as Record<string, Record<string, { 'property-type'?: string }>>)[`paint_${layer.type}`] ?? {};
	const variant = layer.type === 'line' && paint?.['line-dasharray'] !== undefined ? 'lineSDF' : layer.type;
	const kinds = Object.entries(specs)
		.filter(([name, spec]) => spec['property-type'] === 'data-driven' && (layer.type !== 'symbol' || name.startsWith('text-')))
		.map(([name, spec]) => `${name}:${kindOf(name, paint?.[name], spec)}`);
	return [variant, ...kinds].join(' ');
}

/** Icons are drawn by a program of their own unless their opacity is 0, when MapLibre draws none. */
function drawsIcons(layer: LayerSpecification): boolean {
	if (layer.type !== 'symbol' || !(layer.layout as Record<string, unknown> | undefined)?.['icon-image']) return false;
	return (layer.paint as Record<string, unknown> | undefined)?.['icon-opacity'] !== 0;
}

const views: [string, ThemeId[]][] = [
	['Investieren', ['gewerbe', 'breitband', 'verkehr']],
	['Entdecken', ['tourismus', 'verkehr', 'daseinsvorsorge']],
	['Planen', ['breitband', 'daseinsvorsorge', 'gewerbe']],
	['every theme', THEMES.map((t) => t.id)]
];

describe('shader programs of the map style', () => {
	for (const [name, visible] of views) {
		it(`${name}: the layers of one type share one program, no line is dashed and no icon is drawn`, () => {
			// The style as the map is created with it: with the selection ring (a card's feature) and the
			// fallback's attribution note (the basemap unreachable, its layer draws nothing).
			const style = mapStyle(
				{
					tilesUrl: 'pmtiles://http://localhost/tiles/standortkarte.pmtiles',
					lang: 'de',
					visibleThemes: new Set(visible),
					broadband: { edition: '2021-06', metric: 'all_100', level: 'district' },
					colouring: activeColouring(visible, null),
					attribution: 'A'
				},
				parseBasemapSetting('basemap.de-grau'),
				null,
				{ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { kind: 'feature' }, geometry: { type: 'Point', coordinates: [10.8, 51.5] } }] }
			);
			const byType = new Map<string, Map<string, string[]>>();
			for (const layer of style.layers) {
				// The fallback's note rides on an empty source: its layer never draws anything.
				if (layer.type === 'background' || layer.id === NOTE_SOURCE) continue;
				const programs = byType.get(layer.type) ?? new Map<string, string[]>();
				const key = program(layer);
				programs.set(key, [...(programs.get(key) ?? []), layer.id]);
				byType.set(layer.type, programs);
			}
			for (const [type, programs] of byType) expect([...programs.values()], `${type} layers grouped by program`).toHaveLength(1);
			expect(style.layers.filter(drawsIcons).map((l) => l.id)).toEqual([]);
		});
	}
});
