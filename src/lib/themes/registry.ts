/**
 * The one registry of the map's themes. The pipeline reads it to name tile layers and database
 * rows, the API serves it at /api/themes, and the UI builds style, legend, cards and filters from it.
 * Adding a theme here (plus its assembler in scripts/lib/theme-features.ts) is all it takes.
 */
import type { I18nText } from '../data/model.ts';
import { BROADBAND_PROPERTY_TEMPLATE, BROADBAND_SPEED_CLASSES } from './broadband.ts';

export type ThemeId = 'gewerbe' | 'breitband' | 'verkehr' | 'wohnen' | 'daseinsvorsorge' | 'tourismus';
export type PresetId = 'investieren' | 'entdecken' | 'planen';

export interface Category {
	value: string;
	label: I18nText;
	color: string;
	/** one or two characters drawn on the marker; a glyph, so no sprite is needed */
	symbol?: string;
	/** drawn as a line (roads, railways, routes) instead of a marker */
	line?: boolean;
	/** off until switched on in the legend (dense categories that would clutter the theme) */
	defaultOff?: boolean;
	/** legend sub-heading; consecutive categories with the same group are listed under it */
	group?: I18nText;
	/** the category answers "what is nearest" for a place (computed distances on cards and the exposé) */
	nearest?: NearestKind;
	/** search ranking of the category's hits, for themes whose hits are ranked by category (see Theme.search) */
	searchBoost?: number;
}

/** What the cards and the exposé measure distances to: each is one or more categories of a theme. */
export type NearestKind = 'station' | 'stop' | 'motorway_junction' | 'hospital';

/** How a theme's features enter the search index. */
export interface SearchSpec {
	/** a higher boost lists the theme's hits first when texts match equally well */
	boost?: number;
	/**
	 * hits are of the kind of their category (a railway station ranks above a bus stop, by the
	 * categories' searchBoost); the value is the kind of a feature without category
	 */
	kindFromCategory?: string;
}

export interface Field {
	key: string;
	label: I18nText;
	type: 'string' | 'number' | 'boolean';
	unit?: string;
	/** shown in the list/filter UI and accepted as a filter by /api/features */
	filter?: 'range' | 'enum' | 'flag';
	/** section of forms, cards and the exposé (see FIELD_GROUPS) */
	group?: FieldGroup;
	/** the allowed values of an enum field, with their labels */
	options?: FieldOption[];
	/** false: never typed in (derived by the build or the server); absent means editable in the back office */
	editable?: boolean;
	/** computed per request or at save time (distances, broadband share); never stored from a form */
	computed?: boolean;
	/** a save without a value is refused */
	required?: boolean;
	/** bounds of a number field (inclusive) */
	min?: number;
	max?: number;
	/** longest accepted text */
	maxLength?: number;
	/** how a string field is written and checked */
	format?: 'email' | 'phone' | 'url' | 'date' | 'opening_hours' | 'multiline';
	/** categories the field belongs to; absent means every category of the theme */
	categories?: string[];
	/** flag filters: a missing value counts as false (derived flags); otherwise missing is "not recorded" and never matches */
	absentIsFalse?: boolean;
}

export interface FieldOption {
	value: string;
	label: I18nText;
}

export type FieldGroup = 'basics' | 'area' | 'planning' | 'price' | 'utilities' | 'contact' | 'description' | 'access' | 'sources' | 'meta';

export interface ChoroplethSpec {
	/** property holding the value; `{edition}` and `{metric}` are replaced by the selection */
	property: string;
	metrics: { key: string; label: I18nText }[];
	/** class breaks (lower bounds) and colours, low → high */
	breaks: number[];
	colors: string[];
	unit: string;
}

/**
 * A theme that colours the municipalities by a value (e.g. population density) in addition to its
 * points. The value sits on the base layer's polygons; the build puts it there when the data exist.
 */
export interface AreaFillSpec {
	/**
	 * source-layer whose polygons carry the value: `municipalities` (2016 boundaries, always present)
	 * or `municipalities_2021` (only in archives built with the imported 2021 boundaries)
	 */
	sourceLayer: 'municipalities' | 'municipalities_2021';
	property: string;
	label: I18nText;
	/** class breaks (lower bounds) and colours, low → high */
	breaks: number[];
	colors: string[];
	/** legend text per class where "from–to" would mislead (e.g. a class for exactly zero) */
	classLabels?: I18nText[];
	/** shown when official files were imported but none of them carried the value */
	missingHint: I18nText;
}

export interface Theme {
	id: ThemeId;
	title: I18nText;
	description: I18nText;
	/** tile source-layer and database theme id (same string) */
	sourceLayer: string;
	geometry: 'point' | 'polygon';
	color: string;
	categoryField?: string;
	categories?: Category[];
	choropleth?: ChoroplethSpec;
	areaFill?: AreaFillSpec;
	fields: Field[];
	/** point layers are clustered below this zoom (at build time, see scripts/lib/clusters.ts) */
	clusterBelowZoom?: number;
	/** categories that are never clustered (always drawn on their own) */
	clusterExcept?: string[];
	/** shown when the theme has no features yet */
	emptyHint: I18nText;
	/** what an import of official files adds, shown while only built-in data is present */
	importAdds?: I18nText;
	/** features are in the search; absent: found otherwise (the broadband polygons through the regions) */
	search?: SearchSpec;
	/** features are commercial sites: one feature's answer carries computed facts (distances, broadband share) */
	siteFacts?: boolean;
}

const t = (de: string, en: string): I18nText => ({ de, en });

/** How a missing value reads everywhere: the product never fills a gap with a guess. */
export const NOT_RECORDED: I18nText = { de: 'nicht erfasst', en: 'not recorded' };

/** Sections of forms, cards and the exposé, in display order. */
export const FIELD_GROUPS: readonly { id: FieldGroup; label: I18nText }[] = [
	{ id: 'basics', label: { de: 'Grunddaten', en: 'Basics' } },
	{ id: 'area', label: { de: 'Flächen', en: 'Areas' } },
	{ id: 'planning', label: { de: 'Planungsrecht', en: 'Planning law' } },
	{ id: 'price', label: { de: 'Preis und Verfügbarkeit', en: 'Price and availability' } },
	{ id: 'utilities', label: { de: 'Erschließung', en: 'Utilities' } },
	{ id: 'access', label: { de: 'Lage und Anbindung', en: 'Location and access' } },
	{ id: 'description', label: { de: 'Beschreibung', en: 'Description' } },
	{ id: 'contact', label: { de: 'Kontakt', en: 'Contact' } },
	{ id: 'sources', label: { de: 'Quellen', en: 'Sources' } },
	{ id: 'meta', label: { de: 'Stand', en: 'Last updated' } }
];

const YES_NO_PLANNED: FieldOption[] = [
	{ value: 'yes', label: { de: 'ja', en: 'yes' } },
	{ value: 'no', label: { de: 'nein', en: 'no' } },
	{ value: 'planned', label: { de: 'geplant', en: 'planned' } }
];

/** Commercial-site categories that carry a listing (research institutions do not). */
export const SITE_CATEGORIES = ['commercial_area', 'kali_site'];

const SOURCE_NOTE_FIELD: Field = {
	key: 'source_note',
	label: { de: 'Quellen', en: 'Sources' },
	type: 'string',
	format: 'multiline',
	group: 'sources',
	maxLength: 2000
};

/**
 * An entry's source line in German and in English. Visitors read it in their language; where only
 * one is kept (the curated facts are written in English), pages in the other language show that one,
 * marked with its language. The German one keeps its label: it names the column of the back office's CSV files.
 */
const SOURCE_NOTE_FIELDS: Field[] = [SOURCE_NOTE_FIELD, { ...SOURCE_NOTE_FIELD, key: 'source_note_en', label: { de: 'Quellen (englisch)', en: 'Sources (English)' } }];

/** Set by the server on every save; shown, never typed in. */
const META_FIELDS: Field[] = [
	{ key: 'updated_at', label: { de: 'Zuletzt aktualisiert', en: 'Last updated' }, type: 'string', format: 'date', group: 'meta', editable: false },
	// Only in the back office (AdminItem.updated_by); the public answers carry the date alone.
	{ key: 'updated_by', label: { de: 'Aktualisiert von', en: 'Updated by' }, type: 'string', group: 'meta', editable: false }
];

const utility = (key: string, de: string, en: string): Field => ({
	key,
	label: { de, en },
	type: 'string',
	filter: 'enum',
	group: 'utilities',
	options: YES_NO_PLANNED,
	categories: SITE_CATEGORIES
});

/**
 * The site record of the site finder. Curated sites carry only what their published source says;
 * every other field stays null and reads "nicht erfasst / not recorded".
 */
const SITE_FIELDS: Field[] = [
	{
		key: 'site_kind',
		label: { de: 'Art', en: 'Kind' },
		type: 'string',
		filter: 'enum',
		group: 'basics',
		categories: SITE_CATEGORIES,
		options: [
			{ value: 'industrial_estate', label: { de: 'Gewerbe-/Industriegebiet', en: 'Industrial estate' } },
			{ value: 'single_plot', label: { de: 'Einzelgrundstück', en: 'Single plot' } },
			{ value: 'brownfield', label: { de: 'Brachfläche', en: 'Brownfield' } },
			{ value: 'building', label: { de: 'Gewerbeimmobilie', en: 'Building' } }
		]
	},
	{
		key: 'status',
		label: { de: 'Verfügbarkeit', en: 'Status' },
		type: 'string',
		filter: 'enum',
		group: 'basics',
		categories: SITE_CATEGORIES,
		options: [
			{ value: 'available', label: { de: 'verfügbar', en: 'available' } },
			{ value: 'reserved', label: { de: 'reserviert', en: 'reserved' } },
			{ value: 'sold_out', label: { de: 'ausverkauft', en: 'sold out' } }
		]
	},
	// Follows the category (kali_site) on every save.
	{ key: 'kali_region', label: { de: 'Kali-Region', en: 'Potash region' }, type: 'boolean', filter: 'flag', group: 'basics', categories: SITE_CATEGORIES, absentIsFalse: true, editable: false },
	{ key: 'gross_area_ha', label: { de: 'Bruttofläche', en: 'Gross area' }, type: 'number', unit: 'ha', filter: 'range', group: 'area', min: 0, max: 10000, categories: SITE_CATEGORIES },
	{ key: 'net_area_ha', label: { de: 'Nettofläche', en: 'Net area' }, type: 'number', unit: 'ha', filter: 'range', group: 'area', min: 0, max: 10000, categories: SITE_CATEGORIES },
	{ key: 'free_area_ha', label: { de: 'Freie Fläche', en: 'Free area' }, type: 'number', unit: 'ha', filter: 'range', group: 'area', min: 0, max: 10000, categories: SITE_CATEGORIES },
	{ key: 'smallest_plot_ha', label: { de: 'Kleinstes Grundstück', en: 'Smallest plot' }, type: 'number', unit: 'ha', filter: 'range', group: 'area', min: 0, max: 10000, categories: SITE_CATEGORIES },
	{ key: 'largest_plot_ha', label: { de: 'Größtes Grundstück', en: 'Largest plot' }, type: 'number', unit: 'ha', filter: 'range', group: 'area', min: 0, max: 10000, categories: SITE_CATEGORIES },
	{ key: 'divisible', label: { de: 'Teilbar', en: 'Divisible' }, type: 'boolean', filter: 'flag', group: 'area', categories: SITE_CATEGORIES },
	{
		key: 'land_use',
		label: { de: 'Art der baulichen Nutzung (BauNVO)', en: 'Land-use category (BauNVO)' },
		type: 'string',
		filter: 'enum',
		group: 'planning',
		categories: SITE_CATEGORIES,
		options: [
			{ value: 'GI', label: { de: 'GI – Industriegebiet', en: 'GI – industrial area' } },
			{ value: 'GE', label: { de: 'GE – Gewerbegebiet', en: 'GE – commercial area' } },
			{ value: 'SO', label: { de: 'SO – Sondergebiet', en: 'SO – special area' } },
			{ value: 'MI', label: { de: 'MI – Mischgebiet', en: 'MI – mixed area' } },
			{ value: 'GE_GI', label: { de: 'GE/GI – Gewerbe- und Industriegebiet', en: 'GE/GI – commercial and industrial area' } }
		]
	},
	{ key: 'grz', label: { de: 'Grundflächenzahl (GRZ)', en: 'Site occupancy index (GRZ)' }, type: 'number', filter: 'range', group: 'planning', min: 0, max: 1, categories: SITE_CATEGORIES },
	{ key: 'gfz', label: { de: 'Geschossflächenzahl (GFZ)', en: 'Floor area ratio (GFZ)' }, type: 'number', filter: 'range', group: 'planning', min: 0, max: 20, categories: SITE_CATEGORIES },
	{ key: 'bmz', label: { de: 'Baumassenzahl (BMZ)', en: 'Building volume ratio (BMZ)' }, type: 'number', unit: 'm³/m²', filter: 'range', group: 'planning', min: 0, max: 20, categories: SITE_CATEGORIES },
	{ key: 'max_height_m', label: { de: 'Maximale Bauhöhe', en: 'Maximum building height' }, type: 'number', unit: 'm', filter: 'range', group: 'planning', min: 0, max: 300, categories: SITE_CATEGORIES },
	{ key: 'noise_day_db', label: { de: 'Emissionskontingent tags (DIN 45691)', en: 'Noise emission quota, day (DIN 45691)' }, type: 'number', unit: 'dB(A)', filter: 'range', group: 'planning', min: 0, max: 100, categories: SITE_CATEGORIES },
	{ key: 'noise_night_db', label: { de: 'Emissionskontingent nachts (DIN 45691)', en: 'Noise emission quota, night (DIN 45691)' }, type: 'number', unit: 'dB(A)', filter: 'range', group: 'planning', min: 0, max: 100, categories: SITE_CATEGORIES },
	{ key: 'operation_24h', label: { de: '24-Stunden-Betrieb zulässig', en: '24-hour operation allowed' }, type: 'boolean', filter: 'flag', group: 'planning', categories: SITE_CATEGORIES },
	{ key: 'rail_siding', label: { de: 'Gleisanschluss', en: 'Rail siding' }, type: 'boolean', filter: 'flag', group: 'access', categories: SITE_CATEGORIES },
	{
		key: 'price_kind',
		label: { de: 'Preisangabe', en: 'Price' },
		type: 'string',
		filter: 'enum',
		group: 'price',
		categories: SITE_CATEGORIES,
		options: [
			{ value: 'value', label: { de: 'fester Preis', en: 'fixed price' } },
			{ value: 'range', label: { de: 'Preisspanne', en: 'price range' } },
			{ value: 'on_request', label: { de: 'auf Anfrage', en: 'on request' } }
		]
	},
	{ key: 'price_eur_m2', label: { de: 'Preis (ab)', en: 'Price (from)' }, type: 'number', unit: '€/m²', filter: 'range', group: 'price', min: 0, max: 10000, categories: SITE_CATEGORIES },
	{ key: 'price_max_eur_m2', label: { de: 'Preis (bis)', en: 'Price (up to)' }, type: 'number', unit: '€/m²', filter: 'range', group: 'price', min: 0, max: 10000, categories: SITE_CATEGORIES },
	{ key: 'available_from', label: { de: 'Verfügbar ab', en: 'Available from' }, type: 'string', format: 'date', filter: 'range', group: 'price', categories: SITE_CATEGORIES },
	utility('utility_water', 'Wasser', 'Water'),
	utility('utility_sewage', 'Abwasser', 'Sewage'),
	utility('utility_electricity', 'Strom', 'Electricity'),
	utility('utility_gas', 'Gas', 'Gas'),
	utility('utility_district_heating', 'Fernwärme', 'District heating'),
	{ ...utility('fibre', 'Glasfaser am Standort', 'Fibre at the site') },
	{
		key: 'owner_type',
		label: { de: 'Eigentümer', en: 'Owner' },
		type: 'string',
		filter: 'enum',
		group: 'contact',
		categories: SITE_CATEGORIES,
		options: [
			{ value: 'municipal', label: { de: 'kommunal', en: 'municipal' } },
			{ value: 'leg', label: { de: 'LEG Thüringen', en: 'LEG Thüringen' } },
			{ value: 'private', label: { de: 'privat', en: 'private' } }
		]
	},
	{ key: 'contact_person', label: { de: 'Ansprechperson', en: 'Contact person' }, type: 'string', group: 'contact', maxLength: 200 },
	{ key: 'contact_organisation', label: { de: 'Ansprechstelle', en: 'Organisation' }, type: 'string', group: 'contact', maxLength: 200 },
	{ key: 'contact_phone', label: { de: 'Telefon', en: 'Phone' }, type: 'string', format: 'phone', group: 'contact', maxLength: 40 },
	{ key: 'contact_email', label: { de: 'E-Mail', en: 'E-mail' }, type: 'string', format: 'email', group: 'contact', maxLength: 200 },
	{ key: 'website', label: { de: 'Internetseite', en: 'Website' }, type: 'string', format: 'url', group: 'contact', maxLength: 500 },
	{ key: 'companies', label: { de: 'Unternehmen', en: 'Companies' }, type: 'number', group: 'basics', min: 0, max: 100000, categories: SITE_CATEGORIES },
	{ key: 'jobs', label: { de: 'Arbeitsplätze', en: 'Jobs' }, type: 'number', group: 'basics', min: 0, max: 1000000, categories: SITE_CATEGORIES },
	{ key: 'listing', label: { de: 'Angaben', en: 'Listing' }, type: 'string', editable: false },
	// Computed per request on /api/features/<id> (never stored, never typed in).
	{ key: 'station_km', label: { de: 'Nächster Bahnhof', en: 'Nearest railway station' }, type: 'number', unit: 'km', group: 'access', computed: true, editable: false },
	{ key: 'stop_km', label: { de: 'Nächste Haltestelle', en: 'Nearest stop' }, type: 'number', unit: 'km', group: 'access', computed: true, editable: false },
	{ key: 'motorway_junction_km', label: { de: 'Nächster Autobahnanschluss', en: 'Nearest motorway junction' }, type: 'number', unit: 'km', group: 'access', computed: true, editable: false, categories: SITE_CATEGORIES },
	{ key: 'broadband_share_pct', label: { de: 'Haushalte mit ≥ 1000 Mbit/s in der Gemeinde', en: 'Households with ≥ 1000 Mbit/s in the municipality' }, type: 'number', unit: '%', group: 'access', computed: true, editable: false, categories: SITE_CATEGORIES },
	...SOURCE_NOTE_FIELDS,
	...META_FIELDS
];

/** Sights gain a description, website and opening hours (OpenStreetMap `opening_hours` syntax). */
const SIGHT_FIELDS: Field[] = [
	{ key: 'description_de', label: { de: 'Beschreibung (deutsch)', en: 'Description (German)' }, type: 'string', format: 'multiline', group: 'description', maxLength: 4000 },
	{ key: 'description_en', label: { de: 'Beschreibung (englisch)', en: 'Description (English)' }, type: 'string', format: 'multiline', group: 'description', maxLength: 4000 },
	{ key: 'website', label: { de: 'Internetseite', en: 'Website' }, type: 'string', format: 'url', group: 'contact', maxLength: 500 },
	{ key: 'opening_hours', label: { de: 'Öffnungszeiten', en: 'Opening hours' }, type: 'string', format: 'opening_hours', group: 'description', maxLength: 500 },
	...SOURCE_NOTE_FIELDS,
	...META_FIELDS
];

/** The motorway-junction layer: maintained in the back office, every entry with its source. */
const JUNCTION_FIELDS: Field[] = [
	{ key: 'motorway', label: { de: 'Autobahn', en: 'Motorway' }, type: 'string', group: 'basics', required: true, maxLength: 20, categories: ['motorway_junction'] },
	{ key: 'junction_number', label: { de: 'Anschlussstellen-Nummer', en: 'Junction number' }, type: 'string', group: 'basics', maxLength: 20, categories: ['motorway_junction'] },
	{ ...SOURCE_NOTE_FIELD, required: true, categories: ['motorway_junction'] },
	{ ...META_FIELDS[0]!, categories: ['motorway_junction'] },
	{ ...META_FIELDS[1]!, categories: ['motorway_junction'] }
];

// ---- Categories and fields from the OpenStreetMap import (scripts/importers/osm.ts) ----------------
// They stay empty until an extract is imported; the legend lists only categories with features.

const ROADS_RAIL = t('Straßen und Schienen (OpenStreetMap)', 'Roads and rail (OpenStreetMap)');
const EDUCATION = t('Bildung und Betreuung', 'Education and childcare');
const HEALTH = t('Gesundheit', 'Health');
const SUPPLY_SAFETY = t('Versorgung und Sicherheit', 'Shopping and safety');
const STAY = t('Übernachten', 'Places to stay');
const ROUTES = t('Routen', 'Routes');

const OSM_VERKEHR_CATEGORIES: Category[] = [
	{ value: 'motorway', label: t('Autobahn', 'Motorway'), color: '#1a365d', line: true, group: ROADS_RAIL },
	{ value: 'federal_road', label: t('Bundesstraße', 'Federal road'), color: '#b7791f', line: true, group: ROADS_RAIL },
	{ value: 'railway', label: t('Bahnstrecke', 'Railway line'), color: '#4a5568', line: true, group: ROADS_RAIL }
];

const OSM_SERVICE_CATEGORIES: Category[] = [
	{ value: 'school_primary', label: t('Grundschule', 'Primary school'), color: '#2b6cb0', symbol: 'S', group: EDUCATION },
	{ value: 'school_secondary', label: t('Regel-, Gemeinschafts-, Gesamtschule', 'Secondary school'), color: '#2c5282', symbol: 'S', group: EDUCATION },
	{ value: 'school_gymnasium', label: t('Gymnasium', 'Grammar school (Gymnasium)'), color: '#1a365d', symbol: 'S', group: EDUCATION },
	{ value: 'school_special', label: t('Förderschule', 'Special needs school'), color: '#4c51bf', symbol: 'S', group: EDUCATION },
	{ value: 'school_vocational', label: t('Berufsbildende Schule', 'Vocational school'), color: '#553c9a', symbol: 'S', group: EDUCATION },
	{ value: 'school', label: t('Schule (Schulart nicht erfasst)', 'School (kind not recorded)'), color: '#4a5568', symbol: 'S', group: EDUCATION },
	{ value: 'kindergarten', label: t('Kindergarten, Kita', 'Kindergarten, day care'), color: '#d69e2e', symbol: 'K', group: EDUCATION },
	{ value: 'doctors', label: t('Arztpraxis', 'Doctor'), color: '#e53e3e', symbol: 'Ä', group: HEALTH },
	{ value: 'pharmacy', label: t('Apotheke', 'Pharmacy'), color: '#9b2c2c', symbol: 'A', group: HEALTH },
	{ value: 'supermarket', label: t('Supermarkt', 'Supermarket'), color: '#2f855a', symbol: 'M', group: SUPPLY_SAFETY },
	{ value: 'fire_station', label: t('Feuerwehr', 'Fire station'), color: '#c05621', symbol: 'F', group: SUPPLY_SAFETY },
	{ value: 'police', label: t('Polizei', 'Police'), color: '#2a4365', symbol: 'P', group: SUPPLY_SAFETY }
];

const OSM_TOURISM_CATEGORIES: Category[] = [
	{ value: 'ruins', label: t('Ruine', 'Ruins'), color: '#9c4221', symbol: 'R' },
	{ value: 'hotel', label: t('Hotel', 'Hotel'), color: '#805ad5', symbol: 'H', group: STAY },
	{ value: 'guest_house', label: t('Pension, Gästehaus', 'Guest house'), color: '#6b46c1', symbol: 'P', group: STAY },
	{ value: 'camp_site', label: t('Campingplatz', 'Campsite'), color: '#38a169', symbol: 'C', group: STAY },
	// Routes overlap and criss-cross the whole region: shown when asked for.
	{ value: 'hiking_route', label: t('Wanderroute', 'Hiking route'), color: '#c53030', line: true, defaultOff: true, group: ROUTES },
	{ value: 'cycling_route', label: t('Radroute', 'Cycling route'), color: '#2b6cb0', line: true, defaultOff: true, group: ROUTES }
];

/** Card fields of features from OpenStreetMap (shown where tagged). */
const OSM_FIELDS: Field[] = [
	{ key: 'ref', label: t('Nummer', 'Number'), type: 'string' },
	{ key: 'opening_hours', label: t('Öffnungszeiten', 'Opening hours'), type: 'string' },
	{ key: 'website', label: t('Website', 'Website'), type: 'string', format: 'url' },
	{
		key: 'wheelchair',
		label: t('Rollstuhlgerecht', 'Wheelchair access'),
		type: 'string',
		filter: 'enum',
		// OpenStreetMap's values (wheelchair=*); the importer drops any other
		options: [
			{ value: 'yes', label: t('ja', 'yes') },
			{ value: 'limited', label: t('eingeschränkt', 'limited') },
			{ value: 'no', label: t('nein', 'no') },
			{ value: 'designated', label: t('ja, dafür ausgelegt', 'yes, designed for it') }
		]
	},
	{ key: 'length_km', label: t('Länge im Kartengebiet', 'Length within the map area'), type: 'number', unit: 'km' },
	{ key: 'members_missing', label: t('Abschnitte außerhalb des Auszugs', 'Sections outside the extract'), type: 'number' },
	{ key: 'osm', label: t('OpenStreetMap-Objekt', 'OpenStreetMap object'), type: 'string' }
];

/**
 * A theme's own fields followed by the OpenStreetMap card fields it does not already have. Both come
 * from the import; the back office never edits them.
 */
function withOsmFields(own: Field[]): Field[] {
	const keys = new Set(own.map((f) => f.key));
	return [...own, ...OSM_FIELDS.filter((f) => !keys.has(f.key)).map((f) => ({ ...f, editable: false }))];
}

/** Categories a theme draws as lines. */
export function lineCategories(theme: Theme): string[] {
	return (theme.categories ?? []).filter((c) => c.line).map((c) => c.value);
}

/** Categories that are off until switched on (Category.defaultOff), over all themes. */
export function optionalCategories(): string[] {
	return THEMES.flatMap((theme) => (theme.categories ?? []).filter((c) => c.defaultOff).map((c) => c.value));
}

export const THEMES: readonly Theme[] = [
	{
		id: 'gewerbe',
		title: t('Gewerbe', 'Business'),
		description: t(
			'Gewerbe- und Industriegebiete, Forschung und Bildung; die Kali-Region hervorgehoben.',
			'Commercial and industrial areas, research and education; the potash (Kali) region highlighted.'
		),
		sourceLayer: 'gewerbe',
		geometry: 'point',
		color: '#b4441c',
		categoryField: 'category',
		categories: [
			{ value: 'commercial_area', label: t('Gewerbegebiet', 'Commercial area'), color: '#b4441c', symbol: 'G' },
			{ value: 'kali_site', label: t('Standort Kali-Region', 'Potash region site'), color: '#7a2e8f', symbol: 'K' },
			{ value: 'research', label: t('Forschung und Bildung', 'Research and education'), color: '#1f6f8b', symbol: 'F' }
		],
		fields: SITE_FIELDS,
		search: { boost: 30 },
		siteFacts: true,
		emptyHint: t('Keine Gewerbeflächen in den Daten.', 'No commercial sites in the data.')
	},
	{
		id: 'breitband',
		title: t('Breitband', 'Broadband'),
		description: t(
			'Anteil der Haushalte mit verfügbarer Bandbreite (Breitbandatlas) je Landkreis, nach Import auch je Gemeinde.',
			'Share of households with available bandwidth (Breitbandatlas) per district, per municipality once imported.'
		),
		sourceLayer: 'breitband',
		geometry: 'polygon',
		color: '#2b6cb0',
		choropleth: {
			property: BROADBAND_PROPERTY_TEMPLATE,
			metrics: BROADBAND_SPEED_CLASSES.map((c) => ({ key: c.key, label: c.label })),
			breaks: [0, 20, 40, 60, 80, 95],
			colors: ['#f7fbff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
			unit: '%'
		},
		fields: [
			{ key: 'level', label: t('Ebene', 'Level'), type: 'string', filter: 'enum' },
			{ key: 'editions', label: t('Stände', 'Editions'), type: 'string' }
		],
		emptyHint: t(
			'Breitbanddaten sind nicht erfasst.',
			'Broadband data are not recorded.'
		)
	},
	{
		id: 'verkehr',
		title: t('Verkehr', 'Transport'),
		description: t(
			'Bahnhöfe, Straßenbahn- und Bushaltestellen; die nächste Haltestelle zu jedem Ort.',
			'Railway stations, tram and bus stops; the nearest stop to any place.'
		),
		sourceLayer: 'verkehr',
		geometry: 'point',
		color: '#2f855a',
		categoryField: 'category',
		categories: [
			{ value: 'station', label: t('Bahnhof', 'Railway station'), color: '#c53030', symbol: 'B', nearest: 'station', searchBoost: 18 },
			{ value: 'tram', label: t('Straßenbahn', 'Tram stop'), color: '#d69e2e', symbol: 'T', nearest: 'stop', searchBoost: 8 },
			{ value: 'bus', label: t('Bushaltestelle', 'Bus stop'), color: '#2f855a', symbol: 'H', nearest: 'stop', searchBoost: 5 },
			{
				value: 'other',
				label: t('Sonstige Haltestelle (Rufbus, Ersatzverkehr)', 'Other stop (on demand, replacement)'),
				color: '#718096',
				symbol: 'R',
				nearest: 'stop',
				searchBoost: 3
			},
			{ value: 'motorway_junction', label: t('Autobahnanschluss', 'Motorway junction'), color: '#1a365d', symbol: 'A', nearest: 'motorway_junction' },
			...OSM_VERKEHR_CATEGORIES
		],
		fields: withOsmFields([
			{ key: 'products', label: t('Verkehrsmittel', 'Services'), type: 'string', editable: false },
			{ key: 'weight', label: t('Bedeutung', 'Importance'), type: 'number', editable: false },
			{ key: 'ril100', label: t('DS100', 'DS100 code'), type: 'string', editable: false },
			...JUNCTION_FIELDS
		]),
		clusterBelowZoom: 11,
		clusterExcept: ['station'],
		search: { kindFromCategory: 'bus' },
		emptyHint: t('Keine Haltestellen in den Daten.', 'No stops in the data.')
	},
	{
		id: 'wohnen',
		title: t('Wohnen', 'Housing'),
		description: t(
			'Orte mit Einwohnerzahl; Bevölkerungsdichte je Gemeinde nach Import des Gemeindeverzeichnisses.',
			'Places with population; population density per municipality once the municipality register is imported.'
		),
		sourceLayer: 'wohnen',
		geometry: 'point',
		color: '#805ad5',
		categoryField: 'category',
		categories: [
			{ value: 'town', label: t('Stadt (≥ 10.000 Einw.)', 'Town (≥ 10,000 inh.)'), color: '#553c9a', symbol: 'S' },
			{ value: 'place', label: t('Ort', 'Place'), color: '#805ad5', symbol: 'O' }
		],
		fields: [
			{ key: 'population', label: t('Einwohner', 'Population'), type: 'number', filter: 'range' },
			{ key: 'density', label: t('Einwohner je km²', 'Inhabitants per km²'), type: 'number', unit: '/km²' }
		],
		// Breaks near the quantiles of the region's 2018 figures (18–386 per km², median about 50).
		areaFill: {
			sourceLayer: 'municipalities',
			property: 'density',
			label: t('Einwohner je km² (Gemeinden)', 'Inhabitants per km² (municipalities)'),
			breaks: [0, 30, 50, 75, 120, 200],
			colors: ['#f3eefb', '#dccdf3', '#bfa5e8', '#9f7bdb', '#7b52c7', '#553c9a'],
			missingHint: t(
				'Die importierten Dateien enthalten keine Bevölkerungsdichte je Gemeinde (Gemeindeverzeichnis fehlt).',
				'The imported files carry no population density per municipality (the municipality register is missing).'
			)
		},
		search: { boost: 20 },
		emptyHint: t(
			'Wohndaten je Gemeinde sind nicht erfasst.',
			'Housing data per municipality are not recorded.'
		),
		importAdds: t(
			'Bevölkerungsdichte je Gemeinde ist nicht erfasst (Gemeindeverzeichnis nicht importiert).',
			'Population density per municipality is not recorded (municipality register not imported).'
		)
	},
	{
		id: 'daseinsvorsorge',
		title: t('Daseinsvorsorge', 'Public services'),
		description: t(
			'Krankenhäuser; Hausarztdichte je Gemeinde nach Import der INKAR-Daten.',
			'Hospitals; GP density per municipality once INKAR data are imported.'
		),
		sourceLayer: 'daseinsvorsorge',
		geometry: 'point',
		color: '#c53030',
		categoryField: 'category',
		categories: [{ value: 'hospital', label: t('Krankenhaus', 'Hospital'), color: '#c53030', symbol: '+', nearest: 'hospital' }, ...OSM_SERVICE_CATEGORIES],
		fields: withOsmFields([
			{ key: 'address', label: t('Adresse', 'Address'), type: 'string', group: 'basics', maxLength: 200 },
			{
				key: 'operator',
				label: t('Träger', 'Operator'),
				type: 'string',
				filter: 'enum',
				group: 'basics',
				options: [
					{ value: 'public', label: t('öffentlich', 'public') },
					{ value: 'nonprofit', label: t('freigemeinnützig', 'non-profit') },
					{ value: 'private', label: t('privat', 'private') }
				]
			},
			{ key: 'website', label: t('Internetseite', 'Website'), type: 'string', format: 'url', group: 'contact', maxLength: 500 },
			...SOURCE_NOTE_FIELDS,
			...META_FIELDS
		]),
		clusterBelowZoom: 11,
		clusterExcept: ['hospital'],
		// INKAR's municipality figures use the codes of 2021, so they are drawn on the 2021 boundaries.
		// More than half of the municipalities have no GP practice at all: zero gets its own class.
		areaFill: {
			sourceLayer: 'municipalities_2021',
			property: 'gp_per_10k',
			label: t('Hausärzte je 10.000 Einwohner (Gemeinden, Gebietsstand 2021)', 'GPs per 10,000 inhabitants (municipalities, 2021 boundaries)'),
			breaks: [0, 0.001, 5, 7.5, 10, 20],
			colors: ['#fbd3b0', '#d4eeea', '#a3d9cf', '#68bdb0', '#2e9a8c', '#15665c'],
			classLabels: [
				t('keine Hausarztpraxis', 'no GP practice'),
				t('unter 5', 'under 5'),
				t('5 bis unter 7,5', '5 to under 7.5'),
				t('7,5 bis unter 10', '7.5 to under 10'),
				t('10 bis unter 20', '10 to under 20'),
				t('20 und mehr', '20 or more')
			],
			missingHint: t(
				'Hausarztdichte je Gemeinde braucht INKAR-Daten und die Gemeindegrenzen 2021 (VG5000); mindestens eins fehlt in den importierten Dateien.',
				'GP density per municipality needs INKAR data and the 2021 municipality boundaries (VG5000); at least one is missing from the imported files.'
			)
		},
		search: { boost: 25 },
		emptyHint: t('Keine Einrichtungen in den Daten.', 'No facilities in the data.'),
		importAdds: t(
			'Hausarztdichte je Gemeinde ist nicht erfasst (INKAR-Daten und Gemeindegrenzen 2021 nicht importiert).',
			'GP density per municipality is not recorded (INKAR data and 2021 municipality boundaries not imported).'
		)
	},
	{
		id: 'tourismus',
		title: t('Tourismus', 'Tourism'),
		description: t(
			'Burgen, Höhlen, Museen, Natur, Nationalpark, Thermen und Gedenkstätten – und wie man hinkommt.',
			'Castles, caves, museums, nature, the national park, spas and memorials – and how to get there.'
		),
		sourceLayer: 'tourismus',
		geometry: 'point',
		color: '#dd6b20',
		categoryField: 'category',
		categories: [
			{ value: 'monument', label: t('Denkmal', 'Monument'), color: '#9c4221', symbol: 'D' },
			{ value: 'castle', label: t('Burg, Schloss', 'Castle, palace'), color: '#9c4221', symbol: 'B' },
			{ value: 'cave', label: t('Höhle', 'Cave'), color: '#744210', symbol: 'H' },
			{ value: 'museum', label: t('Museum', 'Museum'), color: '#b7791f', symbol: 'M' },
			{ value: 'monastery', label: t('Kloster', 'Monastery'), color: '#975a16', symbol: 'K' },
			{ value: 'church', label: t('Kirche', 'Church'), color: '#975a16', symbol: 'K' },
			{ value: 'memorial', label: t('Gedenkstätte', 'Memorial'), color: '#4a5568', symbol: 'G' },
			{ value: 'heritage_railway', label: t('Historische Bahn', 'Heritage railway'), color: '#c53030', symbol: 'E' },
			{ value: 'old_town', label: t('Altstadt', 'Old town'), color: '#dd6b20', symbol: 'A' },
			{ value: 'landmark', label: t('Sehenswürdigkeit', 'Landmark'), color: '#dd6b20', symbol: 'S' },
			{ value: 'viewpoint', label: t('Aussichtspunkt', 'Viewpoint'), color: '#2f855a', symbol: 'A' },
			{ value: 'national_park', label: t('Nationalpark', 'National park'), color: '#276749', symbol: 'N' },
			{ value: 'trail', label: t('Wanderweg', 'Trail'), color: '#276749', symbol: 'W' },
			{ value: 'park', label: t('Park', 'Park'), color: '#38a169', symbol: 'P' },
			{ value: 'lake', label: t('See, Talsperre', 'Lake, reservoir'), color: '#2b6cb0', symbol: 'S' },
			{ value: 'spa', label: t('Therme, Kurort', 'Spa'), color: '#3182ce', symbol: 'T' },
			{ value: 'leisure', label: t('Freizeit', 'Leisure'), color: '#d53f8c', symbol: 'F' },
			...OSM_TOURISM_CATEGORIES
		],
		fields: withOsmFields([{ key: 'category', label: t('Kategorie', 'Category'), type: 'string', filter: 'enum' }, ...SIGHT_FIELDS]),
		// the curated sights (highlight) are never clustered; places from OpenStreetMap are
		clusterBelowZoom: 11,
		search: { boost: 35 },
		emptyHint: t('Keine Sehenswürdigkeiten in den Daten.', 'No sights in the data.')
	}
];

/** Fields every feature has, whatever its theme. */
export const COMMON_FIELDS: readonly Field[] = [
	{ key: 'name', label: t('Name', 'Name'), type: 'string', group: 'basics', required: true, maxLength: 200 },
	{ key: 'category', label: t('Kategorie', 'Category'), type: 'string', filter: 'enum', group: 'basics', required: true },
	// Derived from the geometry (point in the municipality polygons) on every save and build.
	{ key: 'municipality', label: t('Gemeinde', 'Municipality'), type: 'string', group: 'access', editable: false },
	{ key: 'district', label: t('Landkreis', 'District'), type: 'string', group: 'access', editable: false },
	{ key: 'ags_district', label: t('Kreisschlüssel', 'District code'), type: 'string', filter: 'enum', group: 'access', editable: false },
	{ key: 'approx', label: t('Lage ungefähr', 'Approximate location'), type: 'boolean', filter: 'flag', group: 'access' }
];

/** Base layers drawn under every theme; not toggled by the user. */
export const BASE_LAYERS = {
	districts: 'districts',
	municipalities: 'municipalities',
	neighbours: 'neighbours',
	places: 'places',
	labels: 'labels'
} as const;

export const PRESETS: readonly { id: PresetId; title: I18nText; description: I18nText; themes: ThemeId[] }[] = [
	{
		id: 'investieren',
		title: t('Investieren', 'Invest'),
		description: t('Gewerbeflächen, Breitband, Verkehrsanbindung.', 'Commercial sites, broadband, transport links.'),
		themes: ['gewerbe', 'breitband', 'verkehr']
	},
	{
		id: 'entdecken',
		title: t('Entdecken', 'Discover'),
		description: t('Sehenswürdigkeiten und wie man hinkommt.', 'Sights and how to get there.'),
		themes: ['tourismus', 'verkehr']
	},
	{
		id: 'planen',
		title: t('Planen', 'Plan'),
		description: t('Breitbandlücken, Daseinsvorsorge, Ziele der Region.', 'Broadband gaps, public services, regional goals.'),
		themes: ['breitband', 'daseinsvorsorge', 'wohnen']
	}
];

const byId = new Map(THEMES.map((theme) => [theme.id, theme]));

export function getTheme(id: string): Theme | undefined {
	return byId.get(id as ThemeId);
}

export function isThemeId(id: string): id is ThemeId {
	return byId.has(id as ThemeId);
}

/** All fields a theme's features may carry (common + theme-specific), by key. */
export function themeFields(theme: Theme): Field[] {
	const seen = new Set<string>();
	const out: Field[] = [];
	for (const f of [...COMMON_FIELDS, ...theme.fields]) {
		if (seen.has(f.key)) continue;
		seen.add(f.key);
		out.push(f);
	}
	return out;
}

export function categoryOf(theme: Theme, value: unknown): Category | undefined {
	return theme.categories?.find((c) => c.value === value);
}

/** The categories (all of one theme) a "nearest …" fact measures to. */
export function nearestTarget(kind: NearestKind): { theme: ThemeId; categories: string[] } {
	for (const theme of THEMES) {
		const categories = (theme.categories ?? []).filter((c) => c.nearest === kind).map((c) => c.value);
		if (categories.length > 0) return { theme: theme.id, categories };
	}
	throw new Error(`no category of the registry is marked nearest: ${kind}`);
}

/** Whether one feature of this theme carries the computed facts of a commercial site. */
export function hasSiteFacts(themeId: string): boolean {
	return getTheme(themeId)?.siteFacts === true;
}

/** Search kind and ranking boost of a feature; null when its theme is not in the search. */
export function searchKind(themeId: string, category: string | null): { kind: string; boost: number } | null {
	const theme = getTheme(themeId);
	if (!theme?.search) return null;
	const fallback = theme.search.kindFromCategory;
	if (fallback === undefined) return { kind: theme.id, boost: theme.search.boost ?? 1 };
	const kind = category ?? fallback;
	return { kind, boost: categoryOf(theme, kind)?.searchBoost ?? 1 };
}

/** Themes that colour areas (a choropleth or an areaFill): only one of them colours the map at a time. */
export function colouringThemes(visible: readonly ThemeId[]): ThemeId[] {
	return THEMES.filter((t) => (t.choropleth || t.areaFill) && visible.includes(t.id)).map((t) => t.id);
}

/** The theme whose colours the map shows: the one asked for if it is visible, else the first visible one. */
export function activeColouring(visible: readonly ThemeId[], requested: ThemeId | null): ThemeId | null {
	const candidates = colouringThemes(visible);
	return requested && candidates.includes(requested) ? requested : (candidates[0] ?? null);
}

/**
 * Point layers the regional management edits in the back office (/verwaltung, /api/admin). Each is a
 * theme plus the categories it owns; ids of new entries start with `idPrefix:`.
 */
export interface EditableLayer {
	id: 'sites' | 'research' | 'sights' | 'hospitals' | 'motorway_junctions';
	theme: ThemeId;
	categories: string[];
	idPrefix: string;
	label: I18nText;
	/** geometry types a save accepts; sites prefer polygons, a point is marked "approximate location" */
	geometries: ('Point' | 'Polygon' | 'MultiPolygon')[];
}

export const EDITABLE_LAYERS: readonly EditableLayer[] = [
	{ id: 'sites', theme: 'gewerbe', categories: SITE_CATEGORIES, idPrefix: 'commercial', label: t('Gewerbeflächen', 'Commercial sites'), geometries: ['Polygon', 'MultiPolygon', 'Point'] },
	{ id: 'research', theme: 'gewerbe', categories: ['research'], idPrefix: 'research', label: t('Forschung und Bildung', 'Research and education'), geometries: ['Point', 'Polygon', 'MultiPolygon'] },
	{
		id: 'sights',
		theme: 'tourismus',
		categories: (byIdEarly('tourismus')?.categories ?? []).map((c) => c.value),
		idPrefix: 'tourism',
		label: t('Sehenswürdigkeiten', 'Sights'),
		geometries: ['Point']
	},
	{ id: 'hospitals', theme: 'daseinsvorsorge', categories: ['hospital'], idPrefix: 'hospital', label: t('Krankenhäuser', 'Hospitals'), geometries: ['Point'] },
	{ id: 'motorway_junctions', theme: 'verkehr', categories: ['motorway_junction'], idPrefix: 'junction', label: t('Autobahnanschlüsse', 'Motorway junctions'), geometries: ['Point'] }
];

function byIdEarly(id: ThemeId): Theme | undefined {
	return THEMES.find((theme) => theme.id === id);
}

/** The editable layer a feature belongs to, or undefined when the back office does not edit it. */
export function editableLayerOf(theme: string, category: string | null | undefined): EditableLayer | undefined {
	return EDITABLE_LAYERS.find((l) => l.theme === theme && category != null && l.categories.includes(category));
}

/** Fields a form shows for a category of a theme (registry order), computed ones included but marked. */
export function fieldsFor(theme: Theme, category: string | null | undefined): Field[] {
	return themeFields(theme).filter((f) => !f.categories || (category != null && f.categories.includes(category)));
}

/** Fields a save may set: editable, not computed, and not derived from the geometry. */
const DERIVED_KEYS = new Set(['municipality', 'district', 'ags_district', 'ags_municipality']);
export function editableFieldsFor(theme: Theme, category: string | null | undefined): Field[] {
	return fieldsFor(theme, category).filter((f) => f.editable !== false && !f.computed && !DERIVED_KEYS.has(f.key));
}

// ---- Card roles (FeatureCard) -----------------------------------------------------------------------
// Components ask the registry which part a theme plays instead of naming theme ids themselves.

/** The theme whose stations and stops the cards' "getting there" lines name (and label by category). */
export const TRANSPORT_THEME_ID: ThemeId = 'verkehr';

/** The speed classes of a region card's broadband table: the broadband theme's metrics with their labels. */
export function cardBroadbandClasses(): readonly { key: string; label: I18nText }[] {
	return getTheme('breitband')?.choropleth?.metrics ?? [];
}

/** Whether a feature has a site page (/standorte/<id>): the listed commercial sites. */
export function hasSitePage(theme: unknown, category: unknown): boolean {
	return editableLayerOf(String(theme), typeof category === 'string' ? category : null)?.id === 'sites';
}

/** Whether a card says how to get there: places, not the areas a theme colours by a value. */
export function cardShowsAccess(theme: Theme | undefined): boolean {
	return theme !== undefined && theme.choropleth === undefined;
}

/** The visitor texts of a sight: description per language, website, opening hours (OpenStreetMap syntax). */
export const SIGHT_TEXT_FIELDS = {
	description: { de: 'description_de', en: 'description_en' },
	website: 'website',
	openingHours: 'opening_hours'
} as const satisfies { description: Record<'de' | 'en', string>; website: string; openingHours: string };

/**
 * Whether a feature's card shows the sight block and says plainly what is not recorded: features
 * whose fields include the descriptions (the sights). Other features show opening hours only where
 * they have them (e.g. places from OpenStreetMap).
 */
export function hasSightCard(theme: Theme | undefined, category: unknown): boolean {
	if (!theme) return false;
	return fieldsFor(theme, typeof category === 'string' ? category : null).some((f) => f.key === SIGHT_TEXT_FIELDS.description.de);
}

// ---- How the main map draws a theme's markers and where its live edits go (read by src/lib/map) ----
// Kept apart from the theme records above so that the map's drawing rules stay in one place.

/** Drawing rules of a point theme's markers on the main map. */
export interface MarkerSpec {
	/** categories drawn larger and named earlier than the rest (stations among stops, towns among places) */
	major: string[];
	/** marker radius at two zooms, linear in between: [zoom, radius of a major marker, radius of the others] */
	radius: readonly [readonly [number, number, number], readonly [number, number, number]];
	/** opacity of the markers that are not major (lighter stops, so the rail network reads first) */
	minorOpacity: number;
	/** from which zoom the theme's letters and names are drawn at all */
	labelsFrom: number;
	/** from which zoom major markers are named, and from which zoom all markers are */
	namesFrom: { major: number; all: number };
	/**
	 * Which theme's labels win where they meet: a higher value is placed first, and the markers of
	 * every theme keep the labels of the themes placed after it off them.
	 */
	labelPriority: number;
	/**
	 * From which zoom all of the theme's markers keep its own labels off them (for dense themes: a
	 * label placed before a neighbour's marker would otherwise be drawn over it). Costs a layer, which
	 * the map adds only once it has been shown that close. Unset: markers keep off only the labels
	 * of the themes placed after them and the labels placed after them in their own theme.
	 */
	ownMarkersFrom?: number;
}

const DEFAULT_MARKER: MarkerSpec = { major: [], radius: [[7, 6, 6], [12, 10, 10]], minorOpacity: 0.95, labelsFrom: 8, namesFrom: { major: 11, all: 11 }, labelPriority: 2 };

const MARKERS: Partial<Record<ThemeId, Partial<MarkerSpec>>> = {
	// Dense: hundreds of stops. Stations first and named from zoom 12, other stops only from 14, where
	// every stop's marker keeps every stop name off it.
	verkehr: { major: ['station'], radius: [[8, 4, 1.5], [13, 9, 5]], minorOpacity: 0.55, labelsFrom: 12, namesFrom: { major: 12, all: 14 }, labelPriority: 0, ownMarkersFrom: 14 },
	// Places are named by the base map's place labels until zoom 12.
	wohnen: { major: ['town'], radius: [[7, 5, 2.5], [12, 10, 6]], labelsFrom: 12, labelPriority: 1 },
	// What the visitors came for: sites and sights win over everything else.
	gewerbe: { labelPriority: 4 },
	tourismus: { labelPriority: 3 }
};

export function markerSpec(theme: Theme): MarkerSpec {
	return { ...DEFAULT_MARKER, ...MARKERS[theme.id] };
}

/** The theme that colours the districts and municipalities by a selectable metric (broadband). */
export function choroplethTheme(): (Theme & { choropleth: ChoroplethSpec }) | undefined {
	return THEMES.find((theme): theme is Theme & { choropleth: ChoroplethSpec } => Boolean(theme.choropleth));
}

/** Whether a point theme can hold areas (entries the back office saves as polygons, e.g. sites). */
export function themeHasAreas(theme: Theme): boolean {
	return EDITABLE_LAYERS.some((l) => l.theme === theme.id && l.geometries.some((g) => g !== 'Point'));
}

/** Themes the back office edits: their published edits reach the map without a rebuild. */
export function editableThemes(): Theme[] {
	return THEMES.filter((theme) => EDITABLE_LAYERS.some((l) => l.theme === theme.id));
}
