import { z } from 'zod';

/**
 * The claim the gateway adds to the internal tokens it mints for the payment
 * service: what the caller acts for, as the booking service's `GET /me` says.
 * The payment service owns no memberships, so it decides "may pay for this
 * booking" and "manages this collège" from this claim and the ids carried by
 * the booking events.
 */
export const INTERNAL_ACCESS_CLAIM = 'access';

export const internalAccessClaimSchema = z.object({
  /** Organisations the caller is a member of. */
  organisations: z.array(z.uuid()).max(500).default([]),
  /** Establishments (collèges) the caller manages. */
  establishments: z.array(z.uuid()).max(500).default([]),
});
export type InternalAccessClaim = z.infer<typeof internalAccessClaimSchema>;
