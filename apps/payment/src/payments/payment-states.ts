import type { PayableStatus, PaymentStatus, RefundStatus } from '@salle/contracts';
import { sqlTextList } from '@salle/db';
import { finalStatusesOf, sourcesOf, type Transitions } from './state-machine';

/**
 * A payment's life, the one table every status change of `payment.payment` follows: each UPDATE of
 * a status requires, in SQL, that the row be in one of the statuses this table lets move there
 * (`paymentMayBecome`), so duplicates and any delivery order of provider events end in the same state.
 * A payment is recorded `creating` before the provider is called; money received on a checkout this
 * service did not create is recorded `abandoned` (then settled like any late payment).
 */
export const paymentTransitions: Transitions<PaymentStatus> = {
  creating: ['open', 'processing', 'succeeded', 'failed', 'expired', 'abandoned', 'rejected'],
  open: ['processing', 'succeeded', 'failed', 'expired', 'rejected'],
  processing: ['succeeded', 'failed', 'rejected'],
  // Accepted: the booking is paid. Refunds change the refunds, never the payment.
  succeeded: [],
  // Money received that cannot be accepted (unknown or late booking, wrong amount): flagged, refunded or examined.
  rejected: [],
  // Ended unpaid: only money arriving after all moves them on, to `rejected`.
  failed: ['rejected'],
  expired: ['rejected'],
  abandoned: ['rejected'],
};

/** The statuses a payment is recorded in. */
export const initialPaymentStatuses: readonly PaymentStatus[] = ['creating', 'abandoned'];

/** May still be accepted: the checkout is being created, open, or its debit is under way. */
export const inProgressPaymentStatuses: readonly PaymentStatus[] = sourcesOf(paymentTransitions, 'succeeded');

/** A booking's live payment (at most one, by a unique index): in progress, or accepted. */
export const livePaymentStatuses: readonly PaymentStatus[] = [...inProgressPaymentStatuses, 'succeeded'];

/** The payer has not paid yet (no debit under way): the checkout may still be closed, and expire. */
export const awaitingPaymentStatuses: readonly PaymentStatus[] = sourcesOf(paymentTransitions, 'expired');

/** Settled for good: nothing changes them any more. */
export const finalPaymentStatuses: readonly PaymentStatus[] = finalStatusesOf(paymentTransitions);

/** Money was received: accepted, or rejected (then refunded or examined). These are exactly the final statuses. */
export const collectedPaymentStatuses: readonly PaymentStatus[] = finalPaymentStatuses;

/** Ended without being accepted; money arriving for them is a late payment. */
export const endedUnpaidPaymentStatuses: readonly PaymentStatus[] = (
  Object.keys(paymentTransitions) as PaymentStatus[]
).filter((status) => paymentTransitions[status].length === 1 && paymentTransitions[status][0] === 'rejected');

const paymentGuards = new Map<PaymentStatus, string>();

/** The SQL list, for `status IN (...)`, of the statuses the table lets move to `target` (built once per target). */
export function paymentMayBecome(target: PaymentStatus): string {
  let guard = paymentGuards.get(target);
  if (guard === undefined) {
    guard = sqlTextList(sourcesOf(paymentTransitions, target));
    paymentGuards.set(target, guard);
  }
  return guard;
}

/**
 * A refund's life: `requested` (owed, the task worker calls the provider), `pending` at the provider,
 * then `succeeded` or `failed`, read back from the charge or given up after the last attempt.
 */
export const refundTransitions: Transitions<RefundStatus> = {
  requested: ['pending', 'succeeded', 'failed'],
  pending: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

/** The statuses a refund is recorded in: ours are owed, those made at the provider by hand are pending there. */
export const initialRefundStatuses: readonly RefundStatus[] = ['requested', 'pending'];

/** Settled for good. */
export const finalRefundStatuses: readonly RefundStatus[] = finalStatusesOf(refundTransitions);

/** Not settled yet: the provider's answer may still move them. */
export const unsettledRefundStatuses: readonly RefundStatus[] = sourcesOf(refundTransitions, 'succeeded');

/**
 * Where a booking stands for payment, fed by the booking events and the payment's acceptance. A
 * cancellation ends any of them (a paid booking's refund follows), an expiry only an unpaid one.
 */
export const payableTransitions: Transitions<PayableStatus> = {
  payable: ['paid', 'cancelled', 'expired'],
  paid: ['cancelled'],
  expired: ['cancelled'],
  cancelled: [],
};

/** The SQL list, for `status IN (...)`, of the statuses the table lets move to `target`. */
export function payableMayBecome(target: PayableStatus): string {
  return sqlTextList(sourcesOf(payableTransitions, target));
}
