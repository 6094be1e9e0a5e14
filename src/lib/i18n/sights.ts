/**
 * Strings of the sight cards (description, website, opening hours), in German (default) and English.
 * Field labels come from the theme registry; this file holds the sentences around them.
 */
import type { Lang } from '../data/model.ts';

export const SIGHT_STRINGS = {
	descriptionMissing: { de: 'Beschreibung nicht erfasst', en: 'Description not recorded' },
	openingHoursMissing: { de: 'Öffnungszeiten nicht erfasst', en: 'Opening hours not recorded' },
	openingHoursUnreadable: {
		de: 'Die erfassten Öffnungszeiten sind nicht lesbar; bitte vor dem Besuch beim Anbieter nachfragen.',
		en: 'The recorded opening hours cannot be read; please check with the venue before visiting.'
	},
	onlyGerman: { de: 'Nur auf Deutsch erfasst.', en: 'Only recorded in German.' },
	onlyEnglish: { de: 'Nur auf Englisch erfasst.', en: 'Only recorded in English.' },
	openingHoursLoading: { de: 'Öffnungszeiten werden gelesen …', en: 'Reading opening hours …' },
	openNow: { de: 'Jetzt geöffnet', en: 'Open now' },
	closedNow: { de: 'Jetzt geschlossen', en: 'Closed now' },
	stateUnknown: { de: 'Ob jetzt geöffnet ist, ist nicht sicher', en: 'Not certain whether it is open now' },
	closes: { de: 'schließt', en: 'closes' },
	opens: { de: 'öffnet', en: 'opens' },
	aroundTheClock: { de: 'rund um die Uhr', en: 'around the clock' },
	atTime: { de: 'um {time}', en: 'at {time}' },
	tomorrowAt: { de: 'morgen um {time}', en: 'tomorrow at {time}' },
	onDayAt: { de: 'am {day} um {time}', en: 'on {day} at {time}' },
	onDateAt: { de: 'am {day} um {time}', en: 'on {day} at {time}' },
	closedDay: { de: 'geschlossen', en: 'closed' },
	uncertain: { de: 'nicht sicher', en: 'not certain' },
	nextSevenDays: { de: 'Die nächsten sieben Tage', en: 'The next seven days' },
	today: { de: 'heute', en: 'today' },
	daily: { de: 'Täglich', en: 'Daily' },
	rules: { de: 'Regel', en: 'Rule' },
	seasonal: {
		de: 'Die Zeiten wechseln im Jahreslauf; die Tabelle zeigt die kommende Woche.',
		en: 'The hours change over the year; the table shows the coming week.'
	},
	timesLocal: { de: 'Ortszeit Nordthüringen', en: 'local time in Nordthüringen' },
	externalLink: { de: '(externe Seite, öffnet in neuem Fenster)', en: '(external site, opens in a new window)' }
} as const;

export type SightStringKey = keyof typeof SIGHT_STRINGS;

export function sightText(lang: Lang, key: SightStringKey): string {
	return SIGHT_STRINGS[key][lang];
}
