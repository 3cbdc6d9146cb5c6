import type { DataSource } from 'typeorm';
import type { ReconciliationReport } from '@salle/contracts';
import { queryRows } from '@salle/db';
import type { LedgerEntry } from './ledger-entries';
import { checkPeriodPayment, type PeriodPaymentRecord, type PeriodSession } from './period-invariants';

type Entry = Pick<LedgerEntry, 'paymentId' | 'party' | 'entryType' | 'amountCents' | 'providerObjectId'>;

interface PeriodPaymentRow extends PeriodPaymentRecord {
  paymentId: string;
  seriesId: string;
  periodKey: string;
  establishmentId: string;
  provider: string;
}

/**
 * The payments of a series' period (one payment for several sessions; its ledger lines carry the payment, not a
 * booking) that money reached, of every collège or of one, each checked against its ledger lines, the provider's
 * record and the sessions it paid (`checkPeriodPayment`).
 */
export async function periodReconciliation(
  dataSource: DataSource,
  establishmentId: string | null,
  entries: Entry[],
): Promise<ReconciliationReport['periods']> {
  const payments = await queryRows<PeriodPaymentRow>(
    dataSource,
    `SELECT p.id AS "paymentId", p.series_id AS "seriesId", p.period_key AS "periodKey",
            p.establishment_id AS "establishmentId", p.provider, p.status, p.amount_cents AS "amountCents",
            p.charge_id AS "chargeId"
       FROM payment.payment p
      WHERE p.series_id IS NOT NULL AND p.establishment_id IS NOT NULL
        AND ($1::uuid IS NULL OR p.establishment_id = $1::uuid)
        AND (p.status IN ('succeeded', 'rejected')
             OR EXISTS (SELECT 1 FROM payment.ledger_entry l WHERE l.payment_id = p.id))
      ORDER BY p.created_at, p.id`,
    [establishmentId],
  );
  if (payments.length === 0) return [];
  const sessions = await queryRows<PeriodSession & { paymentId: string }>(
    dataSource,
    `SELECT i.payment_id AS "paymentId", i.booking_id AS "bookingId", i.amount_cents AS "amountCents",
            b.status AS "payableStatus",
            COALESCE((SELECT SUM(r.amount_cents) FROM payment.refund r
                       WHERE r.payment_id = i.payment_id AND r.booking_id = i.booking_id AND r.status = 'succeeded'), 0)::int
              AS "refundedCents",
            COALESCE((SELECT SUM(r.amount_cents) FROM payment.refund r
                       WHERE r.payment_id = i.payment_id AND r.booking_id = i.booking_id AND r.status <> 'failed'), 0)::int
              AS "refundOwedCents",
            ARRAY(SELECT o.payment_id::text FROM (
                    SELECT id AS payment_id, amount_cents FROM payment.payment WHERE booking_id = i.booking_id
                    UNION ALL
                    SELECT payment_id, amount_cents FROM payment.payment_item WHERE booking_id = i.booking_id) o
                    JOIN payment.payment other ON other.id = o.payment_id
                   WHERE o.payment_id <> i.payment_id AND other.status = 'succeeded'
                     AND o.amount_cents > COALESCE((SELECT SUM(r.amount_cents) FROM payment.refund r
                                                    WHERE r.payment_id = o.payment_id AND r.status <> 'failed'
                                                      AND (r.booking_id = i.booking_id OR r.booking_id IS NULL)), 0)
                   ORDER BY o.payment_id) AS "alsoPaidBy"
       FROM payment.payment_item i LEFT JOIN payment.payable_booking b ON b.booking_id = i.booking_id
      WHERE i.payment_id = ANY($1::uuid[])
      ORDER BY i.booking_id`,
    [payments.map((payment) => payment.paymentId)],
  );
  return payments.map((payment) => {
    const own = sessions.filter((session) => session.paymentId === payment.paymentId);
    return {
      paymentId: payment.paymentId,
      seriesId: payment.seriesId,
      periodKey: payment.periodKey,
      establishmentId: payment.establishmentId,
      provider: payment.provider,
      amountCents: payment.amountCents,
      bookingIds: own.map((session) => session.bookingId),
      ...checkPeriodPayment(
        payment,
        own,
        entries.filter((entry) => entry.paymentId === payment.paymentId),
      ),
    };
  });
}
