/**
 * The goals dashboard's data: per goal and indicator the districts' series, the change from the
 * common baseline year to the newest year with its direction mark, reference lines (Thuringia,
 * Germany) where a file carries them, and an honest "no data" entry naming the official source.
 */
import type { I18nText, Provenance } from '../../data/model.ts';
import { GOAL_BASELINE_YEAR, GOAL_INDICATORS, GOAL_REFERENCES, goalChange, type GoalChange, type GoalPoint } from '../../themes/goals.ts';

export interface SeriesRow {
	ags: string;
	level: string;
	code: string;
	year: number;
	value: number;
	source_id: string;
}

export interface GoalDistrictSeries {
	ags: string;
	name: string;
	points: GoalPoint[];
	change: GoalChange;
}

export interface GoalIndicatorView {
	code: string;
	label: I18nText;
	unit: I18nText;
	better: 'higher' | 'lower';
	kind: 'rate' | 'count';
	/** the official source of this indicator (also named when no file carries it) */
	official_source: I18nText;
	status: 'data' | 'no_data';
	/** which database series was shown (the first of the indicator's series that has values) */
	series: string | null;
	/** true when the series came from an imported file rather than the curated headline figures */
	official_series: boolean;
	/** the code to use in the goals CSV, for indicators the official files at hand lack */
	csv_code: string | null;
	source_ids: string[];
	districts: GoalDistrictSeries[];
	references: { ags: string; name: I18nText; points: GoalPoint[] }[];
}

export interface GoalsView {
	baseline_year: number;
	goals: { id: string; title: I18nText; indicators: GoalIndicatorView[] }[];
	sources: Provenance[];
}

/** Codes of every series any goal indicator may read. */
export function goalSeriesCodes(): string[] {
	return [...new Set(GOAL_INDICATORS.flatMap((i) => i.series))];
}

/** Sources whose id marks the curated seed headlines rather than an imported file. */
function isSeedSource(id: string): boolean {
	return id.endsWith('-headlines');
}

export function goalsView(
	goalsOfRegion: { id: string; de: string; en: string }[],
	districts: { ags: string; name: string }[],
	rows: SeriesRow[],
	sources: Map<string, Provenance>
): GoalsView {
	const used = new Set<string>();
	const goals = goalsOfRegion.map((g) => {
		const indicators = GOAL_INDICATORS.filter((i) => i.goal === g.id)
			// rates before head counts, the registry's order otherwise
			.map((ind, order) => ({ ind, order }))
			.sort((a, b) => (a.ind.kind === b.ind.kind ? a.order - b.order : a.ind.kind === 'rate' ? -1 : 1))
			.map(({ ind }): GoalIndicatorView => {
				const series = ind.series.find((code) => rows.some((r) => r.code === code && r.level === 'district')) ?? null;
				const chosen = series ? rows.filter((r) => r.code === series) : [];
				for (const r of chosen) used.add(r.source_id);
				const pointsOf = (ags: string) =>
					chosen
						.filter((r) => r.ags === ags)
						.map((r) => ({ year: r.year, value: r.value }))
						.sort((a, b) => a.year - b.year);
				const sourceIds = [...new Set(chosen.map((r) => r.source_id))];
				return {
					code: ind.code,
					label: ind.label,
					unit: ind.unit,
					better: ind.better,
					kind: ind.kind,
					official_source: ind.source,
					status: series ? 'data' : 'no_data',
					series,
					official_series: sourceIds.some((id) => !isSeedSource(id)),
					csv_code: ind.csvCode ?? null,
					source_ids: sourceIds,
					districts: series
						? districts.map((d) => {
								const points = pointsOf(d.ags);
								return { ags: d.ags, name: d.name, points, change: goalChange(points, ind.better) };
							})
						: [],
					references: GOAL_REFERENCES.map((ref) => ({ ags: ref.ags, name: ref.name, points: pointsOf(ref.ags) })).filter((r) => r.points.length > 0)
				};
			});
		return { id: g.id, title: { de: g.de, en: g.en }, indicators };
	});
	return {
		baseline_year: GOAL_BASELINE_YEAR,
		goals,
		sources: [...used].map((id) => sources.get(id)).filter((p): p is Provenance => !!p)
	};
}
