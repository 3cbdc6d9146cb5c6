import type { ZoneCalendar } from '../calendar';
import { eachDate } from '@salle/french-calendar';
import {
  intersectIntervals,
  normalizeIntervals,
  subtractIntervals,
  unionIntervals,
  type TimeInterval,
} from '../time/interval-set';
import { localDateOf } from '../time/paris-time';
import { effectiveWindows, planDay } from './day-plan';
import { resolveOpeningRules, type OpeningRules } from './opening-rules';

/** Longest search the function accepts, to keep one request from computing years of slots. */
export const MAX_SEARCH_DAYS = 800;

/**
 * Intervals of [from, to) in which the space may be booked according to its
 * rules alone (existing bookings are removed with `freeIntervals`):
 * the union of each day's opening windows (holiday windows on school-holiday
 * days), minus public holidays when the space closes on them, minus school
 * hours on term days and on days the school calendar does not know, minus
 * closures, minus anything outside the validity range. Intervals shorter than
 * the minimum duration are dropped because no booking fits in them.
 * Computed per day and window with interval-set operations, not per minute.
 */
export function offerableIntervals(rules: OpeningRules, calendar: ZoneCalendar, from: Date, to: Date): TimeInterval[] {
  if (!(to.getTime() > from.getTime())) return [];
  if (to.getTime() - from.getTime() > MAX_SEARCH_DAYS * 86_400_000) {
    throw new RangeError(`availability is computed for at most ${MAX_SEARCH_DAYS} days at a time`);
  }
  const resolved = resolveOpeningRules(rules);
  const open: TimeInterval[] = [];
  const school: TimeInterval[] = [];
  const lastInstant = new Date(to.getTime() - 1);
  for (const date of eachDate(localDateOf(from, resolved.timeZone), localDateOf(lastInstant, resolved.timeZone))) {
    const plan = planDay(resolved, calendar, date);
    open.push(...effectiveWindows(resolved, plan));
    school.push(...plan.schoolTime);
  }
  const offerable = intersectIntervals(subtractIntervals(unionIntervals(open), [...school, ...resolved.closures]), [
    { start: from, end: to },
  ]);
  const minimum = (resolved.minDurationMinutes ?? 0) * 60_000;
  return offerable.filter((item) => item.end.getTime() - item.start.getTime() >= minimum);
}

/**
 * Offerable intervals minus existing bookings, each widened by the space's
 * turnaround buffer on both sides (the time to tidy and hand over keys), so
 * that any slot inside the result keeps `bufferMinutes` of gap to them.
 */
export function freeIntervals(
  offerable: readonly TimeInterval[],
  busy: readonly TimeInterval[],
  bufferMinutes = 0,
): TimeInterval[] {
  return subtractIntervals(offerable, widen(busy, bufferMinutes));
}

/** Each interval extended by `minutes` on both sides, merged. */
export function widen(intervals: readonly TimeInterval[], minutes: number): TimeInterval[] {
  const margin = minutes * 60_000;
  return normalizeIntervals(
    intervals.map((item) => ({
      start: new Date(item.start.getTime() - margin),
      end: new Date(item.end.getTime() + margin),
    })),
  );
}
