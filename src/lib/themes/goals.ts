/**
 * The region's five goals and the indicators that track them. Each indicator names the seed's
 * headline series and, where an official import carries the full time series, its code there.
 */
import type { I18nText } from '../data/model.ts';

export type GoalId = 'migration' | 'unemployment' | 'employment' | 'training' | 'productivity';

export interface GoalIndicator {
	/** code of the curated headline series in the seed */
	code: string;
	goal: GoalId;
	label: I18nText;
	unit: I18nText;
	/** which direction the goal wants */
	better: 'higher' | 'lower';
	/** code of the same series in an official import (BA or INKAR), if one exists */
	importedCode?: string;
}

const t = (de: string, en: string): I18nText => ({ de, en });

export const GOAL_INDICATORS: readonly GoalIndicator[] = [
	{ code: 'unemployed_annual_avg', goal: 'unemployment', label: t('Arbeitslose (Jahresdurchschnitt)', 'Unemployed (annual average)'), unit: t('Personen', 'persons'), better: 'lower', importedCode: 'unemployed' },
	{ code: 'employees_at_workplace', goal: 'employment', label: t('SV-Beschäftigte am Arbeitsort', 'Employees subject to social insurance (workplace)'), unit: t('Personen', 'persons'), better: 'higher', importedCode: 'employees_workplace' },
	{ code: 'apprentices_per_1000_employees', goal: 'training', label: t('Auszubildende je 1.000 SV-Beschäftigte', 'Apprentices per 1,000 employees'), unit: t('je 1.000', 'per 1,000'), better: 'higher', importedCode: 'a_azubi' },
	{ code: 'training_places_per_100_applicants', goal: 'training', label: t('Ausbildungsplätze je 100 Nachfragende', 'Training places per 100 applicants'), unit: t('je 100', 'per 100'), better: 'higher', importedCode: 'q_auspl' },
	{ code: 'gdp_per_employed_k_eur', goal: 'productivity', label: t('BIP je Erwerbstätigen', 'GDP per person employed'), unit: t('Tsd. €', 'k€'), better: 'higher', importedCode: 'q_bip_et' }
];
