import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BookingPartyNames, PublicPayer } from '@salle/contracts';
import { runPrepared } from '@salle/db';
import { BookingEntity, EstablishmentEntity, type OrganisationEntity, type SpaceEntity } from '../database/entities';
import {
  cancellationRefundPercent,
  DEFAULT_CANCELLATION_POLICY,
  type CancellationPolicy,
} from '../domain/cancellation';
import { conventionSigningDueAt, paymentAwaitsSignatures } from '../domain/convention-signing';
import { transition, type BookingAction } from '../domain/lifecycle';
import type { PriceQuote } from '../domain/pricing';
import { seriesPeriodOf, type SeriesPaymentRule } from '../domain/series-payment';
import { transitionRefused } from '../errors';
import {
  outbox,
  recordChange,
  requestedEvent,
  type RequestedParties,
  transitionEvent,
  type InvoicedSeriesSession,
  type JournalActor,
  type TransitionOptions,
} from './booking-journal';
import { confirmationDetails } from './confirmation-details';
import { loadBookingLabels } from './booking-view';
import { transactionOf } from './space-lock';
import {
  conventionFullySigned,
  fullySignedConventions,
  signedConventionOf,
} from '../conventions/convention-signing-state';

export type { JournalActor, TransitionOptions } from './booking-journal';

/** Whether conventions are signed online, and whether before the payment opens or only before confirmation. */
export type ConventionSigningMode = 'off' | 'before_payment' | 'after_payment';

/** The delays the service grants: to decide on a request, and to pay once approved; and when conventions are signed. */
export interface BookingPolicy {
  decisionDays: number;
  paymentDeadlineHours: number;
  /** How a series is paid (SERIES_PAYMENT); the whole series at once, due 14 days before it begins, when unset. */
  seriesPayment?: Pick<SeriesPaymentRule, 'mode' | 'leadDays'>;
  conventionSigning?: ConventionSigningMode;
  /** Paid before its convention is fully signed: signed within this many days (CONVENTION_SIGNING_DUE_DAYS, 7). */
  conventionSigningDueDays?: number;
}

const HOUR = 3_600_000;

// A new request and its audit entry (from nothing to `requested`), written
// with its event in one statement (outbox.addWith): the three rows exist
// together or not at all, and the exclusion constraint still refuses an
// overlapping slot (23P01).
const INSERT_REQUEST = `
  new_booking AS (
    INSERT INTO booking.booking (id, space_id, establishment_id, organisation_id, series_id, starts_at, ends_at,
                                 blocked_until, status, renter_category, price_cents, deposit_cents, price_details,
                                 purpose, attendees, public_payer, requested_by, expires_at, version, created_at,
                                 updated_at, entered_by, payment_choice)
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::timestamptz, $7::timestamptz, $8::timestamptz,
            $9::text, $10::text, $11::integer, $12::integer, $13::jsonb, $14::text, $15::integer, $16::jsonb,
            $17::uuid, $18::timestamptz, $19::integer, $20::timestamptz, $20::timestamptz, $23::uuid, $24::text)
    RETURNING id, status
  ),
  new_audit_entry AS (
    INSERT INTO booking.audit_entry (booking_id, actor_account_id, actor_role, from_status, to_status, on_behalf_of)
    SELECT id, $21::uuid, $22::text, NULL, status, $25::uuid FROM new_booking
  )`;

// The approval of a one-off request just written (a space without approval): the
// booking's change and its audit entry, in one statement; with its event when
// there is one (outbox.addWith). The columns are those of `BookingChange` that
// an approval sets, as `apply` would save them.
const APPROVE_NEW_REQUEST = `
  approved AS (
    UPDATE booking.booking
       SET status = $2::text, expires_at = $3::timestamptz, processing_payment_id = $4::uuid,
           paid_by_payment_id = $5::uuid, convention_due_at = $6::timestamptz, convention_overdue_at = $7::timestamptz,
           decided_by = $8::uuid, updated_at = $9::timestamptz, version = $10::integer
     WHERE id = $1::uuid
    RETURNING id, status
  ),
  approval_audit_entry AS (
    INSERT INTO booking.audit_entry (booking_id, actor_account_id, actor_role, from_status, to_status)
    SELECT id, $11::uuid, $12::text, $13::text, status FROM approved
    RETURNING booking_id
  )`;

/**
 * What `apply` reads before approving, already known for a one-off request written in the same transaction: its
 * collège (read with the request's parties) and the parties' names. Its convention needs no read: none can exist
 * yet, a convention refers to a booking committed before it.
 */
export interface NewRequestFacts {
  establishment: EstablishmentTerms;
  labels: BookingPartyNames;
}

/** The platform acting on its own: expiries, completions, payment outcomes, automatic approval. */
export const SYSTEM = {
  actor: { kind: 'system' },
  journal: { accountId: null, role: 'system' },
} as const satisfies Pick<TransitionOptions, 'actor' | 'journal'>;

/** A new booking request, as the desk and the series desk have checked and priced it. */
export interface BookingRequestDraft {
  space: Pick<SpaceEntity, 'id' | 'establishmentId' | 'bufferMinutes'>;
  organisation: Pick<OrganisationEntity, 'id' | 'kind'>;
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
export type BookingChange = Pick<
  BookingEntity,
  'status' | 'expiresAt' | 'processingPaymentId' | 'paidByPaymentId' | 'conventionDueAt' | 'conventionOverdueAt'
> &
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
  change: Pick<TransitionOptions, 'actor' | 'journal' | 'now' | 'reason' | 'paymentDueAt' | 'paymentId'>,
  establishment: EstablishmentTerms,
  policy: BookingPolicy,
  /** Whether the booking's convention is fully signed (read only when signing is on). */
  conventionSigned = false,
): BookingChange {
  const { actor, journal, now, reason } = change;
  const mode = policy.conventionSigning ?? 'off';
  const result = transition(booking.status, action, {
    actor,
    booking,
    now,
    reason,
    paymentReady: establishment.payoutReady,
    invoiced: Boolean(booking.publicPayer),
    signing: mode === 'off' ? null : { mode, signed: conventionSigned },
    paid: booking.paidByPaymentId !== null,
  });
  if (!result.ok) throw transitionRefused(result);
  // Paid before the convention is fully signed: held without deadline by its payment until the last signature.
  const paidUnsigned = action === 'payment_succeeded' && result.to === 'awaiting_payment';
  const next: BookingChange = {
    status: result.to,
    // Waiting for the payout account or the payment: released at the payment deadline.
    // `open_payment` keeps the deadline set at approval; any other move ends the wait.
    // A series' session is due with its payment period (series-payment schedule), set by the series desk.
    expiresAt:
      action === 'approve' && (result.to === 'approved' || result.to === 'awaiting_payment')
        ? (change.paymentDueAt ??
          new Date(Math.min(now.getTime() + policy.paymentDeadlineHours * HOUR, booking.startsAt.getTime())))
        : action === 'convention_signed' && result.to !== 'confirmed'
          ? // The last signature of a series' convention sets each session's period due date (signing desk).
            (change.paymentDueAt ?? booking.expiresAt)
          : action === 'open_payment'
            ? booking.expiresAt
            : null,
    // A debit holds the booking only while it awaits its payment.
    processingPaymentId: result.to === 'awaiting_payment' && !paidUnsigned ? booking.processingPaymentId : null,
    paidByPaymentId: paidUnsigned
      ? (change.paymentId ?? null)
      : result.to === 'confirmed'
        ? null
        : booking.paidByPaymentId,
    // Paid before the signatures: the date by which they are due; kept while the booking waits, gone once it moves on.
    conventionDueAt: paidUnsigned
      ? conventionSigningDueAt(now, booking.startsAt, policy.conventionSigningDueDays ?? 7)
      : result.to === 'awaiting_payment'
        ? (booking.conventionDueAt ?? null)
        : null,
    conventionOverdueAt: result.to === 'awaiting_payment' ? (booking.conventionOverdueAt ?? null) : null,
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

  /** The rule that schedules a series' payment periods. */
  seriesPaymentRule(): SeriesPaymentRule {
    return {
      mode: this.policy.seriesPayment?.mode ?? 'whole',
      leadDays: this.policy.seriesPayment?.leadDays ?? 14,
      paymentDeadlineHours: this.policy.paymentDeadlineHours,
    };
  }

  /** Whether conventions are signed online, so that approvals and payments wait for the signatures. */
  get signingOn(): boolean {
    return (this.policy.conventionSigning ?? 'off') !== 'off';
  }

  /**
   * The bookings among `bookings` whose payment waits for their convention's signatures (see
   * `paymentAwaitsSignatures`): the views say so, so that no « Payer » is offered before the checkout can open. The
   * signatures are read only for the approved priced ones, in one statement for the whole list (one convention per
   * series), so that a page of bookings costs the same number of statements whatever its length.
   */
  async awaitingSignatures(manager: EntityManager, bookings: readonly BookingEntity[]): Promise<Set<string>> {
    const mode = this.policy.conventionSigning ?? 'off';
    const gate = (booking: BookingEntity) => ({
      status: booking.status,
      priceCents: booking.priceCents,
      invoiced: booking.publicPayer !== null,
    });
    const candidates = bookings.filter((booking) => paymentAwaitsSignatures(mode, gate(booking), false));
    if (candidates.length === 0) return new Set();
    const signed = await fullySignedConventions(manager, {
      seriesIds: candidates.flatMap((booking) => (booking.seriesId ? [booking.seriesId] : [])),
      bookingIds: candidates.flatMap((booking) => (booking.seriesId ? [] : [booking.id])),
    });
    return new Set(
      candidates
        .filter((booking) => paymentAwaitsSignatures(mode, gate(booking), signedConventionOf(signed, booking)))
        .map((booking) => booking.id),
    );
  }

  /** Whether `action` is allowed on `booking` now (the signing completion tries its move on each booking of a series). */
  async allows(manager: EntityManager, booking: BookingEntity, action: BookingAction, now: Date): Promise<boolean> {
    const establishment = await manager.findOneByOrFail(EstablishmentEntity, { id: booking.establishmentId });
    const signed = this.signingOn && (await conventionFullySigned(manager, booking));
    try {
      planTransition(booking, action, { ...SYSTEM, now }, establishment, this.policy, signed);
      return true;
    } catch {
      return false;
    }
  }

  /** A new booking in `requested`, not yet saved: one-off and series requests build it the same way. */
  draftRequest(request: BookingRequestDraft): BookingEntity {
    const { space, organisation, startsAt, endsAt, price, now } = request;
    return Object.assign(new BookingEntity(), {
      // Chosen here rather than by the database, so that the booking, its audit entry and its event are written together.
      id: randomUUID(),
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
      decidedBy: null,
      decisionMessage: null,
      refusalReason: null,
      cancelledBy: null,
      cancellationReason: null,
      refundPercent: null,
      // Undecided requests are released after the decision delay, and never hold a slot past its start.
      expiresAt: new Date(Math.min(now.getTime() + this.policy.decisionDays * 24 * HOUR, startsAt.getTime())),
      processingPaymentId: null,
      paidByPaymentId: null,
      conventionDueAt: null,
      conventionOverdueAt: null,
      enteredBy: null,
      paymentChoice: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } satisfies BookingEntity);
  }

  /**
   * Writes a drafted request in the caller's transaction: the booking, its
   * audit entry and booking.requested in the outbox, in one prepared
   * statement. Throws PostgreSQL's exclusion violation when the slot is taken.
   */
  async insertRequest(
    manager: EntityManager,
    booking: BookingEntity,
    parties: RequestedParties,
    actor: JournalActor,
    requestId?: string,
  ) {
    const event = { ...requestedEvent(booking, parties, requestId), aggregateId: booking.id };
    await outbox.addWith(manager, event, { ctes: INSERT_REQUEST, values: insertRequestValues(booking, actor) });
  }

  /**
   * `insertRequest` without its event: a series' session, whose booking.requested the caller writes once every
   * session of the request is known (the lead one lists them all: `writeSeriesEvents`), in the same transaction.
   */
  async insertSeriesRequest(manager: EntityManager, booking: BookingEntity, actor: JournalActor): Promise<void> {
    await runPrepared(
      transactionOf(manager),
      `WITH ${INSERT_REQUEST} SELECT count(*) FROM new_booking`,
      insertRequestValues(booking, actor),
    );
  }

  /** Approves a recorded request on the collège's behalf when its space needs no approval. */
  async approveUnlessApprovalRequired(
    manager: EntityManager,
    booking: BookingEntity,
    space: Pick<SpaceEntity, 'approvalRequired'>,
    change: Omit<TransitionOptions, 'actor' | 'journal'>,
  ) {
    if (!space.approvalRequired) await this.apply(manager, booking, 'approve', { ...SYSTEM, ...change });
  }

  /**
   * `approveUnlessApprovalRequired` for a one-off request `insertRequest` has just written in this transaction:
   * the same transition, audit entry and event as `apply`, without its reads (the collège, the convention, the
   * booking again before saving it, the parties' names: `facts` has them) and in one statement instead of five or
   * six. An approval that confirms the booking at once (nothing to pay, no signature) takes `apply`'s way, which
   * reads what the confirmation tells the organisation (and names the collège on a public payer's invoice).
   */
  async approveNewRequestUnlessApprovalRequired(
    manager: EntityManager,
    booking: BookingEntity,
    space: Pick<SpaceEntity, 'approvalRequired'>,
    facts: NewRequestFacts,
    now: Date,
    requestId?: string,
  ): Promise<void> {
    if (space.approvalRequired) return;
    const change: TransitionOptions = { ...SYSTEM, now, requestId };
    if (booking.seriesId !== null || booking.status !== 'requested') {
      throw new Error('approveNewRequestUnlessApprovalRequired is for a one-off request just written');
    }
    // A new booking has no convention, so none is signed.
    const next = planTransition(booking, 'approve', change, facts.establishment, this.policy, false);
    if (next.status === 'confirmed') return this.apply(manager, booking, 'approve', change);
    const from = booking.status;
    Object.assign(booking, next, { updatedAt: now, version: booking.version + 1 });
    const values = [
      booking.id,
      booking.status,
      booking.expiresAt?.toISOString() ?? null,
      booking.processingPaymentId,
      booking.paidByPaymentId,
      booking.conventionDueAt?.toISOString() ?? null,
      booking.conventionOverdueAt?.toISOString() ?? null,
      booking.decidedBy,
      now.toISOString(),
      booking.version,
      change.journal.accountId,
      change.journal.role,
      from,
    ];
    const event = this.waitsForSignatures('approve', booking, false)
      ? undefined
      : transitionEvent('approve', from, booking, change, { labels: facts.labels });
    if (event)
      await outbox.addWith(manager, { ...event, aggregateId: booking.id }, { ctes: APPROVE_NEW_REQUEST, values });
    else
      await runPrepared(
        transactionOf(manager),
        `WITH ${APPROVE_NEW_REQUEST} SELECT count(*) FROM approval_audit_entry`,
        values,
      );
  }

  /** Applies one lifecycle action to a locked booking, with its audit entry and event. */
  async apply(
    manager: EntityManager,
    booking: BookingEntity,
    action: BookingAction,
    change: TransitionOptions,
  ): Promise<void> {
    const establishment = await manager.findOneByOrFail(EstablishmentEntity, { id: booking.establishmentId });
    const signed = this.signingOn && (await conventionFullySigned(manager, booking));
    const next = planTransition(booking, action, change, establishment, this.policy, signed);
    const from = booking.status;
    const paidBy = booking.paidByPaymentId;
    booking.status = next.status;
    Object.assign(booking, next, { updatedAt: change.now, version: booking.version + 1 });
    await manager.save(booking);
    // An approval that awaits payment, or an invoice, names the parties for payment, which knows only their ids.
    const announces = action === 'approve' || action === 'convention_signed';
    const labels =
      announces && (booking.status !== 'confirmed' || booking.publicPayer)
        ? (await loadBookingLabels(manager, [booking]))(booking)
        : undefined;
    const seller =
      booking.publicPayer && announces ? { siret: establishment.siret ?? null, uai: establishment.uai } : null;
    const confirmation = booking.status === 'confirmed' ? await confirmationDetails(manager, booking) : undefined;
    // A series' session to pay names its payment period: payment pays the period's sessions as one item.
    const period =
      announces && booking.seriesId
        ? { seriesId: booking.seriesId, ...seriesPeriodOf(this.seriesPaymentRule().mode, booking.startsAt) }
        : undefined;
    const seriesPeriod = booking.status !== 'confirmed' ? period : undefined;
    // A public payer's series session is invoiced with its period: the period's one invoice lists its sessions
    // confirmed so far (this one included).
    const invoicedPeriod =
      period && booking.status === 'confirmed' && booking.publicPayer
        ? {
            ...period,
            sessions: await confirmedPeriodSessions(manager, booking, period.key, this.seriesPaymentRule(), [
              ...(change.approvedTogether ?? []),
            ]),
          }
        : undefined;
    const event = this.waitsForSignatures(action, booking, signed)
      ? undefined
      : transitionEvent(
          action,
          from,
          booking,
          { ...change, paymentId: change.paymentId ?? paidBy ?? undefined },
          { labels, seller, confirmation, seriesPeriod, invoicedPeriod },
        );
    // A series' sessions decided together: their events are written together, once all are known (the lead one
    // speaks for all of them), still in this transaction.
    if (event && change.deferredEvents) change.deferredEvents.push({ aggregateId: booking.id, event });
    await recordChange(manager, booking, {
      from,
      actor: change.journal,
      reason: change.reason,
      event: change.deferredEvents ? undefined : event,
    });
  }

  /**
   * An approval that stopped at `approved` for its convention's signatures (before payment, or a free or invoiced
   * booking) announces nothing yet: payment learns of it by the last signature's move.
   */
  private waitsForSignatures(action: BookingAction, booking: BookingEntity, signed: boolean): boolean {
    if (action !== 'approve' || booking.status !== 'approved' || !this.signingOn || signed) return false;
    return (
      this.policy.conventionSigning === 'before_payment' || booking.priceCents === 0 || booking.publicPayer !== null
    );
  }
}

/** The parameters of INSERT_REQUEST for a drafted request. */
function insertRequestValues(booking: BookingEntity, actor: JournalActor): unknown[] {
  return [
    booking.id,
    booking.spaceId,
    booking.establishmentId,
    booking.organisationId,
    booking.seriesId,
    booking.startsAt.toISOString(),
    booking.endsAt.toISOString(),
    booking.blockedUntil.toISOString(),
    booking.status,
    booking.renterCategory,
    booking.priceCents,
    booking.depositCents,
    JSON.stringify(booking.priceDetails),
    booking.purpose,
    booking.attendees,
    booking.publicPayer && JSON.stringify(booking.publicPayer),
    booking.requestedBy,
    booking.expiresAt?.toISOString() ?? null,
    booking.version,
    booking.createdAt.toISOString(),
    actor.accountId,
    actor.role,
    booking.enteredBy ?? null,
    booking.paymentChoice ?? null,
    actor.onBehalfOf ?? null,
  ];
}

/**
 * The invoiced sessions of `booking`'s series in the payment period `key`, in time order, an invoice's lines: those
 * confirmed so far, and those approved in the same action still to be confirmed after this one (payment issues a
 * period's invoice once, from the first confirmation it reads).
 */
async function confirmedPeriodSessions(
  manager: EntityManager,
  booking: BookingEntity,
  key: string,
  rule: Pick<SeriesPaymentRule, 'mode'>,
  approvedTogether: BookingEntity[],
): Promise<InvoicedSeriesSession[]> {
  const confirmed = await manager.find(BookingEntity, {
    where: { seriesId: booking.seriesId ?? undefined, status: 'confirmed' },
  });
  const pending = approvedTogether.filter((session) => session.status === 'requested');
  const sessions = new Map([...confirmed, ...pending].map((session) => [session.id, session]));
  return [...sessions.values()]
    .filter((session) => session.publicPayer && seriesPeriodOf(rule.mode, session.startsAt).key === key)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id))
    .map((session) => ({
      bookingId: session.id,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      priceCents: session.priceCents,
    }));
}
