import { z } from 'zod';
import { invoiceStatusSchema } from './invoices';
import { auditEntrySchema } from '../audit';
import { PAYER_CONTACT_ROLES, paymentFlagKindSchema, paymentStatusSchema, refundStatusSchema } from './payment-api';

/**
 * `GET /me/personal-data`: what the payment service holds about the caller (right of access, RGPD art. 15). It
 * knows a person only by the account id of what they did: the payments they opened (with the payer e-mail they
 * gave PayFiP, and what the card provider sent about them), the collège payout accounts they created, the refunds they marked done by the public accountant,
 * the invoices they marked paid, the flags they resolved, the messages they wrote to a flag's payer, and the
 * entries of the service's audit log that name them. Amounts and references are the collège's accounts.
 */
export const paymentPersonalDataSchema = z.strictObject({
  payments: z.array(
    z.strictObject({
      id: z.uuid(),
      bookingId: z.uuid().nullable(),
      provider: z.string(),
      status: paymentStatusSchema,
      amountCents: z.number().int(),
      /** The e-mail given to PayFiP for its payment notice (`mel`); null for a card payment through Stripe. */
      payerEmail: z.string().nullable(),
      receiptNumber: z.string().nullable(),
      createdAt: z.iso.datetime(),
      paidAt: z.iso.datetime().nullable(),
    }),
  ),
  payoutAccountsCreated: z.array(z.strictObject({ establishmentId: z.uuid(), createdAt: z.iso.datetime() })),
  refundsMarkedDone: z.array(
    z.strictObject({
      id: z.uuid(),
      paymentId: z.uuid(),
      amountCents: z.number().int(),
      status: refundStatusSchema,
      accountantReference: z.string().nullable(),
      doneAt: z.iso.datetime().nullable(),
    }),
  ),
  invoicesMarkedPaid: z.array(
    z.strictObject({
      number: z.string(),
      bookingId: z.uuid(),
      status: invoiceStatusSchema,
      paymentReference: z.string().nullable(),
      paidAt: z.iso.datetime().nullable(),
    }),
  ),
  flagsResolved: z.array(
    z.strictObject({
      id: z.uuid(),
      kind: paymentFlagKindSchema,
      resolution: z.string().nullable(),
      resolvedAt: z.iso.datetime().nullable(),
    }),
  ),
  /**
   * What the card provider sent about the payer of their payments (its events' `customer_details`,
   * `billing_details`...: what they typed on the provider's page), by payment.
   */
  providerPayerDetails: z.array(z.strictObject({ paymentId: z.uuid(), details: z.record(z.string(), z.unknown()) })),
  payerContacts: z.array(
    z.strictObject({
      flagId: z.uuid(),
      role: z.enum(PAYER_CONTACT_ROLES),
      message: z.string(),
      contactedAt: z.iso.datetime(),
    }),
  ),
  auditLog: z.array(auditEntrySchema),
});
export type PaymentPersonalData = z.infer<typeof paymentPersonalDataSchema>;
