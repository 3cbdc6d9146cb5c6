import type { Tristate, ZoneCalendar } from '../calendar';
import { weekdayOf, type LocalDate } from '@salle/french-calendar';
import { END_OF_DAY, localInstant, START_OF_DAY } from '../time/paris-time';
import type { TimeInterval } from '../time/interval-set';
import type { ResolvedOpeningRules, WeeklyWindow } from './opening-rules';

/** What the rules say about one local day; shared by the availability search and the slot check. */
export interface DayPlan {
  date: LocalDate;
  /** The whole local day [00:00, 24:00) as instants (23 or 25 hours on DST days). */
  day: TimeInterval;
  withinValidity: boolean;
  publicHoliday: string | null;
  schoolHoliday: Tristate;
  termDay: Tristate;
  /** Opening windows of the day before validity and public holidays are applied. */
  windows: TimeInterval[];
  /** The holiday windows, on a day whose holiday status is unknown (they would apply if it were a holiday). */
  windowsIfHoliday: TimeInterval[] | null;
  /** School hours to keep free: on term days, and on days the calendar does not know. */
  schoolTime: TimeInterval[];
}

function placeWindows(windows: readonly WeeklyWindow[], date: LocalDate, timeZone: string): TimeInterval[] {
  const weekday = weekdayOf(date);
  return windows
    .filter((window) => window.weekdays.includes(weekday))
    .map((window) => ({
      start: localInstant(date, window.start, timeZone),
      end: localInstant(date, window.end, timeZone),
    }))
    .filter((item) => item.end.getTime() > item.start.getTime());
}

export function planDay(rules: ResolvedOpeningRules, calendar: ZoneCalendar, date: LocalDate): DayPlan {
  const schoolHoliday = calendar.isSchoolHoliday(date);
  const termDay = calendar.isTermDay(date);
  const withinValidity =
    (!rules.validFrom || rules.validFrom <= date) && (!rules.validUntil || date <= rules.validUntil);
  const holidayWindows = rules.holidayWindows;
  const windows = placeWindows(
    schoolHoliday === 'yes' && holidayWindows ? holidayWindows : rules.weeklyWindows,
    date,
    rules.timeZone,
  );
  return {
    date,
    day: {
      start: localInstant(date, START_OF_DAY, rules.timeZone),
      end: localInstant(date, END_OF_DAY, rules.timeZone),
    },
    withinValidity,
    publicHoliday: calendar.publicHolidayOn(date),
    schoolHoliday,
    termDay,
    windows,
    windowsIfHoliday:
      schoolHoliday === 'unknown' && holidayWindows ? placeWindows(holidayWindows, date, rules.timeZone) : null,
    schoolTime:
      rules.outsideSchoolTime && termDay !== 'no' ? placeWindows(rules.schoolHours, date, rules.timeZone) : [],
  };
}

/** Windows in which the day may actually open: within validity and not a closed public holiday. */
export function effectiveWindows(rules: ResolvedOpeningRules, plan: DayPlan): TimeInterval[] {
  if (!plan.withinValidity) return [];
  if (plan.publicHoliday && rules.closedOnPublicHolidays) return [];
  return plan.windows;
}
