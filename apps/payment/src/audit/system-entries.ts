import type { PaymentStatus } from '@salle/contracts';
import { auditInsertFrom } from '@salle/db';
import { paymentMayBecome } from '../payments/payment-states';

/**
 * Audit entries of the changes no operation makes: a refund owed by a rule (a cancellation, a late payment, a
 * closure; an admin's refund from a flag is also named by that flag's `flag.resolved`), a flag raised, a payment
 * expired, failed or rejected, a refund handed to the accountant or settled by the provider. Each helper wraps the
 * statement that makes the change (`change`, ending in `RETURNING …`) in a data-modifying CTE beside its entry: the
 * entry commits with the change, is written only when a row changed, and costs no extra round trip. The statement
 * answers `returning`, read from the changed rows.
 *
 * The actor is the payment service's own rule (`system`) or the provider's notice (`provider`); no account.
 */
export type SystemRole = 'system' | 'provider';

function withEntry(change: string, entry: string, returning: string): string {
  return `WITH changed AS (${change}), entry AS (${auditInsertFrom('payment', entry)}) SELECT ${returning} FROM changed`;
}

const after = (value: string) => `jsonb_build_object('before', NULL, 'after', ${value})`;
const statusChange = (before: string) =>
  `jsonb_build_object('status', jsonb_build_object('before', ${before}, 'after', c.status))`;

/**
 * The entry of each changed row of a table that names its payment (a refund, a flag), under that payment's collège
 * and organisation (none when the row has no payment).
 */
function entryUnderPayment(role: SystemRole, action: string, objectType: string, changes: string): string {
  return `SELECT NULL::uuid, '${role}', NULL::uuid, '${action}', '${objectType}', c.id::text, p.establishment_id,
                 p.organisation_id, ${changes}
            FROM changed c LEFT JOIN payment.payment p ON p.id = c.payment_id`;
}

/**
 * A refund recorded by `change` (an INSERT into payment.refund returning `*`): `refund.requested`, with its
 * amount, cause and payment, under the payment's collège and organisation.
 */
export function withRefundRequested(change: string, role: SystemRole, returning: string): string {
  return withEntry(
    change,
    entryUnderPayment(
      role,
      'refund.requested',
      'refund',
      `jsonb_build_object('status', ${after('c.status')}, 'amountCents', ${after('c.amount_cents')},
                          'cause', ${after('c.cause')}, 'paymentId', ${after('c.payment_id')})`,
    ),
    returning,
  );
}

/** A refund's status changed by `change` (an UPDATE of payment.refund returning `*` and `status_before`). */
export function withRefundStatusChanged(change: string, role: SystemRole, returning: string): string {
  return withEntry(
    change,
    entryUnderPayment(role, 'refund.status_changed', 'refund', statusChange('c.status_before')),
    returning,
  );
}

/** A payment's status changed by `change` (an UPDATE of payment.payment returning `*` and `status_before`). */
export function withPaymentStatusChanged(change: string, role: SystemRole, returning: string): string {
  return withEntry(
    change,
    `SELECT NULL::uuid, '${role}', NULL::uuid, 'payment.status_changed', 'payment', c.id::text, c.establishment_id,
            c.organisation_id, ${statusChange('c.status_before')}
       FROM changed c`,
    returning,
  );
}

/**
 * The provider's answer moves the payment `$1` to `status` (with `alsoSet`, more of the SET clause), when its
 * current status may move there (`paymentMayBecome`): audited by the same statement.
 */
export function providerSetsPaymentStatus(status: PaymentStatus, alsoSet = ''): string {
  const set = [`status = '${status}'`, alsoSet, 'updated_at = now()'].filter(Boolean).join(', ');
  return withPaymentStatusChanged(
    updateKeepingStatus('payment.payment', set, `c.id = $1 AND c.status IN (${paymentMayBecome(status)})`),
    'provider',
    'id',
  );
}

/** A flag raised by `change` (an INSERT into payment.payment_flag returning `*`): its kind, booking and payment. */
export function withFlagRaised(change: string, returning: string): string {
  return withEntry(
    change,
    entryUnderPayment(
      'system',
      'flag.raised',
      'payment_flag',
      `jsonb_build_object('kind', ${after('c.kind')}, 'bookingId', ${after('c.booking_id')},
                          'paymentId', ${after('c.payment_id')})`,
    ),
    returning,
  );
}

/**
 * `UPDATE <table> SET …` that also returns each row's status before the change: the statement joins the row's
 * own pre-update version (`old`), which an UPDATE's FROM reads from the statement's snapshot.
 */
export function updateKeepingStatus(table: string, set: string, where: string): string {
  return `UPDATE ${table} c SET ${set} FROM ${table} old WHERE old.id = c.id AND ${where}
          RETURNING c.*, old.status AS status_before`;
}
