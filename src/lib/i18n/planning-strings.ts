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
	bbPageTitle: { de: 'Breitbandlücken in Nordthüringen', en: 'Broadband gaps in Nordthüringen' },
	bbIntro: {
		de: 'Versorgung der Haushalte je Gemeinde und Landkreis nach dem Breitbandatlas der Bundesnetzagentur, für jeden Stand und jede Geschwindigkeitsklasse.',
		en: "Household coverage per municipality and district from the Federal Network Agency's Breitbandatlas, for every edition and speed class."
	},
	bbNoData: {
		de: 'Gemeindewerte des Breitbandatlas sind noch nicht eingelesen. Die Karte zeigt bis dahin die eingebauten Eckwerte je Landkreis.',
		en: 'The Breitbandatlas municipality values have not been imported yet. Until then the map shows the built-in headline figures per district.'
	},
	edition: { de: 'Stand', en: 'Edition' },
	compareWith: { de: 'Vergleich mit Stand', en: 'Compare with edition' },
	noComparison: { de: 'kein Vergleich', en: 'no comparison' },
	speedClass: { de: 'Geschwindigkeitsklasse', en: 'Speed class' },
	audience: { de: 'Versorgung von', en: 'Coverage of' },
	audiencePrivate: { de: 'Privathaushalten', en: 'private households' },
	audienceBusiness: { de: 'Gewerbestandorten', en: 'businesses' },
	mode: { de: 'Darstellung', en: 'Show' },
	modeCovered: { de: 'Anteil versorgt', en: 'Share covered' },
	modeGap: { de: 'Anteil nicht versorgt', en: 'Share not covered' },
	modeChange: { de: 'Veränderung zwischen Ständen', en: 'Change between editions' },
	fundingViews: { de: 'Förderschwellen', en: 'Funding thresholds' },
	apply: { de: 'Anzeigen', en: 'Show' },
	covered: { de: 'versorgt', en: 'covered' },
	notCovered: { de: 'nicht versorgt', en: 'not covered' },
	peopleNotCovered: { de: 'Einwohner ohne Versorgung (Schätzung)', en: 'Inhabitants not covered (estimate)' },
	changePp: { de: 'Veränderung (Prozentpunkte)', en: 'Change (percentage points)' },
	rankDistrict: { de: 'Rang im Kreis', en: 'Rank in district' },
	rankRegion: { de: 'Rang in der Region', en: 'Rank in region' },
	rankNote: { de: 'Rang 1 = größte Lücke', en: 'rank 1 = largest gap' },
	origin: { de: 'Herkunft', en: 'Origin' },
	asPublished: { de: 'wie veröffentlicht', en: 'as published' },
	convertedPopulation: { de: 'umgerechnet (Einwohner)', en: 'converted (population)' },
	convertedArea: { de: 'umgerechnet (Fläche)', en: 'converted (area)' },
	population: { de: 'Einwohner', en: 'Inhabitants' },
	publishedDistrict: { de: 'Kreiswert laut Breitbandatlas', en: 'District value per Breitbandatlas' },
	weightedDistrict: { de: 'aus Gemeinden, nach Einwohnern gewichtet', en: 'from municipalities, weighted by population' },
	districts: { de: 'Landkreise', en: 'Districts' },
	municipalities: { de: 'Gemeinden', en: 'Municipalities' },
	overEditions: { de: 'Verlauf über alle Stände', en: 'Over all editions' },
	boundaryNote2021: {
		de: 'Gemeinden mit Gebietsstand 2021 ({source}). Der Breitbandatlas nennt die Gemeinden mit den Schlüsseln ihres Stands; Werte von Gemeinden, die seit 2019 zusammengelegt wurden, sind über die Flächenüberlagerung auf die heutigen Gemeinden übertragen und nach Einwohnern gewichtet ({population}; Orte, die schon 2018 eingemeindet waren, zählt es bei der aufnehmenden Gemeinde mit) – in der Tabelle als „umgerechnet“ markiert ({count} Gemeinden).',
		en: 'Municipalities as of 2021 ({source}). The Breitbandatlas names municipalities by the codes of its date; values of municipalities merged since 2019 are carried onto today\'s municipalities by area overlap and weighted by population ({population}; places already absorbed during 2018 are counted with the municipality that absorbed them) – marked "converted" in the table ({count} municipalities).'
	},
	boundaryNote2016: {
		de: 'Gemeinden mit Gebietsstand 2016 ({source}), wie die Schlüssel der Breitbandatlas-Dateien; die Grenzen von 2021 sind nicht eingelesen.',
		en: 'Municipalities as of 2016 ({source}), matching the codes of the Breitbandatlas files; the 2021 boundaries have not been imported.'
	},
	householdNote: {
		de: 'Haushaltszahlen je Gemeinde sind in den vorliegenden Dateien nicht enthalten: Die Zahl der nicht versorgten Einwohner (Anteil × Einwohner) dient als Näherung für die nicht versorgten Haushalte.',
		en: 'The files at hand contain no household counts per municipality: inhabitants not covered (share × population) serve as a proxy for households not covered.'
	},
	noPopulation: {
		de: 'Ohne eingelesenes Gemeindeverzeichnis fehlen Einwohnerzahlen; Kreis- und Regionswerte können dann nicht gewichtet werden.',
		en: 'Without the imported municipality register there are no population figures; district and region values cannot be weighted.'
	},
	unweighted: { de: 'ohne eigenes Gewicht: {codes}', en: 'without weight of their own: {codes}' },
	reasonNotInFile: { de: 'nicht in der Datei', en: 'not in the file' },
	reasonNotPublished: { de: 'nicht veröffentlicht', en: 'not published' },
	reasonNoOverlap: { de: 'keine Fläche zugeordnet', en: 'no area mapped' },
	mapTitle: { de: 'Karte: {what}, {label}, Stand {edition}', en: 'Map: {what}, {label}, edition {edition}' },
	mapAlt: {
		de: 'Karte der Gemeinden, eingefärbt nach dem gewählten Wert. Dieselben Werte stehen in der Tabelle darunter.',
		en: 'Map of the municipalities coloured by the chosen value. The same values are in the table below.'
	},
	sortBy: { de: 'Sortieren nach {column}', en: 'Sort by {column}' },
	shareLink: { de: 'Link zu dieser Ansicht', en: 'Link to this view' },
	goalsLink: { de: 'Ziele der Region', en: "The region's goals" },
	broadbandLink: { de: 'Breitbandlücken', en: 'Broadband gaps' },
	loadFailed: { de: 'Die Daten konnten nicht geladen werden.', en: 'The data could not be loaded.' }
} as const;

export type PlanningKey = keyof typeof PLANNING_STRINGS;

export function pt(lang: Lang, key: PlanningKey, vars: Record<string, string | number> = {}): string {
	let s: string = PLANNING_STRINGS[key][lang];
	for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
	return s;
}
