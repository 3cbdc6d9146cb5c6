import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { queryOne } from '@salle/db';
import type { RefundRecord } from '../database/tables/refund-table';
import { withRefundRequested } from '../audit/system-entries';

export type RefundCause = RefundRecord['cause'];

/**
 * Records that a refund is owed, in the caller's transaction; the refund
 * worker then asks the provider with the key `refund:{paymentId}:{cause}`.
 * One refund per payment and cause (per session of a period's payment): a cancellation event delivered twice,
 * or a late payment seen twice, is refunded once. Returns false when already owed.
 */
export async function requestRefund(
  manager: EntityManager,
  /** `ofSession`: a share of a period's payment, owed once per session (the payment pays several bookings). */
  payment: { paymentId: string; bookingId: string | null; ofSession?: boolean },
  refund: { cause: Exclude<RefundCause, 'external'>; percent: number; amountCents: number },
): Promise<boolean> {
  if (refund.amountCents <= 0) return false;
  const inserted = (await manager.query(
    withRefundRequested(
      `INSERT INTO payment.refund (id, payment_id, booking_id, cause, percent, amount_cents, status, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7)
       ON CONFLICT DO NOTHING RETURNING *`,
      'system',
      'id',
    ),
    [
      randomUUID(),
      payment.paymentId,
      payment.bookingId,
      refund.cause,
      refund.percent,
      refund.amountCents,
      payment.ofSession && payment.bookingId
        ? `refund:${payment.paymentId}:${payment.bookingId}:${refund.cause}`
        : `refund:${payment.paymentId}:${refund.cause}`,
    ],
  )) as unknown[];
  return inserted.length > 0;
}

/** Cents refunded or on their way back for a payment (failed refunds aside). */
export async function refundedSoFar(manager: EntityManager, paymentId: string): Promise<number> {
  const row = await queryOne<{ total: number }>(
    manager,
    `SELECT COALESCE(SUM(amount_cents), 0)::float8 AS total FROM payment.refund WHERE payment_id = $1 AND status <> 'failed'`,
    [paymentId],
  );
  return Number(row?.total ?? 0);
}
