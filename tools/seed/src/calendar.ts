import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { addDays, frenchPublicHolidays, type LocalDate } from '@salle/french-calendar';

export const PARIS = 'Europe/Paris';
export const DATA_DIRECTORY = path.join(__dirname, '..', 'data');

export { addDays, daysBetween, weekdayOf, type LocalDate } from '@salle/french-calendar';

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

/** Metropolitan public holidays (Code du travail, L. 3133-1), as the booking service computes them. */
export function publicHolidays(year: number): Set<LocalDate> {
  return new Set(frenchPublicHolidays(year).map((holiday) => holiday.date));
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
