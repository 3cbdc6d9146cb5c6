import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@salle/runtime';
import type { PaymentFlagKind } from '@salle/contracts';
import { queryOne, queryRows, returnedRows } from '@salle/db';
import { paymentOutbox } from '../events/payment-outbox';
import { raiseFlag } from '../flags/payment-flags';
import { paidChargeEntries } from '../ledger/ledger-entries';
import { appendLedgerEntries } from '../ledger/ledger-store';
import { type PayableBooking, payableBookingTable } from '../database/tables/payable-booking-table';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import type { CheckoutState, PaidCharge, PaymentProvider } from '../provider/payment-provider';
import { requestRefund } from '../refunds/refund-requests';
import { sessionsPaidBy } from '../periods/period-items';
import {
  endedUnpaidPaymentStatuses,
  finalPaymentStatuses,
  payableMayBecome,
  paymentMayBecome,
} from '../payments/payment-states';
import { PROVIDER_ACTOR, recordPaymentAudit } from '../audit/audit.handlers';
import { providerSetsPaymentStatus } from '../audit/system-entries';

/** The period a period payment pays, as its events name it (`lead`: the one event that speaks for the payment). */
export function periodOf(payment: Pick<PaymentRecord, 'seriesId' | 'periodKey'>, sessionCount: number, lead: boolean) {
  return payment.seriesId && payment.periodKey
    ? { seriesId: payment.seriesId, key: payment.periodKey, sessionCount, lead }
    : undefined;
}

/**
 * The payment succeeds, with its receipt number, and the bookings it pays are paid; false when it had
 * already moved on (nothing written). Shared with payments taken at the collège's counter.
 */
export async function acceptPayment(manager: EntityManager, paymentId: string, bookingIds: string[]): Promise<boolean> {
  const [accepted] = await returnedRows<{ id: string }>(
    manager,
    `UPDATE payment.payment SET status = 'succeeded', receipt_number = nextval('payment.receipt_number_seq'), updated_at = now()
      WHERE id = $1 AND status IN (${paymentMayBecome('succeeded')}) RETURNING id`,
    [paymentId],
  );
  if (!accepted) return false;
  await manager.query(
    `UPDATE payment.payable_booking SET status = 'paid', updated_at = now()
      WHERE booking_id = ANY($1::uuid[]) AND status IN (${payableMayBecome('paid')})`,
    [bookingIds],
  );
  return true;
}

/** The bookings an event about `payment` is published for: its booking, or each session of its period. */
async function announcedSessions(manager: EntityManager, payment: PaymentRecord) {
  if (!payment.establishmentId) return [];
  const establishmentId = payment.establishmentId;
  const sessions = await sessionsPaidBy(manager, payment);
  return sessions.map((item, index) => {
    const period = periodOf(payment, sessions.length, index === 0);
    return {
      paymentId: payment.id,
      bookingId: item.bookingId,
      establishmentId,
      ...(period ? { period } : {}),
    };
  });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown when a provider event cannot be applied yet; the processor retries it later. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

type Rejection = Extract<PaymentFlagKind, 'unknown_booking' | 'amount_mismatch' | 'late_payment' | 'unknown_checkout'>;

const REJECTION_DETAIL: Record<Rejection, string> = {
  unknown_booking: 'Paiement reçu pour une réservation inconnue\u00a0: enregistré et remboursé intégralement.',
  amount_mismatch:
    'Le montant payé diffère du prix enregistré pour la réservation\u00a0: la réservation reste non confirmée.',
  late_payment:
    'Paiement reçu pour une réservation annulée, expirée ou déjà payée\u00a0: enregistré et remboursé intégralement.',
  unknown_checkout: 'Paiement reçu sur une session de paiement que ce service n’a pas créée\u00a0: à examiner.',
};

/**
 * Brings a payment in line with where its checkout stands at the provider.
 * Every provider event about a checkout leads here after a fresh read, so
 * duplicates and any delivery order end in the same state: transitions only
 * move forward, as `paymentTransitions` (payments/payment-states.ts) allows,
 * each guarded by a conditional UPDATE under the payment's row lock.
 */
export class CheckoutSettlement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly logger: Logger,
  ) {}

  /** Re-reads the checkout at the provider (by default the one whose events name it) and applies what it says. */
  async settleCheckout(
    checkoutId: string,
    sourceEventId: string | null = null,
    provider: PaymentProvider = this.provider,
  ): Promise<void> {
    const state = await provider.getCheckout(checkoutId);
    await this.apply(state, sourceEventId);
  }

  /**
   * Ends a payment whose checkout was never handed out (its creation's answer never came back) without
   * asking the provider: nobody can pay a checkout nobody saw. Used for PayFiP, whose idOps cannot be closed.
   */
  async expireUnopened(paymentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const payment = await queryOne<PaymentRecord>(
        manager,
        `SELECT ${paymentTable.selectList} FROM payment.payment WHERE id = $1 AND checkout_id IS NULL FOR UPDATE`,
        [paymentId],
      );
      if (payment) await this.expired(manager, payment);
    });
  }

  async apply(state: CheckoutState, sourceEventId: string | null = null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      let payment = await this.lockPayment(manager, state);
      if (!payment) {
        if (state.status !== 'paid') {
          this.logger.info(
            { checkout: state.checkoutId, status: state.status },
            'provider event about a checkout this service did not create: ignored',
          );
          return;
        }
        payment = await this.recordForeignPayment(manager, state);
      }
      if (!payment.checkoutId || (!payment.paymentReference && state.paymentReference)) {
        await manager.query(
          `UPDATE payment.payment SET checkout_id = COALESCE(checkout_id, $2), checkout_url = COALESCE(checkout_url, $3),
                  payment_reference = COALESCE(payment_reference, $4), updated_at = now() WHERE id = $1`,
          [payment.id, state.checkoutId, state.url, state.paymentReference],
        );
      }
      switch (state.status) {
        case 'open':
          await this.opened(manager, payment, state);
          return;
        case 'processing':
          await this.processing(manager, payment);
          return;
        case 'expired':
          await this.expired(manager, payment);
          return;
        case 'failed':
          await this.failed(manager, payment, state.failureReason ?? 'paiement refusé');
          return;
        case 'paid':
          await this.paid(manager, payment, state, sourceEventId);
          return;
      }
    });
  }

  private async lockPayment(manager: EntityManager, state: CheckoutState): Promise<PaymentRecord | undefined> {
    const byCheckout = await queryOne<PaymentRecord>(
      manager,
      `SELECT ${paymentTable.selectList} FROM payment.payment WHERE checkout_id = $1 FOR UPDATE`,
      [state.checkoutId],
    );
    if (byCheckout) return byCheckout;
    // The creation's answer may have been lost: the metadata still names our payment.
    if (state.paymentId && UUID.test(state.paymentId)) {
      return queryOne<PaymentRecord>(
        manager,
        `SELECT ${paymentTable.selectList} FROM payment.payment WHERE id = $1 AND checkout_id IS NULL FOR UPDATE`,
        [state.paymentId],
      );
    }
    return undefined;
  }

  /** Money arrived through a checkout we have no record of: record it, never lose it. */
  private async recordForeignPayment(manager: EntityManager, state: CheckoutState): Promise<PaymentRecord> {
    const bookingId = state.bookingId && UUID.test(state.bookingId) ? state.bookingId : null;
    const payable = bookingId
      ? await queryOne<PayableBooking>(
          manager,
          `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE booking_id = $1`,
          [bookingId],
        )
      : undefined;
    const attempt = bookingId
      ? Number(
          (
            await queryOne<{ next: number }>(
              manager,
              `SELECT COALESCE(MAX(attempt), 0) + 1 AS next FROM payment.payment WHERE booking_id = $1`,
              [bookingId],
            )
          )?.next ?? 1,
        )
      : 1;
    const inserted = await queryOne<PaymentRecord>(
      manager,
      `INSERT INTO payment.payment (id, booking_id, attempt, status, provider, idempotency_key, checkout_id, checkout_url, payment_reference,
              amount_cents, application_fee_cents, destination_account_id, organisation_id, establishment_id, expires_at, request)
       VALUES ($1, $2, $3, 'abandoned', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '{}'::jsonb)
       RETURNING ${paymentTable.selectList}`,
      [
        randomUUID(),
        bookingId,
        attempt,
        this.provider.name,
        `foreign:${state.checkoutId}`,
        state.checkoutId,
        state.url,
        state.paymentReference,
        state.amountCents,
        state.paidCharge?.applicationFee?.amountCents ?? 0,
        state.destinationAccountId,
        payable?.organisationId ?? null,
        payable?.establishmentId ?? null,
        state.expiresAt,
      ],
    );
    if (!inserted) throw new Error('could not record a foreign payment');
    this.logger.warn(
      { checkout: state.checkoutId, booking: bookingId },
      'payment received on a checkout this service did not create',
    );
    return inserted;
  }

  private async opened(manager: EntityManager, payment: PaymentRecord, state: CheckoutState): Promise<void> {
    const [opened] = await returnedRows<{ id: string }>(
      manager,
      `UPDATE payment.payment SET status = 'open', checkout_url = $2, expires_at = $3, updated_at = now()
        WHERE id = $1 AND status IN (${paymentMayBecome('open')}) RETURNING id`,
      [payment.id, state.url, state.expiresAt],
    );
    if (!opened || !payment.establishmentId || !state.url) return;
    for (const ref of await announcedSessions(manager, payment)) {
      await paymentOutbox.add(manager, {
        type: 'payment.checkout_opened',
        aggregateId: ref.bookingId,
        payload: {
          ...ref,
          amountCents: payment.amountCents,
          checkoutUrl: state.url,
          expiresAt: state.expiresAt.toISOString(),
        },
      });
    }
  }

  /** A debit under way: the booking service keeps the booking held until it succeeds or fails, even past the deadline. */
  private async processing(manager: EntityManager, payment: PaymentRecord): Promise<void> {
    const [processing] = await returnedRows<{ id: string }>(manager, providerSetsPaymentStatus('processing'), [
      payment.id,
    ]);
    if (!processing) return;
    for (const ref of await announcedSessions(manager, payment)) {
      await paymentOutbox.add(manager, {
        type: 'payment.processing',
        aggregateId: ref.bookingId,
        payload: { ...ref, amountCents: payment.amountCents },
      });
    }
  }

  private async expired(manager: EntityManager, payment: PaymentRecord): Promise<void> {
    const [expired] = await returnedRows<{ id: string }>(manager, providerSetsPaymentStatus('expired'), [payment.id]);
    if (!expired) return;
    for (const ref of await announcedSessions(manager, payment)) {
      await paymentOutbox.add(manager, { type: 'payment.expired', aggregateId: ref.bookingId, payload: ref });
    }
  }

  private async failed(manager: EntityManager, payment: PaymentRecord, reason: string): Promise<void> {
    const [failed] = await returnedRows<{ id: string }>(
      manager,
      providerSetsPaymentStatus('failed', 'failure_reason = $2'),
      [payment.id, reason.slice(0, 1000)],
    );
    if (!failed) return;
    for (const ref of await announcedSessions(manager, payment)) {
      await paymentOutbox.add(manager, {
        type: 'payment.failed',
        aggregateId: ref.bookingId,
        payload: { ...ref, reason: reason.slice(0, 1000) },
      });
    }
  }

  private async paid(
    manager: EntityManager,
    payment: PaymentRecord,
    state: CheckoutState,
    sourceEventId: string | null,
  ): Promise<void> {
    const paidCharge = state.paidCharge;
    // The provider says paid but did not give the charge yet: try again shortly rather than record half.
    if (!paidCharge)
      throw new RetryLaterError(`checkout ${state.checkoutId} is paid but its charge is not readable yet`);
    await appendLedgerEntries(
      manager,
      paidChargeEntries(
        { bookingId: payment.bookingId, paymentId: payment.id, establishmentId: payment.establishmentId },
        paidCharge,
      ),
      sourceEventId,
    );
    await manager.query(
      `UPDATE payment.payment SET charge_id = COALESCE(charge_id, $2), payment_reference = COALESCE(payment_reference, $3),
              paid_at = COALESCE(paid_at, $4), updated_at = now() WHERE id = $1`,
      [payment.id, paidCharge.chargeId, state.paymentReference, paidCharge.paidAt],
    );
    if (finalPaymentStatuses.includes(payment.status)) return;
    if (payment.seriesId) {
      await this.settlePeriod(manager, payment, state, paidCharge);
      return;
    }

    const payable = payment.bookingId
      ? await queryOne<PayableBooking>(
          manager,
          `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE booking_id = $1 FOR UPDATE`,
          [payment.bookingId],
        )
      : undefined;
    const rejection = await this.rejectionOf(manager, payment, payable, state);
    if (!rejection && payable) await this.accept(manager, payment, payable, state, paidCharge);
    else await this.reject(manager, payment, rejection ?? 'unknown_booking', state.amountCents);
  }

  /**
   * A series' period paid as one item: every session it lists that is still payable is paid at once (one
   * `payment.succeeded` per session, the booking service confirming each). A wrong amount confirms nothing and
   * is flagged; money for a period whose sessions were all released or cancelled meanwhile goes back in full;
   * a session among them that was cancelled, released or paid alone meanwhile has its share refunded in full.
   */
  private async settlePeriod(
    manager: EntityManager,
    payment: PaymentRecord,
    state: CheckoutState,
    paidCharge: PaidCharge,
  ): Promise<void> {
    const items = await sessionsPaidBy(manager, payment);
    // Locked in booking id order, as every reader of several payable bookings does.
    const payables = await queryRows<PayableBooking>(
      manager,
      `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE booking_id = ANY($1::uuid[])
        ORDER BY booking_id FOR UPDATE`,
      [items.map((item) => item.bookingId)],
    );
    const payableIds = new Set(payables.filter((p) => p.status === 'payable').map((p) => p.bookingId));
    if (state.amountCents !== payment.amountCents) {
      await this.reject(manager, payment, 'amount_mismatch', state.amountCents);
      return;
    }
    const servable = endedUnpaidPaymentStatuses.includes(payment.status)
      ? []
      : items.filter((item) => payableIds.has(item.bookingId));
    if (servable.length === 0) {
      await this.reject(manager, payment, 'late_payment', state.amountCents);
      return;
    }
    const accepted = await acceptPayment(
      manager,
      payment.id,
      servable.map((item) => item.bookingId),
    );
    if (!accepted || !payment.establishmentId) return;
    await recordPaymentAudit(manager, {
      actor: PROVIDER_ACTOR,
      action: 'payment.succeeded',
      object: { type: 'payment', id: payment.id },
      establishmentId: payment.establishmentId,
      organisationId: payables[0]?.organisationId ?? null,
      changes: {
        status: { before: payment.status, after: 'succeeded' },
        amountCents: { before: null, after: state.amountCents },
        provider: { before: null, after: payment.provider },
        sessions: { before: null, after: servable.length },
      },
    });
    for (const [index, item] of servable.entries()) {
      await paymentOutbox.add(manager, {
        type: 'payment.succeeded',
        aggregateId: item.bookingId,
        payload: {
          paymentId: payment.id,
          bookingId: item.bookingId,
          establishmentId: payment.establishmentId,
          amountCents: state.amountCents,
          paidAt: paidCharge.paidAt.toISOString(),
          period: periodOf(payment, servable.length, index === 0),
        },
      });
    }
    for (const item of items.filter((each) => !payableIds.has(each.bookingId))) {
      const owed = await requestRefund(
        manager,
        { paymentId: payment.id, bookingId: item.bookingId, ofSession: true },
        { cause: 'late_payment', percent: 100, amountCents: item.amountCents },
      );
      if (owed) {
        await raiseFlag(manager, {
          kind: 'late_payment',
          dedupeKey: `late_payment:${payment.id}:${item.bookingId}`,
          bookingId: item.bookingId,
          paymentId: payment.id,
          detail:
            'Une séance de la période payée avait été annulée, libérée ou payée à part : sa part est remboursée intégralement.',
        });
      }
    }
  }

  /** The money pays the booking: the payment succeeds, with its receipt number, and the booking is paid. */
  private async accept(
    manager: EntityManager,
    payment: PaymentRecord,
    payable: PayableBooking,
    state: CheckoutState,
    paidCharge: PaidCharge,
  ): Promise<void> {
    if (!(await acceptPayment(manager, payment.id, [payable.bookingId]))) return;
    await recordPaymentAudit(manager, {
      actor: PROVIDER_ACTOR,
      action: 'payment.succeeded',
      object: { type: 'payment', id: payment.id },
      establishmentId: payable.establishmentId,
      organisationId: payable.organisationId,
      changes: {
        status: { before: payment.status, after: 'succeeded' },
        amountCents: { before: null, after: state.amountCents },
        provider: { before: null, after: payment.provider },
      },
    });
    await paymentOutbox.add(manager, {
      type: 'payment.succeeded',
      aggregateId: payable.bookingId,
      payload: {
        paymentId: payment.id,
        bookingId: payable.bookingId,
        establishmentId: payable.establishmentId,
        amountCents: state.amountCents,
        paidAt: paidCharge.paidAt.toISOString(),
      },
    });
  }

  /** The money cannot pay the booking: the payment is rejected and flagged, and refunded when nothing can be served. */
  private async reject(
    manager: EntityManager,
    payment: PaymentRecord,
    kind: Rejection,
    amountCents: number,
  ): Promise<void> {
    await manager.query(providerSetsPaymentStatus('rejected', 'failure_reason = $2'), [payment.id, kind]);
    await raiseFlag(manager, {
      kind,
      dedupeKey: `${kind}:${payment.id}`,
      bookingId: payment.bookingId,
      paymentId: payment.id,
      detail: REJECTION_DETAIL[kind],
    });
    // Money for a booking that cannot (or no longer) be served goes back in full; a wrong amount waits for an admin.
    if (kind === 'unknown_booking' || kind === 'late_payment') {
      await requestRefund(
        manager,
        { paymentId: payment.id, bookingId: payment.bookingId },
        { cause: kind, percent: 100, amountCents },
      );
    }
  }

  private async rejectionOf(
    manager: EntityManager,
    payment: PaymentRecord,
    payable: PayableBooking | undefined,
    state: CheckoutState,
  ): Promise<Rejection | null> {
    if (!payable) return 'unknown_booking';
    const foreign = payment.idempotencyKey.startsWith('foreign:');
    if (state.amountCents !== payable.priceCents || (!foreign && state.amountCents !== payment.amountCents))
      return 'amount_mismatch';
    // A foreign payment is recorded abandoned: that alone does not make it late.
    const endedUnpaid =
      endedUnpaidPaymentStatuses.includes(payment.status) && !(foreign && payment.status === 'abandoned');
    if (payable.status !== 'payable' || endedUnpaid) {
      return 'late_payment';
    }
    const other = await queryOne<{ id: string }>(
      manager,
      `SELECT id FROM payment.payment
        WHERE (booking_id = $1 OR id IN (SELECT payment_id FROM payment.payment_item WHERE booking_id = $1))
          AND status = 'succeeded' AND id <> $2`,
      [payable.bookingId, payment.id],
    );
    if (other) return 'late_payment';
    return foreign ? 'unknown_checkout' : null;
  }
}
