import type { BookingStatus } from '@salle/contracts';

/** What grouping needs of a booking: its id, series and start. */
export interface SeriesMember {
  id: string;
  seriesId: string | null;
  startsAt: string;
  status: BookingStatus;
}

/** One line of a list: a one-off booking, or a whole series with its occurrences in time order. */
export type BookingItem<T extends SeriesMember> =
  { kind: 'single'; key: string; booking: T } | { kind: 'series'; key: string; seriesId: string; occurrences: T[] };

/**
 * Gathers the occurrences of each series into one item, placed where its
 * first occurrence stood in `bookings`, so that a season of twenty sessions
 * is one line of a list and not twenty.
 */
export function groupBySeries<T extends SeriesMember>(bookings: readonly T[]): BookingItem<T>[] {
  const items: BookingItem<T>[] = [];
  const series = new Map<string, T[]>();
  for (const booking of bookings) {
    if (!booking.seriesId) {
      items.push({ kind: 'single', key: booking.id, booking });
      continue;
    }
    const occurrences = series.get(booking.seriesId);
    if (occurrences) {
      occurrences.push(booking);
      continue;
    }
    const fresh = [booking];
    series.set(booking.seriesId, fresh);
    items.push({ kind: 'series', key: booking.seriesId, seriesId: booking.seriesId, occurrences: fresh });
  }
  for (const occurrences of series.values()) occurrences.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return items;
}

/** How many occurrences are in each status, in the order statuses first appear. */
export function statusCounts(occurrences: readonly SeriesMember[]): [BookingStatus, number][] {
  const counts = new Map<BookingStatus, number>();
  for (const occurrence of occurrences) counts.set(occurrence.status, (counts.get(occurrence.status) ?? 0) + 1);
  return [...counts.entries()];
}
