import { z } from 'zod';
import { endsAfterStart, requestBookingFields } from './bookings';
import { localDateSchema, utcInstantSchema } from './common';
import { createSeriesSchema } from './series';

/**
 * How an organisation whose request a collège's manager or a département admin entered says it will pay:
 * a payment link sent to its contact, an invoice (public payers), or at the collège's counter.
 */
export const PAYMENT_CHOICES = ['online', 'invoice', 'counter'] as const;
export const paymentChoiceSchema = z.enum(PAYMENT_CHOICES);
export type PaymentChoice = z.infer<typeof paymentChoiceSchema>;

/** How the staff member says the organisation will pay, and whether the request is approved in the same action. */
const staffEntryFields = {
  paymentChoice: paymentChoiceSchema,
  approve: z.boolean().default(false),
  message: z.string().trim().max(1_000).optional(),
};

/**
 * `POST /establishments/:id/entered-bookings`: a one-off request entered by the collège's manager (or an admin)
 * for an organisation, checked like a member's; `approve` decides it in the same action.
 */
export const enterBookingSchema = z
  .strictObject({
    ...requestBookingFields,
    ...staffEntryFields,
  })
  .refine(...endsAfterStart);
export type EnterBooking = z.infer<typeof enterBookingSchema>;
export type EnterBookingBody = z.input<typeof enterBookingSchema>;

/**
 * `POST /establishments/:id/entered-series`: a weekly series entered by the collège's manager (or an admin) for
 * an organisation, with the member's series fields and checks; `approve` decides every created session at once.
 */
export const enterSeriesSchema = createSeriesSchema.extend(staffEntryFields);
export type EnterSeries = z.infer<typeof enterSeriesSchema>;
export type EnterSeriesBody = z.input<typeof enterSeriesSchema>;

/** An RNA (W…) or a SIREN: the identifier of the record to claim. */
const claimedIdentifier = z.string().trim().min(1).max(20);

/**
 * `POST /contact-claims`: a person signed in with FranceConnect asks for a code to claim a record without members,
 * sent to its contact e-mail or, with `channel: 'sms'`, to its contact mobile phone.
 */
export const startContactClaimSchema = z.strictObject({
  number: claimedIdentifier,
  channel: z.enum(['email', 'sms']).default('email'),
});
export type StartContactClaimBody = z.input<typeof startContactClaimSchema>;

/** `POST /contact-claims/confirm`: the code received by the record's contact. */
export const confirmContactClaimSchema = z.strictObject({
  number: claimedIdentifier,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'le code comporte 6 chiffres' }),
});
export type ConfirmContactClaimBody = z.input<typeof confirmContactClaimSchema>;

/** Where the code went (the address masked) and until when it works. */
export const contactClaimStartedViewSchema = z.strictObject({
  organisationName: z.string(),
  channel: z.enum(['email', 'sms']),
  sentTo: z.string().meta({ description: 'The address or number, masked.' }),
  expiresAt: utcInstantSchema,
});
export type ContactClaimStartedView = z.infer<typeof contactClaimStartedViewSchema>;

/** How much an incident the collège noted weighs. */
export const INCIDENT_SEVERITIES = ['minor', 'moderate', 'serious'] as const;
export const incidentSeveritySchema = z.enum(INCIDENT_SEVERITIES);
export type IncidentSeverity = z.infer<typeof incidentSeveritySchema>;

/** `POST /bookings/:id/incidents`: what happened during a past booking, as the collège saw it. */
export const recordIncidentSchema = z.strictObject({
  occurredOn: localDateSchema,
  severity: incidentSeveritySchema,
  description: z.string().trim().min(3, { error: 'décrivez l’incident' }).max(2_000),
});
export type RecordIncidentBody = z.input<typeof recordIncidentSchema>;

export const incidentViewSchema = z.strictObject({
  id: z.uuid(),
  bookingId: z.uuid(),
  occurredOn: localDateSchema,
  severity: incidentSeveritySchema,
  description: z.string(),
  recordedByRole: z.enum(['establishment_manager', 'department_admin']),
  recordedAt: utcInstantSchema,
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

/** `GET /establishments/:id/organisation-lookup`: the organisation a person on the phone names by its number. */
export const organisationLookupQuerySchema = z.strictObject({ number: claimedIdentifier });
