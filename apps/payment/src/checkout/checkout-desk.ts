import { frenchSlot } from '@salle/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { isUniqueViolation, queryOne, sqlTextList } from '@salle/db';
import type { CallerAccess } from '@salle/auth';
import {
  bookingAlreadyPaid,
  bookingNoLongerPayable,
  bookingNotPayable,
  checkoutClosing,
  checkoutRefused,
  onlinePaymentNotOffered,
  payerEmailRequired,
  paymentDeadlinePassed,
  paymentProcessing,
  paymentProviderUnavailable,
  periodPaymentInProgress,
  payoutAccountNotReady,
} from '../errors';
import { type PayableBooking, payableBookingTable } from '../database/tables/payable-booking-table';
import { payoutAccountTable, type PayoutAccountRecord } from '../database/tables/payout-account-table';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import { insertPaymentWithAudit } from './checkout-opened-audit';
import { ProviderError, type CheckoutRequest } from '../provider/payment-provider';
import type { PaymentProviders } from '../provider/payment-providers';
import { applicationFee } from '../refunds/refund-policy';
import type { CheckoutSettlement } from '../settlement/checkout-settlement';
import { providerSetsPaymentStatus } from '../audit/system-entries';
import { awaitingPaymentStatuses, livePaymentStatuses } from '../payments/payment-states';
import { livePeriodPaymentOf } from '../periods/period-items';

export interface CheckoutSettings {
  feeBasisPoints: number;
  holdMinutes: number;
  webUrl: string;
  now: () => Date;
}

/** An open checkout is handed out again while at least this much of its hold is left. */
const REUSE_MARGIN_MS = 2 * 60_000;
/** Stripe's floor is 30 minutes after creation: a minute of margin for clock skew. */
const CLOCK_SKEW_MARGIN_MS = 60_000;

/** Where a new payment goes: the provider's name and the creditor (payout account or PayFiP numcli). */
export interface Destination {
  provider: string;
  creditorId: string;
  /** The département's fee applies to Stripe payments only: PayFiP pays the accountant the whole price. */
  withFee: boolean;
  /** Sent to PayFiP for its ticket; Stripe asks on its own page. */
  payerEmail?: string;
}

/**
 * The organisation's "pay" action: opens (or hands out again) the checkout
 * of an approved priced booking through its collège's provider: a destination
 * charge to the collège's payout account with the département's fee (Stripe),
 * or a PayFiP operation paid straight to its public accountant, under the
 * idempotency key `checkout:{bookingId}:{attempt}` stored with the payment
 * before the call.
 */
export class CheckoutDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: PaymentProviders,
    private readonly settlement: CheckoutSettlement,
    private readonly settings: CheckoutSettings,
    private readonly logger: Logger,
  ) {}

  async open(
    bookingId: string,
    access: CallerAccess,
    payerEmail?: string,
  ): Promise<{ payment: PaymentRecord; created: boolean }> {
    const payable = await queryOne<PayableBooking>(
      this.dataSource,
      `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE booking_id = $1`,
      [bookingId],
    );
    // Someone else's booking is answered as an unknown one, before any status check, so that no
    // answer tells a stranger that the id exists or what state it is in.
    if (!payable || !access.organisations.has(payable.organisationId)) throw bookingNotPayable();
    if (payable.status === 'paid') throw bookingAlreadyPaid();
    if (payable.status !== 'payable') throw bookingNoLongerPayable();
    const now = this.settings.now();
    if (payable.paymentDueAt && payable.paymentDueAt.getTime() <= now.getTime()) {
      throw paymentDeadlinePassed();
    }
    const destination = await this.destinationOf(payable, payerEmail);

    const live = await queryOne<PaymentRecord>(
      this.dataSource,
      `SELECT ${paymentTable.selectList} FROM payment.payment WHERE booking_id = $1 AND status IN (${sqlTextList(livePaymentStatuses)})`,
      [bookingId],
    );
    // Its series' period is being paid (or was) as one item: no second payment of the session alone.
    const periodPayment = await livePeriodPaymentOf(this.dataSource, bookingId);
    if (periodPayment?.status === 'succeeded') throw bookingAlreadyPaid();
    if (periodPayment) throw periodPaymentInProgress();
    if (live?.status === 'succeeded') throw bookingAlreadyPaid();
    if (live?.status === 'processing') throw paymentProcessing();
    if (live?.status === 'open') {
      if (live.expiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS && live.checkoutUrl)
        return { payment: live, created: false };
      throw checkoutClosing();
    }
    const payment = live ?? (await this.createRecord(payable, destination, access, now));
    return { payment: await this.callProvider(payment), created: !live || live.status === 'creating' };
  }

  /** Runs an interrupted creation again, with the same key and parameters (the task worker's path). */
  async resume(payment: PaymentRecord): Promise<PaymentRecord> {
    return this.callProvider(payment);
  }

  /** Where a new payment of `payable`'s collège goes; refuses when the collège takes no online payment (yet). */
  async destinationOf(
    payable: Pick<PayableBooking, 'establishmentId'>,
    payerEmail: string | undefined,
  ): Promise<Destination> {
    const route = this.providers.forEstablishment(payable.establishmentId);
    if (route.kind === 'none') throw onlinePaymentNotOffered();
    if (route.kind === 'payfip') {
      if (!payerEmail) throw payerEmailRequired();
      return { provider: this.providers.payfip.name, creditorId: route.numcli, withFee: false, payerEmail };
    }
    const account = await queryOne<Pick<PayoutAccountRecord, 'accountId' | 'status'>>(
      this.dataSource,
      `SELECT ${payoutAccountTable.pick('accountId', 'status')} FROM payment.payout_account WHERE establishment_id = $1`,
      [payable.establishmentId],
    );
    if (!account || account.status !== 'ready') throw payoutAccountNotReady();
    return { provider: this.providers.stripe.name, creditorId: account.accountId, withFee: true };
  }

  private async createRecord(
    payable: PayableBooking,
    destination: Destination,
    access: CallerAccess,
    now: Date,
  ): Promise<PaymentRecord> {
    const expiresAt = new Date(now.getTime() + this.settings.holdMinutes * 60_000 + CLOCK_SKEW_MARGIN_MS);
    const fee = destination.withFee ? applicationFee(payable.priceCents, this.settings.feeBasisPoints) : 0;
    const accountId = destination.creditorId;
    const paymentId = randomUUID();
    const web = this.settings.webUrl;
    const label = `${payable.labels.spaceName ?? 'Location de salle'}${payable.labels.establishmentName ? ` – ${payable.labels.establishmentName}` : ''} – ${frenchSlot(payable.startsAt, payable.endsAt)}`;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const next = await queryOne<{ attempt: number }>(
          manager,
          `SELECT COALESCE(MAX(attempt), 0) + 1 AS attempt FROM payment.payment WHERE booking_id = $1`,
          [payable.bookingId],
        );
        const attempt = Number(next?.attempt ?? 1);
        const request: CheckoutRequest = {
          paymentId,
          bookingId: payable.bookingId,
          amountCents: payable.priceCents,
          applicationFeeCents: fee,
          destinationAccountId: accountId,
          label: label.slice(0, 250),
          expiresAt,
          successUrl: `${web}/reservations/${payable.bookingId}/paiement/confirme?session={CHECKOUT_SESSION_ID}`,
          cancelUrl: `${web}/reservations/${payable.bookingId}/paiement/annule`,
          ...(destination.payerEmail ? { payerEmail: destination.payerEmail } : {}),
        };
        const inserted = await queryOne<PaymentRecord>(
          manager,
          insertPaymentWithAudit(
            `INSERT INTO payment.payment (id, booking_id, attempt, status, provider, idempotency_key, amount_cents, application_fee_cents,
                  destination_account_id, organisation_id, establishment_id, expires_at, request, created_by)
           VALUES ($1, $2, $3, 'creating', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          ),
          [
            paymentId,
            payable.bookingId,
            attempt,
            destination.provider,
            `checkout:${payable.bookingId}:${attempt}`,
            payable.priceCents,
            fee,
            accountId,
            payable.organisationId,
            payable.establishmentId,
            expiresAt,
            JSON.stringify(request),
            access.caller.accountId,
          ],
        );
        if (!inserted) throw new Error('payment not recorded');
        return inserted;
      });
    } catch (error) {
      // Two clicks at once: the other one recorded the payment; use it.
      if (isUniqueViolation(error)) {
        const other = await queryOne<PaymentRecord>(
          this.dataSource,
          `SELECT ${paymentTable.selectList} FROM payment.payment WHERE booking_id = $1 AND status IN (${sqlTextList(awaitingPaymentStatuses)})`,
          [payable.bookingId],
        );
        if (other) return other;
      }
      throw error;
    }
  }

  private async callProvider(payment: PaymentRecord): Promise<PaymentRecord> {
    if (payment.status === 'open') return payment;
    const stored = payment.request as unknown as CheckoutRequest & { expiresAt: string };
    const request: CheckoutRequest = { ...stored, expiresAt: new Date(stored.expiresAt) };
    try {
      const state = await this.providers.byName(payment.provider).createCheckout(request, payment.idempotencyKey);
      await this.settlement.apply(state);
    } catch (error) {
      if (error instanceof ProviderError && !error.retryable) {
        await this.dataSource.query(providerSetsPaymentStatus('abandoned', 'failure_reason = $2'), [
          payment.id,
          `${error.kind}: ${error.message}`.slice(0, 1000),
        ]);
        this.logger.error(
          { payment: payment.id, kind: error.kind, reason: error.message },
          'checkout refused by the provider',
        );
        throw checkoutRefused();
      }
      this.logger.warn(
        { payment: payment.id, reason: (error as Error).message },
        'checkout creation interrupted: will be retried with the same key',
      );
      throw paymentProviderUnavailable();
    }
    const current = await queryOne<PaymentRecord>(
      this.dataSource,
      `SELECT ${paymentTable.selectList} FROM payment.payment WHERE id = $1`,
      [payment.id],
    );
    if (!current) throw new Error('payment vanished');
    return current;
  }
}
