import type { RefundCause, RefundStatus } from '@salle/contracts';
import { defineTable } from '@salle/db';

/** Money going back on a payment: one per payment and cause (except `external`), statuses per `refundTransitions`. */
export interface RefundRecord {
  id: string;
  paymentId: string;
  bookingId: string | null;
  cause: RefundCause;
  percent: number;
  amountCents: number;
  status: RefundStatus;
  idempotencyKey: string;
  providerRefundId: string | null;
  attempts: number;
  requestedAt: Date;
  updatedAt: Date;
}

export const refundTable = defineTable<RefundRecord>('payment.refund', {
  id: 'id',
  paymentId: 'payment_id',
  bookingId: 'booking_id',
  cause: 'cause',
  percent: 'percent',
  amountCents: 'amount_cents',
  status: 'status',
  idempotencyKey: 'idempotency_key',
  providerRefundId: 'provider_refund_id',
  attempts: 'attempts',
  requestedAt: 'requested_at',
  updatedAt: 'updated_at',
});
