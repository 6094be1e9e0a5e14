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
	skipToList: { de: 'Zur Objektliste springen', en: 'Skip to the feature list' },
	switchLanguage: { de: 'EN', en: 'DE' },
	switchLanguageLabel: { de: 'Switch to English', en: 'Auf Deutsch umschalten' },
	views: { de: 'Ansicht', en: 'View' },
	layers: { de: 'Ebenen', en: 'Layers' },
	allLayers: { de: 'Alle Ebenen', en: 'All layers' },
	legend: { de: 'Legende', en: 'Legend' },
	sources: { de: 'Quellen', en: 'Sources' },
	edition: { de: 'Stand', en: 'Edition' },
	licence: { de: 'Lizenz', en: 'Licence' },
	loading: { de: 'Karte wird geladen …', en: 'Loading map …' },
	mapLabel: {
		de: 'Karte von Nordthüringen. Die Objekte der Karte stehen auch in der Liste im Seitenbereich.',
		en: 'Map of Nordthüringen. The features on the map are also listed in the side panel.'
	},
	mapError: { de: 'Die Karte konnte nicht geladen werden.', en: 'The map could not be loaded.' },
	notFoundTitle: { de: 'Seite nicht gefunden', en: 'Page not found' },
	notFoundText: {
		de: 'Diese Adresse gibt es in der Standortkarte nicht. Vielleicht war der Link unvollständig.',
		en: 'This address does not exist in the location map. Perhaps the link was incomplete.'
	},
	errorTitle: { de: 'Etwas ist schiefgegangen', en: 'Something went wrong' },
	errorText: { de: 'Die Seite konnte nicht angezeigt werden. Bitte später noch einmal versuchen.', en: 'The page could not be shown. Please try again later.' },
	backToMap: { de: 'Zur Karte', en: 'Back to the map' },
	classesDistinct: {
		de: 'Eine Farbe je Wert der angezeigten Gebiete (Zahl der Gebiete in Klammern).',
		en: 'One colour per value of the areas shown (number of areas in brackets).'
	},
	classesQuantile: {
		de: 'Klassen: Quantile der angezeigten Werte – in jeder Klasse etwa gleich viele Gebiete (Zahl in Klammern).',
		en: 'Classes: quantiles of the values shown – about as many areas in each class (number in brackets).'
	},
	linkProblems: { de: 'Nicht erkannte Link-Angaben, stattdessen Standard:', en: 'Link settings not recognised, defaults shown instead:' },
	menu: { de: 'Menü', en: 'Menu' },
	basemapUnavailable: { de: 'Grundkarte nicht erreichbar – vereinfachte Übersicht', en: 'Basemap unavailable – simplified overview' },
	noWebgl: {
		de: 'Ihr Browser kann die Karte nicht darstellen (WebGL fehlt). Suche, Listen und Quellen funktionieren trotzdem.',
		en: 'Your browser cannot draw the map (WebGL missing). Search, lists and sources still work.'
	},
	dataUnavailable: {
		de: 'Die Kartendaten sind gerade nicht verfügbar. Bitte versuchen Sie es später noch einmal.',
		en: 'The map data are not available right now. Please try again later.'
	},
	features: { de: 'Objekte', en: 'features' },
	noData: { de: 'Keine Daten', en: 'No data' },
	approx: { de: 'Lage ungefähr', en: 'Approximate location' },
	approxNote: {
		de: 'Die genaue Lage ist nicht bekannt; der Punkt steht am Ortsmittelpunkt oder an der nächstbekannten Stelle.',
		en: 'The exact location is not known; the point marks the town centre or the closest known spot.'
	},
	officialImported: { de: 'Amtliche Dateien importiert', en: 'Official files imported' },
	builtInOnly: {
		de: 'Nur eingebaute Daten; amtliche Dateien (Breitbandatlas je Gemeinde, INKAR, Gemeindeverzeichnis …) sind nicht importiert.',
		en: 'Built-in data only; official files (municipal Breitbandatlas, INKAR, municipality register …) are not imported.'
	},
	importHint: { de: 'Mehr dazu:', en: 'More:' },
	aboutData: { de: 'Über die Daten', en: 'About the data' },
	colourAreasBy: { de: 'Flächen färben nach', en: 'Colour areas by' },
	colouringOther: {
		de: 'Färbung ausgeblendet – oben unter „Flächen färben nach“ wählen.',
		en: 'Colours hidden – choose them above under “Colour areas by”.'
	},
	areaMissing: {
		de: 'Gemeinden ohne Wert in der Quelle bleiben ungefärbt.',
		en: 'municipalities without a value in the source stay uncoloured.'
	},
	broadbandMetric: { de: 'Bandbreite', en: 'Bandwidth' },
	broadbandEdition: { de: 'Stand', en: 'Edition' },
	broadbandLevel: { de: 'Ebene', en: 'Level' },
	levelDistrict: { de: 'Landkreise', en: 'Districts' },
	levelMunicipality: { de: 'Gemeinden', en: 'Municipalities' },
	householdsShare: { de: 'Anteil der Haushalte', en: 'Share of households' },
	broadbandRanking: { de: 'Rangfolge (geringste Versorgung zuerst)', en: 'Ranking (lowest coverage first)' },
	broadbandMunicipalityMissing: {
		de: 'Werte je Gemeinde sind nicht erfasst.',
		en: 'Values per municipality are not recorded.'
	},
	districtsLegend: { de: 'Landkreise', en: 'Districts' },
	apiDocs: { de: 'API-Dokumentation', en: 'API documentation' },
	search: { de: 'Suche', en: 'Search' },
	searchPlaceholder: { de: 'Ort, Sehenswürdigkeit, Haltestelle …', en: 'Place, sight, stop …' },
	searchNoResults: { de: 'Keine Treffer', en: 'No results' },
	searchResults: { de: 'Treffer', en: 'results' },
	searchError: { de: 'Suche gerade nicht möglich', en: 'Search is unavailable right now' },
	share: { de: 'Link teilen', en: 'Share link' },
	shareCopied: { de: 'Link kopiert', en: 'Link copied' },
	shareLabel: { de: 'Link zu dieser Ansicht', en: 'Link to this view' },
	print: { de: 'Drucken', en: 'Print' },
	close: { de: 'Schließen', en: 'Close' },
	district: { de: 'Landkreis', en: 'District' },
	municipality: { de: 'Gemeinde', en: 'Municipality' },
	category: { de: 'Kategorie', en: 'Category' },
	gettingThere: { de: 'Anreise mit Bus und Bahn', en: 'Getting there by bus and train' },
	nearestStation: { de: 'Nächster Bahnhof', en: 'Nearest railway station' },
	nearestStop: { de: 'Nächste Haltestelle', en: 'Nearest stop' },
	noneNearby: { de: 'keine in der Nähe', en: 'none nearby' },
	km: { de: 'km', en: 'km' },
	source: { de: 'Quelle', en: 'Source' },
	featureLoading: { de: 'Wird geladen …', en: 'Loading …' },
	featureNotFound: { de: 'Dieses Objekt gibt es nicht (mehr).', en: 'This feature does not exist (any more).' },
	listInView: { de: 'Im Kartenausschnitt', en: 'In the map view' },
	listEmpty: {
		de: 'Keine Objekte der eingeschalteten Ebenen im Kartenausschnitt.',
		en: 'No features of the visible layers in the map view.'
	},
	listMore: { de: 'weitere – näher heranzoomen', en: 'more – zoom in' },
	clickedPoint: { de: 'Angeklickter Punkt', en: 'Clicked point' },
	population: { de: 'Einwohner', en: 'Population' },
	area: { de: 'Fläche', en: 'Area' },
	density: { de: 'Einwohner je km²', en: 'Inhabitants per km²' },
	gpDensity: { de: 'Hausärzte je 10.000 Einwohner', en: 'GPs per 10,000 inhabitants' },
	broadband: { de: 'Breitband (Haushalte)', en: 'Broadband (households)' },
	openFullMap: { de: 'Vollständige Karte öffnen', en: 'Open the full map' },
	panelToggle: { de: 'Seitenbereich ein- oder ausblenden', en: 'Show or hide the side panel' },
	goals: { de: 'Ziele der Region bis 2025', en: "The region's goals to 2025" },
	goalNoData: { de: 'Keine Daten verfügbar', en: 'No data available' },
	yes: { de: 'ja', en: 'yes' },
	no: { de: 'nein', en: 'no' },
	kindDistrict: { de: 'Landkreis', en: 'District' },
	kindMunicipality: { de: 'Gemeinde', en: 'Municipality' },
	kindStation: { de: 'Bahnhof', en: 'Railway station' },
	kindBus: { de: 'Bushaltestelle', en: 'Bus stop' },
	kindTram: { de: 'Straßenbahn', en: 'Tram stop' },
	kindPlace: { de: 'Ort', en: 'Place' }
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function tr(lang: Lang, key: StringKey): string {
	return STRINGS[key][lang];
}

/**
 * The `lang` attribute for a text written in another language than the page (a source line kept in
 * English only, on a German page), so that screen readers read it in its own language; none otherwise.
 */
export function partLang(written: unknown, page: Lang): Lang | undefined {
	return (written === 'de' || written === 'en') && written !== page ? written : undefined;
}

export function formatNumber(lang: Lang, value: number, maxDigits = 2): string {
	return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: maxDigits }).format(value);
}
