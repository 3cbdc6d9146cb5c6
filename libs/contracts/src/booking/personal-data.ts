import { z } from 'zod';
import { auditEntrySchema } from '../audit';
import { auditEntryViewSchema, bookingStatusSchema } from './bookings';
import { localDateSchema, utcInstantSchema, uuidSchema } from './common';
import { conventionSignatureViewSchema } from './convention-signatures';
import { messageAuthorRoleSchema } from './messages';
import { claimStatusSchema, membershipRoleSchema } from './organisations';

/**
 * `GET /me/personal-data`: what the booking service holds about the caller (right of access, RGPD art. 15),
 * found by their account id. Organisations are listed for the caller's memberships (their role says which they
 * own); bookings and series are those the caller requested or decided; audit entries those where they acted;
 * messages those they wrote in bookings' conversations; insurance certificates, space photos and conventions signed on
 * paper those they uploaded (what is recorded about them, not the files); the conventions they signed online, the
 * delegation they hold to sign for the département, their claims on an organisation's number, and the entries of
 * the service's audit log that name them (as actor, organisation acted for, object or in the changes).
 */
export const bookingPersonalDataSchema = z.strictObject({
  memberships: z.array(
    z.strictObject({
      organisationId: uuidSchema,
      organisationName: z.string(),
      role: membershipRoleSchema,
      displayName: z.string().nullable(),
      since: utcInstantSchema,
    }),
  ),
  managedEstablishments: z.array(
    z.strictObject({
      establishmentId: uuidSchema,
      establishmentName: z.string(),
      displayName: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
  bookings: z.array(
    z.strictObject({
      id: uuidSchema,
      organisationId: uuidSchema,
      spaceId: uuidSchema,
      startsAt: utcInstantSchema,
      endsAt: utcInstantSchema,
      status: bookingStatusSchema,
      purpose: z.string(),
      /** The caller's part: `requested` or `decided` (approved or refused as a manager). */
      role: z.enum(['requested', 'decided']),
      createdAt: utcInstantSchema,
    }),
  ),
  series: z.array(z.strictObject({ id: uuidSchema, organisationId: uuidSchema, createdAt: utcInstantSchema })),
  invitations: z.array(
    z.strictObject({
      organisationId: uuidSchema,
      /** The caller's part: `created` the invitation or `accepted` it. */
      role: z.enum(['created', 'accepted']),
      createdAt: utcInstantSchema,
    }),
  ),
  auditEntries: z.array(auditEntryViewSchema.extend({ bookingId: uuidSchema })),
  messages: z.array(
    z.strictObject({
      bookingId: uuidSchema,
      authorRole: messageAuthorRoleSchema,
      authorName: z.string().nullable(),
      body: z.string(),
      /** The name of the file the message carried, if any (the file itself is downloaded from the conversation). */
      attachmentFileName: z.string().nullable(),
      createdAt: utcInstantSchema,
    }),
  ),
  /** Up to when they read each booking's conversation (the « unread » markers). */
  conversationsRead: z.array(z.strictObject({ bookingId: uuidSchema, readAt: utcInstantSchema })),
  insuranceCertificates: z.array(
    z.strictObject({
      id: uuidSchema,
      organisationId: uuidSchema,
      insurer: z.string(),
      policyNumber: z.string(),
      expiresOn: localDateSchema,
      fileName: z.string(),
      uploadedAt: utcInstantSchema,
    }),
  ),
  spacePhotos: z.array(
    z.strictObject({ id: uuidSchema, spaceId: uuidSchema, altText: z.string(), uploadedAt: utcInstantSchema }),
  ),
  /** Conventions the caller recorded as signed on paper (the record, not the scan, which is the parties' document). */
  paperConventions: z.array(
    z.strictObject({
      conventionId: uuidSchema,
      /** The booking or the series it covers; both null for a framework convention. */
      bookingId: uuidSchema.nullable(),
      seriesId: uuidSchema.nullable(),
      signedOn: localDateSchema,
      recordedAt: utcInstantSchema,
    }),
  ),
  /** What each of their signatures recorded (as the convention's evidence shows it), by convention. */
  conventionSignatures: z.array(
    conventionSignatureViewSchema.extend({
      conventionId: uuidSchema,
      bookingId: uuidSchema.nullable(),
      seriesId: uuidSchema.nullable(),
    }),
  ),
  /** The delegation to sign conventions for the département they hold (one at most). */
  conventionDelegations: z.array(z.strictObject({ deliberation: z.string(), grantedAt: utcInstantSchema })),
  organisationClaims: z.array(
    z.strictObject({
      id: uuidSchema,
      organisationId: uuidSchema,
      number: z.string(),
      claimantDisplayName: z.string(),
      statement: z.string(),
      status: claimStatusSchema,
      decisionReason: z.string().nullable(),
      createdAt: utcInstantSchema,
      decidedAt: utcInstantSchema.nullable(),
    }),
  ),
  auditLog: z.array(auditEntrySchema),
});
export type BookingPersonalData = z.infer<typeof bookingPersonalDataSchema>;
