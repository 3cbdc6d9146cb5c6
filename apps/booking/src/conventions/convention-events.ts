import type { EntityManager } from 'typeorm';
import { createOutbox } from '@salle/events';
import type { BookingEntity } from '../database/entities';

const outbox = createOutbox({ schema: 'booking' });

/** Who a convention concerns, as its events carry it (a series' convention is reached through one of its bookings). */
export function conventionParties(
  booking: Pick<BookingEntity, 'id' | 'seriesId' | 'establishmentId' | 'organisationId'>,
  conventionId: string,
) {
  return {
    conventionId,
    bookingId: booking.id,
    seriesId: booking.seriesId,
    establishmentId: booking.establishmentId,
    organisationId: booking.organisationId,
  };
}

/** `convention.issued`, once per convention (its row's insert), in that insert's transaction. */
export async function announceIssued(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'id' | 'seriesId' | 'establishmentId' | 'organisationId'>,
  conventionId: string,
): Promise<void> {
  await outbox.add(manager, {
    type: 'convention.issued',
    aggregateId: booking.id,
    payload: conventionParties(booking, conventionId),
  });
}
