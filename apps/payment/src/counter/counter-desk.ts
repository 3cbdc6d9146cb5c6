import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CounterPaymentRecorded, RecordCounterPayment } from '@salle/contracts';
import { isUniqueViolation, queryOne, queryRows, sqlTextList } from '@salle/db';
import { managesEstablishment, maySeeBooking, type CallerAccess } from '@salle/auth';
import {
  bookingAlreadyPaid,
  bookingNoLongerPayable,
  bookingNotFound,
  notCollegeStaff,
  onlinePaymentUnderWay,
  paymentDeadlinePassed,
  periodNotPayable,
  periodNothingToPay,
  periodPaymentInProgress,
  quittanceAlreadyRecorded,
} from '../errors';
import { type PayableBooking, payableBookingTable } from '../database/tables/payable-booking-table';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import { paymentOutbox } from '../events/payment-outbox';
import { paidChargeEntries } from '../ledger/ledger-entries';
import { appendLedgerEntries } from '../ledger/ledger-store';
import { livePaymentStatuses } from '../payments/payment-states';
import { livePaymentsPaying } from '../periods/period-items';
import { sessionsToPay } from '../periods/period-checkout-desk';
import { acceptPayment, periodOf } from '../settlement/checkout-settlement';
import { recordPaymentAudit, staffActor } from '../audit/audit.handlers';
import { checkCounterPayment, counterPaidAt } from './counter-rules';
import { COUNTER_PROVIDER, REGIE_ACCOUNT } from './counter-provider';

/** What the counter payment pays: one booking, or every session of a series' payment period still to pay. */
export type CounterTarget = { bookingId: string } | { seriesId: string; periodKey: string };

/**
 * A payment received at the collège's counter (its régie de recettes: cash, cheque, card terminal), recorded by
 * a manager of the collège or an admin. No provider is involved: in one transaction the payment is recorded and
 * accepted at once (provider `counter`, with its receipt number), the régie's details kept beside it, the money
 * entered in the ledger on the collège's side, the audit entry written and `payment.succeeded` published for each
 * booking paid, which the booking service confirms as after an online payment.
 *
 * Any booking awaiting payment may be paid at the counter, whatever payment the organisation announced: a collège
 * takes a cheque when it is brought. The amount must be the amount due; the payment deadline still applies.
 */
export class CounterDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async record(
    target: CounterTarget,
    input: RecordCounterPayment,
    access: CallerAccess,
  ): Promise<CounterPaymentRecorded> {
    try {
      return await this.dataSource.transaction((manager) => this.recordIn(manager, target, input, access));
    } catch (error) {
      if (isUniqueViolation(error)) {
        if (violatedConstraint(error) === 'counter_payment_quittance_once') throw quittanceAlreadyRecorded();
        // A checkout of the booking or period was recorded meanwhile (its unique live payment).
        throw onlinePaymentUnderWay();
      }
      throw error;
    }
  }

  private async recordIn(
    manager: EntityManager,
    target: CounterTarget,
    input: RecordCounterPayment,
    access: CallerAccess,
  ): Promise<CounterPaymentRecorded> {
    // Locked in booking id order, as every writer of several payable bookings does: a second recording waits here,
    // then finds them paid.
    const sessions = await queryRows<PayableBooking>(
      manager,
      'bookingId' in target
        ? `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE booking_id = $1 FOR UPDATE`
        : `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking
            WHERE series_id = $1 AND period_key = $2 ORDER BY booking_id FOR UPDATE`,
      'bookingId' in target ? [target.bookingId] : [target.seriesId, target.periodKey],
    );
    const first = sessions[0];
    // Another collège's booking is answered as an unknown one; the organisation sees it but records nothing.
    if (!first || !maySeeBooking(access, first)) throw 'bookingId' in target ? bookingNotFound() : periodNotPayable();
    if (!managesEstablishment(access, first.establishmentId)) throw notCollegeStaff();
    const now = this.now();
    const toPay =
      'bookingId' in target
        ? await this.bookingToPay(manager, first, now)
        : await this.periodToPay(manager, sessions, now);
    const amountCents = toPay.reduce((sum, session) => sum + session.priceCents, 0);
    checkCounterPayment(input, amountCents, now);
    const paidAt = counterPaidAt(input.receivedOn, now);

    const payment = await this.insertPayment(manager, target, first, amountCents, paidAt, access);
    if ('seriesId' in target) {
      await manager.query(
        `INSERT INTO payment.payment_item (payment_id, booking_id, amount_cents)
         SELECT $1, booking_id, price_cents FROM unnest($2::uuid[], $3::int[]) AS t(booking_id, price_cents)`,
        [payment.id, toPay.map((s) => s.bookingId), toPay.map((s) => s.priceCents)],
      );
    }
    await manager.query(
      `INSERT INTO payment.counter_payment (payment_id, establishment_id, method, quittance, received_on)
       VALUES ($1, $2, $3, $4, $5)`,
      [payment.id, first.establishmentId, input.method, input.quittance, input.receivedOn],
    );
    await appendLedgerEntries(
      manager,
      paidChargeEntries(
        { bookingId: payment.bookingId, paymentId: payment.id, establishmentId: first.establishmentId },
        {
          chargeId: `counter:${payment.id}`,
          paidAt,
          grossCents: amountCents,
          processingFeeCents: 0,
          applicationFee: null,
          transfer: null,
          receivedDirectly: { creditorId: REGIE_ACCOUNT },
        },
      ),
    );
    const bookingIds = toPay.map((session) => session.bookingId);
    if (!(await acceptPayment(manager, payment.id, bookingIds))) throw new Error('counter payment not accepted');
    await recordPaymentAudit(manager, {
      actor: staffActor(access),
      action: 'payment.counter_recorded',
      object: { type: 'payment', id: payment.id },
      establishmentId: first.establishmentId,
      organisationId: first.organisationId,
      changes: {
        status: { before: null, after: 'succeeded' },
        amountCents: { before: null, after: amountCents },
        provider: { before: null, after: COUNTER_PROVIDER },
        method: { before: null, after: input.method },
        quittance: { before: null, after: input.quittance },
        receivedOn: { before: null, after: input.receivedOn },
        sessions: { before: null, after: bookingIds.length },
      },
    });
    for (const [index, bookingId] of bookingIds.entries()) {
      const period = periodOf(payment, bookingIds.length, index === 0);
      await paymentOutbox.add(manager, {
        type: 'payment.succeeded',
        aggregateId: bookingId,
        payload: {
          paymentId: payment.id,
          bookingId,
          establishmentId: first.establishmentId,
          amountCents,
          paidAt: paidAt.toISOString(),
          ...(period ? { period } : {}),
        },
      });
    }
    return {
      paymentId: payment.id,
      bookingIds,
      amountCents,
      method: input.method,
      quittance: input.quittance,
      receivedOn: input.receivedOn,
      paidAt: paidAt.toISOString(),
    };
  }

  /** The booking, while it awaits its payment and no online payment of it (or of its period) is under way. */
  private async bookingToPay(manager: EntityManager, payable: PayableBooking, now: Date): Promise<PayableBooking[]> {
    if (payable.status === 'paid') throw bookingAlreadyPaid();
    if (payable.status !== 'payable') throw bookingNoLongerPayable();
    if (payable.paymentDueAt && payable.paymentDueAt.getTime() <= now.getTime()) throw paymentDeadlinePassed();
    const live = await livePaymentsPaying(manager, payable.bookingId);
    if (live.some((payment) => payment.status === 'succeeded')) throw bookingAlreadyPaid();
    if (live.some((payment) => payment.seriesId !== null)) throw periodPaymentInProgress();
    if (live.length > 0) throw onlinePaymentUnderWay();
    return [payable];
  }

  /** The period's sessions still to pay, as a period checkout would take them, while no payment of it is under way. */
  private async periodToPay(manager: EntityManager, sessions: PayableBooking[], now: Date): Promise<PayableBooking[]> {
    const [first] = sessions;
    const live = await queryOne<Pick<PaymentRecord, 'status'>>(
      manager,
      `SELECT ${paymentTable.pick('status')} FROM payment.payment
        WHERE series_id = $1 AND period_key = $2 AND status IN (${sqlTextList(livePaymentStatuses)})`,
      [first?.seriesId, first?.periodKey],
    );
    if (live?.status === 'succeeded') throw periodNothingToPay();
    if (live) throw onlinePaymentUnderWay();
    const paidAlone = await queryRows<{ bookingId: string }>(
      manager,
      `SELECT booking_id AS "bookingId" FROM payment.payment
        WHERE booking_id = ANY($1::uuid[]) AND status IN (${sqlTextList(livePaymentStatuses)})`,
      [sessions.map((session) => session.bookingId)],
    );
    const toPay = sessionsToPay(sessions, new Set(paidAlone.map((row) => row.bookingId)), now);
    if (toPay.length === 0) {
      const overdue = sessions.some((s) => s.status === 'payable' && s.paymentDueAt && s.paymentDueAt <= now);
      throw overdue ? paymentDeadlinePassed() : periodNothingToPay();
    }
    return toPay;
  }

  private async insertPayment(
    manager: EntityManager,
    target: CounterTarget,
    first: PayableBooking,
    amountCents: number,
    paidAt: Date,
    access: CallerAccess,
  ): Promise<PaymentRecord> {
    const paymentId = randomUUID();
    const bookingId = 'bookingId' in target ? target.bookingId : null;
    const seriesId = 'seriesId' in target ? target.seriesId : null;
    const periodKey = 'seriesId' in target ? target.periodKey : null;
    // Recorded `creating` and accepted in the same transaction (`acceptPayment`), as every payment moves.
    const inserted = await queryOne<PaymentRecord>(
      manager,
      `INSERT INTO payment.payment (id, booking_id, series_id, period_key, attempt, status, provider, idempotency_key, charge_id,
              amount_cents, application_fee_cents, organisation_id, establishment_id, expires_at, request, paid_at, created_by)
       VALUES ($1, $2, $3, $4,
               (SELECT COALESCE(MAX(attempt), 0) + 1 FROM payment.payment WHERE booking_id = $2 OR (series_id = $3 AND period_key = $4)),
               'creating', $5, $6, $6, $7, 0, $8, $9, $10, '{}'::jsonb, $10, $11)
       RETURNING ${paymentTable.selectList}`,
      [
        paymentId,
        bookingId,
        seriesId,
        periodKey,
        COUNTER_PROVIDER,
        `counter:${paymentId}`,
        amountCents,
        first.organisationId,
        first.establishmentId,
        paidAt,
        access.caller.accountId,
      ],
    );
    if (!inserted) throw new Error('counter payment not recorded');
    return inserted;
  }
}

/** The name of the unique constraint a violation names (pg's error, or TypeORM's wrapping of it). */
function violatedConstraint(error: unknown): string | undefined {
  const failure = error as { constraint?: string; driverError?: { constraint?: string } };
  return failure.constraint ?? failure.driverError?.constraint;
}
