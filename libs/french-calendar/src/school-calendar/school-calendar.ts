import { addDays, weekdayOf, type LocalDate } from '../local-date';
import { publicHolidayOn, type PublicHolidayOptions } from '../public-holidays';
import type { SchoolCalendarData, SchoolHolidayPeriod, SchoolZone } from './school-calendar-parser';

/**
 * A calendar answer that may honestly be "we do not know": dates outside the
 * published calendar are `unknown`, never silently a holiday or a school day.
 * Strings rather than `boolean | undefined` so that `if (answer)` cannot
 * mistake `unknown` for a yes.
 */
export type Tristate = 'yes' | 'no' | 'unknown';

export interface CalendarCoverage {
  /** First day the calendar answers for: the earliest pupils' rentrée. */
  first: LocalDate;
  /** Last day the calendar answers for. */
  last: LocalDate;
}

/**
 * In-memory school calendar of metropolitan zones A, B and C. Holidays are
 * the inclusive ranges first_day_off..last_day_off. A date is known between
 * the earliest rentrée and either the day before an unpublished end
 * (summer 2028: from 5 July 2028 on, the answer is `unknown`) or the last day
 * of the last complete year. Local additions decided by a recteur can be
 * passed as extra periods.
 */
/** The summer holidays' name, as `periodLabel` writes it. */
const SUMMER_HOLIDAYS = 'Vacances d’été';

export class SchoolCalendar {
  private readonly periodsByZone = new Map<SchoolZone, SchoolHolidayPeriod[]>();
  private readonly coverageByZone = new Map<SchoolZone, CalendarCoverage>();

  constructor(data: SchoolCalendarData) {
    for (const period of data.periods) {
      const list = this.periodsByZone.get(period.zone) ?? [];
      list.push(period);
      this.periodsByZone.set(period.zone, list);
    }
    for (const [zone, periods] of this.periodsByZone) {
      periods.sort((a, b) => a.firstDayOff.localeCompare(b.firstDayOff));
      const starts = data.yearStarts.filter((start) => start.zone === zone).map((start) => start.classesResume);
      const first = [...starts, ...periods.map((period) => period.firstDayOff)].sort()[0];
      const openEnded = periods
        .filter((period) => period.lastDayOff === null)
        .map((period) => period.firstDayOff)
        .sort();
      const last =
        openEnded.length > 0
          ? addDays(openEnded[0], -1)
          : periods.flatMap((period) => period.lastDayOff ?? []).sort()[periods.length - 1];
      this.coverageByZone.set(zone, { first, last });
    }
  }

  /** The days this zone's answers are known for, or null when the zone has no data. */
  coverage(zone: SchoolZone): CalendarCoverage | null {
    return this.coverageByZone.get(zone) ?? null;
  }

  /** This zone's holiday periods in date order, the one with an unpublished end included. */
  holidayPeriods(zone: SchoolZone): readonly SchoolHolidayPeriod[] {
    return this.periodsByZone.get(zone) ?? [];
  }

  /**
   * The last day of classes of the school year `date` belongs to (in summer, of the next one): the day
   * classes end before the summer holidays. Null while that summer is not published.
   */
  schoolYearEnd(zone: SchoolZone, date: LocalDate): LocalDate | null {
    const summer = this.holidayPeriods(zone).find(
      (period) => period.period === SUMMER_HOLIDAYS && period.classesEndAfter >= date,
    );
    return summer?.classesEndAfter ?? null;
  }

  /** The holiday period `date` falls in, when it is known. */
  holidayPeriodOn(zone: SchoolZone, date: LocalDate): SchoolHolidayPeriod | null {
    if (!this.isCovered(zone, date)) return null;
    return (
      this.periodsByZone
        .get(zone)
        ?.find((period) => period.firstDayOff <= date && period.lastDayOff !== null && date <= period.lastDayOff) ??
      null
    );
  }

  isSchoolHoliday(zone: SchoolZone, date: LocalDate): Tristate {
    if (!this.isCovered(zone, date)) return 'unknown';
    return this.holidayPeriodOn(zone, date) ? 'yes' : 'no';
  }

  /**
   * Whether pupils may be in the building on `date` whatever the weekday:
   * not a school holiday and not a public holiday. Opening rules combine it
   * with the establishment's school hours, which say which weekdays have
   * classes (Monday to Friday by default; a collège with Saturday-morning
   * classes adds Saturday there).
   */
  isTermDay(zone: SchoolZone, date: LocalDate, options: PublicHolidayOptions = {}): Tristate {
    if (publicHolidayOn(date, options)) return 'no';
    const holiday = this.isSchoolHoliday(zone, date);
    return holiday === 'unknown' ? 'unknown' : holiday === 'yes' ? 'no' : 'yes';
  }

  /**
   * Whether a collège holds classes on `date`: a weekday (Monday to Friday)
   * that is a term day. Saturday is treated as a day without classes, as in
   * the ministry's own derivation of the holiday dates; Sunday never has
   * classes. Weekends and public holidays are `no` even outside the
   * published calendar.
   */
  isSchoolDay(zone: SchoolZone, date: LocalDate, options: PublicHolidayOptions = {}): Tristate {
    if (weekdayOf(date) >= 6) return 'no';
    return this.isTermDay(zone, date, options);
  }

  /** A view bound to one zone and one public-holiday regime, as opening rules use it. */
  forZone(zone: SchoolZone, options: PublicHolidayOptions = {}): ZoneCalendar {
    return {
      zone,
      publicHolidayOn: (date) => publicHolidayOn(date, options),
      holidayPeriods: () => this.holidayPeriods(zone),
      holidayPeriodOn: (date) => this.holidayPeriodOn(zone, date),
      isSchoolHoliday: (date) => this.isSchoolHoliday(zone, date),
      isTermDay: (date) => this.isTermDay(zone, date, options),
      isSchoolDay: (date) => this.isSchoolDay(zone, date, options),
    };
  }

  private isCovered(zone: SchoolZone, date: LocalDate): boolean {
    const coverage = this.coverageByZone.get(zone);
    return coverage !== undefined && coverage.first <= date && date <= coverage.last;
  }
}

/** The calendar of one zone, with its public holidays (Alsace-Moselle or not). */
export interface ZoneCalendar {
  zone: SchoolZone;
  publicHolidayOn(date: LocalDate): string | null;
  holidayPeriods(): readonly SchoolHolidayPeriod[];
  holidayPeriodOn(date: LocalDate): SchoolHolidayPeriod | null;
  isSchoolHoliday(date: LocalDate): Tristate;
  isTermDay(date: LocalDate): Tristate;
  isSchoolDay(date: LocalDate): Tristate;
}
