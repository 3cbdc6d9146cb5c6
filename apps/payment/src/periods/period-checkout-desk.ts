import { frenchSlot } from '@salle/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isUniqueViolation, queryOne, queryRows, sqlTextList } from '@salle/db';
import type { CallerAccess } from '@salle/auth';
import {
  checkoutClosing,
  paymentDeadlinePassed,
  paymentProcessing,
  periodNotPayable,
  periodNothingToPay,
} from '../errors';
import { type PayableBooking, payableBookingTable } from '../database/tables/payable-booking-table';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import { insertPaymentWithAudit } from '../checkout/checkout-opened-audit';
import type { CheckoutRequest } from '../provider/payment-provider';
import { applicationFee } from '../refunds/refund-policy';
import type { CheckoutDesk, CheckoutSettings } from '../checkout/checkout-desk';
import { awaitingPaymentStatuses, livePaymentStatuses } from '../payments/payment-states';

/** An open checkout is handed out again while at least this much of its hold is left (as for a booking). */
const REUSE_MARGIN_MS = 2 * 60_000;
const CLOCK_SKEW_MARGIN_MS = 60_000;

/** The sessions of a period a new payment pays: still payable, before their due date, not paid alone meanwhile. */
export function sessionsToPay(sessions: readonly PayableBooking[], paidAlone: ReadonlySet<string>, now: Date) {
  return sessions.filter(
    (session) =>
      session.status === 'payable' &&
      !paidAlone.has(session.bookingId) &&
      (!session.paymentDueAt || session.paymentDueAt.getTime() > now.getTime()),
  );
}

/**
 * The organisation's "pay the period" action for a series paid per period (SERIES_PAYMENT): ONE checkout
 * (Stripe, a line per session) or ONE PayFiP operation (its refdet names the payment) for every session of the
 * period still to pay, under the key `checkout:period:{seriesId}:{key}:{attempt}` stored with the payment and its
 * items before the provider is called. Settling it confirms every session at once (`CheckoutSettlement`).
 */
export class PeriodCheckoutDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly desk: CheckoutDesk,
    private readonly settings: CheckoutSettings,
  ) {}

  async open(
    seriesId: string,
    periodKey: string,
    access: CallerAccess,
    payerEmail?: string,
  ): Promise<{ payment: PaymentRecord; created: boolean }> {
    const sessions = await queryRows<PayableBooking>(
      this.dataSource,
      `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking
        WHERE series_id = $1 AND period_key = $2 ORDER BY starts_at, booking_id`,
      [seriesId, periodKey],
    );
    const first = sessions[0];
    // Someone else's period is answered as an unknown one, before any status check.
    if (!first || !access.organisations.has(first.organisationId)) throw periodNotPayable();
    const now = this.settings.now();

    const live = await queryOne<PaymentRecord>(
      this.dataSource,
      `SELECT ${paymentTable.selectList} FROM payment.payment
        WHERE series_id = $1 AND period_key = $2 AND status IN (${sqlTextList(livePaymentStatuses)})`,
      [seriesId, periodKey],
    );
    // Paid (its sessions confirmed, or refunded if they were released meanwhile): nothing left to pay.
    if (live?.status === 'succeeded') throw periodNothingToPay();
    if (live?.status === 'processing') throw paymentProcessing();
    if (live?.status === 'open') {
      if (live.expiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS && live.checkoutUrl)
        return { payment: live, created: false };
      throw checkoutClosing();
    }
    if (live) return { payment: await this.desk.resume(live), created: true };

    const paidAlone = await this.sessionsPaidAlone(sessions.map((session) => session.bookingId));
    const toPay = sessionsToPay(sessions, paidAlone, now);
    if (toPay.length === 0) {
      const overdue = sessions.some((s) => s.status === 'payable' && s.paymentDueAt && s.paymentDueAt <= now);
      throw overdue ? paymentDeadlinePassed() : periodNothingToPay();
    }
    const destination = await this.desk.destinationOf(first, payerEmail);
    const payment = await this.createRecord(seriesId, periodKey, toPay, destination, access, now);
    return { payment: await this.desk.resume(payment), created: true };
  }

  /** Sessions of the period with a live payment of their own (paid, or being paid, one by one). */
  private async sessionsPaidAlone(bookingIds: string[]): Promise<Set<string>> {
    const rows = await queryRows<{ bookingId: string }>(
      this.dataSource,
      `SELECT booking_id AS "bookingId" FROM payment.payment
        WHERE booking_id = ANY($1::uuid[]) AND status IN (${sqlTextList(livePaymentStatuses)})`,
      [bookingIds],
    );
    return new Set(rows.map((row) => row.bookingId));
  }

  private async createRecord(
    seriesId: string,
    periodKey: string,
    sessions: PayableBooking[],
    destination: Awaited<ReturnType<CheckoutDesk['destinationOf']>>,
    access: CallerAccess,
    now: Date,
  ): Promise<PaymentRecord> {
    const [first] = sessions;
    if (!first) throw new Error('a period payment needs sessions');
    const amountCents = sessions.reduce((sum, session) => sum + session.priceCents, 0);
    const expiresAt = new Date(now.getTime() + this.settings.holdMinutes * 60_000 + CLOCK_SKEW_MARGIN_MS);
    const fee = destination.withFee ? applicationFee(amountCents, this.settings.feeBasisPoints) : 0;
    const paymentId = randomUUID();
    const web = this.settings.webUrl;
    const place = `${first.labels.spaceName ?? 'Location de salle'}${first.labels.establishmentName ? ` – ${first.labels.establishmentName}` : ''}`;
    const count = `${sessions.length} séance${sessions.length > 1 ? 's' : ''}`;
    const label = `${place} – ${first.periodLabel ?? 'Série'} (${count})`;
    const request: CheckoutRequest = {
      paymentId,
      bookingId: null,
      periodReference: `period:${seriesId}:${periodKey}`,
      lines: sessions.map((session) => ({
        label: `${place} – ${frenchSlot(session.startsAt, session.endsAt)}`.slice(0, 250),
        amountCents: session.priceCents,
      })),
      amountCents,
      applicationFeeCents: fee,
      destinationAccountId: destination.creditorId,
      label: label.slice(0, 250),
      expiresAt,
      successUrl: `${web}/series/${seriesId}?paiement=confirme&periode=${periodKey}`,
      cancelUrl: `${web}/series/${seriesId}?paiement=annule&periode=${periodKey}`,
      ...(destination.payerEmail ? { payerEmail: destination.payerEmail } : {}),
    };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const next = await queryOne<{ attempt: number }>(
          manager,
          `SELECT COALESCE(MAX(attempt), 0) + 1 AS attempt FROM payment.payment WHERE series_id = $1 AND period_key = $2`,
          [seriesId, periodKey],
        );
        const attempt = Number(next?.attempt ?? 1);
        const inserted = await queryOne<PaymentRecord>(
          manager,
          insertPaymentWithAudit(
            `INSERT INTO payment.payment (id, booking_id, series_id, period_key, attempt, status, provider, idempotency_key,
                  amount_cents, application_fee_cents, destination_account_id, organisation_id, establishment_id,
                  expires_at, request, created_by)
           VALUES ($1, NULL, $2, $3, $4, 'creating', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          ),
          [
            paymentId,
            seriesId,
            periodKey,
            attempt,
            destination.provider,
            `checkout:period:${seriesId}:${periodKey}:${attempt}`,
            amountCents,
            fee,
            destination.creditorId,
            first.organisationId,
            first.establishmentId,
            expiresAt,
            JSON.stringify(request),
            access.caller.accountId,
          ],
        );
        if (!inserted) throw new Error('payment not recorded');
        await manager.query(
          `INSERT INTO payment.payment_item (payment_id, booking_id, amount_cents)
           SELECT $1, booking_id, price_cents FROM unnest($2::uuid[], $3::int[]) AS t(booking_id, price_cents)`,
          [paymentId, sessions.map((s) => s.bookingId), sessions.map((s) => s.priceCents)],
        );
        return inserted;
      });
    } catch (error) {
      // Two clicks at once: the other one recorded the period's payment; use it.
      if (isUniqueViolation(error)) {
        const other = await queryOne<PaymentRecord>(
          this.dataSource,
          `SELECT ${paymentTable.selectList} FROM payment.payment
            WHERE series_id = $1 AND period_key = $2 AND status IN (${sqlTextList(awaitingPaymentStatuses)})`,
          [seriesId, periodKey],
        );
        if (other) return other;
      }
      throw error;
    }
  }
}
