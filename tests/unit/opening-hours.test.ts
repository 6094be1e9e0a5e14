import { describe, expect, it } from 'vitest';
import { parseOpeningHours, summariseOpeningHours, wallClock } from '../../src/lib/sights/opening-hours.ts';
import { SIGHT_STRINGS } from '../../src/lib/i18n/sights.ts';

// Wednesday 2 December 2026. Germany is on CET (UTC+1) in December, so 08:30 UTC is 09:30 in Nordhausen.
const WED_0930_CET = new Date('2026-12-02T08:30:00Z');

describe('opening hours for visitors (fixed instants, checked by hand against a calendar)', () => {
	it('turns an instant into the wall-clock time of the region whatever the machine zone', () => {
		const w = wallClock(WED_0930_CET);
		expect([w.getFullYear(), w.getMonth() + 1, w.getDate(), w.getHours(), w.getMinutes()]).toEqual([2026, 12, 2, 9, 30]);
		// Summer time (CEST, UTC+2): 10:00 UTC on 1 July is noon in Nordhausen.
		const s = wallClock(new Date('2026-07-01T10:00:00Z'));
		expect([s.getHours(), s.getMinutes()]).toEqual([12, 0]);
	});

	it('closed before opening: "opens at 10:00" the same day, in both languages', () => {
		const de = summariseOpeningHours('Tu-Su 10:00-17:00', 'de', WED_0930_CET)!;
		expect(de.state).toBe('closed');
		expect(de.status).toBe('Jetzt geschlossen – öffnet um 10:00');
		const en = summariseOpeningHours('Tu-Su 10:00-17:00', 'en', WED_0930_CET)!;
		expect(en.status).toBe('Closed now – opens at 10:00');
	});

	it('open: "closes at 17:00"; the next seven days start today and name Monday as closed', () => {
		const noon = new Date('2026-12-02T11:00:00Z'); // 12:00 CET
		const de = summariseOpeningHours('Tu-Su 10:00-17:00', 'de', noon)!;
		expect(de.state).toBe('open');
		expect(de.status).toBe('Jetzt geöffnet – schließt um 17:00');
		expect(de.week.map((d) => `${d.weekday}: ${d.text}`)).toEqual([
			'Mittwoch: 10:00–17:00',
			'Donnerstag: 10:00–17:00',
			'Freitag: 10:00–17:00',
			'Samstag: 10:00–17:00',
			'Sonntag: 10:00–17:00',
			'Montag: geschlossen',
			'Dienstag: 10:00–17:00'
		]);
		expect(de.week[0]!.today).toBe(true);
		expect(de.rules).toEqual(['Di-So 10:00-17:00']);
		expect(de.weekStable).toBe(true);
		expect(de.sameEveryDay).toBe(false);
	});

	it('after closing on Sunday evening the next opening is Tuesday, named by weekday', () => {
		// Sunday 6 December 2026, 18:00 CET
		const sundayEvening = new Date('2026-12-06T17:00:00Z');
		expect(summariseOpeningHours('Tu-Su 10:00-17:00', 'en', sundayEvening)!.status).toBe('Closed now – opens on Tuesday at 10:00');
		expect(summariseOpeningHours('Tu-Su 10:00-17:00', 'de', sundayEvening)!.status).toBe('Jetzt geschlossen – öffnet am Dienstag um 10:00');
		// Monday 7 December 18:00 CET: Tuesday is tomorrow
		expect(summariseOpeningHours('Tu-Su 10:00-17:00', 'de', new Date('2026-12-07T17:00:00Z'))!.status).toBe('Jetzt geschlossen – öffnet morgen um 10:00');
	});

	it('a season that starts months away is named by date', () => {
		// closed over winter; opens 1 April 2027 (a Thursday)
		const s = summariseOpeningHours('Apr-Oct 10:00-17:00', 'de', WED_0930_CET)!;
		expect(s.status).toBe('Jetzt geschlossen – öffnet am 1. April um 10:00');
		expect(s.weekStable).toBe(false);
		expect(s.week.every((d) => d.text === 'geschlossen')).toBe(true);
	});

	it('knows the public holidays of Thuringia (Reformation Day, 31 October)', () => {
		// Saturday 31 October 2026, 12:00 CET (summer time ended on 25 October)
		const reformationDay = new Date('2026-10-31T11:00:00Z');
		expect(summariseOpeningHours('Mo-Su 10:00-17:00; PH off', 'en', reformationDay)!.status).toBe('Closed now – opens tomorrow at 10:00 (Reformationstag)');
		// the day before is an ordinary Friday
		expect(summariseOpeningHours('Mo-Su 10:00-17:00; PH off', 'en', new Date('2026-10-30T11:00:00Z'))!.status).toBe('Open now – closes at 17:00');
	});

	it('around the clock, past midnight, and uncertain hours with a comment', () => {
		const always = summariseOpeningHours('24/7', 'en', WED_0930_CET)!;
		expect(always.status).toBe('Open now (around the clock)');
		expect(always.sameEveryDay).toBe(true);
		expect(always.week[0]!.text).toBe('00:00–24:00');
		const late = summariseOpeningHours('Mo-Su 22:00-02:00', 'de', WED_0930_CET)!;
		expect(late.week[0]!.text).toBe('00:00–02:00, 22:00–24:00');
		const byAppointment = summariseOpeningHours('Mo-Fr 09:00-16:00 "nach Vereinbarung"', 'de', WED_0930_CET)!;
		expect(byAppointment.state).toBe('unknown');
		expect(byAppointment.status).toBe(`${SIGHT_STRINGS.stateUnknown.de} – „nach Vereinbarung“`);
	});

	it('refuses what is not OpenStreetMap syntax instead of guessing', () => {
		expect(parseOpeningHours('whenever')).toBeNull();
		expect(summariseOpeningHours('Mo-Fx 25:00', 'de', WED_0930_CET)).toBeNull();
	});
});
