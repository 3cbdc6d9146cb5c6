import { parisDateKey } from '@salle/contracts';
import { counterAmountMismatch, counterReceivedInFuture } from '../errors';
import { parisDayStart } from '../payments/french-format';

const HOUR_MS = 3_600_000;

/**
 * What a régie may record: exactly the amount due (no partial payment, no change kept: the payment pays the
 * booking or the period whole, as a checkout does) and money received today or before (Paris dates).
 */
export function checkCounterPayment(
  input: { amountCents: number; receivedOn: string },
  dueCents: number,
  now: Date,
): void {
  if (input.receivedOn > parisDateKey(now)) throw counterReceivedInFuture();
  if (input.amountCents !== dueCents) throw counterAmountMismatch(dueCents);
}

/**
 * When the money counts as received, for the ledger, the receipt and the exports: now when it was received
 * today, else noon (Paris) of the day received, so that it falls on that day and month whatever the time zone.
 */
export function counterPaidAt(receivedOn: string, now: Date): Date {
  if (receivedOn === parisDateKey(now)) return now;
  return new Date(parisDayStart(receivedOn).getTime() + 12 * HOUR_MS);
}
