/**
 * Strings of the site finder (/standorte), the site pages, the comparison and the inquiry form, in
 * German (default) and English. Field labels come from the theme registry; this file holds the rest.
 */
import type { Lang } from '../data/model.ts';

export const SITE_STRINGS = {
	finderTitle: { de: 'Gewerbeflächen finden', en: 'Find a commercial site' },
	finderIntro: {
		de: 'Gewerbe- und Industrieflächen in Nordthüringen: filtern, auf der Karte sehen, vergleichen und anfragen.',
		en: 'Commercial and industrial sites in Nordthüringen: filter, see them on the map, compare and enquire.'
	},
	backToMap: { de: 'Zur Karte', en: 'To the map' },
	toFinder: { de: 'Alle Standorte', en: 'All sites' },
	filters: { de: 'Filter', en: 'Filters' },
	applyFilters: { de: 'Filter anwenden', en: 'Apply filters' },
	resetFilters: { de: 'Filter zurücksetzen', en: 'Reset filters' },
	from: { de: 'von', en: 'from' },
	to: { de: 'bis', en: 'to' },
	any: { de: 'egal', en: 'any' },
	yes: { de: 'ja', en: 'yes' },
	no: { de: 'nein', en: 'no' },
	planned: { de: 'geplant', en: 'planned' },
	results: { de: 'Treffer', en: 'results' },
	resultCount: { de: '{n} von {total} Standorten', en: '{n} of {total} sites' },
	resultCountInView: { de: '{n} im Kartenausschnitt, {all} mit diesen Filtern', en: '{n} in the map view, {all} with these filters' },
	noResults: { de: 'Kein Standort passt zu diesen Filtern.', en: 'No site matches these filters.' },
	listScope: { de: 'Liste zeigt', en: 'List shows' },
	scopeAll: { de: 'alle Treffer', en: 'all results' },
	scopeView: { de: 'nur im Kartenausschnitt', en: 'only those in the map view' },
	sortBy: { de: 'Sortieren nach', en: 'Sort by' },
	ascending: { de: 'aufsteigend', en: 'ascending' },
	descending: { de: 'absteigend', en: 'descending' },
	exportList: { de: 'Liste exportieren', en: 'Export the list' },
	exportCsv: { de: 'CSV', en: 'CSV' },
	exportGeojson: { de: 'GeoJSON', en: 'GeoJSON' },
	exportNote: {
		de: 'Die Datei enthält genau die gefilterte Liste mit Quellenangaben.',
		en: 'The file holds exactly the filtered list with its sources.'
	},
	filterError: { de: 'Dieser Filter kann nicht angewendet werden', en: 'This filter cannot be applied' },
	notRecorded: { de: 'nicht erfasst', en: 'not recorded' },
	notYetRecorded: { de: 'noch nicht erfasst', en: 'not yet recorded' },
	approx: { de: 'Lage ungefähr', en: 'Approximate location' },
	approxNote: {
		de: 'Die genaue Lage ist nicht bekannt; der Punkt steht am Ortsmittelpunkt oder an der nächstbekannten Stelle. Entfernungen sind daher nur grobe Anhaltswerte.',
		en: 'The exact location is not known; the point marks the town centre or the closest known spot. Distances are therefore only rough guides.'
	},
	sitesMapLabel: {
		de: 'Karte der gefilterten Standorte. Dieselben Standorte stehen in der Liste.',
		en: 'Map of the filtered sites. The same sites are in the list.'
	},
	siteMapLabel: { de: 'Karte des Standorts', en: 'Map of the site' },
	mapUnavailable: {
		de: 'Die Karte kann hier nicht angezeigt werden; Liste und Angaben gelten trotzdem.',
		en: 'The map cannot be shown here; the list and facts still apply.'
	},
	price: { de: 'Preis je m²', en: 'Price per m²' },
	details: { de: 'Details', en: 'Details' },
	keyFacts: { de: 'Eckdaten', en: 'Key facts' },
	location: { de: 'Lage', en: 'Location' },
	area: { de: 'Flächen', en: 'Areas' },
	planning: { de: 'Planungsrecht', en: 'Planning' },
	infrastructure: { de: 'Erschließung', en: 'Utilities' },
	terms: { de: 'Konditionen', en: 'Terms' },
	otherFacts: { de: 'Weitere Angaben', en: 'Further facts' },
	municipality: { de: 'Gemeinde', en: 'Municipality' },
	district: { de: 'Landkreis', en: 'District' },
	coordinates: { de: 'Koordinaten', en: 'Coordinates' },
	distances: { de: 'Entfernungen', en: 'Distances' },
	nearestStation: { de: 'Nächster Bahnhof', en: 'Nearest railway station' },
	nearestStop: { de: 'Nächste Haltestelle', en: 'Nearest stop' },
	nearestJunction: { de: 'Nächste Autobahnanschlussstelle', en: 'Nearest motorway junction' },
	straightLine: { de: 'Luftlinie', en: 'straight line' },
	noneNearby: { de: 'keine in der Nähe', en: 'none nearby' },
	broadbandMunicipality: { de: 'Breitband in der Gemeinde', en: 'Broadband in the municipality' },
	broadbandDistrict: { de: 'Breitband im Landkreis', en: 'Broadband in the district' },
	broadbandShare: { de: '{value} % der Haushalte mit {metric}', en: '{value} % of households with {metric}' },
	broadbandMissing: {
		de: 'Für diese Gemeinde liegen keine Breitbandwerte vor.',
		en: 'No broadband figures for this municipality.'
	},
	around: { de: 'In der Umgebung', en: 'What is around' },
	nearestHospital: { de: 'Nächstes Krankenhaus', en: 'Nearest hospital' },
	gpDensity: { de: 'Hausärzte je 10.000 Einwohner in der Gemeinde', en: 'GPs per 10,000 inhabitants in the municipality' },
	contact: { de: 'Ansprechpartner', en: 'Contact' },
	contactMissing: {
		de: 'Für diesen Standort ist noch kein Ansprechpartner erfasst. Anfragen über das Formular erreichen die Regionalentwicklung.',
		en: 'No contact is recorded for this site yet. Enquiries sent with the form reach the regional development team.'
	},
	lastUpdated: { de: 'Zuletzt aktualisiert', en: 'Last updated' },
	updatedBy: { de: 'von', en: 'by' },
	staleWarning: {
		de: 'Diese Angaben sind älter als 12 Monate und könnten überholt sein. Bitte vor einer Entscheidung beim Ansprechpartner nachfragen.',
		en: 'These facts are more than 12 months old and may be out of date. Please check with the contact before deciding.'
	},
	updateUnknown: {
		de: 'Wann diese Angaben zuletzt geprüft wurden, ist nicht erfasst. Bitte vor einer Entscheidung beim Ansprechpartner nachfragen.',
		en: 'When these facts were last checked is not recorded. Please check with the contact before deciding.'
	},
	sources: { de: 'Quellen', en: 'Sources' },
	edition: { de: 'Stand', en: 'Edition' },
	licence: { de: 'Lizenz', en: 'Licence' },
	print: { de: 'Exposé drucken', en: 'Print exposé' },
	qrLabel: { de: 'QR-Code zu dieser Seite', en: 'QR code to this page' },
	openOnMap: { de: 'Auf der Karte zeigen', en: 'Show on the map' },
	sitePage: { de: 'Standortseite', en: 'Site page' },
	sitePageOpen: { de: 'Standortseite mit Exposé, Vergleich und Anfrage', en: 'Site page with exposé, comparison and enquiry' },
	siteNotFound: { de: 'Diesen Standort gibt es nicht (mehr).', en: 'This site does not exist (any more).' },
	notASite: { de: 'Dieses Objekt ist kein Gewerbestandort.', en: 'This feature is not a commercial site.' },
	compare: { de: 'Vergleich', en: 'Comparison' },
	compareTitle: { de: 'Standorte vergleichen', en: 'Compare sites' },
	addToCompare: { de: 'Zum Vergleich hinzufügen', en: 'Add to comparison' },
	removeFromCompare: { de: 'Aus dem Vergleich entfernen', en: 'Remove from comparison' },
	inCompare: { de: 'im Vergleich', en: 'in comparison' },
	openCompare: { de: 'Vergleichen ({n})', en: 'Compare ({n})' },
	compareEmpty: {
		de: 'Noch kein Standort im Vergleich. Standorte in der Liste oder auf ihrer Seite hinzufügen, oder hier wählen.',
		en: 'No site in the comparison yet. Add sites from the list or their page, or choose one here.'
	},
	compareLimit: { de: 'Höchstens vier Standorte lassen sich vergleichen.', en: 'At most four sites can be compared.' },
	compareChoose: { de: 'Standort hinzufügen', en: 'Add a site' },
	compareAdd: { de: 'Hinzufügen', en: 'Add' },
	compareDiffers: { de: 'Zeilen mit unterschiedlichen Werten sind hervorgehoben.', en: 'Rows whose values differ are highlighted.' },
	differs: { de: 'unterschiedlich', en: 'differs' },
	compareUnknown: { de: 'Unbekannte Standorte wurden weggelassen: {ids}', en: 'Unknown sites were left out: {ids}' },
	printPage: { de: 'Drucken', en: 'Print' },
	share: { de: 'Link zu diesem Vergleich', en: 'Link to this comparison' },
	inquiry: { de: 'Anfrage zu diesem Standort', en: 'Enquire about this site' },
	inquiryIntro: {
		de: 'Ihre Anfrage geht an den Ansprechpartner des Standorts. Pflichtfelder sind markiert.',
		en: 'Your enquiry goes to the site’s contact. Required fields are marked.'
	},
	fieldName: { de: 'Name', en: 'Name' },
	fieldCompany: { de: 'Unternehmen', en: 'Company' },
	fieldEmail: { de: 'E-Mail', en: 'E-mail' },
	fieldPhone: { de: 'Telefon (optional)', en: 'Phone (optional)' },
	fieldMessage: { de: 'Nachricht', en: 'Message' },
	fieldConsent: {
		de: 'Ich bin einverstanden, dass meine Angaben zur Bearbeitung der Anfrage gespeichert und an den Ansprechpartner weitergegeben werden.',
		en: 'I agree that my details are stored to handle this enquiry and passed on to the contact.'
	},
	honeypot: { de: 'Dieses Feld bitte leer lassen', en: 'Please leave this field empty' },
	required: { de: 'Pflichtfeld', en: 'required' },
	send: { de: 'Anfrage senden', en: 'Send enquiry' },
	sending: { de: 'Wird gesendet …', en: 'Sending …' },
	inquirySent: {
		de: 'Vielen Dank! Ihre Anfrage ist eingegangen und wird bearbeitet.',
		en: 'Thank you! Your enquiry has been received and will be handled.'
	},
	inquiryErrors: { de: 'Bitte die markierten Felder prüfen.', en: 'Please check the marked fields.' },
	inquiryFailed: {
		de: 'Die Anfrage konnte gerade nicht gesendet werden. Bitte später erneut versuchen.',
		en: 'The enquiry could not be sent right now. Please try again later.'
	},
	inquiryRateLimited: {
		de: 'Zu viele Anfragen in kurzer Zeit. Bitte später erneut versuchen.',
		en: 'Too many enquiries in a short time. Please try again later.'
	},
	errRequired: { de: 'Bitte ausfüllen.', en: 'Please fill in.' },
	errEmail: { de: 'Bitte eine gültige E-Mail-Adresse angeben.', en: 'Please enter a valid e-mail address.' },
	errPhone: { de: 'Bitte eine gültige Telefonnummer angeben.', en: 'Please enter a valid phone number.' },
	errTooLong: { de: 'Zu lang (höchstens {max} Zeichen).', en: 'Too long (at most {max} characters).' },
	errTooShort: { de: 'Zu kurz (mindestens {min} Zeichen).', en: 'Too short (at least {min} characters).' },
	errConsent: { de: 'Bitte der Verarbeitung zustimmen.', en: 'Please give your consent.' },
	errInvalid: { de: 'Ungültige Angabe.', en: 'Invalid value.' },
	skipToContent: { de: 'Zum Inhalt springen', en: 'Skip to content' },
	language: { de: 'English', en: 'Deutsch' },
	languageLabel: { de: 'Switch to English', en: 'Auf Deutsch umschalten' }
} as const satisfies Record<string, Record<Lang, string>>;

export type SiteStringKey = keyof typeof SITE_STRINGS;

/** A site string, with `{name}` placeholders replaced from `vars`. */
export function st(lang: Lang, key: SiteStringKey, vars: Record<string, string | number> = {}): string {
	return SITE_STRINGS[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
