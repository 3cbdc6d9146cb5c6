import type { LedgerEntry, LedgerEntryType } from './ledger-entries';

type Entry = Pick<LedgerEntry, 'party' | 'entryType' | 'amountCents' | 'providerObjectId'>;

export interface BookingLedgerSummary {
  grossCents: number;
  refundedCents: number;
  /** What the collège keeps: received directly (PayFiP) + transfers − fees − reversals + fee refunds. */
  establishmentShareCents: number;
  /** What the département keeps of its fee: fees − fee refunds. */
  departmentShareCents: number;
  processingFeeCents: number;
  disputedCents: number;
  issues: string[];
}

/** Movements recorded on both sides under one object id, which must cancel out (transfers are checked by totals: tr_ on one side, py_ on the other). */
const PAIRED: LedgerEntryType[] = ['application_fee', 'transfer_reversal', 'fee_refund'];

const sum = (entries: Entry[], type: LedgerEntryType, party?: Entry['party']) =>
  entries
    .filter((e) => e.entryType === type && (!party || e.party === party))
    .reduce((total, e) => total + e.amountCents, 0);

/**
 * The ledger of one booking, checked:
 * - each transfer, fee, reversal and fee refund appears on both sides and cancels out;
 * - the collège received the gross and paid the fee back, so gross = collège share + département fee;
 * - after refunds, gross − refunded = collège share + département share (shares stay proportional);
 * - nothing is refunded, reversed or given back beyond what was charged, transferred or taken;
 * - with several refunds, each rounding may move the split by at most one cent.
 */
export function checkBookingLedger(entries: Entry[]): BookingLedgerSummary {
  const issues: string[] = [];
  const byObject = new Map<string, Entry[]>();
  for (const entry of entries) {
    if (PAIRED.includes(entry.entryType)) {
      const key = `${entry.entryType}:${entry.providerObjectId}`;
      byObject.set(key, [...(byObject.get(key) ?? []), entry]);
    }
  }
  for (const [key, group] of byObject) {
    const parties = new Set(group.map((e) => e.party));
    if (parties.size !== 2 || group.reduce((total, e) => total + e.amountCents, 0) !== 0)
      issues.push(`${key} is not balanced between the platform and the collège`);
  }
  const gross = sum(entries, 'charge');
  const refunded = 0 - sum(entries, 'refund');
  const transferred = sum(entries, 'transfer', 'establishment');
  const platformTransfers = 0 - sum(entries, 'transfer', 'platform');
  const fees = sum(entries, 'application_fee', 'platform');
  const reversed = 0 - sum(entries, 'transfer_reversal', 'establishment');
  const feeRefunded = 0 - sum(entries, 'fee_refund', 'platform');
  const processingFee = 0 - sum(entries, 'processing_fee');
  const disputed = 0 - sum(entries, 'dispute');
  // Paid straight to the collège's accountant (PayFiP): the platform held nothing, moved nothing.
  const receivedDirectly = sum(entries, 'charge', 'establishment');

  if (transferred !== platformTransfers)
    issues.push(`the collège received ${transferred} but the platform sent ${platformTransfers}`);
  if (transferred > 0 && transferred !== gross)
    issues.push(`transfers (${transferred}) differ from the gross (${gross}): gross ≠ collège share + département fee`);
  if (fees > gross) issues.push(`the département fee (${fees}) exceeds the gross (${gross})`);
  if (refunded > gross) issues.push(`refunds (${refunded}) exceed the gross (${gross})`);
  if (reversed > transferred) issues.push(`reversals (${reversed}) exceed the transfers (${transferred})`);
  if (feeRefunded > fees) issues.push(`fee refunds (${feeRefunded}) exceed the fees (${fees})`);
  for (const entry of entries) {
    if (entry.entryType === 'charge' && entry.amountCents <= 0)
      issues.push(`charge ${entry.providerObjectId} is not positive`);
    if (['refund', 'dispute', 'processing_fee'].includes(entry.entryType) && entry.amountCents >= 0)
      issues.push(`${entry.entryType} ${entry.providerObjectId} is not negative`);
  }

  const establishmentShare = receivedDirectly + transferred - fees - reversed + feeRefunded;
  const departmentShare = fees - feeRefunded;
  if (transferred > 0) {
    if (gross - refunded !== establishmentShare + departmentShare) {
      issues.push(
        `gross − refunded (${gross - refunded}) ≠ collège share (${establishmentShare}) + département share (${departmentShare})`,
      );
    }
    if (gross > 0) {
      const refunds = entries.filter((e) => e.entryType === 'refund').length;
      const expected = ((gross - fees) * (gross - refunded)) / gross;
      if (Math.abs(establishmentShare - expected) > refunds + 0.5) {
        issues.push(
          `the collège share (${establishmentShare}) is not proportional to what remains paid (expected about ${Math.round(expected)})`,
        );
      }
    }
  }
  return {
    grossCents: gross,
    refundedCents: refunded,
    establishmentShareCents: establishmentShare,
    departmentShareCents: departmentShare,
    processingFeeCents: processingFee,
    disputedCents: disputed,
    issues,
  };
}

/** A payout pays out exactly the balance transactions it lists, each already in the collège's ledger. */
export function checkPayout(
  payout: { amountCents: number },
  items: { sourceObjectId: string; netCents: number }[],
  establishmentEntries: Entry[],
): string[] {
  const issues: string[] = [];
  const itemsTotal = items.reduce((total, item) => total + item.netCents, 0);
  if (itemsTotal !== payout.amountCents)
    issues.push(`the payout's items add up to ${itemsTotal}, not ${payout.amountCents}`);
  for (const item of items) {
    const recorded = establishmentEntries
      .filter((e) => e.party === 'establishment' && e.providerObjectId === item.sourceObjectId)
      .reduce((t, e) => t + e.amountCents, 0);
    if (recorded !== item.netCents)
      issues.push(`${item.sourceObjectId}: ${item.netCents} paid out, ${recorded} in the ledger`);
  }
  return issues;
}
