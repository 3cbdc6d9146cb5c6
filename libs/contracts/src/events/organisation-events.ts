import { z } from 'zod';
import { displayName, entityId, instant } from './event-fields';

/**
 * Someone joined or left an organisation, or their role in it changed.
 * Produced by the booking service, which owns memberships; the gateway drops
 * what it remembered of that account's access, so that a removed member loses
 * the payment views at once.
 */
export const organisationMembershipChangedV1 = z.object({
  organisationId: entityId,
  accountId: entityId,
  change: z.enum(['joined', 'left', 'role_changed']),
});

/**
 * An association declared itself: it waits for the département's
 * verification. Produced by the booking service; the notification service
 * tells the département's admins.
 */
export const organisationDeclaredV1 = z.object({
  organisationId: entityId,
  organisationName: displayName,
});

/** The département verified an organisation, or rejected it with a reason; its members are told. */
export const organisationVerificationDecidedV1 = z.object({
  organisationId: entityId,
  organisationName: displayName,
  verified: z.boolean(),
  reason: z.string().max(1000).nullable(),
});

/**
 * Someone claims a number (RNA or SIREN) that a verified organisation holds: the département's admins arbitrate.
 * Produced by the booking service.
 */
export const organisationClaimRequestedV1 = z.object({
  claimId: entityId,
  organisationId: entityId,
  organisationName: displayName,
});

/**
 * The département arbitrated a claim: granted, the holder is rejected (its members are also told by
 * `organisation.verification_decided`) and the claimant may declare the number; dismissed, nothing changes.
 * Both parties are told: the holder's members and the claimant's account.
 */
export const organisationClaimDecidedV1 = z.object({
  claimId: entityId,
  organisationId: entityId,
  organisationName: displayName,
  claimantAccountId: entityId,
  granted: z.boolean(),
  reason: z.string().max(1000),
});

/**
 * The organisation's own contact, as a whole (the owners enter it when declaring the organisation, or change
 * it later): its address, its phone number (E.164) and whether that number agreed to SMS. Produced by the booking
 * service at each change; the notification service tells that contact the organisation's messages, beside its
 * members, and replaces what it knew.
 */
export const organisationContactChangedV1 = z.object({
  organisationId: entityId,
  contactEmail: z.email().max(254).nullable(),
  contactPhone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .nullable(),
  smsConsent: z.boolean(),
});

/**
 * The organisation's insurance certificate in force expires within a month (`expiresOn`, its last covered day).
 * Produced once per certificate by the booking service's daily check; the notification service tells the
 * organisation's owners (`ownerAccountIds`, read in the announcing transaction: notification does not know roles),
 * who upload the new one. An event written before `ownerAccountIds` existed goes to every member, as it did then.
 */
export const organisationInsuranceExpiringV1 = z.object({
  organisationId: entityId,
  organisationName: displayName,
  certificateId: entityId,
  expiresOn: z.iso.date(),
  ownerAccountIds: z.array(entityId).optional(),
});

/**
 * Someone signed in with FranceConnect asks to claim an organisation record a collège created without members:
 * the notification service sends the one-time code to the record's contact e-mail (kind `claim_code`). The code
 * travels in clear only here and in the message itself; the booking service keeps its hash, and it is worthless
 * after 15 minutes or its first use.
 */
export const organisationClaimCodeRequestedV1 = z.object({
  organisationId: entityId,
  organisationName: displayName,
  email: z.string().max(254),
  code: z.string().regex(/^\d{6}$/),
  expiresAt: instant,
});

/**
 * Version 2: the code travels sealed (`sealedCode`, AES-GCM with the deployment's `EVENT_SECRET_KEY`, context
 * `organisation.claim_code_requested`, `@salle/events`), so that booking's outbox and the stream never hold it in clear;
 * and the claimant chose where it goes: the contact's e-mail, or an SMS to the contact's phone (E.164) when the record
 * has one.
 */
export const organisationClaimCodeRequestedV2 = z.object({
  organisationId: entityId,
  organisationName: displayName,
  channel: z.enum(['email', 'sms']),
  /** The contact's address (channel `email`) or mobile number in E.164 (channel `sms`). */
  to: z.string().min(1).max(254),
  sealedCode: z.string().min(1).max(200),
  expiresAt: instant,
});

/**
 * An owner invited someone by e-mail to join the organisation: the notification service mails them the link
 * (kind `organisation_invitation`). The link's secret travels sealed (`sealedToken`, context
 * `organisation.member_invited`); the booking service keeps only its hash.
 */
export const organisationMemberInvitedV1 = z.object({
  invitationId: entityId,
  organisationId: entityId,
  organisationName: displayName,
  email: z.email().max(254),
  role: z.enum(['owner', 'member']),
  /** The owner who invited, as their account names them. */
  inviterName: displayName,
  sealedToken: z.string().min(1).max(200),
  expiresAt: instant,
});
