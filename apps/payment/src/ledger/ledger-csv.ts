import { writeCsv } from '@salle/csv';
import { decimalEuros, parisTimestamp } from '../payments/french-format';
import type { LedgerEntryType } from './ledger-entries';

export interface CsvLedgerRow {
  occurredAt: Date;
  bookingId: string | null;
  entryType: LedgerEntryType;
  amountCents: number;
  providerObjectId: string;
  payoutId: string | null;
}

const LABELS: Record<LedgerEntryType, string> = {
  charge: 'Encaissement',
  processing_fee: 'Frais du prestataire de paiement',
  application_fee: 'Frais du département',
  transfer: 'Reversement au collège',
  transfer_reversal: 'Reprise sur reversement (remboursement)',
  fee_refund: 'Restitution des frais du département',
  refund: 'Remboursement au payeur',
  dispute: 'Contestation du payeur',
  payout: 'Virement vers le compte au Trésor',
};

/**
 * The collège's ledger for its accountant: UTF-8 with BOM, semicolons,
 * decimal commas, Paris time, and a closing balance line.
 */
export function ledgerCsv(entries: CsvLedgerRow[]): string {
  const header = [
    'Date (heure de Paris)',
    'Réservation',
    'Opération',
    'Montant (EUR)',
    'Référence du prestataire',
    'Virement',
  ];
  const rows: string[][] = [];
  let balance = 0;
  for (const entry of entries) {
    balance += entry.amountCents;
    rows.push([
      parisTimestamp(entry.occurredAt),
      entry.bookingId ?? '',
      LABELS[entry.entryType],
      decimalEuros(entry.amountCents),
      entry.providerObjectId,
      entry.payoutId ?? '',
    ]);
  }
  rows.push(['', '', 'Solde de la période', decimalEuros(balance), '', '']);
  return writeCsv(header, rows);
}
