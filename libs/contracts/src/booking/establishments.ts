import { z } from 'zod';
import { uuidSchema } from './common';

/** The school-holiday zone of the collège's académie. */
export const SCHOOL_ZONES = ['A', 'B', 'C'] as const;
export const schoolZoneSchema = z.enum(SCHOOL_ZONES);
export type SchoolZone = z.infer<typeof schoolZoneSchema>;
export const ESTABLISHMENT_STATUSES = ['draft', 'active', 'suspended'] as const;
export const establishmentStatusSchema = z.enum(ESTABLISHMENT_STATUSES);
export type EstablishmentStatus = z.infer<typeof establishmentStatusSchema>;

/** "Cancelled at least `minNotice` before the start: refund `percent` %" (days are Paris calendar days). */
export const cancellationPolicySchema = z.strictObject({
  tiers: z
    .array(
      z.strictObject({
        minNotice: z
          .strictObject({
            days: z.number().int().min(0).max(365).optional(),
            hours: z
              .number()
              .int()
              .min(0)
              .max(24 * 365)
              .optional(),
          })
          .refine((n) => n.days !== undefined || n.hours !== undefined, {
            error: 'indiquez un délai en jours ou en heures',
          }),
        percent: z.number().int().min(0).max(100),
      }),
    )
    .max(10),
  latePercent: z.number().int().min(0).max(100).optional(),
});
export type CancellationPolicyInput = z.infer<typeof cancellationPolicySchema>;

const establishmentFields = {
  uai: z.string().trim().toUpperCase(),
  siret: z.string().trim(),
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { error: 'doit comporter 5 chiffres' }),
  communeName: z.string().trim().min(1).max(200),
  communeInsee: z.string().trim().toUpperCase(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  schoolZone: schoolZoneSchema,
  contactEmail: z.email({ error: 'doit être une adresse électronique' }),
  contactPhone: z.string().trim().max(30),
  status: establishmentStatusSchema,
};

export const createEstablishmentSchema = z.strictObject({
  ...establishmentFields,
  siret: establishmentFields.siret.optional(),
  address: establishmentFields.address.default(''),
  contactEmail: establishmentFields.contactEmail.optional(),
  contactPhone: establishmentFields.contactPhone.optional(),
  status: establishmentFields.status.default('draft'),
});
export type CreateEstablishment = z.infer<typeof createEstablishmentSchema>;
export type CreateEstablishmentBody = z.input<typeof createEstablishmentSchema>;

// Built from the fields without defaults: zod 4 applies a default even inside `.optional()`,
// which would silently reset untouched fields on every update.
const { uai: _uai, ...updatableFields } = establishmentFields;
export const updateEstablishmentSchema = z
  .strictObject(updatableFields)
  .partial()
  .extend({ cancellationPolicy: cancellationPolicySchema.nullable().optional() });
export type UpdateEstablishment = z.infer<typeof updateEstablishmentSchema>;

export const establishmentQuerySchema = z.strictObject({
  communeInsee: z.string().optional(),
  q: z.string().trim().max(100).optional(),
  status: establishmentStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** How an agent became a collège's manager: their organisation's SIRET is the collège's, or an admin invited them. */
export const MANAGER_ORIGINS = ['siret', 'invitation'] as const;
export const managerOriginSchema = z.enum(MANAGER_ORIGINS);
export type ManagerOrigin = z.infer<typeof managerOriginSchema>;

/** A professional e-mail address, compared in lower case (ProConnect gives it as the agent's administration knows it). */
const agentEmailSchema = z
  .email({ error: 'doit être une adresse électronique' })
  .max(254)
  .transform((email) => email.toLowerCase());

/** `POST /establishments/:id/managers/invitations`: accepted at the agent's first ProConnect login with this e-mail. */
export const inviteManagerSchema = z.strictObject({ email: agentEmailSchema });
export type InviteManagerBody = z.input<typeof inviteManagerSchema>;

export const managerInvitationViewSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  invitedAt: z.iso.datetime(),
});
export type ManagerInvitationView = z.infer<typeof managerInvitationViewSchema>;

export const managerPathSchema = z.object({ id: uuidSchema, accountId: uuidSchema });
export const managerInvitationPathSchema = z.object({ id: uuidSchema, invitationId: uuidSchema });

export const establishmentViewSchema = z.strictObject({
  id: z.uuid(),
  uai: z.string(),
  siret: z.string().nullable(),
  name: z.string(),
  address: z.string(),
  postalCode: z.string(),
  communeName: z.string(),
  communeInsee: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  schoolZone: schoolZoneSchema,
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: establishmentStatusSchema,
  payoutReady: z
    .boolean()
    .meta({ description: "Set by the payment service once the collège's payout account can receive payments." }),
  cancellationPolicy: cancellationPolicySchema.nullable().meta({ description: 'Null: the default policy applies.' }),
});
export type EstablishmentView = z.infer<typeof establishmentViewSchema>;

/** `GET /establishments/:id/managers`. */
export const managersViewSchema = z.strictObject({
  managers: z.array(
    z.strictObject({
      accountId: z.uuid(),
      displayName: z
        .string()
        .nullable()
        .meta({ description: 'As their identity provider gave it when they last signed in; null until they do.' }),
      email: z
        .string()
        .nullable()
        .meta({ description: 'Their professional e-mail, as ProConnect gave it when they last signed in.' }),
      origin: managerOriginSchema
        .nullable()
        .meta({ description: 'Null for managers designated before the origin was recorded.' }),
      since: z.iso.datetime(),
      signatory: z.boolean().meta({ description: 'Signs the collège’s conventions online (set by an admin).' }),
    }),
  ),
  invitations: z.array(managerInvitationViewSchema).meta({ description: 'Invitations not yet accepted.' }),
});
export type ManagersView = z.infer<typeof managersViewSchema>;
