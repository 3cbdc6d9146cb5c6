import type { CounterPaymentMethod } from '@salle/contracts';
import { defineTable } from '@salle/db';

/** What the collège's régie recorded with a payment received at its counter (provider `counter`); who: `payment.created_by`. */
export interface CounterPaymentRecord {
  paymentId: string;
  establishmentId: string;
  method: CounterPaymentMethod;
  quittance: string;
  /** The Paris date the money was received, `YYYY-MM-DD` (a `date` column, read as text). */
  receivedOn: string;
}

export const counterPaymentTable = defineTable<CounterPaymentRecord>('payment.counter_payment', {
  paymentId: 'payment_id',
  establishmentId: 'establishment_id',
  method: 'method',
  quittance: 'quittance',
  receivedOn: { column: 'received_on', readAs: 'text' },
});
