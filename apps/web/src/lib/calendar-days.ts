import { addDays, parisInstant } from './paris-time';

export interface DaySegment<T> {
  segment: T;
  /** The part of the segment inside this day. */
  startsAt: string;
  endsAt: string;
  /** It fills the whole day (a closure, typically). */
  allDay: boolean;
}

export interface CalendarDay<T> {
  date: string;
  segments: DaySegment<T>[];
}

/**
 * Lays segments out on the seven Paris days from `monday`: a segment that
 * spans midnight (a closure over a weekend) appears on each day it touches,
 * clipped to that day, so every day reads on its own.
 */
export function segmentsByDay<T extends { startsAt: string; endsAt: string }>(
  segments: readonly T[],
  monday: string,
  days = 7,
): CalendarDay<T>[] {
  const result: CalendarDay<T>[] = [];
  for (let index = 0; index < days; index++) {
    const date = addDays(monday, index);
    const dayStart = parisInstant(date, '00:00').getTime();
    const dayEnd = parisInstant(addDays(date, 1), '00:00').getTime();
    const items: DaySegment<T>[] = [];
    for (const segment of segments) {
      const start = Math.max(Date.parse(segment.startsAt), dayStart);
      const end = Math.min(Date.parse(segment.endsAt), dayEnd);
      if (end <= start) continue;
      items.push({
        segment,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(end).toISOString(),
        allDay: start === dayStart && end === dayEnd,
      });
    }
    items.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    result.push({ date, segments: items });
  }
  return result;
}

/** Whether a free piece of a day can hold the shortest booking the space accepts. */
export function longEnough(piece: { startsAt: string; endsAt: string }, minDurationMinutes: number): boolean {
  return Date.parse(piece.endsAt) - Date.parse(piece.startsAt) >= minDurationMinutes * 60_000;
}
