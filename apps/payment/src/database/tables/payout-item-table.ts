import { defineTable } from '@salle/db';

/** One balance transaction a payout swept to a collège's bank account. */
export interface PayoutItemRecord {
  payoutId: string;
  establishmentId: string;
  transactionId: string;
  sourceObjectId: string;
  type: string;
  netCents: number;
}

export const payoutItemTable = defineTable<PayoutItemRecord>('payment.payout_item', {
  payoutId: 'payout_id',
  establishmentId: 'establishment_id',
  transactionId: 'transaction_id',
  sourceObjectId: 'source_object_id',
  type: 'type',
  netCents: { column: 'net_cents', readAs: 'float8' },
});
