import { defineTable } from '@salle/db';
import type { LedgerEntry } from '../../ledger/ledger-entries';

/** A ledger entry as stored: append-only, one per (provider object, entry type, side). */
export interface StoredLedgerEntry extends LedgerEntry {
  id: string;
  payoutId: string | null;
}

export const ledgerEntryTable = defineTable<StoredLedgerEntry>('payment.ledger_entry', {
  id: 'id',
  bookingId: 'booking_id',
  paymentId: 'payment_id',
  establishmentId: 'establishment_id',
  party: 'party',
  accountId: 'account_id',
  entryType: 'entry_type',
  // Signed cents in a bigint column: read as a number (well within float8's exact integers).
  amountCents: { column: 'amount_cents', readAs: 'float8' },
  providerObjectId: 'provider_object_id',
  payoutId: 'payout_id',
  occurredAt: 'occurred_at',
});
