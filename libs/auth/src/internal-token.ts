import { z } from 'zod';
import { identityProviderSchema } from '@salle/contracts';

/** Who is calling, as the gateway vouches for it. */
export const callerSchema = z.object({
  accountId: z.string().uuid(),
  provider: identityProviderSchema,
  displayName: z.string(),
  /** Département admins, from the gateway's configuration. */
  roles: z.array(z.enum(['department_admin'])).default([]),
  /** ProConnect agents: the SIRET of their organisation, used to match a collège. */
  siret: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
  /** ProConnect agents: their professional e-mail, which accepts an invitation to manage a collège. */
  email: z.email().max(254).optional(),
  /** The level of assurance the federation vouched for at login (the ID token's acr: eidas1...), kept with signatures. */
  acr: z.string().min(1).max(64).optional(),
});
export type Caller = z.infer<typeof callerSchema>;

export const INTERNAL_TOKEN_ISSUER = 'salle-sur-demande-gateway';
export const INTERNAL_TOKEN_ALG = 'ES256';
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
