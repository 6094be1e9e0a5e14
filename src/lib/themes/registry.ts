/**
 * The one registry of the map's themes. The pipeline reads it to name tile layers and database
 * rows, the API serves it at /api/themes, and the UI builds style, legend, cards and filters from it.
 * Adding a theme here (plus its assembler in scripts/lib/theme-features.ts) is all it takes.
 */
import type { I18nText } from '../data/model.ts';

export type ThemeId = 'gewerbe' | 'breitband' | 'verkehr' | 'wohnen' | 'daseinsvorsorge' | 'tourismus';
export type PresetId = 'investieren' | 'entdecken' | 'planen';

export interface Category {
	value: string;
	label: I18nText;
	color: string;
	/** one or two characters drawn on the marker; a glyph, so no sprite is needed */
	symbol?: string;
}

export interface Field {
	key: string;
	label: I18nText;
	type: 'string' | 'number' | 'boolean';
	unit?: string;
	/** shown in the list/filter UI and accepted as a filter by /api/features */
	filter?: 'range' | 'enum' | 'flag';
}

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
}

const t = (de: string, en: string): I18nText => ({ de, en });

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
		fields: [
			{ key: 'gross_area_ha', label: t('Fläche', 'Area'), type: 'number', unit: 'ha', filter: 'range' },
			{ key: 'free_area_ha', label: t('Freie Fläche', 'Free area'), type: 'number', unit: 'ha', filter: 'range' },
			{ key: 'companies', label: t('Unternehmen', 'Companies'), type: 'number' },
			{ key: 'jobs', label: t('Arbeitsplätze', 'Jobs'), type: 'number' },
			{ key: 'kali_region', label: t('Kali-Region', 'Potash region'), type: 'boolean', filter: 'flag' },
			{ key: 'listing', label: t('Angaben', 'Listing'), type: 'string' }
		],
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
			property: 'bb_{edition}_{metric}',
			metrics: [
				{ key: 'all_50', label: t('≥ 50 Mbit/s', '≥ 50 Mbit/s') },
				{ key: 'all_100', label: t('≥ 100 Mbit/s', '≥ 100 Mbit/s') },
				{ key: 'all_1000', label: t('≥ 1000 Mbit/s', '≥ 1000 Mbit/s') },
				{ key: 'ftth_1000', label: t('Glasfaser (FTTH/B)', 'Fibre (FTTH/B)') }
			],
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
			{ value: 'station', label: t('Bahnhof', 'Railway station'), color: '#c53030', symbol: 'B' },
			{ value: 'tram', label: t('Straßenbahn', 'Tram stop'), color: '#d69e2e', symbol: 'T' },
			{ value: 'bus', label: t('Bushaltestelle', 'Bus stop'), color: '#2f855a', symbol: 'H' },
			{ value: 'other', label: t('Sonstige Haltestelle (Rufbus, Ersatzverkehr)', 'Other stop (on demand, replacement)'), color: '#718096', symbol: 'R' }
		],
		fields: [
			{ key: 'products', label: t('Verkehrsmittel', 'Services'), type: 'string' },
			{ key: 'weight', label: t('Bedeutung', 'Importance'), type: 'number' },
			{ key: 'ril100', label: t('DS100', 'DS100 code'), type: 'string' }
		],
		clusterBelowZoom: 11,
		clusterExcept: ['station'],
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
		categories: [{ value: 'hospital', label: t('Krankenhaus', 'Hospital'), color: '#c53030', symbol: '+' }],
		fields: [
			{ key: 'address', label: t('Adresse', 'Address'), type: 'string' },
			{ key: 'operator', label: t('Träger', 'Operator'), type: 'string', filter: 'enum' }
		],
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
			{ value: 'leisure', label: t('Freizeit', 'Leisure'), color: '#d53f8c', symbol: 'F' }
		],
		fields: [{ key: 'category', label: t('Kategorie', 'Category'), type: 'string', filter: 'enum' }],
		emptyHint: t('Keine Sehenswürdigkeiten in den Daten.', 'No sights in the data.')
	}
];

/** Fields every feature has, whatever its theme. */
export const COMMON_FIELDS: readonly Field[] = [
	{ key: 'name', label: t('Name', 'Name'), type: 'string' },
	{ key: 'category', label: t('Kategorie', 'Category'), type: 'string', filter: 'enum' },
	{ key: 'municipality', label: t('Gemeinde', 'Municipality'), type: 'string' },
	{ key: 'district', label: t('Landkreis', 'District'), type: 'string' },
	{ key: 'ags_district', label: t('Kreisschlüssel', 'District code'), type: 'string', filter: 'enum' },
	{ key: 'approx', label: t('Lage ungefähr', 'Approximate location'), type: 'boolean', filter: 'flag' }
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

/** Themes that colour areas (a choropleth or an areaFill): only one of them colours the map at a time. */
export function colouringThemes(visible: readonly ThemeId[]): ThemeId[] {
	return THEMES.filter((t) => (t.choropleth || t.areaFill) && visible.includes(t.id)).map((t) => t.id);
}

/** The theme whose colours the map shows: the one asked for if it is visible, else the first visible one. */
export function activeColouring(visible: readonly ThemeId[], requested: ThemeId | null): ThemeId | null {
	const candidates = colouringThemes(visible);
	return requested && candidates.includes(requested) ? requested : (candidates[0] ?? null);
}
