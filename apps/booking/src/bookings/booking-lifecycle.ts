import type { EntityManager } from 'typeorm';
import type { PublicPayer } from '@salle/contracts';
import { BookingEntity, EstablishmentEntity, type OrganisationEntity, type SpaceEntity } from '../database/entities';
import {
  cancellationRefundPercent,
  DEFAULT_CANCELLATION_POLICY,
  type CancellationPolicy,
} from '../domain/cancellation';
import { transition, type BookingAction } from '../domain/lifecycle';
import type { PriceQuote } from '../domain/pricing';
import { transitionRefused } from '../errors';
import { recordChange, slotOf, transitionEvent, type JournalActor, type TransitionOptions } from './booking-journal';
import { confirmationDetails } from './confirmation-details';
import { loadBookingLabels } from './booking-view';

export type { JournalActor, TransitionOptions } from './booking-journal';

/** The delays the service grants: to decide on a request, and to pay once approved. */
export interface BookingPolicy {
  decisionDays: number;
  paymentDeadlineHours: number;
}

const HOUR = 3_600_000;

/** The platform acting on its own: expiries, completions, payment outcomes, automatic approval. */
export const SYSTEM = {
  actor: { kind: 'system' },
  journal: { accountId: null, role: 'system' },
} as const satisfies Pick<TransitionOptions, 'actor' | 'journal'>;

/** A new booking request, as the desk and the series desk have checked and priced it. */
export interface BookingRequestDraft {
  space: SpaceEntity;
  organisation: OrganisationEntity;
  startsAt: Date;
  endsAt: Date;
  price: PriceQuote;
  seriesId: string | null;
  purpose: string;
  attendees: number | null;
  requestedBy: string;
  now: Date;
  /** A public payer's invoicing identifiers, checked by the caller (domain/public-payer); null otherwise. */
  publicPayer?: PublicPayer | null;
}

/** The columns one transition writes; everything else on the booking stays as it is. */
export type BookingChange = Pick<BookingEntity, 'status' | 'expiresAt' | 'processingPaymentId'> &
  Partial<Pick<BookingEntity, 'decidedBy' | 'refusalReason' | 'cancelledBy' | 'cancellationReason' | 'refundPercent'>>;

/** What the booking's collège contributes to a transition. */
export interface EstablishmentTerms {
  payoutReady: boolean;
  cancellationPolicy: CancellationPolicy | null;
}

/**
 * The change `action` makes to `booking`, or the refusal error: the state
 * machine of `domain/lifecycle` decides whether the move is allowed and to
 * which status; this adds the deadlines, refund and decision fields that go
 * with it. Pure, so that every transition rule is tested without a database.
 */
export function planTransition(
  booking: BookingEntity,
  action: BookingAction,
  change: Pick<TransitionOptions, 'actor' | 'journal' | 'now' | 'reason'>,
  establishment: EstablishmentTerms,
  policy: BookingPolicy,
): BookingChange {
  const { actor, journal, now, reason } = change;
  const result = transition(booking.status, action, {
    actor,
    booking,
    now,
    reason,
    paymentReady: establishment.payoutReady,
    invoiced: Boolean(booking.publicPayer),
  });
  if (!result.ok) throw transitionRefused(result);
  const next: BookingChange = {
    status: result.to,
    // Waiting for the payout account or the payment: released at the payment deadline.
    // `open_payment` keeps the deadline set at approval; any other move ends the wait.
    expiresAt:
      action === 'approve' && (result.to === 'approved' || result.to === 'awaiting_payment')
        ? new Date(Math.min(now.getTime() + policy.paymentDeadlineHours * HOUR, booking.startsAt.getTime()))
        : action === 'open_payment'
          ? booking.expiresAt
          : null,
    // A debit holds the booking only while it awaits its payment.
    processingPaymentId: result.to === 'awaiting_payment' ? booking.processingPaymentId : null,
  };
  if (action === 'approve' || action === 'refuse') next.decidedBy = journal.accountId;
  if (action === 'refuse') next.refusalReason = reason ?? null;
  if (action === 'cancel') {
    next.cancelledBy = result.cancelledBy ?? 'organisation';
    next.cancellationReason = reason ?? null;
    next.refundPercent = cancellationRefundPercent(
      establishment.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY,
      { cancelledBy: next.cancelledBy, cancelledAt: now, wasConfirmed: booking.status === 'confirmed' },
      booking,
    );
  }
  return next;
}

/**
 * The only writer of a booking's status. Every move (request, approval,
 * refusal, cancellation, payment outcome, expiry, completion) is checked
 * against the state machine and written with its audit entry and outbox
 * event, in the caller's transaction, so the three commit together or not
 * at all. Callers lock the booking's row before applying an action.
 */
export class BookingLifecycle {
  constructor(private readonly policy: BookingPolicy) {}

  /** A new booking in `requested`, not yet saved: one-off and series requests build it the same way. */
  draftRequest(manager: EntityManager, request: BookingRequestDraft): BookingEntity {
    const { space, organisation, startsAt, endsAt, price, now } = request;
    return manager.create(BookingEntity, {
      spaceId: space.id,
      establishmentId: space.establishmentId,
      organisationId: organisation.id,
      seriesId: request.seriesId,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + space.bufferMinutes * 60_000),
      status: 'requested',
      renterCategory: organisation.kind,
      priceCents: price.totalCents,
      depositCents: price.depositCents ?? 0,
      priceDetails: { method: price.method, durationMinutes: price.durationMinutes, explanation: price.explanation },
      purpose: request.purpose,
      attendees: request.attendees,
      publicPayer: request.publicPayer ?? null,
      requestedBy: request.requestedBy,
      // Undecided requests are released after the decision delay, and never hold a slot past its start.
      expiresAt: new Date(Math.min(now.getTime() + this.policy.decisionDays * 24 * HOUR, startsAt.getTime())),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Journals a saved request: its audit entry (from nothing to `requested`) and booking.requested. */
  async recordRequest(manager: EntityManager, booking: BookingEntity, actor: JournalActor, requestId?: string) {
    await recordChange(manager, booking, {
      from: null,
      actor,
      event: {
        type: 'booking.requested',
        payload: {
          ...slotOf(booking),
          seriesId: booking.seriesId,
          priceCents: booking.priceCents,
          decisionDueAt: (booking.expiresAt ?? booking.startsAt).toISOString(),
        },
        requestId,
      },
    });
  }

  /** Approves a recorded request on the collège's behalf when its space needs no approval. */
  async approveUnlessApprovalRequired(
    manager: EntityManager,
    booking: BookingEntity,
    space: SpaceEntity,
    now: Date,
    requestId?: string,
  ) {
    if (!space.approvalRequired) await this.apply(manager, booking, 'approve', { ...SYSTEM, now, requestId });
  }

  /** Applies one lifecycle action to a locked booking, with its audit entry and event. */
  async apply(
    manager: EntityManager,
    booking: BookingEntity,
    action: BookingAction,
    change: TransitionOptions,
  ): Promise<void> {
    const establishment = await manager.findOneByOrFail(EstablishmentEntity, { id: booking.establishmentId });
    const next = planTransition(booking, action, change, establishment, this.policy);
    const from = booking.status;
    booking.status = next.status;
    Object.assign(booking, next, { updatedAt: change.now, version: booking.version + 1 });
    await manager.save(booking);
    // An approval that awaits payment, or an invoice, names the parties for payment, which knows only their ids.
    const labels =
      action === 'approve' && (booking.status !== 'confirmed' || booking.publicPayer)
        ? (await loadBookingLabels(manager, [booking]))(booking)
        : undefined;
    const sellerSiret = booking.publicPayer && action === 'approve' ? (establishment.siret ?? null) : null;
    const confirmation = booking.status === 'confirmed' ? await confirmationDetails(manager, booking) : undefined;
    await recordChange(manager, booking, {
      from,
      actor: change.journal,
      reason: change.reason,
      event: transitionEvent(action, from, booking, change, { labels, establishmentSiret: sellerSiret, confirmation }),
    });
  }
}
