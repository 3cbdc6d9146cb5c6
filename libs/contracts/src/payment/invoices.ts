import { z } from 'zod';
import { publicPayerSchema } from '../booking/bookings';

/**
 * An invoice to a public payer (a commune's booking, paid by administrative mandate): issued when the booking
 * is confirmed, then paid (recorded by the collège or an admin with the payment reference) or cancelled with a
 * credit note when the booking is cancelled.
 */
export const INVOICE_STATUSES = ['issued', 'paid', 'cancelled'] as const;
export const invoiceStatusSchema = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

const instant = z.iso.datetime({ offset: true });

/** `GET /bookings/:bookingId/invoice`: the invoice of a public payer's booking, for both parties. */
export const invoiceViewSchema = z.object({
  id: z.uuid(),
  bookingId: z.uuid(),
  establishmentId: z.uuid(),
  organisationId: z.uuid(),
  /** FA-2026-000042: numbered without gaps, per year of issue. */
  number: z.string(),
  status: invoiceStatusSchema,
  amountCents: z.number().int(),
  payer: publicPayerSchema,
  issuedAt: instant,
  dueAt: instant,
  paidAt: instant.nullable(),
  paymentReference: z.string().nullable(),
  /** AV-2026-000003: the credit note that cancelled it. */
  creditNoteNumber: z.string().nullable(),
  cancelledAt: instant.nullable(),
});
export type InvoiceView = z.infer<typeof invoiceViewSchema>;

/** `POST /bookings/:bookingId/invoice/paid`: the reference of the payment received (the mandate's, or the transfer's). */
export const markInvoicePaidSchema = z.strictObject({
  paymentReference: z
    .string()
    .trim()
    .min(1, { error: 'indiquez la référence du paiement reçu' })
    .max(60, { error: '60 caractères au plus' }),
});
export type MarkInvoicePaid = z.infer<typeof markInvoicePaidSchema>;
