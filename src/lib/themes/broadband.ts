/**
 * The broadband theme's speed classes and the property names its values carry on the map's polygons,
 * defined once for the registry (src/lib/themes/registry.ts), the build, the server and the browser.
 * The Breitbandatlas files hold dozens of classes; these are the four the map and the cards show.
 */
import type { I18nText } from '../data/model.ts';

export const BROADBAND_SPEED_CLASSES = [
	{ key: 'all_50', label: { de: '≥ 50 Mbit/s', en: '≥ 50 Mbit/s' } },
	{ key: 'all_100', label: { de: '≥ 100 Mbit/s', en: '≥ 100 Mbit/s' } },
	{ key: 'all_1000', label: { de: '≥ 1000 Mbit/s', en: '≥ 1000 Mbit/s' } },
	{ key: 'ftth_1000', label: { de: 'Glasfaser (FTTH/B)', en: 'Fibre (FTTH/B)' } }
] as const satisfies readonly { key: string; label: I18nText }[];

export type BroadbandMetric = (typeof BROADBAND_SPEED_CLASSES)[number]['key'];

/** The speed-class keys, in display order. */
export const BROADBAND_METRICS: readonly BroadbandMetric[] = BROADBAND_SPEED_CLASSES.map((c) => c.key);

/** Shown until a visitor picks another class. */
export const DEFAULT_BROADBAND_METRIC: BroadbandMetric = 'all_100';

/** Class whose municipal share a commercial site's card shows (households with ≥ 1000 Mbit/s). */
export const SITE_BROADBAND_METRIC: BroadbandMetric = 'all_1000';

export function isBroadbandMetric(key: string): key is BroadbandMetric {
	return (BROADBAND_METRICS as readonly string[]).includes(key);
}

export function broadbandMetricLabel(key: string): I18nText | undefined {
	return BROADBAND_SPEED_CLASSES.find((c) => c.key === key)?.label;
}

/** The choropleth's property template: `{edition}` and `{metric}` are replaced by the selection. */
export const BROADBAND_PROPERTY_TEMPLATE = 'bb_{edition}_{metric}';

/** The polygon property holding one edition's share of one class, e.g. `bb_2021_06_all_100`. */
export function broadbandProperty(edition: string, metric: string): string {
	return BROADBAND_PROPERTY_TEMPLATE.replace('{edition}', edition.replace('-', '_')).replace('{metric}', metric);
}

/** The edition (YYYY-MM) and class of a property name made by broadbandProperty; null for any other key. */
export function parseBroadbandProperty(key: string): { edition: string; metric: string } | null {
	const m = /^bb_(\d{4})_(\d{2})_(.+)$/.exec(key);
	return m ? { edition: `${m[1]}-${m[2]}`, metric: m[3]! } : null;
}
