import { z } from 'zod';
import { auditEntrySchema } from './audit';
import { erasureRequestViewSchema } from './erasure';
import { bookingPersonalDataSchema } from './booking/personal-data';
import { identityProviderSchema } from './gateway';
import { notificationPersonalDataSchema } from './notification/personal-data';
import { paymentPersonalDataSchema } from './payment/personal-data';

/**
 * `GET /api/me/personal-data`: everything the services hold about the signed-in person (right of access, RGPD
 * art. 15), assembled by the gateway from each service's `GET /me/personal-data` (booking, notification, payment).
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
    /** Their request to erase the account, if they made one (open until an admin executes it). */
    erasureRequests: z.array(erasureRequestViewSchema),
    /** The gateway's audit entries that name them (their erasure request, as actor). */
    auditLog: z.array(auditEntrySchema),
  }),
  booking: bookingPersonalDataSchema,
  notification: notificationPersonalDataSchema,
  payment: paymentPersonalDataSchema,
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;
