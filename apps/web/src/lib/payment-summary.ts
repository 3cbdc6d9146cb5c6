import { COUNTER_PAYMENT_METHOD_LABELS, type BookingPaymentView, type CounterPaymentDetails } from '@salle/contracts';
import { formatExactEuros } from './money';
import { formatDate } from './paris-time';

/** What the payment service reports for one booking, added up over its payment attempts. */
export interface PaymentSummary {
  /** A payment was accepted, so a receipt exists (it lists any refund); a late one given back has none. */
  receiptAvailable: boolean;
  paidCents: number;
  /** Refunds the provider carried out. */
  refundedCents: number;
  /** Refunds owed and not yet carried out. */
  refundingCents: number;
  /** Refunds the provider refused: the département is alerted and handles them. */
  failedRefundCents: number;
  /** The booking ended (cancelled or expired) on the payment side. */
  ended: boolean;
  /** Still awaiting its payment on the payment side: the collège may record one received at its counter. */
  payable: boolean;
  /** The accepted payment was received at the collège's counter: how, its quittance and the day. */
  counter: CounterPaymentDetails | null;
}

const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);

/**
 * `view` is null when the payment service holds nothing for the booking (a
 * free booking, or one never approved): nothing was paid.
 */
export function summarisePayment(view: BookingPaymentView | null): PaymentSummary {
  const payments = view?.payments ?? [];
  // Money taken is what the provider charged: an accepted payment, or one refused as late that is given back.
  const charged = payments.filter((payment) => payment.paidAt !== null);
  const refunds = payments.flatMap((payment) => payment.refunds);
  const amountOf = (status: string) =>
    sum(refunds.filter((refund) => refund.status === status).map((refund) => refund.amountCents));
  return {
    receiptAvailable: payments.some((payment) => payment.receiptAvailable),
    paidCents: sum(charged.map((payment) => payment.amountCents)),
    refundedCents: sum(payments.map((payment) => payment.refundedCents)),
    refundingCents: amountOf('requested') + amountOf('pending'),
    failedRefundCents: amountOf('failed'),
    ended: view?.payableStatus === 'cancelled' || view?.payableStatus === 'expired',
    payable: view?.payableStatus === 'payable',
    counter: payments.find((payment) => payment.status === 'succeeded' && payment.counter)?.counter ?? null,
  };
}

/**
 * The sentences that say what was given back, from what payment reports (not
 * from the cancellation policy's percentage, which a full refund of a late
 * payment or a collège's cancellation does not follow). None when nothing was paid.
 */
export function refundStatements(summary: PaymentSummary): string[] {
  if (summary.paidCents === 0) return [];
  const statements: string[] = [];
  if (summary.refundedCents > 0 || summary.ended) {
    statements.push(
      `Montant remboursé\u00a0: ${formatExactEuros(summary.refundedCents)} sur ${formatExactEuros(summary.paidCents)} payés.`,
    );
  }
  if (summary.refundingCents > 0) {
    statements.push(`Remboursement en cours\u00a0: ${formatExactEuros(summary.refundingCents)}.`);
  }
  if (summary.failedRefundCents > 0) {
    statements.push(
      `Un remboursement de ${formatExactEuros(summary.failedRefundCents)} n’a pas abouti\u00a0: le département en est averti et le traite.`,
    );
  }
  return statements;
}

/**
 * Money was taken and its refund is not settled yet: the payment service has
 * not yet heard of the cancellation, or the provider has not yet carried the
 * refund out. Null (payment not answering) is not waited for.
 */
export function refundUnderWay(summary: PaymentSummary | null): boolean {
  return summary !== null && summary.paidCents > 0 && (!summary.ended || summary.refundingCents > 0);
}

/** « Payé au guichet le 10 février 2026 (chèque, quittance n° R-42) », for a booking or a series' period. */
export function counterPaidText(counter: CounterPaymentDetails): string {
  const method = COUNTER_PAYMENT_METHOD_LABELS[counter.method].toLowerCase();
  return `Payé au guichet le ${formatDate(counter.receivedOn, { weekday: false })} (${method}, quittance n°\u00a0${counter.quittance})`;
}
