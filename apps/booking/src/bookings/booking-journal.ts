import type { EntityManager } from 'typeorm';
import type {
  BookingConfirmationDetails,
  BookingPartyNames,
  BookingStatus,
  EventPayload,
  EventType,
} from '@salle/contracts';
import { createOutbox } from '@salle/events';
import { AuditEntryEntity, type BookingEntity, type OrganisationEntity } from '../database/entities';
import { isCancellable, type Actor, type BookingAction } from '../domain/lifecycle';

/** Booking's outbox: every event is written in the transaction of the change it tells. */
export const outbox = createOutbox({ schema: 'booking' });

/** One line of a series period's invoice, as `booking.confirmed` names it. */
export interface InvoicedSeriesSession {
  bookingId: string;
  startsAt: string;
  endsAt: string;
  priceCents: number;
}

export interface JournalActor {
  accountId: string | null;
  /** `outsider`: someone who is not a party, recorded when refused (an attempt to sign a convention). */
  role: 'organisation_member' | 'establishment_manager' | 'department_admin' | 'system' | 'outsider';
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

/** The parties a request was checked against, as booking.requested tells them to the collège's managers. */
export interface RequestedParties {
  labels: BookingPartyNames;
  organisation: Pick<OrganisationEntity, 'status' | 'insuranceExpiresOn'>;
}

/** booking.requested, for a request just written (one-off or a series' occurrence). */
export function requestedEvent(booking: BookingEntity, parties: RequestedParties, requestId?: string) {
  return {
    type: 'booking.requested' as const,
    payload: {
      ...slotOf(booking),
      seriesId: booking.seriesId,
      priceCents: booking.priceCents,
      decisionDueAt: (booking.expiresAt ?? booking.startsAt).toISOString(),
      labels: parties.labels,
      requester: { status: parties.organisation.status, insuranceExpiresOn: parties.organisation.insuranceExpiresOn },
    },
    requestId,
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
  /** For `approve` of a series' session: its payment period's due date, instead of the usual delay. */
  paymentDueAt?: Date;
  /**
   * For `approve` of a series' sessions decided in one action: those sessions, so that a public payer's session
   * confirmed first already lists, on its invoice, the sessions of its period confirmed with it.
   */
  approvedTogether?: readonly BookingEntity[];
  /**
   * For a series' sessions decided in one action: the transition's event is collected here instead of written, and
   * the caller writes the sessions' events together (`writeSeriesEvents`) in the same transaction.
   */
  deferredEvents?: DeferredEvent[];
}

/** An event as the journal writes it (of one type `T`, or of any). */
export type JournalEvent<T extends EventType = EventType> = { type: T; payload: EventPayload<T>; requestId?: string };

/** An event held back to be written with the other sessions' of a series request or decision. */
export interface DeferredEvent {
  aggregateId: string;
  event: JournalEvent;
}

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
  extras: {
    labels?: BookingPartyNames;
    /** The collège invoicing a public payer, by its SIRET or, without one, its UAI. */
    seller?: { siret: string | null; uai: string } | null;
    /** On a confirmation, for the organisation's message (calendar feed, access instructions). */
    confirmation?: BookingConfirmationDetails;
    /** A series' session: its payment period, which payment pays as one item. */
    seriesPeriod?: { seriesId: string; key: string; label: string };
    /** A public payer's confirmed series session: its period and the period's sessions confirmed so far. */
    invoicedPeriod?: { seriesId: string; key: string; label: string; sessions: InvoicedSeriesSession[] };
  } = {},
): JournalEvent | undefined {
  const { requestId, reason } = change;
  const { labels, seller = null, confirmation, seriesPeriod, invoicedPeriod } = extras;
  const parties = {
    bookingId: booking.id,
    establishmentId: booking.establishmentId,
    organisationId: booking.organisationId,
  };
  switch (action) {
    case 'approve':
    case 'convention_signed':
      return booking.status === 'confirmed'
        ? {
            type: 'booking.confirmed',
            payload: {
              ...slotOf(booking),
              priceCents: booking.priceCents,
              // Set when the last signature confirms a booking paid before it (after_payment).
              paymentId: change.paymentId ?? null,
              ...(confirmation ? { confirmation } : {}),
              ...(booking.publicPayer && labels
                ? {
                    invoice: {
                      payer: booking.publicPayer,
                      labels,
                      establishmentSiret: seller?.siret ?? null,
                      ...(seller ? { establishmentUai: seller.uai } : {}),
                      ...(invoicedPeriod ? { seriesPeriod: invoicedPeriod } : {}),
                    },
                  }
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
              ...(seriesPeriod ? { seriesPeriod } : {}),
              ...(booking.paymentChoice ? { paymentChoice: booking.paymentChoice } : {}),
            },
            requestId,
          };
    case 'payment_succeeded':
      // Paid before its convention is signed: confirmed, and announced, by the last signature.
      if (booking.status !== 'confirmed') return undefined;
      return {
        type: 'booking.confirmed',
        payload: {
          ...slotOf(booking),
          priceCents: booking.priceCents,
          paymentId: change.paymentId ?? null,
          ...(confirmation ? { confirmation } : {}),
        },
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
