import { z } from 'zod';
import { entityId, euroCents, instant, percent } from './event-fields';

const paymentRef = {
  paymentId: entityId,
  bookingId: entityId,
  establishmentId: entityId,
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
