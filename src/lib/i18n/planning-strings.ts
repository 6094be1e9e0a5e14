/**
 * Strings of the planner pages (/breitband, /ziele) and the goals panel, in German and English.
 * Kept apart from the map's chrome strings so both can grow without stepping on each other.
 */
import type { Lang } from '../data/model.ts';

export const PLANNING_STRINGS = {
	goalsPageTitle: { de: 'Ziele der Region', en: "The region's goals" },
	goalsPageIntro: {
		de: 'Die fünf Ziele des Regionalen Entwicklungskonzepts bis 2025, je Landkreis gemessen ab dem Basisjahr {year} (Beginn des Konzepts) bis zum neuesten Jahr.',
		en: "The five goals of the regional development concept to 2025, per district, measured from the baseline year {year} (the concept's start) to the newest year."
	},
	baseline: { de: 'Basisjahr', en: 'Baseline' },
	newest: { de: 'Neuestes Jahr', en: 'Newest year' },
	changeSince: { de: 'Veränderung seit {year}', en: 'Change since {year}' },
	goalDirection: { de: 'Richtung des Ziels', en: "Goal's direction" },
	betterHigher: { de: 'höher ist besser', en: 'higher is better' },
	betterLower: { de: 'niedriger ist besser', en: 'lower is better' },
	onTrack: { de: 'in Zielrichtung', en: "in the goal's direction" },
	offTrack: { de: 'entgegen der Zielrichtung', en: "against the goal's direction" },
	notComparable: { de: 'nicht vergleichbar', en: 'not comparable' },
	noBaseline: { de: 'kein Wert für {year}', en: 'no value for {year}' },
	noNewerYear: { de: 'kein neueres Jahr', en: 'no newer year' },
	notRecorded: { de: 'nicht erfasst', en: 'not recorded' },
	noDataCard: {
		de: 'Diese Reihe ist in keiner der vorliegenden amtlichen Dateien enthalten. Amtliche Quelle:',
		en: 'None of the official files at hand contains this series. Official source:'
	},
	forMaintainers: { de: 'Für die Datenpflege', en: 'For data maintainers' },
	indicatorCode: { de: 'Indikator-Code', en: 'Indicator code' },
	rate: { de: 'Quote', en: 'rate' },
	headCount: { de: 'Anzahl', en: 'head count' },
	year: { de: 'Jahr', en: 'Year' },
	district: { de: 'Landkreis', en: 'District' },
	region: { de: 'Gesamte Region', en: 'Whole region' },
	municipality: { de: 'Gemeinde', en: 'Municipality' },
	tableAlternative: { de: 'Werte als Tabelle', en: 'Values as a table' },
	chartOf: { de: 'Diagramm: {label}', en: 'Chart: {label}' },
	referenceLines: { de: 'Vergleich', en: 'Reference' },
	exportCsv: { de: 'CSV herunterladen', en: 'Download CSV' },
	exportGeojson: { de: 'GeoJSON herunterladen', en: 'Download GeoJSON' },
	print: { de: 'Drucken', en: 'Print' },
	backToMap: { de: 'Zur Karte', en: 'Back to the map' },
	openGoalsPage: { de: 'Alle Ziele mit Zeitreihen', en: 'All goals with time series' },
	openBroadbandPage: { de: 'Breitbandlücken aller Gemeinden', en: 'Broadband gaps of all municipalities' },
	officialSeries: { de: 'amtliche Reihe', en: 'official series' },
	headlineSeries: { de: 'eingebaute Eckwerte', en: 'built-in headline figures' },
	sourcesLabel: { de: 'Quellen', en: 'Sources' },
	editionLabel: { de: 'Stand', en: 'Edition' },
	languageSwitch: { de: 'English', en: 'Deutsch' },
	languageSwitchLabel: { de: 'Switch to English', en: 'Auf Deutsch umschalten' },
	loadFailed: { de: 'Die Daten konnten nicht geladen werden.', en: 'The data could not be loaded.' }
} as const;

export type PlanningKey = keyof typeof PLANNING_STRINGS;

export function pt(lang: Lang, key: PlanningKey, vars: Record<string, string | number> = {}): string {
	let s: string = PLANNING_STRINGS[key][lang];
	for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
	return s;
}
