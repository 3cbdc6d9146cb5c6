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
  /** The checkout session closes then, and the slot is released if unpaid. */
  expiresAt: instant,
});

export const paymentSucceededV1 = z.object({
  ...paymentRef,
  amountCents: euroCents,
  paidAt: instant,
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
