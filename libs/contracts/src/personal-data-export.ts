import { z } from 'zod';
import { bookingPersonalDataSchema } from './booking/personal-data';
import { identityProviderSchema } from './gateway';
import { notificationPersonalDataSchema } from './notification/personal-data';

/**
 * `GET /api/me/personal-data`: everything the services hold about the signed-in person (right of access, RGPD
 * art. 15), assembled by the gateway from each service's `GET /me/personal-data`. Payment is not asked: it
 * knows bookings, organisations and collèges, never a person (its records name no account but the one that
 * opened a collège's payout account, a collège's, not a person's, data).
 */
export const personalDataExportSchema = z.strictObject({
  generatedAt: z.iso.datetime(),
  gateway: z.strictObject({
    account: z.strictObject({
      id: z.uuid(),
      provider: identityProviderSchema,
      /** The federation's identifier of the person (pairwise on FranceConnect). */
      subject: z.string(),
      /** The claims kept from the federation: names, e-mail, and for agents SIRET and organisation. */
      claims: z.record(z.string(), z.unknown()),
      createdAt: z.iso.datetime(),
      lastLoginAt: z.iso.datetime(),
    }),
    /** Sessions open in browsers now, this one included. */
    activeSessions: z.number().int().min(0),
  }),
  booking: bookingPersonalDataSchema,
  notification: notificationPersonalDataSchema,
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;
