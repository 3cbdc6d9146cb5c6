import { z } from 'zod';
import { renterCategorySchema } from './booking/common';
import { membershipRoleSchema, organisationStatusSchema } from './booking/organisations';

/** The two identity federations a person can log in with. */
export const IDENTITY_PROVIDERS = ['franceconnect', 'proconnect'] as const;
export const identityProviderSchema = z.enum(IDENTITY_PROVIDERS);
export type IdentityProvider = z.infer<typeof identityProviderSchema>;

/**
 * Every role a person may hold: `department_admin` comes from the gateway's
 * configuration, the others from what the booking service knows.
 */
export const accountRoleSchema = z.enum(['department_admin', 'establishment_manager', 'organisation_member']);
export type AccountRole = z.infer<typeof accountRoleSchema>;

/** The booking service's `GET /me`, as the gateway reads it. */
export const bookingMeSchema = z.object({
  accountId: z.uuid(),
  roles: z.array(accountRoleSchema),
  organisations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: renterCategorySchema,
      status: organisationStatusSchema,
      role: membershipRoleSchema,
    }),
  ),
  establishments: z.array(z.object({ id: z.uuid(), name: z.string(), uai: z.string() })),
});
export type BookingMe = z.infer<typeof bookingMeSchema>;

/**
 * `GET /api/admin/admins`: the département's admins (`DEPARTMENT_ADMIN_EMAILS`) who have logged in at least once,
 * by the name and e-mail ProConnect gave; the admin screens choose among them (the delegation to sign conventions).
 */
export const departmentAdminsSchema = z.object({
  items: z.array(z.object({ accountId: z.uuid(), displayName: z.string(), email: z.string() })),
});
export type DepartmentAdmins = z.infer<typeof departmentAdminsSchema>;

/** `GET /api/me`: the logged-in person, their roles and what they act for. */
export const meResponseSchema = z.object({
  account: z.object({
    id: z.uuid(),
    provider: identityProviderSchema,
    displayName: z.string(),
    email: z.string().optional(),
    /** ProConnect agents: their organisation as ProConnect names it. */
    organisationLabel: z.string().optional(),
    siret: z.string().optional(),
  }),
  roles: z.array(accountRoleSchema),
  organisations: bookingMeSchema.shape.organisations,
  establishments: bookingMeSchema.shape.establishments,
  /** Send it back in `X-CSRF-Token` (or send `X-Requested-With`) on state-changing /api calls. */
  csrfToken: z.string(),
  session: z.object({ expiresAt: z.iso.datetime() }),
  /** True when the booking service did not answer: organisations and establishments are then empty. */
  incomplete: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
