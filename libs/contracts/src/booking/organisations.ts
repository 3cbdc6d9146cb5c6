import { z } from 'zod';
import { localDateSchema, renterCategorySchema, uuidSchema } from './common';

const mustBeTrue = (message: string) => z.literal(true, { error: message });

export const createOrganisationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: renterCategorySchema,
    rna: z.string().trim().optional(),
    siren: z.string().trim().optional(),
    address: z.string().trim().max(300).default(''),
    postalCode: z.string().trim().regex(/^\d{5}$/, { error: 'doit comporter 5 chiffres' }),
    communeName: z.string().trim().min(1).max(200),
    eligibility: z.strictObject({
      notReligious: mustBeTrue("l'organisation ne doit pas avoir d'objet cultuel"),
      notPolitical: mustBeTrue("l'organisation ne doit pas avoir d'objet politique"),
      notProfitMaking: mustBeTrue("l'activité ne doit pas être lucrative"),
    }),
    republicanContractAcknowledged: mustBeTrue("le contrat d'engagement républicain doit être accepté"),
    insuranceReference: z.string().trim().min(1).max(200),
    insuranceExpiresOn: localDateSchema,
  })
  // Checked even when other fields are wrong, so that a person sees every problem at once.
  // `when` runs it on any input, even one that is not an object at all: then the type error alone is reported.
  .refine((o: Partial<{ rna: string; siren: string }> | null) => typeof o !== 'object' || o === null || Boolean(o.rna || o.siren), {
    error: 'indiquez un numéro RNA ou SIREN',
    path: ['rna'],
    when: () => true,
  });
export type CreateOrganisation = z.infer<typeof createOrganisationSchema>;
export type CreateOrganisationBody = z.input<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z
  .strictObject({
    address: z.string().trim().max(300),
    postalCode: z.string().trim().regex(/^\d{5}$/, { error: 'doit comporter 5 chiffres' }),
    communeName: z.string().trim().min(1).max(200),
    insuranceReference: z.string().trim().min(1).max(200),
    insuranceExpiresOn: localDateSchema,
  })
  .partial();
export type UpdateOrganisation = z.infer<typeof updateOrganisationSchema>;

export const organisationQuerySchema = z.strictObject({
  status: z.enum(['pending', 'verified', 'rejected']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const rejectOrganisationSchema = z.strictObject({ reason: z.string().trim().min(3).max(1_000) });
export const addMemberSchema = z.strictObject({ accountId: uuidSchema, role: z.enum(['owner', 'member']).default('member') });

export interface OrganisationView {
  id: string;
  name: string;
  kind: z.infer<typeof renterCategorySchema>;
  rna: string | null;
  siren: string | null;
  address: string;
  postalCode: string;
  communeName: string;
  insuranceReference: string;
  insuranceExpiresOn: string;
  status: 'pending' | 'verified' | 'rejected';
  rejectionReason: string | null;
}
