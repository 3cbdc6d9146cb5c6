import type { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, sqlTextList } from '@salle/db';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import { type PaymentItemRecord, paymentItemTable } from '../database/tables/payment-item-table';
import { awaitingPaymentStatuses, livePaymentStatuses } from '../payments/payment-states';

/**
 * What a payment pays, session by session: a period payment's `payment_item` rows, or the one booking of a
 * single payment (its whole amount). Empty for money received for no known booking.
 */
export async function sessionsPaidBy(
  manager: EntityManager | DataSource,
  payment: Pick<PaymentRecord, 'id' | 'bookingId' | 'seriesId' | 'amountCents'>,
): Promise<PaymentItemRecord[]> {
  if (!payment.seriesId) {
    return payment.bookingId
      ? [{ paymentId: payment.id, bookingId: payment.bookingId, amountCents: payment.amountCents }]
      : [];
  }
  return queryRows<PaymentItemRecord>(
    manager,
    `SELECT ${paymentItemTable.selectList} FROM payment.payment_item WHERE payment_id = $1 ORDER BY booking_id`,
    [payment.id],
  );
}

/** The live payments (in progress or accepted) that pay `bookingId`: its own, and its period's; locked with `lock`. */
export async function livePaymentsPaying(
  manager: EntityManager,
  bookingId: string,
  lock = false,
): Promise<PaymentRecord[]> {
  return queryRows<PaymentRecord>(
    manager,
    `SELECT ${paymentTable.selectList} FROM payment.payment
      WHERE (booking_id = $1 OR id IN (SELECT payment_id FROM payment.payment_item WHERE booking_id = $1))
        AND status IN (${sqlTextList(livePaymentStatuses)})
      ORDER BY created_at, id ${lock ? 'FOR UPDATE' : ''}`,
    [bookingId],
  );
}

/** The live payment of the period `bookingId` belongs to, if its series' period is being paid (or was) as one item. */
export async function livePeriodPaymentOf(
  manager: EntityManager | DataSource,
  bookingId: string,
): Promise<PaymentRecord | undefined> {
  return queryOne<PaymentRecord>(
    manager,
    `SELECT ${paymentTable.selectList} FROM payment.payment
      WHERE id IN (SELECT payment_id FROM payment.payment_item WHERE booking_id = $1)
        AND status IN (${sqlTextList(livePaymentStatuses)})`,
    [bookingId],
  );
}

/** The share of a session in a payment still held: its amount less what was refunded of it (failed refunds aside). */
export async function heldForSession(
  manager: EntityManager,
  paymentId: string,
  item: Pick<PaymentItemRecord, 'bookingId' | 'amountCents'>,
): Promise<{ paidCents: number; refundedCents: number }> {
  const row = await queryOne<{ total: number }>(
    manager,
    `SELECT COALESCE(SUM(amount_cents), 0)::float8 AS total FROM payment.refund
      WHERE payment_id = $1 AND booking_id = $2 AND status <> 'failed'`,
    [paymentId, item.bookingId],
  );
  return { paidCents: item.amountCents, refundedCents: Number(row?.total ?? 0) };
}

/**
 * Asks the task worker to close a period's open checkout once none of its sessions can be paid any more (all
 * cancelled or released): nobody should pay for nothing. A checkout with sessions left stays open; if a
 * session is cancelled meanwhile and the period is paid, that session's share goes back in full.
 */
export async function requestExpiryOfDeadPeriods(manager: EntityManager, bookingId: string): Promise<void> {
  await manager.query(
    `UPDATE payment.payment p SET expire_requested_at = now(), updated_at = now()
      WHERE p.id IN (SELECT payment_id FROM payment.payment_item WHERE booking_id = $1)
        AND p.status IN (${sqlTextList(awaitingPaymentStatuses)}) AND p.expire_requested_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM payment.payment_item i JOIN payment.payable_booking b ON b.booking_id = i.booking_id
           WHERE i.payment_id = p.id AND b.status = 'payable')`,
    [bookingId],
  );
}
