import type { CalendarHorizonView } from '@salle/contracts';
import { SCHOOL_ZONES, type SchoolCalendar } from '../domain/calendar';
import { daysBetween, type LocalDate } from '../domain/time';

/** Six months: time for the département to ship the next arrêté's dates before people book past them. */
export const CALENDAR_HORIZON_WARN_DAYS = 183;

/**
 * How far the shipped school calendar goes. Past its last day, school days
 * and holidays are unknown (rules treat them as term time), so the admins
 * are warned `warnDays` ahead; `libs/french-calendar/data/README.md` says how
 * to update the data.
 */
export function calendarHorizon(
  calendar: SchoolCalendar,
  today: LocalDate,
  warnDays = CALENDAR_HORIZON_WARN_DAYS,
): CalendarHorizonView {
  const zones = SCHOOL_ZONES.map((zone) => ({ zone, coveredUntil: calendar.coverage(zone)?.last ?? null }));
  const known = zones.map((zone) => zone.coveredUntil).filter((date): date is LocalDate => date !== null);
  const coveredUntil = known.length === zones.length ? ([...known].sort()[0] ?? null) : null;
  return {
    zones,
    coveredUntil,
    warnDays,
    warning: coveredUntil === null || daysBetween(today, coveredUntil) <= warnDays,
  };
}
