import { auditInsertFrom } from '@salle/db';
import { paymentTable } from '../database/tables/payment-table';

/** `{ before: null, after: <column> }` of the new payment, for the entry's changes. */
const created = (field: string, column: string) => `'${field}', jsonb_build_object('before', NULL, 'after', ${column})`;

/**
 * A new payment's INSERT (`insert`, without RETURNING) made into one statement that also writes its
 * `payment.checkout_opened` entry, and answers the payment's row. Opening a checkout is a member's click on a
 * hot path: the entry rides in the same statement, in the same transaction, so it costs no round trip, only one
 * more row and its two index entries. The actor is the payment's `created_by` (the member who clicked); the
 * changes are the payment's ids, status, amount, provider and attempt (never the payer's e-mail address).
 */
export function insertPaymentWithAudit(insert: string): string {
  const entry = `
    SELECT created_by, 'organisation_member', NULL::uuid, 'payment.checkout_opened' AS action, 'payment', id::text,
           establishment_id, organisation_id,
           jsonb_build_object(${created('status', 'status')}, ${created('amountCents', 'amount_cents')},
                              ${created('provider', 'provider')}, ${created('attempt', 'attempt')})
           || CASE WHEN booking_id IS NOT NULL THEN jsonb_build_object(${created('bookingId', 'booking_id')})
                   ELSE jsonb_build_object(${created('seriesId', 'series_id')}, ${created('periodKey', 'period_key')})
              END
      FROM inserted`;
  return `WITH inserted AS (${insert} RETURNING *),
               audited AS (${auditInsertFrom('payment', entry)})
          SELECT ${paymentTable.selectList} FROM inserted`;
}
