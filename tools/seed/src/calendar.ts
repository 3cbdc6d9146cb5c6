import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';

export const PARIS = 'Europe/Paris';
export const DATA_DIRECTORY = path.join(__dirname, '..', 'data');

/** `YYYY-MM-DD`, a Paris civil date. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const utcDay = (date: LocalDate) => Date.parse(`${date}T00:00:00Z`);

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(utcDay(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return ((new Date(utcDay(date)).getUTCDay() + 6) % 7) + 1;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

const instantCache = new Map<string, number>();

/**
 * The instant at which Paris clocks show the wall time `minutes` after
 * midnight on `date` (1440 = the next midnight): 19:00 stays 19:00 on the
 * days clocks change. Cached, since the generators ask for the same few
 * times of the same days again and again.
 */
export function parisInstant(date: LocalDate, minutes: number): Date {
  const key = `${date}|${minutes}`;
  let cached = instantCache.get(key);
  if (cached === undefined) {
    const day = minutes >= 1440 ? addDays(date, Math.floor(minutes / 1440)) : date;
    const rest = minutes % 1440;
    const [year, month, dayOfMonth] = day.split('-').map(Number);
    cached = DateTime.fromObject({ year, month, day: dayOfMonth, hour: Math.floor(rest / 60), minute: rest % 60 }, { zone: PARIS }).toMillis();
    instantCache.set(key, cached);
  }
  return new Date(cached);
}

export function parisDateOf(instant: Date): LocalDate {
  return DateTime.fromJSDate(instant, { zone: PARIS }).toISODate() as LocalDate;
}

/** Gregorian Easter Sunday (anonymous algorithm). */
function easterSunday(year: number): LocalDate {
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
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Metropolitan public holidays (Code du travail, L. 3133-1). */
export function publicHolidays(year: number): Set<LocalDate> {
  const easter = easterSunday(year);
  return new Set([
    `${year}-01-01`,
    addDays(easter, 1),
    `${year}-05-01`,
    `${year}-05-08`,
    addDays(easter, 39),
    addDays(easter, 50),
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ]);
}

export type DayKind = 'term' | 'holiday' | 'public_holiday';

/**
 * School days and holidays of one zone, from the official calendar shipped
 * in data/school-holidays-fr.csv (the booking service's copy). A date the
 * calendar does not cover counts as a term day: the seed then only uses
 * term-time windows, which the booking service also accepts on such days.
 */
export class SeedCalendar {
  private readonly holidays: { first: LocalDate; last: LocalDate }[];
  private readonly publicHolidayCache = new Map<number, Set<LocalDate>>();

  constructor(readonly zone: 'A' | 'B' | 'C' = 'A') {
    const rows = parse(readFileSync(path.join(DATA_DIRECTORY, 'school-holidays-fr.csv'), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    this.holidays = rows
      .filter((row) => row['zone'] === zone && row['first_day_off'] && row['last_day_off'])
      .map((row) => ({ first: row['first_day_off'] as LocalDate, last: row['last_day_off'] as LocalDate }));
  }

  isPublicHoliday(date: LocalDate): boolean {
    const year = Number(date.slice(0, 4));
    let set = this.publicHolidayCache.get(year);
    if (!set) {
      set = publicHolidays(year);
      this.publicHolidayCache.set(year, set);
    }
    return set.has(date);
  }

  isSchoolHoliday(date: LocalDate): boolean {
    return this.holidays.some((period) => period.first <= date && date <= period.last);
  }

  private readonly kinds = new Map<LocalDate, DayKind>();

  kindOf(date: LocalDate): DayKind {
    let kind = this.kinds.get(date);
    if (kind === undefined) {
      kind = this.isPublicHoliday(date) ? 'public_holiday' : this.isSchoolHoliday(date) ? 'holiday' : 'term';
      this.kinds.set(date, kind);
    }
    return kind;
  }

  /** The pupils' first day of the school year starting in `year` (1 September when the calendar does not say). */
  rentree(year: number): LocalDate {
    const summer = this.holidays.find((period) => period.first.startsWith(`${year}-07`));
    return summer ? addDays(summer.last, 1) : `${year}-09-01`;
  }

  /** The first day of the summer holidays ending the school year that started in `year`. */
  summerStart(year: number): LocalDate {
    const summer = this.holidays.find((period) => period.first.startsWith(`${year + 1}-07`));
    return summer ? summer.first : `${year + 1}-07-04`;
  }
}
