import type { DataSource, EntityManager } from 'typeorm';
import type { EventPayload, InvoiceView } from '@salle/contracts';
import { queryOne, queryRows } from '@salle/db';
import {
  type InvoiceLineRecord,
  type InvoiceRecord,
  invoiceLineTable,
  invoiceTable,
} from '../database/tables/invoice-table';
import { nextInvoiceNumber } from './invoice-numbers';
import type { AuditRecord } from '@salle/db';
import { recordPaymentAudit } from '../audit/audit.handlers';

/** A public payer pays within 30 days of receiving the invoice (Code de la commande publique, art. R. 2192-10). */
export const PUBLIC_PAYMENT_DAYS = 30;
const DAY = 86_400_000;

type Confirmed = EventPayload<'booking.confirmed'>;
type InvoicedBooking = Confirmed & { invoice: NonNullable<Confirmed['invoice']> };

/** Whether a booking is already invoiced, alone or as a line of its period's invoice. */
async function isInvoiced(manager: EntityManager, bookingId: string): Promise<boolean> {
  const rows = await manager.query(
    `SELECT 1 FROM payment.invoice WHERE booking_id = $1
     UNION ALL SELECT 1 FROM payment.invoice_line WHERE booking_id = $1`,
    [bookingId],
  );
  return rows.length > 0;
}

/**
 * Issues the invoice of a public payer's confirmed booking, once (a replayed event issues nothing). A series
 * session carrying its period is invoiced with the period (one invoice, one line per session); a session
 * confirmed after its period's invoice was issued gets an invoice of its own, as an issued invoice is never
 * modified.
 */
export async function issueInvoice(manager: EntityManager, booking: InvoicedBooking, issuedAt: Date): Promise<void> {
  const period = booking.invoice.seriesPeriod;
  if (period) {
    // One transaction at a time per period: a second event waits, then finds the invoice (no number is taken
    // for nothing, so the FA series keeps no gap).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`invoice:${period.seriesId}:${period.key}`]);
    const issued = await manager.query(`SELECT 1 FROM payment.invoice WHERE series_id = $1 AND period_key = $2`, [
      period.seriesId,
      period.key,
    ]);
    if (issued.length === 0) return issuePeriodInvoice(manager, booking, period, issuedAt);
  }
  if (await isInvoiced(manager, booking.bookingId)) return;
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

/** The period's invoice, with a line per session the event knows of (those not invoiced already). */
async function issuePeriodInvoice(
  manager: EntityManager,
  booking: InvoicedBooking,
  period: NonNullable<InvoicedBooking['invoice']['seriesPeriod']>,
  issuedAt: Date,
): Promise<void> {
  const sessions = [];
  for (const session of [...period.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    if (session.priceCents > 0 && !(await isInvoiced(manager, session.bookingId))) sessions.push(session);
  }
  if (sessions.length === 0) return;
  const number = await nextInvoiceNumber(manager, 'invoice', issuedAt);
  const [invoice] = (await manager.query(
    `INSERT INTO payment.invoice
       (number, series_id, period_key, period_label, organisation_id, establishment_id, space_id, starts_at, ends_at,
        amount_cents, payer, labels, seller_siret, issued_at, due_at, seller_uai)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     RETURNING id`,
    [
      number,
      period.seriesId,
      period.key,
      period.label,
      booking.organisationId,
      booking.establishmentId,
      booking.spaceId,
      sessions[0]?.startsAt,
      sessions[sessions.length - 1]?.endsAt,
      sessions.reduce((sum, session) => sum + session.priceCents, 0),
      JSON.stringify(booking.invoice.payer),
      JSON.stringify(booking.invoice.labels),
      booking.invoice.establishmentSiret,
      issuedAt,
      new Date(issuedAt.getTime() + PUBLIC_PAYMENT_DAYS * DAY),
      booking.invoice.establishmentUai ?? null,
    ],
  )) as { id: string }[];
  for (const [index, session] of sessions.entries()) {
    await manager.query(
      `INSERT INTO payment.invoice_line (invoice_id, line_no, booking_id, starts_at, ends_at, amount_cents)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [invoice?.id, index + 1, session.bookingId, session.startsAt, session.endsAt, session.priceCents],
    );
  }
}

/**
 * A session of a period's invoice was cancelled: while the invoice is unpaid, its line is credited by a credit
 * note of the session's amount (the invoice itself is never modified). A paid one stays as it is.
 */
async function creditInvoiceLine(manager: EntityManager, bookingId: string, at: Date): Promise<void> {
  const line = await findInvoiceLine(manager, bookingId, { lock: true });
  if (!line || line.creditNoteNumber) return;
  const invoice = await queryOne<{ status: string }>(manager, `SELECT status FROM payment.invoice WHERE id = $1`, [
    line.invoiceId,
  ]);
  if (invoice?.status !== 'issued') return;
  const creditNoteNumber = await nextInvoiceNumber(manager, 'credit_note', at);
  await manager.query(
    `UPDATE payment.invoice_line SET credit_note_number = $3, cancelled_at = $4 WHERE invoice_id = $1 AND line_no = $2`,
    [line.invoiceId, line.lineNo, creditNoteNumber, at],
  );
}

/**
 * The booking was cancelled: an invoice still unpaid is cancelled by a credit note of the same amount. A paid
 * one stays paid: the money is returned by the public accountant, outside this service.
 */
export async function cancelInvoice(manager: EntityManager, bookingId: string, at: Date): Promise<void> {
  const invoice = await findInvoice(manager, bookingId, { lock: true });
  if (invoice?.seriesId) return creditInvoiceLine(manager, bookingId, at);
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
    const locked = await invoiceById(manager, invoice.id, { lock: true });
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
    const paid = await invoiceById(manager, invoice.id);
    return { kind: 'paid', invoice: paid ?? locked };
  });
}

/** The invoice a booking is on: its own, or its series period's. */
export function findInvoice(
  manager: EntityManager | DataSource,
  bookingId: string,
  options: { lock?: boolean } = {},
): Promise<InvoiceRecord | undefined> {
  return queryOne<InvoiceRecord>(
    manager,
    `SELECT ${invoiceTable.selectList} FROM payment.invoice
      WHERE booking_id = $1 OR id = (SELECT invoice_id FROM payment.invoice_line WHERE booking_id = $1)
      ${options.lock ? 'FOR UPDATE' : ''}`,
    [bookingId],
  );
}

function invoiceById(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean } = {},
): Promise<InvoiceRecord | undefined> {
  return queryOne<InvoiceRecord>(
    manager,
    `SELECT ${invoiceTable.selectList} FROM payment.invoice WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
}

/** A session's line on its period's invoice. */
export function findInvoiceLine(
  manager: EntityManager | DataSource,
  bookingId: string,
  options: { lock?: boolean } = {},
): Promise<InvoiceLineRecord | undefined> {
  return queryOne<InvoiceLineRecord>(
    manager,
    `SELECT ${invoiceLineTable.selectList} FROM payment.invoice_line WHERE booking_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [bookingId],
  );
}

/** The lines (sessions) of a period's invoice, in order. */
export function invoiceLines(manager: EntityManager | DataSource, invoiceId: string): Promise<InvoiceLineRecord[]> {
  return queryRows<InvoiceLineRecord>(
    manager,
    `SELECT ${invoiceLineTable.selectList} FROM payment.invoice_line WHERE invoice_id = $1 ORDER BY line_no`,
    [invoiceId],
  );
}

/**
 * The invoice as the booking `bookingId` sees it: a period's invoice is shown to each of its sessions, with the
 * credit note of that session's line when it was cancelled after issue.
 */
export function toInvoiceView(invoice: InvoiceRecord, bookingId: string, line?: InvoiceLineRecord): InvoiceView {
  return {
    id: invoice.id,
    bookingId,
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
    creditNoteNumber: line ? line.creditNoteNumber : invoice.creditNoteNumber,
    cancelledAt: (line ? line.cancelledAt : invoice.cancelledAt)?.toISOString() ?? null,
  };
}
