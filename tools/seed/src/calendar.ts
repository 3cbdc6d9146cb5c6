import path from 'node:path';
import { DateTime } from 'luxon';
import {
  addDays,
  loadSchoolCalendar,
  parseLocalDate,
  type LocalDate,
  type SchoolCalendar,
  type SchoolZone,
  type ZoneCalendar,
} from '@salle/french-calendar';

export const PARIS = 'Europe/Paris';
export const DATA_DIRECTORY = path.join(__dirname, '..', 'data');

export { addDays, daysBetween, parseLocalDate, weekdayOf, type LocalDate } from '@salle/french-calendar';

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
    cached = DateTime.fromObject(
      { year, month, day: dayOfMonth, hour: Math.floor(rest / 60), minute: rest % 60 },
      { zone: PARIS },
    ).toMillis();
    instantCache.set(key, cached);
  }
  return new Date(cached);
}

export function parisDateOf(instant: Date): LocalDate {
  return parseLocalDate(DateTime.fromJSDate(instant, { zone: PARIS }).toISODate() ?? '');
}

export type DayKind = 'term' | 'holiday' | 'public_holiday';

let schoolCalendar: SchoolCalendar | undefined;

/**
 * School days and holidays of one zone, from the official calendar of
 * @salle/french-calendar that the booking service reads too, and the
 * metropolitan public holidays. A date the calendar does not cover counts as
 * a term day: the seed then only uses term-time windows, which the booking
 * service also accepts on such days.
 */
export class SeedCalendar {
  private readonly calendar: ZoneCalendar;
  /** Holidays with a published end; the unpublished end of a summer is not a holiday to the seed. */
  private readonly holidays: { first: LocalDate; last: LocalDate }[];

  constructor(readonly zone: SchoolZone = 'A') {
    schoolCalendar ??= loadSchoolCalendar().calendar;
    this.calendar = schoolCalendar.forZone(zone);
    this.holidays = this.calendar
      .holidayPeriods()
      .flatMap((period) =>
        period.lastDayOff === null ? [] : [{ first: period.firstDayOff, last: period.lastDayOff }],
      );
  }

  isPublicHoliday(date: LocalDate): boolean {
    return this.calendar.publicHolidayOn(date) !== null;
  }

  isSchoolHoliday(date: LocalDate): boolean {
    return this.calendar.isSchoolHoliday(date) === 'yes';
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
    return summer ? addDays(summer.last, 1) : parseLocalDate(`${year}-09-01`);
  }

  /** The first day of the summer holidays ending the school year that started in `year`. */
  summerStart(year: number): LocalDate {
    const summer = this.holidays.find((period) => period.first.startsWith(`${year + 1}-07`));
    return summer ? summer.first : parseLocalDate(`${year + 1}-07-04`);
  }
}
