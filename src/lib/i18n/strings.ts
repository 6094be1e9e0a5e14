/**
 * Every user-visible string of the UI, in German (default) and English. Theme texts live in the
 * theme registry; this file holds the chrome around the map.
 */
import type { Lang } from '../data/model.ts';

export const STRINGS = {
	appTitle: { de: 'Standortkarte Nordthüringen', en: 'Nordthüringen Location Map' },
	appSubtitle: {
		de: 'Landkreis Nordhausen · Kyffhäuserkreis · Unstrut-Hainich-Kreis',
		en: 'Nordhausen district · Kyffhäuser district · Unstrut-Hainich district'
	},
	language: { de: 'Sprache', en: 'Language' },
	switchLanguage: { de: 'English', en: 'Deutsch' },
	switchLanguageLabel: { de: 'Switch to English', en: 'Auf Deutsch umschalten' },
	layers: { de: 'Themen', en: 'Themes' },
	legend: { de: 'Legende', en: 'Legend' },
	sources: { de: 'Quellen', en: 'Sources' },
	edition: { de: 'Stand', en: 'Edition' },
	licence: { de: 'Lizenz', en: 'Licence' },
	loading: { de: 'Karte wird geladen …', en: 'Loading map …' },
	mapLabel: {
		de: 'Karte von Nordthüringen mit den drei Landkreisen',
		en: 'Map of Nordthüringen showing the three districts'
	},
	mapError: {
		de: 'Die Karte konnte nicht geladen werden.',
		en: 'The map could not be loaded.'
	},
	noWebgl: {
		de: 'Ihr Browser kann die Karte nicht darstellen (WebGL fehlt). Die Listen und Quellen unten funktionieren trotzdem.',
		en: 'Your browser cannot draw the map (WebGL missing). The lists and sources below still work.'
	},
	dataUnavailable: {
		de: 'Die Daten sind nicht verfügbar. Bitte `npm run data` ausführen.',
		en: 'The data are not available. Please run `npm run data`.'
	},
	features: { de: 'Objekte', en: 'features' },
	noData: { de: 'Keine Daten', en: 'No data' },
	approx: { de: 'Lage ungefähr', en: 'Approximate location' },
	officialImported: { de: 'Amtliche Dateien importiert', en: 'Official files imported' },
	builtInOnly: {
		de: 'Nur eingebaute Daten – amtliche Dateien können importiert werden.',
		en: 'Built-in data only – official files can be imported.'
	},
	broadbandMetric: { de: 'Bandbreite', en: 'Bandwidth' },
	broadbandEdition: { de: 'Stand', en: 'Edition' },
	broadbandLevel: { de: 'Ebene', en: 'Level' },
	levelDistrict: { de: 'Landkreise', en: 'Districts' },
	levelMunicipality: { de: 'Gemeinden', en: 'Municipalities' },
	householdsShare: { de: 'Anteil der Haushalte', en: 'Share of households' },
	districtsLegend: { de: 'Landkreise', en: 'Districts' },
	apiDocs: { de: 'API-Dokumentation', en: 'API documentation' }
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function tr(lang: Lang, key: StringKey): string {
	return STRINGS[key][lang];
}
