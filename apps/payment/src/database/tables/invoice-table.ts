import type { BookingPartyNames, InvoiceStatus, PublicPayer } from '@salle/contracts';
import { defineTable } from '@salle/db';

/** An invoice to a public payer, as payment.invoice stores it. */
export interface InvoiceRecord {
  id: string;
  number: string;
  /** The booking invoiced alone; null for a series period's invoice, whose sessions are its lines. */
  bookingId: string | null;
  /** A series period's invoice: the series and the period (key, label); null for a booking's. */
  seriesId: string | null;
  periodKey: string | null;
  periodLabel: string | null;
  organisationId: string;
  establishmentId: string;
  spaceId: string;
  startsAt: Date;
  endsAt: Date;
  amountCents: number;
  payer: PublicPayer;
  labels: BookingPartyNames;
  /** The collège's SIRET (the seller's legal registration), when the booking service knows it. */
  sellerSiret: string | null;
  /** The collège's UAI, its identifier on an invoice when it has no SIRET (null on invoices issued before). */
  sellerUai: string | null;
  status: InvoiceStatus;
  issuedAt: Date;
  dueAt: Date;
  paidAt: Date | null;
  paymentReference: string | null;
  creditNoteNumber: string | null;
  cancelledAt: Date | null;
}

export const invoiceTable = defineTable<InvoiceRecord>('payment.invoice', {
  id: 'id',
  number: 'number',
  bookingId: 'booking_id',
  seriesId: 'series_id',
  periodKey: 'period_key',
  periodLabel: 'period_label',
  organisationId: 'organisation_id',
  establishmentId: 'establishment_id',
  spaceId: 'space_id',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  amountCents: 'amount_cents',
  payer: 'payer',
  labels: 'labels',
  sellerSiret: 'seller_siret',
  sellerUai: 'seller_uai',
  status: 'status',
  issuedAt: 'issued_at',
  dueAt: 'due_at',
  paidAt: 'paid_at',
  paymentReference: 'payment_reference',
  creditNoteNumber: 'credit_note_number',
  cancelledAt: 'cancelled_at',
});

/** A session on its series period's invoice, as payment.invoice_line stores it; credited once cancelled after issue. */
export interface InvoiceLineRecord {
  invoiceId: string;
  lineNo: number;
  bookingId: string;
  startsAt: Date;
  endsAt: Date;
  amountCents: number;
  creditNoteNumber: string | null;
  cancelledAt: Date | null;
}

export const invoiceLineTable = defineTable<InvoiceLineRecord>('payment.invoice_line', {
  invoiceId: 'invoice_id',
  lineNo: 'line_no',
  bookingId: 'booking_id',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  amountCents: 'amount_cents',
  creditNoteNumber: 'credit_note_number',
  cancelledAt: 'cancelled_at',
});
