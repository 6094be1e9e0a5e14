/**
 * The broadband gap view: shares per municipality, population-weighted district and region
 * aggregates (never averages of shares), ranks, change between editions, speed-class labels and the
 * one-sentence summary. Pure functions, shared by the API and the page.
 */
import type { I18nText, Lang } from '../data/model.ts';

export interface MunicipalityValue {
	ags: string;
	name: string;
	ags_district: string;
	population: number | null;
	value: number | null;
	method: string | null;
	reason: string | null;
	from: string;
	source_id: string | null;
}

export interface Aggregate {
	/** population-weighted share; null when no municipality with a value has a population */
	value: number | null;
	population: number;
	/** estimated people without the speed class: Σ population × (100 − share) / 100 */
	not_covered_population: number;
	municipalities: number;
	with_value: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Σ population·share / Σ population over the municipalities with both. */
export function aggregate(rows: readonly Pick<MunicipalityValue, 'population' | 'value'>[]): Aggregate {
	let weighted = 0;
	let population = 0;
	let notCovered = 0;
	let withValue = 0;
	for (const r of rows) {
		if (r.value === null || r.population === null) continue;
		withValue++;
		weighted += r.population * r.value;
		population += r.population;
		notCovered += (r.population * Math.max(0, 100 - r.value)) / 100;
	}
	return {
		value: population > 0 ? round2(weighted / population) : null,
		population,
		not_covered_population: Math.round(notCovered),
		municipalities: rows.length,
		with_value: withValue
	};
}

/**
 * Rank by share, 1 = the largest gap (lowest share); equal shares share a rank. Municipalities
 * without a value get no rank.
 */
export function ranks<T extends { ags: string; value: number | null }>(rows: readonly T[]): Map<string, number> {
	const sorted = rows.filter((r) => r.value !== null).sort((a, b) => a.value! - b.value!);
	const out = new Map<string, number>();
	sorted.forEach((r, i) => {
		const prev = sorted[i - 1];
		out.set(r.ags, prev && prev.value === r.value ? out.get(prev.ags)! : i + 1);
	});
	return out;
}

const TECH_LABEL: Record<string, I18nText> = {
	all: { de: 'alle Technologien', en: 'all technologies' },
	wired: { de: 'leitungsgebunden', en: 'wired' },
	wireless: { de: 'drahtlos', en: 'wireless' },
	dsl: { de: 'DSL', en: 'DSL' },
	catv: { de: 'Kabel (CATV)', en: 'cable (CATV)' },
	ftth: { de: 'Glasfaser (FTTH/B)', en: 'fibre (FTTH/B)' },
	lte: { de: 'LTE', en: 'LTE' },
	'5g': { de: '5G', en: '5G' },
	plc: { de: 'Powerline', en: 'powerline' },
	umts: { de: 'UMTS', en: 'UMTS' },
	wlan: { de: 'WLAN', en: 'WLAN' },
	wimax: { de: 'WiMAX', en: 'WiMAX' }
};

/** "all_100" → "≥ 100 Mbit/s, alle Technologien"; "lte_any" → "LTE (ohne Geschwindigkeitsklasse)". */
export function metricLabel(metric: string, lang: Lang): string {
	const i = metric.lastIndexOf('_');
	const tech = TECH_LABEL[metric.slice(0, i)]?.[lang] ?? metric.slice(0, i);
	const speed = metric.slice(i + 1);
	if (speed === 'any') return `${tech} (${lang === 'de' ? 'ohne Geschwindigkeitsklasse' : 'no speed class'})`;
	const mbit = Number(speed.replace('p', '.'));
	const n = mbit.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
	return `≥ ${n} Mbit/s, ${tech}`;
}

/** Speed classes in a useful order: all technologies first, then by speed. */
export function sortMetrics(metrics: readonly string[]): string[] {
	const order = Object.keys(TECH_LABEL);
	const key = (m: string) => {
		const i = m.lastIndexOf('_');
		const s = m.slice(i + 1);
		return [order.indexOf(m.slice(0, i)), s === 'any' ? 1e9 : Number(s.replace('p', '.'))] as const;
	};
	return [...metrics].sort((a, b) => {
		const [ta, sa] = key(a);
		const [tb, sb] = key(b);
		return ta - tb || sa - sb;
	});
}

/** The funding thresholds: households below 30 and below 100 Mbit/s (all technologies). */
export const FUNDING_VIEWS = [
	{ id: 'below_30', metric: 'all_30', label: { de: 'Förderschwelle: unter 30 Mbit/s („weiße Flecken“)', en: 'Funding threshold: below 30 Mbit/s ("white spots")' } },
	{ id: 'below_100', metric: 'all_100', label: { de: 'Förderschwelle: unter 100 Mbit/s („graue Flecken“)', en: 'Funding threshold: below 100 Mbit/s ("grey spots")' } }
] as const;

export function formatPct(v: number, lang: Lang): string {
	return `${v.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`;
}

/**
 * One sentence for the chosen view, citing its edition: the region's weighted share and the
 * district with the largest gap.
 */
export function summarySentence(
	lang: Lang,
	edition: string,
	metric: string,
	region: Aggregate,
	districts: readonly { name: string; value: number | null }[]
): string {
	const label = metricLabel(metric, lang);
	const src = lang === 'de' ? `Breitbandatlas, Stand ${edition}` : `Breitbandatlas, edition ${edition}`;
	if (region.value === null) {
		return lang === 'de' ? `Für ${label} liegen im Stand ${edition} keine Gemeindewerte vor (${src}).` : `No municipality values for ${label} in edition ${edition} (${src}).`;
	}
	const weakest = [...districts].filter((d) => d.value !== null).sort((a, b) => a.value! - b.value!)[0];
	if (lang === 'de') {
		return (
			`In Nordthüringen haben ${formatPct(region.value, lang)} der Haushalte Zugang zu ${label} (${src}; Einwohner als Näherung für Haushalte)` +
			(weakest ? `; am niedrigsten ist der Anteil im ${weakest.name.replace(/^Landkreis /, 'Landkreis ')} mit ${formatPct(weakest.value!, lang)}.` : '.')
		);
	}
	return (
		`In Nordthüringen ${formatPct(region.value, lang)} of households have access to ${label} (${src}; population as a proxy for households)` +
		(weakest ? `; the share is lowest in ${weakest.name} at ${formatPct(weakest.value!, lang)}.` : '.')
	);
}
