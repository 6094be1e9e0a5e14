/**
 * The region's five goals and the indicators that track them. Every indicator lists the series
 * that can feed it, best first: the official import (INKAR, BA, or the data maintainers' goals
 * CSV), then the curated headline series of the seed. Rates come before head counts, because a
 * head count moves with the population while a rate says how the district is doing.
 */
import type { I18nText } from '../data/model.ts';

export type GoalId = 'migration' | 'unemployment' | 'employment' | 'training' | 'productivity';

/** The development concept starts in 2016: every change is measured from this year. */
export const GOAL_BASELINE_YEAR = 2016;

export interface GoalIndicator {
	/** stable code of the indicator (API, URLs, CSV export) */
	code: string;
	goal: GoalId;
	label: I18nText;
	unit: I18nText;
	/** which direction the goal wants */
	better: 'higher' | 'lower';
	/** a rate (share, per 1,000 …) or a head count; rates are listed first */
	kind: 'rate' | 'count';
	/** series codes in the database that carry this indicator, preferred first */
	series: readonly string[];
	/** the official source of the series: named on the card, also when no file carries it yet */
	source: I18nText;
	/**
	 * code data maintainers use for this indicator in the goals CSV (`ags;year;indicator;value`);
	 * set for the indicators none of the official files at hand contain
	 */
	csvCode?: string;
}

const t = (de: string, en: string): I18nText => ({ de, en });

const BA = t('Statistik der Bundesagentur für Arbeit', 'Statistics of the Federal Employment Agency (Statistik der Bundesagentur für Arbeit)');
const INKAR = t('INKAR, Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)', 'INKAR, Federal Institute for Research on Building, Urban Affairs and Spatial Development (BBSR)');

export const GOAL_INDICATORS: readonly GoalIndicator[] = [
	{
		code: 'net_migration_per_1000',
		goal: 'migration',
		label: t('Wanderungssaldo je 1.000 Einwohner', 'Net migration per 1,000 inhabitants'),
		unit: t('je 1.000 Einw.', 'per 1,000 inhabitants'),
		better: 'higher',
		kind: 'rate',
		series: ['net_migration_per_1000'],
		source: t(
			'Thüringer Landesamt für Statistik, Wanderungsstatistik (Zu- und Fortzüge über die Kreisgrenze); auch INKAR (BBSR), Indikator „Gesamtwanderungssaldo“',
			'Thuringian State Office for Statistics, migration statistics (moves across the district boundary); also INKAR (BBSR), indicator "Gesamtwanderungssaldo"'
		),
		csvCode: 'net_migration_per_1000'
	},
	{
		code: 'unemployment_rate',
		goal: 'unemployment',
		label: t('Arbeitslosenquote (alle zivilen Erwerbspersonen)', 'Unemployment rate (all civilian labour force)'),
		unit: t('%', '%'),
		better: 'lower',
		kind: 'rate',
		series: ['unemployment_rate'],
		source: t(
			'Statistik der Bundesagentur für Arbeit, „Arbeitsmarkt in Zahlen – Arbeitslose nach Gebietsstrukturen“, Jahresdurchschnitt je Kreis',
			'Statistics of the Federal Employment Agency, "Arbeitsmarkt in Zahlen – Arbeitslose nach Gebietsstrukturen", annual average per district'
		),
		csvCode: 'unemployment_rate'
	},
	{
		code: 'youth_unemployment_rate',
		goal: 'unemployment',
		label: t('Arbeitslosenquote der 15- bis unter 25-Jährigen', 'Unemployment rate of people aged 15 to 24'),
		unit: t('%', '%'),
		better: 'lower',
		kind: 'rate',
		series: ['youth_unemployment_rate'],
		source: t(
			'Statistik der Bundesagentur für Arbeit, „Arbeitsmarkt in Zahlen – Arbeitslose nach Gebietsstrukturen“, Jüngere unter 25 Jahren, Jahresdurchschnitt je Kreis',
			'Statistics of the Federal Employment Agency, "Arbeitsmarkt in Zahlen – Arbeitslose nach Gebietsstrukturen", people under 25, annual average per district'
		),
		csvCode: 'youth_unemployment_rate'
	},
	{
		code: 'sgb2_share',
		goal: 'unemployment',
		label: t('Anteil SGB-II-Leistungsberechtigter an den unter 65-Jährigen', 'Share of SGB II benefit recipients among people under 65'),
		unit: t('%', '%'),
		better: 'lower',
		kind: 'rate',
		series: ['q_SGBII'],
		source: INKAR
	},
	{
		code: 'unemployed',
		goal: 'unemployment',
		label: t('Arbeitslose (Jahresdurchschnitt)', 'Unemployed (annual average)'),
		unit: t('Personen', 'persons'),
		better: 'lower',
		kind: 'count',
		series: ['unemployed', 'unemployed_annual_avg'],
		source: BA
	},
	{
		code: 'employees_workplace',
		goal: 'employment',
		label: t('SV-Beschäftigte am Arbeitsort', 'Employees subject to social insurance (workplace)'),
		unit: t('Personen', 'persons'),
		better: 'higher',
		kind: 'count',
		series: ['employees_workplace', 'employees_at_workplace'],
		source: BA
	},
	{
		code: 'employees_residence',
		goal: 'employment',
		label: t('SV-Beschäftigte am Wohnort', 'Employees subject to social insurance (residence)'),
		unit: t('Personen', 'persons'),
		better: 'higher',
		kind: 'count',
		series: ['employees_residence'],
		source: BA
	},
	{
		code: 'apprentices_per_1000_employees',
		goal: 'training',
		label: t('Auszubildende je 1.000 SV-Beschäftigte', 'Apprentices per 1,000 employees'),
		unit: t('je 1.000', 'per 1,000'),
		better: 'higher',
		kind: 'rate',
		series: ['a_azubi', 'apprentices_per_1000_employees'],
		source: INKAR
	},
	{
		code: 'training_places_per_100_applicants',
		goal: 'training',
		label: t('Ausbildungsplätze je 100 Nachfragende', 'Training places per 100 applicants'),
		unit: t('je 100', 'per 100'),
		better: 'higher',
		kind: 'rate',
		series: ['q_auspl', 'training_places_per_100_applicants'],
		source: INKAR
	},
	{
		code: 'apprentices_per_100_aged_15_24',
		goal: 'training',
		label: t('Auszubildende am Wohnort je 100 Einwohner von 15 bis 24 Jahren', 'Apprentices (residence) per 100 inhabitants aged 15 to 24'),
		unit: t('je 100', 'per 100'),
		better: 'higher',
		kind: 'rate',
		series: ['q_azubi_1525'],
		source: INKAR
	},
	{
		code: 'gdp_per_employed',
		goal: 'productivity',
		label: t('BIP je Erwerbstätigen', 'GDP per person employed'),
		unit: t('Tsd. €', 'k€'),
		better: 'higher',
		kind: 'rate',
		series: ['q_bip_et', 'gdp_per_employed_k_eur'],
		source: INKAR
	},
	{
		code: 'gva_per_employed',
		goal: 'productivity',
		label: t('Bruttowertschöpfung je Erwerbstätigen', 'Gross value added per person employed'),
		unit: t('Tsd. €', 'k€'),
		better: 'higher',
		kind: 'rate',
		series: ['q_bws_et'],
		source: INKAR
	}
];

/** Indicator codes the goals CSV accepts (every indicator, so maintainers may also extend a series). */
export const GOAL_CSV_CODES: ReadonlySet<string> = new Set(GOAL_INDICATORS.map((i) => i.csvCode ?? i.code));

/** Reference areas a file may carry beside the districts: Thuringia and Germany. */
export const GOAL_REFERENCES = [
	{ ags: '16', name: t('Thüringen', 'Thuringia') },
	{ ags: 'DE', name: t('Deutschland', 'Germany') }
] as const;

export interface GoalPoint {
	year: number;
	value: number;
}

export interface GoalChange {
	baseline: GoalPoint | null;
	latest: GoalPoint | null;
	/** latest − baseline, in the indicator's unit; null without both points */
	change: number | null;
	direction: 'up' | 'down' | 'flat' | null;
	/** whether the change goes the goal's way; null when there is nothing to compare */
	good: boolean | null;
	/** why there is no comparison */
	reason: 'no_data' | 'no_baseline' | 'no_newer_year' | null;
}

/**
 * Change from the baseline year to the newest year of a series. The baseline is always the
 * concept's start year: a series that begins earlier (INKAR from 1995) or later is never
 * compared from its first point, which is what flipped the arrows before.
 */
export function goalChange(points: readonly GoalPoint[], better: 'higher' | 'lower', baselineYear = GOAL_BASELINE_YEAR): GoalChange {
	if (points.length === 0) return { baseline: null, latest: null, change: null, direction: null, good: null, reason: 'no_data' };
	const sorted = [...points].sort((a, b) => a.year - b.year);
	const latest = sorted[sorted.length - 1]!;
	const baseline = sorted.find((p) => p.year === baselineYear) ?? null;
	if (!baseline) return { baseline: null, latest, change: null, direction: null, good: null, reason: 'no_baseline' };
	if (latest.year <= baseline.year) return { baseline, latest, change: null, direction: null, good: null, reason: 'no_newer_year' };
	const change = latest.value - baseline.value;
	const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
	const good = direction === 'flat' ? false : (direction === 'up') === (better === 'higher');
	return { baseline, latest, change, direction, good, reason: null };
}

/** How data maintainers add a missing series (shown on the no-data cards and in the README). */
export const GOALS_CSV_FORMAT: I18nText = t(
	'Fehlende Reihen ergänzt die Datenpflege als CSV-Datei im Ordner „ziele/“ der amtlichen Quelldateien: Spalten ags;year;indicator;value (ags = Kreis, 16 = Thüringen, DE = Deutschland; Dezimalkomma erlaubt). Fehlerhafte Zeilen werden mit Zeilennummer gemeldet.',
	'Data maintainers add a missing series as a CSV file in the "ziele/" folder of the official source files: columns ags;year;indicator;value (ags = district, 16 = Thuringia, DE = Germany; decimal comma allowed). Bad rows are reported with their line number.'
);
