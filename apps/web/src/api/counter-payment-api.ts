import type { CounterPaymentRecorded, RecordCounterPayment } from '@salle/contracts';
import { payment } from './payment-api';

/**
 * Records a payment the collège's régie received at its counter (cash, cheque, card terminal) for a booking
 * awaiting payment: apart from `payment-api` so that only the lazily loaded form of the collège carries it.
 */
export function recordCounterPayment(bookingId: string, body: RecordCounterPayment): Promise<CounterPaymentRecorded> {
  return payment.call('recordCounterPayment', { params: { bookingId }, body });
}
