import type { ChargeMovements, PaidCharge } from '../provider/payment-provider';

/** Whose account moved: the platform's (the département's) or the collège's. */
export const LEDGER_PARTIES = ['platform', 'establishment'] as const;
export type LedgerParty = (typeof LEDGER_PARTIES)[number];
export const LEDGER_ENTRY_TYPES = [
  'charge',
  'processing_fee',
  'application_fee',
  'transfer',
  'transfer_reversal',
  'fee_refund',
  'refund',
  'dispute',
  'payout',
] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/**
 * One movement of money on one side, in signed integer cents: what the
 * platform (the département) or the collège's account gained (+) or lost (−).
 * Keyed by the provider object that caused it, so recording twice is a no-op.
 */
export interface LedgerEntry {
  bookingId: string | null;
  paymentId: string | null;
  establishmentId: string | null;
  party: LedgerParty;
  accountId: string | null;
  entryType: LedgerEntryType;
  amountCents: number;
  providerObjectId: string;
  occurredAt: Date;
  payoutId?: string | null;
}

export interface LedgerContext {
  bookingId: string | null;
  paymentId: string | null;
  establishmentId: string | null;
}

/**
 * A destination charge with an application fee: the customer pays the gross
 * to the platform, the whole gross is transferred to the collège, and the fee
 * is taken back from the collège; the provider's fee is the platform's.
 */
export function paidChargeEntries(context: LedgerContext, charge: PaidCharge): LedgerEntry[] {
  const at = charge.paidAt;
  if (charge.receivedDirectly) return [directChargeEntry(context, charge, charge.receivedDirectly.creditorId)];
  const entries: LedgerEntry[] = [
    {
      ...context,
      party: 'platform',
      accountId: null,
      entryType: 'charge',
      amountCents: charge.grossCents,
      providerObjectId: charge.chargeId,
      occurredAt: at,
    },
  ];
  if (charge.processingFeeCents > 0) {
    entries.push({
      ...context,
      party: 'platform',
      accountId: null,
      entryType: 'processing_fee',
      amountCents: -charge.processingFeeCents,
      providerObjectId: charge.chargeId,
      occurredAt: at,
    });
  }
  const transfer = charge.transfer;
  if (transfer) {
    const account = transfer.destinationAccountId;
    entries.push(
      {
        ...context,
        party: 'platform',
        accountId: null,
        entryType: 'transfer',
        amountCents: -transfer.amountCents,
        providerObjectId: transfer.id,
        occurredAt: at,
      },
      {
        ...context,
        party: 'establishment',
        accountId: account,
        entryType: 'transfer',
        amountCents: transfer.amountCents,
        providerObjectId: transfer.destinationPaymentId ?? transfer.id,
        occurredAt: at,
      },
    );
    const fee = charge.applicationFee;
    if (fee && fee.amountCents > 0) {
      entries.push(
        {
          ...context,
          party: 'establishment',
          accountId: account,
          entryType: 'application_fee',
          amountCents: -fee.amountCents,
          providerObjectId: fee.id,
          occurredAt: at,
        },
        {
          ...context,
          party: 'platform',
          accountId: null,
          entryType: 'application_fee',
          amountCents: fee.amountCents,
          providerObjectId: fee.id,
          occurredAt: at,
        },
      );
    }
  }
  return entries;
}

/** Money paid straight to the collège's public accountant (PayFiP): one entry on the collège's side. */
function directChargeEntry(context: LedgerContext, charge: PaidCharge, creditorId: string): LedgerEntry {
  return {
    ...context,
    party: 'establishment',
    accountId: creditorId,
    entryType: 'charge',
    amountCents: charge.grossCents,
    providerObjectId: charge.chargeId,
    occurredAt: charge.paidAt,
  };
}

/**
 * Refunds that reached the customer, with the transfer reversals (the
 * collège gives back its share) and application-fee refunds (the platform
 * gives back its fee) that came with them.
 */
export function movementEntries(
  context: LedgerContext,
  destinationAccountId: string | null,
  movements: ChargeMovements,
): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const refund of movements.refunds) {
    if (refund.status !== 'succeeded') continue;
    entries.push({
      ...context,
      party: 'platform',
      accountId: null,
      entryType: 'refund',
      amountCents: -refund.amountCents,
      providerObjectId: refund.id,
      occurredAt: refund.createdAt,
    });
  }
  for (const reversal of movements.transferReversals) {
    entries.push(
      {
        ...context,
        party: 'platform',
        accountId: null,
        entryType: 'transfer_reversal',
        amountCents: reversal.amountCents,
        providerObjectId: reversal.id,
        occurredAt: reversal.createdAt,
      },
      {
        ...context,
        party: 'establishment',
        accountId: destinationAccountId,
        entryType: 'transfer_reversal',
        amountCents: -reversal.amountCents,
        providerObjectId: reversal.id,
        occurredAt: reversal.createdAt,
      },
    );
  }
  for (const feeRefund of movements.applicationFeeRefunds) {
    entries.push(
      {
        ...context,
        party: 'platform',
        accountId: null,
        entryType: 'fee_refund',
        amountCents: -feeRefund.amountCents,
        providerObjectId: feeRefund.id,
        occurredAt: feeRefund.createdAt,
      },
      {
        ...context,
        party: 'establishment',
        accountId: destinationAccountId,
        entryType: 'fee_refund',
        amountCents: feeRefund.amountCents,
        providerObjectId: feeRefund.id,
        occurredAt: feeRefund.createdAt,
      },
    );
  }
  return entries;
}

/** A dispute debits the platform (destination charges); recovering it from the collège is a manual decision. */
export function disputeEntry(
  context: LedgerContext,
  dispute: { id: string; amountCents: number; createdAt: Date },
): LedgerEntry {
  return {
    ...context,
    party: 'platform',
    accountId: null,
    entryType: 'dispute',
    amountCents: -dispute.amountCents,
    providerObjectId: dispute.id,
    occurredAt: dispute.createdAt,
  };
}

export function payoutEntry(
  establishmentId: string,
  accountId: string,
  payout: { id: string; amountCents: number; arrivalAt: Date },
): LedgerEntry {
  return {
    bookingId: null,
    paymentId: null,
    establishmentId,
    party: 'establishment',
    accountId,
    entryType: 'payout',
    amountCents: -payout.amountCents,
    providerObjectId: payout.id,
    occurredAt: payout.arrivalAt,
    payoutId: payout.id,
  };
}
