import type { CounterPaymentDetails } from '@salle/contracts';
import type { CounterPaymentRecord } from '../database/tables/counter-payment-table';

/** What the régie recorded, as payment views show it; null for a payment made online. */
export function counterDetails(row: CounterPaymentRecord | undefined): CounterPaymentDetails | null {
  return row ? { method: row.method, quittance: row.quittance, receivedOn: row.receivedOn } : null;
}
