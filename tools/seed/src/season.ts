import { addDays, parisDateOf, parisInstant, parseLocalDate, SeedCalendar, type LocalDate } from './calendar';
import type { BookingContext } from './bookings';

/** The policy of the booking service's defaults (BOOKING_DECISION_DAYS, BOOKING_PAYMENT_DEADLINE_HOURS). */
const DECISION_DAYS = 10;
const PAYMENT_DEADLINE_HOURS = 72;

export interface Season extends BookingContext {
  /** The year the school year starts in (2026 for 2026-2027). */
  year: number;
  today: LocalDate;
  /** When the département entered its catalogue, before the season. */
  catalogueCreatedAt: Date;
}

export function parisToday(now = new Date()): LocalDate {
  return parisDateOf(now);
}

/**
 * The school year a data set describes, seen from `today` (a Paris date):
 * from August on, the year starting that September; before, the one that
 * started the previous September. "Now" is noon on `today`, so that a seed
 * run on a given day always produces the same rows.
 */
export function seasonOf(todayText: string, calendar = new SeedCalendar('A')): Season {
  const today = parseLocalDate(todayText, 'today');
  const year = Number(today.slice(5, 7)) >= 8 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  return {
    year,
    today,
    now: parisInstant(today, 12 * 60),
    seasonStart: calendar.rentree(year),
    termEnd: addDays(calendar.summerStart(year), -1),
    seasonEnd: parseLocalDate(`${year + 1}-08-31`),
    calendar,
    decisionDays: DECISION_DAYS,
    paymentDeadlineHours: PAYMENT_DEADLINE_HOURS,
    catalogueCreatedAt: parisInstant(parseLocalDate(`${year}-06-15`), 9 * 60),
  };
}
