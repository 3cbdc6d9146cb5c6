import type { EntityManager } from 'typeorm';
import { queryRows } from '@salle/db';
import { ledgerEntryTable, type StoredLedgerEntry } from '../database/tables/ledger-entry-table';
import type { LedgerEntry } from './ledger-entries';

/**
 * Appends entries; one already recorded (same provider object, type and
 * side) is skipped, so replays of webhooks and re-reads never double money.
 * Returns how many were new.
 */
export async function appendLedgerEntries(
  manager: EntityManager,
  entries: LedgerEntry[],
  sourceEventId: string | null = null,
): Promise<number> {
  if (entries.length === 0) return 0;
  const values: unknown[] = [];
  const tuples = entries.map((entry, index) => {
    const base = index * 12;
    values.push(
      entry.bookingId,
      entry.paymentId,
      entry.establishmentId,
      entry.party,
      entry.accountId,
      entry.entryType,
      entry.amountCents,
      entry.providerObjectId,
      entry.payoutId ?? null,
      entry.occurredAt,
      sourceEventId,
      'eur',
    );
    return `(${Array.from({ length: 12 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
  });
  const inserted = (await manager.query(
    `INSERT INTO payment.ledger_entry
       (booking_id, payment_id, establishment_id, party, account_id, entry_type, amount_cents, provider_object_id, payout_id, occurred_at, source_event_id, currency)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (provider_object_id, entry_type, party) DO NOTHING
     RETURNING id`,
    values,
  )) as unknown[];
  return inserted.length;
}

export type { StoredLedgerEntry };

export async function ledgerOfBookings(
  manager: Pick<EntityManager, 'query'>,
  bookingIds: string[],
): Promise<StoredLedgerEntry[]> {
  if (bookingIds.length === 0) return [];
  return queryRows<StoredLedgerEntry>(
    manager,
    `SELECT ${ledgerEntryTable.selectList} FROM payment.ledger_entry WHERE booking_id = ANY($1) ORDER BY id`,
    [bookingIds],
  );
}
