import type { EntityManager } from 'typeorm';
import type { BookingEntity } from '../database/entities';

/** The convention row of a booking: its series' for an occurrence of a series, its own otherwise. */
export const CONVENTION_OF_BOOKING = `(($1::uuid IS NOT NULL AND series_id = $1) OR ($1::uuid IS NULL AND booking_id = $2))`;

/** Whether the booking's convention carries all its signatures (the lifecycle's gate reads it, in its transaction). */
export async function conventionFullySigned(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'id' | 'seriesId'>,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM booking.convention WHERE ${CONVENTION_OF_BOOKING} AND completed_at IS NOT NULL`,
    [booking.seriesId, booking.id],
  )) as unknown[];
  return rows.length > 0;
}
