import type { PayableStatus, PaymentStatus } from '@salle/contracts';
import type { LedgerEntry } from './ledger-entries';
import { type BookingLedgerSummary, checkBookingLedger } from './ledger-invariants';

type Entry = Pick<LedgerEntry, 'party' | 'entryType' | 'amountCents' | 'providerObjectId'>;

/** A series' period payment as the payment table records it: what the provider (or the régie) said was paid. */
export interface PeriodPaymentRecord {
  status: PaymentStatus;
  amountCents: number;
  /** The provider's charge (`counter:{paymentId}` at the counter), as read back when the money arrived. */
  chargeId: string | null;
}

/** One session the payment pays: its share, where it stands for payment, and what else paid or refunded it. */
export interface PeriodSession {
  bookingId: string;
  amountCents: number;
  /** Null when no booking.approved of it was ever received. */
  payableStatus: PayableStatus | null;
  /** Refunds of its share that reached the payer. */
  refundedCents: number;
  /** Refunds of its share asked for and not failed (reached or still under way). */
  refundOwedCents: number;
  /** Other accepted payments paying it (alone or with its period) whose share of it is not given back. */
  alsoPaidBy: string[];
}

/**
 * A period payment checked as a one-off payment is, plus what a payment of several sessions must keep:
 * - its ledger adds up (`checkBookingLedger`: shares, paired movements, refunds within the gross);
 * - the ledger's charge is the provider's record of it (its charge id), for the payment's amount;
 * - accepted, its sessions' shares add up to its amount, each session it paid is paid (or ended since: cancelled or
 *   released, refunded by the cancellation policy), none is still awaiting its payment, none is refunded beyond its
 *   share, and none is also paid by another accepted payment without either share given back.
 */
export function checkPeriodPayment(
  payment: PeriodPaymentRecord,
  sessions: PeriodSession[],
  entries: Entry[],
): BookingLedgerSummary {
  const summary = checkBookingLedger(entries);
  const issues = [...summary.issues];
  const charges = entries.filter((entry) => entry.entryType === 'charge');
  if (payment.chargeId && !charges.some((entry) => entry.providerObjectId === payment.chargeId))
    issues.push(`the provider's charge ${payment.chargeId} is not in the ledger`);
  for (const entry of charges.filter((each) => each.providerObjectId !== payment.chargeId))
    issues.push(`charge ${entry.providerObjectId} in the ledger is not the payment's (${payment.chargeId ?? 'none'})`);
  if (payment.status === 'succeeded') {
    if (summary.grossCents !== payment.amountCents)
      issues.push(
        `the ledger's gross (${summary.grossCents}) differs from the payment's amount (${payment.amountCents})`,
      );
    const shares = sessions.reduce((total, session) => total + session.amountCents, 0);
    if (shares !== payment.amountCents)
      issues.push(`the sessions' shares add up to ${shares}, not the payment's amount (${payment.amountCents})`);
    for (const session of sessions) issues.push(...sessionIssues(session));
  }
  return { ...summary, issues };
}

function sessionIssues(session: PeriodSession): string[] {
  const issues: string[] = [];
  const id = session.bookingId;
  if (session.payableStatus === null) issues.push(`session ${id} is unknown to the payment service`);
  if (session.payableStatus === 'payable')
    issues.push(`session ${id} was paid with its period but still awaits payment`);
  if (session.refundedCents > session.amountCents)
    issues.push(`session ${id}: refunds (${session.refundedCents}) exceed its share (${session.amountCents})`);
  if (session.alsoPaidBy.length > 0 && session.refundOwedCents < session.amountCents)
    issues.push(`session ${id} is also paid by payment ${session.alsoPaidBy.join(', ')}, and neither share goes back`);
  return issues;
}
