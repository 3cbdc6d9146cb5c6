import type { DataSource, EntityManager } from 'typeorm';
import type { EventPayload, InvoiceView } from '@salle/contracts';
import { queryOne } from '@salle/db';
import { type InvoiceRecord, invoiceTable } from '../database/tables/invoice-table';
import { nextInvoiceNumber } from './invoice-numbers';
import type { AuditRecord } from '@salle/db';
import { recordPaymentAudit } from '../audit/audit.handlers';

/** A public payer pays within 30 days of receiving the invoice (Code de la commande publique, art. R. 2192-10). */
export const PUBLIC_PAYMENT_DAYS = 30;
const DAY = 86_400_000;

type Confirmed = EventPayload<'booking.confirmed'>;

/** Issues the invoice of a public payer's confirmed booking, once (a replayed event issues nothing). */
export async function issueInvoice(
  manager: EntityManager,
  booking: Confirmed & { invoice: NonNullable<Confirmed['invoice']> },
  issuedAt: Date,
): Promise<void> {
  const existing = await manager.query(`SELECT 1 FROM payment.invoice WHERE booking_id = $1`, [booking.bookingId]);
  if (existing.length > 0) return;
  const number = await nextInvoiceNumber(manager, 'invoice', issuedAt);
  await manager.query(
    `INSERT INTO payment.invoice
       (number, booking_id, organisation_id, establishment_id, space_id, starts_at, ends_at, amount_cents,
        payer, labels, seller_siret, issued_at, due_at, seller_uai)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      number,
      booking.bookingId,
      booking.organisationId,
      booking.establishmentId,
      booking.spaceId,
      booking.startsAt,
      booking.endsAt,
      booking.priceCents,
      JSON.stringify(booking.invoice.payer),
      JSON.stringify(booking.invoice.labels),
      booking.invoice.establishmentSiret,
      issuedAt,
      new Date(issuedAt.getTime() + PUBLIC_PAYMENT_DAYS * DAY),
      booking.invoice.establishmentUai ?? null,
    ],
  );
}

/**
 * The booking was cancelled: an invoice still unpaid is cancelled by a credit note of the same amount. A paid
 * one stays paid: the money is returned by the public accountant, outside this service.
 */
export async function cancelInvoice(manager: EntityManager, bookingId: string, at: Date): Promise<void> {
  const invoice = await findInvoice(manager, bookingId, { lock: true });
  if (invoice?.status !== 'issued') return;
  const creditNoteNumber = await nextInvoiceNumber(manager, 'credit_note', at);
  await manager.query(
    `UPDATE payment.invoice SET status = 'cancelled', credit_note_number = $2, cancelled_at = $3, updated_at = now()
      WHERE id = $1`,
    [invoice.id, creditNoteNumber, at],
  );
}

export type MarkPaidOutcome =
  { kind: 'paid'; invoice: InvoiceRecord } | { kind: 'not_payable'; invoice: InvoiceRecord };

/** Records the payment of an issued invoice with its reference, in one transaction. */
export async function markInvoicePaid(
  dataSource: DataSource,
  invoice: InvoiceRecord,
  paymentReference: string,
  recordedBy: AuditRecord['actor'] & { accountId: string },
): Promise<MarkPaidOutcome> {
  return dataSource.transaction(async (manager) => {
    const locked = await findInvoice(manager, invoice.bookingId, { lock: true });
    if (!locked || locked.status !== 'issued') return { kind: 'not_payable', invoice: locked ?? invoice };
    await manager.query(
      `UPDATE payment.invoice SET status = 'paid', paid_at = now(), payment_reference = $2, paid_recorded_by = $3,
              updated_at = now()
        WHERE id = $1`,
      [locked.id, paymentReference, recordedBy.accountId],
    );
    await recordPaymentAudit(manager, {
      actor: recordedBy,
      action: 'invoice.marked_paid',
      object: { type: 'invoice', id: locked.id },
      establishmentId: locked.establishmentId,
      organisationId: locked.organisationId,
      changes: {
        status: { before: locked.status, after: 'paid' },
        paymentReference: { before: null, after: paymentReference },
      },
    });
    const paid = await findInvoice(manager, invoice.bookingId);
    return { kind: 'paid', invoice: paid ?? locked };
  });
}

export function findInvoice(
  manager: EntityManager | DataSource,
  bookingId: string,
  options: { lock?: boolean } = {},
): Promise<InvoiceRecord | undefined> {
  return queryOne<InvoiceRecord>(
    manager,
    `SELECT ${invoiceTable.selectList} FROM payment.invoice WHERE booking_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [bookingId],
  );
}

export function toInvoiceView(invoice: InvoiceRecord): InvoiceView {
  return {
    id: invoice.id,
    bookingId: invoice.bookingId,
    establishmentId: invoice.establishmentId,
    organisationId: invoice.organisationId,
    number: invoice.number,
    status: invoice.status,
    amountCents: invoice.amountCents,
    payer: invoice.payer,
    issuedAt: invoice.issuedAt.toISOString(),
    dueAt: invoice.dueAt.toISOString(),
    paidAt: invoice.paidAt?.toISOString() ?? null,
    paymentReference: invoice.paymentReference,
    creditNoteNumber: invoice.creditNoteNumber,
    cancelledAt: invoice.cancelledAt?.toISOString() ?? null,
  };
}
