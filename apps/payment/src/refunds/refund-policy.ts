/**
 * What a cancellation gives back: `percent` of what was paid, rounded down to
 * the cent (never more than the policy), and never more than what is still
 * held after earlier refunds.
 */
export function refundAmount(paidCents: number, alreadyRefundedCents: number, percent: number): number {
  if (!Number.isInteger(paidCents) || paidCents < 0) throw new RangeError('paidCents must be a non-negative integer');
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new RangeError('percent must be an integer from 0 to 100');
  const remaining = Math.max(0, paidCents - alreadyRefundedCents);
  return Math.min(remaining, Math.floor((paidCents * percent) / 100));
}

/** The département's fee on a price, in basis points, rounded down: the collège is never short of a cent. */
export function applicationFee(priceCents: number, basisPoints: number): number {
  return Math.floor((priceCents * basisPoints) / 10_000);
}
