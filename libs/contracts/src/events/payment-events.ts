import { z } from 'zod';
import { paymentFlagKindSchema } from '../payment/payment-api';
import { entityId, euroCents, instant, percent } from './event-fields';

const paymentRef = {
  paymentId: entityId,
  bookingId: entityId,
  establishmentId: entityId,
  /**
   * Set when the payment pays a series' period (one checkout for its sessions): the event is published once per
   * session of the period, each naming its own booking, and `lead` marks the one that speaks for the whole
   * payment (people are told once). Optional (no new version): absent for a single booking's payment.
   */
  period: z
    .object({ seriesId: entityId, key: z.string().min(1).max(20), sessionCount: z.int().positive(), lead: z.boolean() })
    .optional(),
};

export const paymentCheckoutOpenedV1 = z.object({
  ...paymentRef,
  amountCents: euroCents,
  checkoutUrl: z.url(),
  /**
   * The checkout session closes then. That ends this attempt only: the booking
   * stays held, and payable again, until its own payment deadline.
   */
  expiresAt: instant,
});

export const paymentSucceededV1 = z.object({
  ...paymentRef,
  amountCents: euroCents,
  paidAt: instant,
});

/**
 * The payer chose a debit (SEPA) that the provider is still processing: the
 * booking stays held, even past its payment deadline, until payment.succeeded
 * or payment.failed.
 */
export const paymentProcessingV1 = z.object({
  ...paymentRef,
  amountCents: euroCents,
});

export const paymentFailedV1 = z.object({
  ...paymentRef,
  reason: z.string().max(1000),
});

export const paymentExpiredV1 = z.object({
  ...paymentRef,
});

export const paymentRefundedV1 = z.object({
  ...paymentRef,
  refundId: entityId,
  amountCents: euroCents,
  refundPercent: percent,
});

/**
 * The payment service raised a flag for the département's admins (a dispute,
 * an amount that does not match, a payment for an unknown booking, a late
 * payment...): once per flag, in the transaction that raises it. The detail
 * stays in the payment service, behind its admins' view.
 */
/** An admin or the collège wrote to the payer organisation about a flag (« Contacter le payeur »). */
export const paymentPayerContactedV1 = z.object({
  flagId: entityId,
  kind: paymentFlagKindSchema,
  bookingId: entityId,
  establishmentId: entityId,
  organisationId: entityId,
  /** Who wrote: the collège or the département. */
  from: z.enum(['establishment', 'department']),
  message: z.string().min(1).max(2000),
});

export const paymentFlagRaisedV1 = z.object({
  flagId: entityId,
  kind: paymentFlagKindSchema,
  bookingId: entityId.nullable(),
  paymentId: entityId.nullable(),
});
