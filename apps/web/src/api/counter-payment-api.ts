import type { CounterPaymentRecorded, RecordCounterPayment } from '@salle/contracts';
import { payment } from './payment-api';

/** What a counter payment pays: one booking, or every session of a series' payment period still to pay. */
export type CounterPaymentTarget = { bookingId: string } | { seriesId: string; periodKey: string };

/**
 * Records a payment the collège's régie received at its counter (cash, cheque, card terminal) for a booking
 * awaiting payment or a series' period: apart from `payment-api` so that only the lazily loaded form of the
 * collège carries it.
 */
export function recordCounterPayment(
  target: CounterPaymentTarget,
  body: RecordCounterPayment,
): Promise<CounterPaymentRecorded> {
  return 'bookingId' in target
    ? payment.call('recordCounterPayment', { params: { bookingId: target.bookingId }, body })
    : payment.call('recordPeriodCounterPayment', {
        params: { seriesId: target.seriesId, periodKey: target.periodKey },
        body,
      });
}
