import type { DataSource } from 'typeorm';
import { queryRows } from '@salle/db';
import { COUNTER_PAYMENT_METHOD_LABELS, type CounterPaymentMethod } from '@salle/contracts';
import { writeCsv } from '@salle/csv';
import { COUNTER_PROVIDER } from '../counter/counter-provider';
import { decimalEuros, parisTimestamp } from '../payments/french-format';
import { payfipRefdet } from '../provider/payfip/payfip-fields';

interface ExportRow {
  kind: 'payment' | 'refund' | 'invoice' | 'credit_note';
  /** The invoice's or the credit note's number. */
  document: string | null;
  at: Date;
  provider: string;
  paymentId: string;
  idOp: string | null;
  numauto: string | null;
  amountCents: number;
  payerName: string | null;
  bookingId: string | null;
  status: string;
  accountantReference: string | null;
  /** A payment taken at the counter: how, and the régie's quittance number. */
  counterMethod: CounterPaymentMethod | null;
  quittance: string | null;
}

const STATUS_LABELS: Record<ExportRow['kind'], Record<string, string>> = {
  payment: { succeeded: 'Accepté', rejected: 'Reçu, non affecté (à examiner)' },
  refund: { requested: 'Dû', pending: 'En cours', succeeded: 'Remboursé', failed: 'Échoué' },
  invoice: { issued: 'Émise, à payer', paid: 'Payée', cancelled: 'Annulée par avoir' },
  credit_note: { cancelled: 'Avoir émis' },
};

function operation(row: ExportRow): string {
  switch (row.kind) {
    case 'payment':
      return row.counterMethod
        ? `Paiement au guichet (${COUNTER_PAYMENT_METHOD_LABELS[row.counterMethod]})`
        : 'Paiement';
    case 'refund':
      return row.provider === 'payfip' || row.provider === COUNTER_PROVIDER
        ? 'Demande de remboursement au comptable'
        : 'Remboursement';
    case 'invoice':
      return `Facture ${row.document ?? ''}`;
    case 'credit_note':
      return `Avoir ${row.document ?? ''}`;
  }
}

const PROVIDER_LABELS: Record<string, string> = {
  payfip: 'PayFiP',
  stripe: 'Stripe',
  invoice: 'Mandat administratif',
  [COUNTER_PROVIDER]: 'Régie du collège (guichet)',
};

/**
 * The first session of the period a payment `p` pays (none for a booking's own payment): its payer and the
 * period's label, as booking.approved gave them.
 */
const PERIOD_SESSION = `LEFT JOIN LATERAL (
           SELECT s.labels, s.period_label FROM payment.payable_booking s
            WHERE s.series_id = p.series_id AND s.period_key = p.period_key ORDER BY s.starts_at LIMIT 1) s ON true`;

/**
 * What the « Réservation » cell says of a period's payment (it pays several sessions, no one booking): the series
 * and the period's key, with its label, such as `Série 5d1c… – période 2026-T2 (2e trimestre 2026-2027)`. The
 * series' reference is the one its sessions, invoices and convention carry.
 */
const PERIOD_REFERENCE = `'Série ' || p.series_id || ' – période ' || p.period_key || COALESCE(' (' || s.period_label || ')', '')`;

/**
 * Every payment received (accepted or not), every refund, and every invoice to a public payer and credit note
 * (with the reference of the payment received, once paid) of one establishment in a period, for the
 * agent comptable to match against PayFiP's settlement report (refdet, date, amount) or the Stripe
 * payouts, or the régie's quittances for payments taken at the counter (method and quittance number): UTF-8 with
 * BOM, semicolons, decimal commas, Paris time, like the ledger.
 */
export async function accountantExportCsv(
  dataSource: DataSource,
  establishmentId: string,
  from: Date | null,
  to: Date | null,
): Promise<string> {
  const rows = await queryRows<ExportRow>(
    dataSource,
    `SELECT * FROM (
       SELECT 'payment' AS kind, NULL AS document, p.paid_at AS at, p.provider, p.id AS "paymentId", p.checkout_id AS "idOp",
              p.payment_reference AS numauto, p.amount_cents AS "amountCents",
              COALESCE(b.labels, s.labels)->>'organisationName' AS "payerName",
              COALESCE(p.booking_id::text, ${PERIOD_REFERENCE}) AS "bookingId", p.status,
              NULL AS "accountantReference", c.method AS "counterMethod", c.quittance
         FROM payment.payment p LEFT JOIN payment.payable_booking b ON b.booking_id = p.booking_id
         ${PERIOD_SESSION}
         LEFT JOIN payment.counter_payment c ON c.payment_id = p.id
        WHERE p.establishment_id = $1 AND p.paid_at IS NOT NULL AND p.status IN ('succeeded', 'rejected')
       UNION ALL
       SELECT 'refund', NULL, r.requested_at, p.provider, p.id, p.checkout_id, p.payment_reference, -r.amount_cents,
              COALESCE(b.labels, s.labels)->>'organisationName',
              COALESCE(r.booking_id::text, p.booking_id::text, ${PERIOD_REFERENCE}), r.status, r.accountant_reference,
              c.method, c.quittance
         FROM payment.refund r JOIN payment.payment p ON p.id = r.payment_id
         LEFT JOIN payment.payable_booking b ON b.booking_id = COALESCE(r.booking_id, p.booking_id)
         ${PERIOD_SESSION}
         LEFT JOIN payment.counter_payment c ON c.payment_id = p.id
        WHERE p.establishment_id = $1
       UNION ALL
       SELECT 'invoice', i.number, i.issued_at, 'invoice', i.id, NULL, NULL, i.amount_cents,
              i.labels->>'organisationName',
              COALESCE(i.booking_id::text, 'Série ' || i.series_id || ' (' || i.period_label || ')'), i.status,
              i.payment_reference, NULL, NULL
         FROM payment.invoice i WHERE i.establishment_id = $1
       UNION ALL
       SELECT 'credit_note', i.credit_note_number, i.cancelled_at, 'invoice', i.id, NULL, NULL, -i.amount_cents,
              i.labels->>'organisationName', i.booking_id::text, i.status, NULL, NULL, NULL
         FROM payment.invoice i WHERE i.establishment_id = $1 AND i.credit_note_number IS NOT NULL
       UNION ALL
       SELECT 'credit_note', l.credit_note_number, l.cancelled_at, 'invoice', i.id, NULL, NULL, -l.amount_cents,
              i.labels->>'organisationName', l.booking_id::text, 'cancelled', NULL, NULL, NULL
         FROM payment.invoice_line l JOIN payment.invoice i ON i.id = l.invoice_id
        WHERE i.establishment_id = $1 AND l.credit_note_number IS NOT NULL) lines
      WHERE ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)
      ORDER BY at, kind`,
    [establishmentId, from, to],
  );
  const header = [
    'Date (heure de Paris)',
    'Opération',
    'Prestataire',
    'Référence de la dette (refdet)',
    'Opération PayFiP (idOp)',
    // PayFiP's authorisation number, or the régie's quittance number of a payment taken at the counter.
    'Autorisation (numauto) ou quittance',
    'Montant (EUR)',
    'Payeur',
    'Réservation',
    'Statut',
    'Référence du comptable',
  ];
  return writeCsv(
    header,
    rows.map((row) => {
      const payfip = row.provider === 'payfip';
      return [
        parisTimestamp(row.at),
        operation(row),
        PROVIDER_LABELS[row.provider] ?? row.provider,
        payfip ? payfipRefdet(row.paymentId) : '',
        payfip ? (row.idOp ?? '') : '',
        row.quittance ?? row.numauto ?? '',
        decimalEuros(Number(row.amountCents)),
        row.payerName ?? '',
        row.bookingId ?? '',
        STATUS_LABELS[row.kind][row.status] ?? row.status,
        row.accountantReference ?? '',
      ];
    }),
  );
}
