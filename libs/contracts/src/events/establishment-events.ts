import { z } from 'zod';
import { entityId } from './event-fields';

/** The collège's payout account is onboarded: paid bookings may be offered. Produced by the payment service. */
export const establishmentPayoutReadyV1 = z.object({
  establishmentId: entityId,
  /** The connected account's id at the payment provider (Stripe `acct_...`). */
  accountId: z.string().min(1).max(255),
});
