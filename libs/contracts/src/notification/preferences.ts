import { z } from 'zod';
import { e164PhoneNumberSchema, isMobilePhoneNumber, phoneNumberSchema } from '../phone';
import { notificationChannelSchema } from './notification-api';

/** Every kind of message the notification service sends (its templates' names). */
export const NOTIFICATION_KINDS = [
  'request_received',
  'new_request',
  'approved_to_pay',
  'refused',
  'expired',
  'cancelled_by_establishment',
  'cancelled_by_organisation',
  'confirmed_free',
  'payment_confirmed',
  'payment_received',
  'refund_issued',
  'payment_reminder',
  'session_reminder',
  'decision_reminder',
  'organisation_to_verify',
  'organisation_verified',
  'organisation_rejected',
  'payment_flag',
  'account_inactivity',
  'booking_message',
  'claim_to_arbitrate',
  'claim_decided',
  'convention_to_sign',
  'convention_signed',
  'manager_invitation',
  'insurance_expiring',
  'claim_code',
  'organisation_invitation',
  'payer_contacted',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/**
 * The messages a booking or an account cannot work without: the decision
 * (accepted and to pay, confirmed when free, refused, expired for want of a
 * decision or a payment), the collège's cancellation, the département's
 * verdict on an organisation or on a claim on its number (it decides
 * whether it may book, and who holds the number), and what the admins must
 * act on (an organisation to verify, a claim to arbitrate, a payment flag, a convention to sign), and the invitations
 * to manage a collège or join an organisation (sent to an address with no account yet). Their e-mail cannot be turned off. Reminders repeat
 * what an earlier message said, and a new message in a booking's
 * conversation is also shown on the site: useful, but optional.
 */
export const MANDATORY_NOTIFICATION_KINDS = [
  'approved_to_pay',
  'confirmed_free',
  'refused',
  'expired',
  'cancelled_by_establishment',
  'organisation_verified',
  'organisation_rejected',
  'organisation_to_verify',
  'payment_flag',
  'account_inactivity',
  'claim_to_arbitrate',
  'claim_decided',
  'convention_to_sign',
  'manager_invitation',
  'claim_code',
  'organisation_invitation',
  'payer_contacted',
] as const satisfies readonly NotificationKind[];

/** The kinds also sent by SMS, to who agreed: what cannot wait for the e-mail to be read. */
export const SMS_NOTIFICATION_KINDS = [
  'approved_to_pay',
  'cancelled_by_establishment',
  'session_reminder',
  'payment_reminder',
  'decision_reminder',
] as const satisfies readonly NotificationKind[];

/** How « Mon compte » and the unsubscription page name each kind, in French. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  request_received: 'Demande de réservation reçue',
  new_request: 'Nouvelle demande à traiter (collège)',
  approved_to_pay: 'Demande acceptée, à payer',
  refused: 'Demande refusée',
  expired: 'Demande ou paiement arrivé à échéance',
  cancelled_by_establishment: 'Réservation annulée par le collège ou le département',
  cancelled_by_organisation: 'Réservation annulée par l’association (collège)',
  confirmed_free: 'Réservation confirmée sans paiement en ligne (gratuite ou facturée)',
  payment_confirmed: 'Paiement reçu, réservation confirmée',
  payment_received: 'Paiement reçu (collège)',
  refund_issued: 'Remboursement effectué',
  payment_reminder: 'Rappel : paiement à effectuer',
  session_reminder: 'Rappel : réservation à venir',
  decision_reminder: 'Rappel : demande à traiter (collège)',
  organisation_to_verify: 'Organisation à vérifier (administration)',
  organisation_verified: 'Organisation vérifiée',
  organisation_rejected: 'Organisation non retenue',
  account_inactivity: 'Compte inutilisé, bientôt supprimé',
  payment_flag: 'Paiement à examiner (administration)',
  booking_message: 'Nouveau message au sujet d’une réservation',
  claim_to_arbitrate: 'Revendication d’un numéro à arbitrer (administration)',
  claim_decided: 'Décision sur la revendication d’un numéro',
  convention_to_sign: 'Convention à signer',
  convention_signed: 'Convention signée par toutes les parties',
  manager_invitation: 'Invitation à gérer un collège',
  insurance_expiring: 'Attestation d’assurance bientôt expirée',
  claim_code: 'Code pour revendiquer un organisme enregistré par un collège',
  organisation_invitation: 'Invitation à rejoindre une organisation',
  payer_contacted: 'Message du collège ou du département sur un paiement',
};

export function isMandatoryKind(kind: NotificationKind): boolean {
  return (MANDATORY_NOTIFICATION_KINDS as readonly NotificationKind[]).includes(kind);
}

export function isSmsKind(kind: NotificationKind): boolean {
  return (SMS_NOTIFICATION_KINDS as readonly NotificationKind[]).includes(kind);
}

/** A person's contacts as the notification service knows them. */
export const myContactsSchema = z.object({
  /** The e-mail FranceConnect or ProConnect gave at the last login; null before any. */
  email: z.string().nullable(),
  /** E.164; null when none was given. */
  phone: e164PhoneNumberSchema.nullable(),
  /** Whether the person agreed to receive SMS. */
  smsConsent: z.boolean(),
});
export type MyContacts = z.infer<typeof myContactsSchema>;

/** One kind of message and whether the person receives it by each channel. */
export const preferenceSchema = z.object({
  kind: notificationKindSchema,
  /** Its e-mail cannot be turned off. */
  mandatory: z.boolean(),
  email: z.boolean(),
  /** Null: this kind is never sent by SMS. */
  sms: z.boolean().nullable(),
});
export type Preference = z.infer<typeof preferenceSchema>;

export const myPreferencesSchema = z.object({
  contacts: myContactsSchema,
  items: z.array(preferenceSchema),
});
export type MyPreferences = z.infer<typeof myPreferencesSchema>;

/** `PUT /me/phone`: the number as typed (null removes it), and the consent to SMS, which needs a mobile number. */
export const updateMyPhoneSchema = z
  .strictObject({ phone: phoneNumberSchema.nullable(), smsConsent: z.boolean() })
  .refine((body: { phone?: string | null; smsConsent?: boolean }) => !body.smsConsent || Boolean(body.phone), {
    error: 'indiquez un numéro de mobile pour recevoir des SMS',
    path: ['phone'],
  })
  .refine(
    (body: { phone?: string | null; smsConsent?: boolean }) =>
      !body.smsConsent || !body.phone || isMobilePhoneNumber(body.phone),
    { error: 'les SMS ne peuvent être envoyés qu’à un numéro de mobile', path: ['phone'] },
  );
export type UpdateMyPhone = z.infer<typeof updateMyPhoneSchema>;

/** `PUT /me/preferences`: the choices changed, each for one kind and one channel. */
export const updateMyPreferencesSchema = z.strictObject({
  items: z
    .array(z.strictObject({ kind: notificationKindSchema, channel: notificationChannelSchema, enabled: z.boolean() }))
    .min(1)
    .max(NOTIFICATION_KINDS.length * 2),
});
export type UpdateMyPreferences = z.infer<typeof updateMyPreferencesSchema>;

/**
 * The contact address listed for a collège as such (no account behind it),
 * with the phone number its managers entered for it and whether the person
 * reading that address agreed to SMS (recorded with the date and who said so).
 */
export const listedContactSchema = z.object({
  email: z.string(),
  phone: e164PhoneNumberSchema.nullable(),
  smsConsent: z.boolean(),
});
export type ListedContact = z.infer<typeof listedContactSchema>;

/** The path of a one-click unsubscription: the signed token says who and what. */
export const unsubscribePathSchema = z.strictObject({ token: z.string().min(20).max(2_000) });
