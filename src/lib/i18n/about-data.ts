/**
 * The texts of "Über die Daten / About the data" (/daten), the page for the people who maintain the
 * map's data: what is built in, which official files can be imported, where they go and the commands.
 * Visitors' screens only state what is (not) recorded and link here; commands appear nowhere else.
 */
import type { I18nText } from '../data/model.ts';

const t = (de: string, en: string): I18nText => ({ de, en });

export const ABOUT = {
	title: t('Über die Daten', 'About the data'),
	intro: t(
		'Diese Seite richtet sich an alle, die die Daten der Standortkarte pflegen. Die Karte zeigt eingebaute Daten mit Quellenangabe; amtliche Dateien können dazu importiert werden. Was nicht vorliegt, zeigt die Karte als „nicht erfasst“.',
		'This page is for the people who maintain the data of the location map. The map shows built-in data with their sources; official files can be imported in addition. What is not there, the map shows as “not recorded”.'
	),
	statusTitle: t('Stand dieser Installation', 'Status of this installation'),
	imported: t('Amtliche Dateien sind importiert.', 'Official files are imported.'),
	builtInOnly: t('Nur eingebaute Daten – keine amtlichen Dateien importiert.', 'Built-in data only – no official files imported.'),
	themesTitle: t('Themen und was ein Import ergänzt', 'Themes and what an import adds'),
	theme: t('Thema', 'Theme'),
	features: t('Objekte', 'Features'),
	addsTitle: t('Ein Import ergänzt', 'An import adds'),
	nothingToAdd: t('–', '–'),
	importTitle: t('Amtliche Dateien importieren', 'Importing official files'),
	importText: t(
		'Die Dateien liegen außerhalb des Projekts in einem Ordner, dessen Pfad die Umgebungsvariable NT_SOURCES nennt, je Quelle in einem Unterordner. Der Import baut Kacheln und Datenbank neu; schlägt er fehl, bleiben die bisherigen Daten unverändert.',
		'The files live outside the project in a folder named by the environment variable NT_SOURCES, one subfolder per source. The import rebuilds tiles and database; if it fails, the previous data stay as they were.'
	),
	folder: t('Ordner in NT_SOURCES', 'Folder in NT_SOURCES'),
	content: t('Inhalt, Herausgeber', 'Content, publisher'),
	commandsTitle: t('Befehle', 'Commands'),
	basemapTitle: t('Grundkarte', 'Basemap'),
	basemapText: t(
		'Welche Grundkarte unter den Themen liegt, bestimmt NT_BASEMAP: basemap.de-grau (Vorgabe), none (nur die eingebaute Übersicht, keine Anfrage an andere Server), pmtiles (selbst gehostete Protomaps-Datei in NT_SOURCES/basemap/) oder die URL eines MapLibre-Stils. Ist die Grundkarte nicht erreichbar, zeigt die Karte die eingebaute Übersicht.',
		'NT_BASEMAP decides which basemap lies beneath the themes: basemap.de-grau (default), none (the built-in overview only, no request to any other server), pmtiles (a self-hosted Protomaps archive in NT_SOURCES/basemap/) or the URL of a MapLibre style. When the basemap cannot be reached, the map shows the built-in overview.'
	),
	current: t('Diese Installation', 'This installation'),
	sourcesTitle: t('Quellen der angezeigten Daten', 'Sources of the data shown'),
	edition: t('Stand', 'Edition')
} as const;

/** The official files the import reads, by folder (the README lists the same). */
export const IMPORT_FOLDERS: { folder: string; content: I18nText }[] = [
	{ folder: 'breitbandatlas/', content: t('Breitbandatlas (Bundesnetzagentur): CSV je Landkreis und je Gemeinde, jeder Stand', 'Breitbandatlas (Bundesnetzagentur): district and municipality CSVs, any edition') },
	{ folder: 'inkar/', content: t('INKAR (BBSR), lange CSV – Datenlizenz Deutschland – Namensnennung 2.0', 'INKAR (BBSR), long CSV – Datenlizenz Deutschland – Namensnennung 2.0') },
	{ folder: 'ba/', content: t('Statistik der Bundesagentur für Arbeit: Arbeitslose, Beschäftigte (CSV)', 'Statistics of the Federal Employment Agency: unemployed, employees (CSV)') },
	{ folder: 'vg5000-2021/', content: t('Verwaltungsgrenzen 2021 (© GeoBasis-DE / BKG), Shapefile oder GeoJSON', 'Administrative boundaries 2021 (© GeoBasis-DE / BKG), shapefile or GeoJSON') },
	{ folder: 'gemeindeverzeichnis-2018/destatis.json', content: t('Gemeindeverzeichnis (Destatis, GV-ISys)', 'Municipality register (Destatis, GV-ISys)') },
	{ folder: 'krankenhaeuser/', content: t('Krankenhausverzeichnis der Statistischen Ämter', 'Hospital register of the statistical offices') },
	{ folder: 'basemap/*.pmtiles', content: t('Selbst gehostete Grundkarte (Protomaps-Schema, für NT_BASEMAP=pmtiles)', 'Self-hosted basemap (Protomaps schema, for NT_BASEMAP=pmtiles)') }
];

export const COMMANDS: { command: string; meaning: I18nText }[] = [
	{ command: 'NT_SOURCES=/pfad/zu/quellen npm run data', meaning: t('importieren, Kacheln und Datenbank neu bauen', 'import, rebuild tiles and database') },
	{ command: 'NT_SOURCES=/pfad/zu/quellen npm start', meaning: t('oder beim Start neu bauen, wenn sich Eingaben geändert haben', 'or rebuild at start when the inputs changed') }
];
