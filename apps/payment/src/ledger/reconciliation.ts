import type { DataSource } from 'typeorm';
import type { ReconciliationReport } from '@salle/contracts';
import { queryRows } from '@salle/db';
import { ledgerEntryTable } from '../database/tables/ledger-entry-table';
import { payoutItemTable, type PayoutItemRecord } from '../database/tables/payout-item-table';
import type { LedgerEntry } from './ledger-entries';
import { checkBookingLedger, checkPayout } from './ledger-invariants';
import { periodReconciliation } from './period-reconciliation';

type Row = Pick<
  LedgerEntry,
  | 'bookingId'
  | 'paymentId'
  | 'establishmentId'
  | 'party'
  | 'accountId'
  | 'entryType'
  | 'amountCents'
  | 'providerObjectId'
>;

function groupBy(entries: Row[], key: (entry: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const entry of entries) groups.set(key(entry), [...(groups.get(key(entry)) ?? []), entry]);
  return groups;
}

/**
 * The entries of every collège, or of one: its own, plus the whole of each
 * suspense payment whose money reached its payout account.
 */
async function loadEntries(dataSource: DataSource, establishmentId: string | null): Promise<Row[]> {
  return queryRows<Row>(
    dataSource,
    `SELECT ${ledgerEntryTable.pick(
      'bookingId',
      'paymentId',
      'establishmentId',
      'party',
      'accountId',
      'entryType',
      'amountCents',
      'providerObjectId',
    )}
       FROM payment.ledger_entry
      WHERE $1::uuid IS NULL OR establishment_id = $1::uuid
         OR (establishment_id IS NULL AND payment_id IN (
               SELECT payment_id FROM payment.ledger_entry
                WHERE establishment_id IS NULL AND account_id IN (SELECT account_id FROM payment.payout_account WHERE establishment_id = $1::uuid)))
      ORDER BY id`,
    [establishmentId],
  );
}

/**
 * The ledger checked booking by booking (gross = collège share + département
 * fee, proportional refunds, paired movements), a series' period payment by
 * payment (its lines carry the payment, not a booking: checked the same way,
 * and against the provider's charge and the sessions it paid), in suspense
 * payment by payment (money received for no known booking: its lines have no
 * collège), and payout by payout (the items add up to the payout and each is
 * in the ledger of the account paid out, suspense lines included).
 */
export async function reconciliationReport(
  dataSource: DataSource,
  establishmentId?: string,
): Promise<ReconciliationReport> {
  const entries = await loadEntries(dataSource, establishmentId ?? null);
  const attributed = entries.filter((entry) => entry.bookingId && entry.establishmentId);
  const bookings = [...groupBy(attributed, (entry) => entry.bookingId ?? '')].map(([bookingId, own]) => ({
    bookingId,
    establishmentId: own[0]?.establishmentId ?? '',
    ...checkBookingLedger(own),
  }));
  const periods = await periodReconciliation(dataSource, establishmentId ?? null, entries);
  const inSuspense = entries.filter((entry) => !entry.establishmentId && entry.paymentId);
  const suspense = [...groupBy(inSuspense, (entry) => entry.paymentId ?? '')].map(([paymentId, own]) => ({
    paymentId,
    bookingId: own[0]?.bookingId ?? null,
    ...checkBookingLedger(own),
  }));

  const items = await queryRows<Pick<PayoutItemRecord, 'payoutId' | 'sourceObjectId' | 'netCents'>>(
    dataSource,
    `SELECT ${payoutItemTable.pick('payoutId', 'sourceObjectId', 'netCents')}
       FROM payment.payout_item WHERE ($1::uuid IS NULL OR establishment_id = $1::uuid)`,
    [establishmentId ?? null],
  );
  const payouts = entries
    .filter((entry) => entry.entryType === 'payout')
    .map((payout) => {
      const own = items.filter((item) => item.payoutId === payout.providerObjectId);
      const accountEntries = entries.filter(
        (entry) => entry.party === 'establishment' && entry.accountId === payout.accountId,
      );
      return {
        payoutId: payout.providerObjectId,
        establishmentId: payout.establishmentId ?? '',
        amountCents: -payout.amountCents,
        itemsCents: own.reduce((sum, item) => sum + item.netCents, 0),
        issues: checkPayout({ amountCents: -payout.amountCents }, own, accountEntries),
      };
    });
  const clean = (report: { issues: string[] }) => report.issues.length === 0;
  return {
    ok: bookings.every(clean) && periods.every(clean) && suspense.every(clean) && payouts.every(clean),
    bookings,
    periods,
    suspense,
    payouts,
  };
}
