import type { DataSource } from 'typeorm';
import type { ReconciliationReport } from '@salle/contracts';
import { rows } from '../payments/payment-records';
import type { LedgerEntry } from './ledger-entries';
import { checkBookingLedger, checkPayout } from './ledger-invariants';

type Row = Pick<LedgerEntry, 'bookingId' | 'establishmentId' | 'party' | 'entryType' | 'amountCents' | 'providerObjectId'> & { payoutId: string | null };

/**
 * The ledger checked booking by booking (gross = collège share + département
 * fee, proportional refunds, paired movements) and payout by payout (the
 * items add up to the payout and each is in the collège's ledger).
 */
export async function reconcile(dataSource: DataSource, establishmentId?: string): Promise<ReconciliationReport> {
  const entries = await rows<Row>(
    dataSource,
    `SELECT booking_id AS "bookingId", establishment_id AS "establishmentId", party, entry_type AS "entryType",
            amount_cents::float8 AS "amountCents", provider_object_id AS "providerObjectId", payout_id AS "payoutId"
       FROM payment.ledger_entry
      WHERE ($1::uuid IS NULL OR establishment_id = $1::uuid)
      ORDER BY id`,
    [establishmentId ?? null],
  );
  const byBooking = new Map<string, Row[]>();
  for (const entry of entries) {
    if (!entry.bookingId) continue;
    byBooking.set(entry.bookingId, [...(byBooking.get(entry.bookingId) ?? []), entry]);
  }
  const bookings = [...byBooking.entries()].map(([bookingId, own]) => ({
    bookingId,
    establishmentId: own.find((entry) => entry.establishmentId)?.establishmentId ?? '',
    ...checkBookingLedger(own),
  }));

  const items = await rows<{ payoutId: string; sourceObjectId: string; netCents: number }>(
    dataSource,
    `SELECT payout_id AS "payoutId", source_object_id AS "sourceObjectId", net_cents::float8 AS "netCents"
       FROM payment.payout_item WHERE ($1::uuid IS NULL OR establishment_id = $1::uuid)`,
    [establishmentId ?? null],
  );
  const payouts = entries
    .filter((entry) => entry.entryType === 'payout')
    .map((payout) => {
      const own = items.filter((item) => item.payoutId === payout.providerObjectId);
      const collegeEntries = entries.filter((entry) => entry.establishmentId === payout.establishmentId && entry.party === 'establishment');
      return {
        payoutId: payout.providerObjectId,
        establishmentId: payout.establishmentId ?? '',
        amountCents: -payout.amountCents,
        itemsCents: own.reduce((sum, item) => sum + item.netCents, 0),
        issues: checkPayout({ amountCents: -payout.amountCents }, own, collegeEntries),
      };
    });
  return {
    ok: bookings.every((booking) => booking.issues.length === 0) && payouts.every((payout) => payout.issues.length === 0),
    bookings,
    payouts,
  };
}
