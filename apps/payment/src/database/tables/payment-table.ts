import type { PaymentStatus } from '@salle/contracts';
import { defineTable } from '@salle/db';

/**
 * A payment: one attempt at paying a booking through a checkout at the provider (or money received on
 * a checkout this service did not create). Its statuses follow `paymentTransitions`.
 */
export interface PaymentRecord {
  id: string;
  bookingId: string | null;
  attempt: number;
  status: PaymentStatus;
  /** The adapter it went through (`PaymentProviders.byName`): every later call asks that one. */
  provider: string;
  idempotencyKey: string;
  checkoutId: string | null;
  checkoutUrl: string | null;
  paymentReference: string | null;
  chargeId: string | null;
  amountCents: number;
  applicationFeeCents: number;
  destinationAccountId: string | null;
  organisationId: string | null;
  establishmentId: string | null;
  expiresAt: Date;
  request: Record<string, unknown>;
  expireRequestedAt: Date | null;
  paidAt: Date | null;
  /** A `bigint` sequence value, read as pg gives it: a string. */
  receiptNumber: string | null;
  failureReason: string | null;
  /** A payment of a series' period (no `bookingId`): the sessions it pays are its `payment_item` rows. */
  seriesId: string | null;
  periodKey: string | null;
  createdAt: Date;
}

export const paymentTable = defineTable<PaymentRecord>('payment.payment', {
  id: 'id',
  bookingId: 'booking_id',
  attempt: 'attempt',
  status: 'status',
  provider: 'provider',
  idempotencyKey: 'idempotency_key',
  checkoutId: 'checkout_id',
  checkoutUrl: 'checkout_url',
  paymentReference: 'payment_reference',
  chargeId: 'charge_id',
  amountCents: 'amount_cents',
  applicationFeeCents: 'application_fee_cents',
  destinationAccountId: 'destination_account_id',
  organisationId: 'organisation_id',
  establishmentId: 'establishment_id',
  expiresAt: 'expires_at',
  request: 'request',
  expireRequestedAt: 'expire_requested_at',
  paidAt: 'paid_at',
  receiptNumber: 'receipt_number',
  failureReason: 'failure_reason',
  seriesId: 'series_id',
  periodKey: 'period_key',
  createdAt: 'created_at',
});
