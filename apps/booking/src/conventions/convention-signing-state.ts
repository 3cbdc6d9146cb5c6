import type { EntityManager } from 'typeorm';
import { runPrepared } from '@salle/db';
import type { BookingEntity } from '../database/entities';

/** The convention row of a booking: its series' for an occurrence of a series, its own otherwise ($1 series, $2 booking). */
export const conventionOfBooking = (c: string) =>
  `(($1::uuid IS NOT NULL AND ${c}.series_id = $1) OR ($1::uuid IS NULL AND ${c}.booking_id = $2))`;

/** The same, on `FROM booking.convention` without an alias. */
export const CONVENTION_OF_BOOKING = conventionOfBooking('convention');

/**
 * The fully signed conventions among those of series $1 and of one-off bookings $2: its own convention complete, and
 * in framework mode the framework its annex refers to complete too. A convention belongs to a booking or to a series,
 * never both (CHECK), so each row answers for one of them.
 */
const FULLY_SIGNED_SQL = `
  SELECT c.series_id AS "seriesId", c.booking_id AS "bookingId"
    FROM booking.convention c LEFT JOIN booking.convention f ON f.id = c.framework_id
   WHERE (c.series_id = ANY($1::uuid[]) OR c.booking_id = ANY($2::uuid[]))
     AND c.completed_at IS NOT NULL AND (c.framework_id IS NULL OR f.completed_at IS NOT NULL)`;

export interface SignedConventions {
  series: ReadonlySet<string>;
  bookings: ReadonlySet<string>;
}

/**
 * Which of these series and one-off bookings have a fully signed convention, in one prepared statement whatever
 * their number (a page of bookings reads it once, not once per booking), on `manager`'s transaction if it has one.
 */
export async function fullySignedConventions(
  manager: EntityManager,
  of: { seriesIds: readonly string[]; bookingIds: readonly string[] },
): Promise<SignedConventions> {
  const series = new Set<string>();
  const bookings = new Set<string>();
  if (of.seriesIds.length === 0 && of.bookingIds.length === 0) return { series, bookings };
  const { rows } = await runPrepared<{ seriesId: string | null; bookingId: string | null }>(
    manager.queryRunner ?? manager.connection,
    FULLY_SIGNED_SQL,
    [[...new Set(of.seriesIds)], [...new Set(of.bookingIds)]],
  );
  for (const row of rows) {
    if (row.seriesId) series.add(row.seriesId);
    if (row.bookingId) bookings.add(row.bookingId);
  }
  return { series, bookings };
}

/** Whether the booking's convention (its series' for an occurrence) is among `signed`. */
export function signedConventionOf(signed: SignedConventions, booking: Pick<BookingEntity, 'id' | 'seriesId'>) {
  return booking.seriesId ? signed.series.has(booking.seriesId) : signed.bookings.has(booking.id);
}

/**
 * Whether the booking's convention carries all its signatures (the lifecycle's gate reads it, in its transaction):
 * its own convention, or in framework mode both its annex and the framework the annex refers to.
 */
export async function conventionFullySigned(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'id' | 'seriesId'>,
): Promise<boolean> {
  const signed = await fullySignedConventions(
    manager,
    booking.seriesId ? { seriesIds: [booking.seriesId], bookingIds: [] } : { seriesIds: [], bookingIds: [booking.id] },
  );
  return signedConventionOf(signed, booking);
}
