/**
 * Opening hours in OpenStreetMap syntax, read for visitors: "open now / closed now / opens at …" and
 * the coming seven days, in German or English. The `opening_hours` package does the reading (it is
 * large, so the map loads this module only when a card with opening hours opens).
 *
 * Times are the region's: the package reads the local fields of a Date, so every instant is first
 * turned into the wall-clock time of Europe/Berlin. A visitor abroad then still sees "opens at 10:00"
 * as the sign on the door says, not 10:00 of their own time zone.
 */
import OpeningHours from 'opening_hours';
import type { Lang } from '../data/model.ts';
import { SIGHT_STRINGS, sightText } from '../i18n/sights.ts';

export const REGION_TIME_ZONE = 'Europe/Berlin';

/**
 * Public holidays (PH) are those of Thuringia; the position only matters for sunrise/sunset rules.
 * The back office checks values with the same setting: without it the package refuses every value
 * that names public holidays or school holidays.
 */
export const OPENING_HOURS_REGION = { lat: 51.35, lon: 10.75, address: { country_code: 'de', state: 'Thüringen' } };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The wall-clock time of `timeZone` at the instant `at`, as a Date whose local fields hold it. */
export function wallClock(at: Date, timeZone = REGION_TIME_ZONE): Date {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(at);
	const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	return new Date(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

export interface DayHours {
	/** local midnight of the day (wall-clock) */
	day: Date;
	weekday: string;
	/** "10:00–17:00", or "geschlossen / closed" */
	text: string;
	/** the day the summary was made for */
	today: boolean;
}

export interface OpeningSummary {
	state: 'open' | 'closed' | 'unknown';
	/** one sentence: "Jetzt geöffnet – schließt um 17:00" */
	status: string;
	/** the next seven days from today */
	week: DayHours[];
	/** the rules, one per line, with weekday and month names of the language */
	rules: string[];
	/** false when the hours change over the year (then the week shown is only this week) */
	weekStable: boolean;
	/** the same hours on each of the seven days (a card then says "daily" once) */
	sameEveryDay: boolean;
}

/** Null when the value is not valid OpenStreetMap syntax (the back office refuses such values). */
export function parseOpeningHours(value: string): OpeningHours | null {
	try {
		return new OpeningHours(value, OPENING_HOURS_REGION);
	} catch {
		return null;
	}
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Wall-clock time of day; an interval ending at the next midnight reads 24:00. */
function hhmm(d: Date, dayStart?: Date): string {
	if (dayStart && d.getTime() - dayStart.getTime() >= DAY_MS) return '24:00';
	return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function startOfDay(d: Date): Date {
	return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** Calendar days from `from` to `to` (wall-clock), ignoring the time of day. */
function daysBetween(from: Date, to: Date): number {
	return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);
}

/** "um 17:00", "morgen um 10:00", "am Dienstag um 10:00", "am 1. April um 10:00" */
function when(lang: Lang, now: Date, next: Date): string {
	const time = hhmm(next);
	const days = daysBetween(now, next);
	if (days === 0) return sightText(lang, 'atTime').replace('{time}', time);
	if (days === 1) return sightText(lang, 'tomorrowAt').replace('{time}', time);
	const locale = lang === 'de' ? 'de-DE' : 'en-GB';
	if (days < 7) return sightText(lang, 'onDayAt').replace('{day}', new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(next)).replace('{time}', time);
	return sightText(lang, 'onDateAt')
		.replace('{day}', new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(next))
		.replace('{time}', time);
}

/**
 * Everything a card says about opening hours at the instant `at` (normally now). `timeZone` is the
 * region's; tests pass a fixed instant.
 */
export function summariseOpeningHours(value: string, lang: Lang, at: Date, timeZone = REGION_TIME_ZONE): OpeningSummary | null {
	const oh = parseOpeningHours(value);
	if (!oh) return null;
	const now = wallClock(at, timeZone);
	const stateString = oh.getStateString(now);
	const state = stateString === 'open' ? 'open' : stateString === 'unknown' ? 'unknown' : 'closed';
	const comment = oh.getComment(now);
	const next = oh.getNextChange(now, new Date(now.getTime() + 366 * DAY_MS));
	let status: string;
	if (state === 'unknown') {
		const quoted = comment ? (lang === 'de' ? ` – „${comment}“` : ` – “${comment}”`) : '';
		status = sightText(lang, 'stateUnknown') + quoted;
	} else {
		const head = sightText(lang, state === 'open' ? 'openNow' : 'closedNow');
		if (!next) status = `${head}${state === 'open' ? ` (${sightText(lang, 'aroundTheClock')})` : ''}`;
		else status = `${head} – ${sightText(lang, state === 'open' ? 'closes' : 'opens')} ${when(lang, now, next)}`;
		if (comment) status += ` (${comment})`;
	}
	const locale = lang === 'de' ? 'de-DE' : 'en-GB';
	const weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'long' });
	const today = startOfDay(now);
	const week: DayHours[] = [];
	for (let i = 0; i < 7; i++) {
		const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() + i);
		const end = new Date(today.getFullYear(), today.getMonth(), today.getDate() + i + 1);
		const intervals = oh.getOpenIntervals(day, end);
		const text = intervals.length
			? intervals.map(([from, to, unknown, c]) => `${hhmm(from)}–${hhmm(to, day)}${unknown ? ` (${c ?? SIGHT_STRINGS.uncertain[lang]})` : c ? ` (${c})` : ''}`).join(', ')
			: sightText(lang, 'closedDay');
		week.push({ day, weekday: weekdayName.format(day), text, today: i === 0 });
	}
	// The package reads its options from `conf` (see prettifyValue in its source); its type file
	// describes them without that wrapper, hence the cast.
	const prettify = oh.prettifyValue as unknown as (args: { conf: { locale: Lang; rule_sep_string: string; print_semicolon: boolean } }) => string;
	const rules = prettify
		.call(oh, { conf: { locale: lang, rule_sep_string: '\n', print_semicolon: false } })
		.split('\n')
		.map((r) => r.trim())
		.filter(Boolean);
	return { state, status, week, rules, weekStable: oh.isWeekStable(), sameEveryDay: week.every((d) => d.text === week[0]!.text) };
}
