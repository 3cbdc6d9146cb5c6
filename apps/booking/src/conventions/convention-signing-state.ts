import type { EntityManager } from 'typeorm';
import type { BookingEntity } from '../database/entities';

/** The convention row of a booking: its series' for an occurrence of a series, its own otherwise ($1 series, $2 booking). */
export const conventionOfBooking = (c: string) =>
  `(($1::uuid IS NOT NULL AND ${c}.series_id = $1) OR ($1::uuid IS NULL AND ${c}.booking_id = $2))`;

/** The same, on `FROM booking.convention` without an alias. */
export const CONVENTION_OF_BOOKING = conventionOfBooking('convention');

/**
 * Whether the booking's convention carries all its signatures (the lifecycle's gate reads it, in its transaction):
 * its own convention, or in framework mode both its annex and the framework the annex refers to.
 */
export async function conventionFullySigned(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'id' | 'seriesId'>,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM booking.convention c LEFT JOIN booking.convention f ON f.id = c.framework_id
      WHERE ${conventionOfBooking('c')} AND c.completed_at IS NOT NULL
        AND (c.framework_id IS NULL OR f.completed_at IS NOT NULL)`,
    [booking.seriesId, booking.id],
  )) as unknown[];
  return rows.length > 0;
}
