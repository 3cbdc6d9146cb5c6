import { z } from 'zod';
import { auditEntrySchema } from '../audit';
import { messageStatusSchema, notificationChannelSchema } from './notification-api';

/**
 * `GET /me/personal-data`: what the notification service holds about the caller (right of access, RGPD
 * art. 15): the contact the gateway announced for their account, the phone number and SMS consent they gave,
 * the choices of messages they made (a kind left as it was has no row), the organisations and collèges it tells
 * them about, the recipient lists their address is on, whether and since when they chose the daily digest of
 * new requests (a collège manager's choice), the messages sent to that address (unmasked: they are the
 * caller's own), and the entries of the service's audit log that name them.
 */
export const notificationPersonalDataSchema = z.strictObject({
  contact: z.strictObject({ email: z.string(), displayName: z.string().nullable() }).nullable(),
  /**
   * E.164; `smsConsentAt` is when they agreed to receive SMS (null: no consent). Plain strings here, kinds too:
   * this file is in the root index, which must not load the phone metadata (`../phone`, `./preferences`).
   */
  phone: z.strictObject({ number: z.string(), smsConsentAt: z.iso.datetime().nullable() }).nullable(),
  preferences: z.array(
    z.strictObject({
      kind: z.string(),
      channel: notificationChannelSchema,
      enabled: z.boolean(),
      updatedAt: z.iso.datetime(),
    }),
  ),
  organisationIds: z.array(z.uuid()),
  establishmentIds: z.array(z.uuid()),
  /** Null when they never chose the daily digest, or turned it off (one e-mail per request). */
  dailyDigest: z.strictObject({ chosenAt: z.iso.datetime() }).nullable(),
  recipientOf: z.array(
    z.strictObject({ partyKind: z.enum(['organisation', 'establishment']), partyId: z.uuid(), email: z.string() }),
  ),
  /** The optional kinds of e-mail their address unsubscribed from with the link each carries (as a listed contact). */
  unsubscribed: z.array(z.strictObject({ kind: z.string(), at: z.iso.datetime() })),
  messages: z.array(
    z.strictObject({
      id: z.uuid(),
      kind: z.string(),
      recipient: z.string(),
      channel: notificationChannelSchema,
      subject: z.string().nullable(),
      bodyText: z.string().nullable(),
      status: messageStatusSchema,
      createdAt: z.iso.datetime(),
    }),
  ),
  auditLog: z.array(auditEntrySchema),
});
export type NotificationPersonalData = z.infer<typeof notificationPersonalDataSchema>;
