import type { EntityManager } from 'typeorm';

/** The two numbered documents: invoices (FA-) and credit notes (AV-, « avoir »), each its own series. */
export const INVOICE_DOCUMENT_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceDocumentKind = (typeof INVOICE_DOCUMENT_KINDS)[number];

const PREFIXES: Record<InvoiceDocumentKind, string> = { invoice: 'FA', credit_note: 'AV' };

/** FA-2026-000042. */
export function formatInvoiceNumber(kind: InvoiceDocumentKind, year: number, sequence: number): string {
  return `${PREFIXES[kind]}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The next number of a series, in the caller's transaction. French invoices are numbered in one unbroken
 * sequence (CGI, annexe II, art. 242 nonies A): a counter row locked by the upsert, not a sequence, which
 * would leave gaps when a transaction rolls back.
 */
export async function nextInvoiceNumber(manager: EntityManager, kind: InvoiceDocumentKind, at: Date): Promise<string> {
  const year = Number(at.toLocaleString('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }));
  const [row] = (await manager.query(
    `INSERT INTO payment.invoice_counter (kind, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (kind, year) DO UPDATE SET last = payment.invoice_counter.last + 1
     RETURNING last`,
    [kind, year],
  )) as { last: number }[];
  return formatInvoiceNumber(kind, year, Number(row?.last));
}
