import { z } from 'zod';
import { uuidSchema } from './common';

export const schoolZoneSchema = z.enum(['A', 'B', 'C']);
export const establishmentStatusSchema = z.enum(['draft', 'active', 'suspended']);

export const cancellationTierSchema = z.strictObject({
  minHoursBefore: z.number().int().min(0).max(24 * 365),
  refundPercent: z.number().int().min(0).max(100),
});

const establishmentFields = {
  uai: z.string().trim().toUpperCase(),
  siret: z.string().trim(),
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300),
  postalCode: z.string().trim().regex(/^\d{5}$/, { error: 'doit comporter 5 chiffres' }),
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
  .extend({ cancellationPolicy: z.array(cancellationTierSchema).max(10).nullable().optional() });
export type UpdateEstablishment = z.infer<typeof updateEstablishmentSchema>;

export const establishmentQuerySchema = z.strictObject({
  communeInsee: z.string().optional(),
  q: z.string().trim().max(100).optional(),
  status: establishmentStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const addManagerSchema = z.strictObject({ accountId: uuidSchema });

export interface EstablishmentView {
  id: string;
  uai: string;
  siret: string | null;
  name: string;
  address: string;
  postalCode: string;
  communeName: string;
  communeInsee: string;
  latitude: number;
  longitude: number;
  schoolZone: 'A' | 'B' | 'C';
  contactEmail: string | null;
  contactPhone: string | null;
  status: 'draft' | 'active' | 'suspended';
  payoutReady: boolean;
  cancellationPolicy: { minHoursBefore: number; refundPercent: number }[] | null;
}
