import { z } from 'zod';
import { conventionSigningStepSchema } from '../booking/convention-signatures';
import { entityId } from './event-fields';

/** Who a convention concerns: the booking it was reached from (for a series, the booking that was signed through). */
const conventionParties = {
  conventionId: entityId,
  bookingId: entityId,
  seriesId: entityId.nullable(),
  establishmentId: entityId,
  organisationId: entityId,
};

/**
 * A convention was issued (at approval, once per booking or series) and is to be signed online: the organisation's
 * owners sign first.
 */
export const conventionIssuedV1 = z.object({ ...conventionParties });

/**
 * One signature of a convention landed. `nextStep` says whose turn it is (null once complete): the notification
 * service tells the organisation's owners, the collège's signatories or the delegated admins.
 */
export const conventionSignedV1 = z.object({
  ...conventionParties,
  step: conventionSigningStepSchema,
  nextStep: conventionSigningStepSchema.nullable(),
});

/**
 * The last signature landed and the sealed document is stored: the parties may download it. Also written when a
 * manager records the convention as signed on paper: `sealedSha256` is then the scan's, and the link opens the scan.
 * `signedDownload` is a signed link to the sealed PDF (its path under the booking API, which opens it without a session until
 * `expiresAt`), for the notification service to e-mail the organisation; absent from events written before it.
 */
export const conventionCompletedV1 = z.object({
  ...conventionParties,
  sealedSha256: z.string().regex(/^[0-9a-f]{64}$/),
  signedDownload: z
    .object({ path: z.string().regex(/^\/downloads\/conventions\/[0-9a-f-]{36}\?/), expiresAt: z.iso.datetime() })
    .optional(),
});

/**
 * A booking paid before its convention was fully signed (CONVENTION_SIGNING=after_payment) reached its signing
 * deadline unsigned: the notification service reminds the party whose turn it is (`nextStep`), and the collège is
 * told the booking is flagged (it decides: have it signed, or cancel and refund). Once per booking.
 */
export const conventionSigningOverdueV1 = z.object({
  ...conventionParties,
  nextStep: conventionSigningStepSchema,
  dueAt: z.iso.datetime(),
});
