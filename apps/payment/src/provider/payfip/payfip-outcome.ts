import { PAYFIP_PAID_RESULTS } from '@salle/contracts';
import type { PayfipDetailAnswer, PayfipPaymentResult } from './payfip-client';

/** What we asked PayFiP for, to compare with what it says was paid. */
export interface PayfipExpectation {
  amountCents: number;
  refdet: string;
  numcli: string;
}

/**
 * What a read-back means for our payment. `pending`: not known yet (P5: not paid yet, or a debit not
 * settled), read again later. `expired`: PayFiP no longer knows the idOp (P1, purged). `foreign`: the
 * answer is about another creditor or debt, never ours to settle. `amount_mismatch`: paid, but not what
 * we asked: not confirmed, flagged for a person.
 */
export type PayfipOutcome =
  | { status: 'pending' }
  | { status: 'expired' }
  | { status: 'paid'; payment: PayfipPaymentResult }
  | { status: 'failed'; reason: 'card_refused' | 'debit_refused' | 'abandoned'; payment: PayfipPaymentResult }
  | { status: 'foreign'; payment: PayfipPaymentResult }
  | { status: 'amount_mismatch'; payment: PayfipPaymentResult };

export function payfipOutcome(answer: PayfipDetailAnswer, expected: PayfipExpectation): PayfipOutcome {
  if (answer.kind === 'not-known-yet') return { status: 'pending' };
  if (answer.kind === 'unknown-idop') return { status: 'expired' };
  const { payment } = answer;
  if (payment.refdet !== expected.refdet || payment.numcli !== expected.numcli) return { status: 'foreign', payment };
  if (PAYFIP_PAID_RESULTS.includes(payment.result)) {
    return payment.amountCents === expected.amountCents
      ? { status: 'paid', payment }
      : { status: 'amount_mismatch', payment };
  }
  const reason = payment.result === 'R' ? 'card_refused' : payment.result === 'Z' ? 'debit_refused' : 'abandoned';
  return { status: 'failed', reason, payment };
}
