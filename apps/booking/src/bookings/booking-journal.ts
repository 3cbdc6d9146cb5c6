import type { EntityManager } from 'typeorm';
import type { BookingPartyNames, BookingStatus, EventPayload, EventType } from '@salle/contracts';
import { createOutbox } from '@salle/events';
import { AuditEntryEntity, type BookingEntity } from '../database/entities';
import { isCancellable, type Actor, type BookingAction } from '../domain/lifecycle';

const outbox = createOutbox({ schema: 'booking' });

export interface JournalActor {
  accountId: string | null;
  role: 'organisation_member' | 'establishment_manager' | 'department_admin' | 'system';
  /** The organisation a staff member acts for when they enter its request. */
  onBehalfOf?: string;
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
    onBehalfOf: change.actor.onBehalfOf ?? null,
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

export interface TransitionOptions {
  actor: Actor;
  journal: JournalActor;
  now: Date;
  requestId?: string;
  reason?: string;
  /** The payment that confirmed the booking, for `payment_succeeded`. */
  paymentId?: string;
}

type JournalEvent = NonNullable<Parameters<typeof recordChange>[2]['event']>;

/**
 * The event other services need after a transition, if any. `labels` names
 * the parties on booking.approved (payment prints them on the checkout and the receipt), and on the
 * booking.confirmed of an invoiced booking with the payer's identifiers (payment issues the invoice).
 */
export function transitionEvent(
  action: BookingAction,
  from: BookingStatus,
  booking: BookingEntity,
  change: TransitionOptions,
  labels?: BookingPartyNames,
  establishmentSiret: string | null = null,
): JournalEvent | undefined {
  const { requestId, reason } = change;
  const parties = {
    bookingId: booking.id,
    establishmentId: booking.establishmentId,
    organisationId: booking.organisationId,
  };
  switch (action) {
    case 'approve':
      return booking.status === 'confirmed'
        ? {
            type: 'booking.confirmed',
            payload: {
              ...slotOf(booking),
              priceCents: booking.priceCents,
              paymentId: null,
              ...(booking.publicPayer && labels
                ? { invoice: { payer: booking.publicPayer, labels, establishmentSiret } }
                : {}),
            },
            requestId,
          }
        : {
            type: 'booking.approved',
            payload: {
              ...slotOf(booking),
              priceCents: booking.priceCents,
              paymentDueAt: booking.expiresAt?.toISOString() ?? null,
              labels,
            },
            requestId,
          };
    case 'payment_succeeded':
      return {
        type: 'booking.confirmed',
        payload: { ...slotOf(booking), priceCents: booking.priceCents, paymentId: change.paymentId ?? null },
        requestId,
      };
    case 'refuse':
      return { type: 'booking.refused', payload: { ...parties, reason: reason ?? null }, requestId };
    case 'cancel':
      return {
        type: 'booking.cancelled',
        payload: {
          ...parties,
          cancelledBy:
            change.journal.role === 'department_admin'
              ? 'department'
              : booking.cancelledBy === 'establishment'
                ? 'establishment'
                : 'organisation',
          refundPercent: booking.refundPercent ?? 0,
          priceCents: booking.priceCents,
          reason: reason ?? null,
          ...(isCancellable(from) ? { cancelledFrom: from } : {}),
        },
        requestId,
      };
    case 'expire':
    case 'payment_failed':
      return from === 'requested' || from === 'approved' || from === 'awaiting_payment'
        ? { type: 'booking.expired', payload: { ...parties, expiredFrom: from }, requestId }
        : undefined;
    default:
      return undefined;
  }
}
