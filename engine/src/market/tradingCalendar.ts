/**
 * Which days a market is open, so that closed days are not mistaken for gaps.
 * - `24/7`: every bar of every day (crypto).
 * - `weekdays`: Monday to Friday, UTC (FX fixings, and any weekday-only series whose holidays are
 *   to be treated as gaps and forward-filled).
 * - `nyse`: New York Stock Exchange trading days (daily bars only): weekdays minus the NYSE's
 *   regular holidays and its unscheduled closures since 1985 (see `nyseHolidays`).
 * Days are UTC dates; a daily bar's time is 00:00 UTC of its trading date.
 */
export const tradingCalendars = ["24/7", "weekdays", "nyse"] as const;
export type TradingCalendar = (typeof tradingCalendars)[number];

const DAY = 86_400;

/** 0 = Sunday ... 6 = Saturday, for the UTC date of a unix time (1970-01-01 was a Thursday). */
export function utcWeekday(time: number): number {
  return (((Math.floor(time / DAY) + 4) % 7) + 7) % 7;
}

/** Whether the calendar expects a bar that opens at `time` (unix seconds). */
export function isTradingTime(calendar: TradingCalendar, time: number): boolean {
  if (calendar === "24/7") return true;
  const weekday = utcWeekday(time);
  if (weekday === 0 || weekday === 6) return false;
  if (calendar === "weekdays") return true;
  return !nyseHolidaySet(utcYear(time)).has(Math.floor(time / DAY));
}

/** The first time after `time`, stepping by `stepSeconds`, at which the calendar expects a bar. */
export function nextTradingTime(calendar: TradingCalendar, time: number, stepSeconds: number): number {
  let next = time + stepSeconds;
  while (!isTradingTime(calendar, next)) next += stepSeconds;
  return next;
}

function utcYear(time: number): number {
  return new Date(time * 1000).getUTCFullYear(); // determinism-ok: calendar arithmetic on a given time
}

const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;

/** The n-th (1-based) given weekday of a month, or the last one when n is -1, as a day number. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n === -1) {
    const last = dayNumber(year, month + 1, 0);
    return last - ((utcWeekday(last * DAY) - weekday + 7) % 7);
  }
  const first = dayNumber(year, month, 1);
  return first + ((weekday - utcWeekday(first * DAY) + 7) % 7) + (n - 1) * 7;
}

/** Easter Sunday (Gregorian), anonymous algorithm of Meeus/Jones/Butcher, as a day number. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

/** A fixed-date holiday moves to Friday when on Saturday and to Monday when on Sunday (NYSE Rule 7.2). */
function observed(day: number): number {
  const weekday = utcWeekday(day * DAY);
  if (weekday === 6) return day - 1;
  if (weekday === 0) return day + 1;
  return day;
}

/** Unscheduled full-day closures (hurricanes, national days of mourning, September 11). */
const nyseSpecialClosures = [
  "1985-09-27",
  "1994-04-27",
  "2001-09-11",
  "2001-09-12",
  "2001-09-13",
  "2001-09-14",
  "2004-06-11",
  "2007-01-02",
  "2012-10-29",
  "2012-10-30",
  "2018-12-05",
  "2025-01-09",
];

/**
 * NYSE full-day holidays of a year as ISO dates, sorted: New Year's Day (not made up on Friday
 * when it falls on a Saturday), Martin Luther King Jr. Day (from 1998), Washington's Birthday,
 * Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving,
 * Christmas, plus the unscheduled closures listed above. Rules as published by the NYSE; closures
 * announced after this list was written are not known to it.
 */
export function nyseHolidays(year: number): string[] {
  return [...nyseHolidaySet(year)]
    .sort((a, b) => a - b)
    .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10)); // determinism-ok: formats a given day
}

const holidayCache = new Map<number, ReadonlySet<number>>();

function nyseHolidaySet(year: number): ReadonlySet<number> {
  const cached = holidayCache.get(year);
  if (cached !== undefined) return cached;
  const days = new Set<number>();
  const newYear = dayNumber(year, 1, 1);
  if (utcWeekday(newYear * DAY) === 0) days.add(newYear + 1);
  else if (utcWeekday(newYear * DAY) !== 6) days.add(newYear);
  if (year >= 1998) days.add(nthWeekday(year, 1, 1, 3));
  days.add(nthWeekday(year, 2, 1, 3));
  days.add(easterSunday(year) - 2);
  days.add(nthWeekday(year, 5, 1, -1));
  if (year >= 2022) days.add(observed(dayNumber(year, 6, 19)));
  days.add(observed(dayNumber(year, 7, 4)));
  days.add(nthWeekday(year, 9, 1, 1));
  days.add(nthWeekday(year, 11, 4, 4));
  days.add(observed(dayNumber(year, 12, 25)));
  for (const date of nyseSpecialClosures) {
    if (date.startsWith(`${year}-`)) {
      days.add(dayNumber(year, Number(date.slice(5, 7)), Number(date.slice(8, 10))));
    }
  }
  holidayCache.set(year, days);
  return days;
}
