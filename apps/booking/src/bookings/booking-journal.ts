import type { EntityManager } from 'typeorm';
import type { EventPayload, EventType } from '@salle/contracts';
import { createOutbox } from '@salle/events';
import { AuditEntryEntity, type BookingEntity, type BookingStatus } from '../database/entities';

const outbox = createOutbox({ schema: 'booking' });

export interface JournalActor {
  accountId: string | null;
  role: 'organisation_member' | 'establishment_manager' | 'department_admin' | 'system';
}

/**
 * Records one state change of a booking inside the caller's transaction:
 * the audit entry (who, when, from, to, why) and, when other services must
 * react, the outbox event. Both commit with the change or not at all.
 */
export async function recordChange<T extends EventType>(
  manager: EntityManager,
  booking: BookingEntity,
  change: {
    from: BookingStatus | null;
    actor: JournalActor;
    reason?: string | null;
    event?: { type: T; payload: EventPayload<T>; requestId?: string };
  },
): Promise<void> {
  await manager.insert(AuditEntryEntity, {
    bookingId: booking.id,
    actorAccountId: change.actor.accountId,
    actorRole: change.actor.role,
    fromStatus: change.from,
    toStatus: booking.status,
    reason: change.reason ?? null,
  });
  if (change.event) {
    await outbox.add(manager, {
      type: change.event.type,
      aggregateId: booking.id,
      payload: change.event.payload,
      requestId: change.event.requestId,
    });
  }
}

export function slotOf(booking: BookingEntity) {
  return {
    bookingId: booking.id,
    establishmentId: booking.establishmentId,
    organisationId: booking.organisationId,
    spaceId: booking.spaceId,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
  };
}
