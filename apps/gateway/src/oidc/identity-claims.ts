import { z } from 'zod';
import type { IdentityProvider } from '@salle/contracts';
import { LoginFailure } from './login-failure';
import { keepStoredClaims } from './minimal-claims';

/** What the gateway keeps from a validated userinfo response. */
export interface VerifiedIdentity {
  displayName: string;
  email?: string;
  siret?: string;
  organisationLabel?: string;
  /** The claims stored on the account: only those the product uses (minimal-claims.ts), the subject excluded. */
  claims: Record<string, unknown>;
}

const nonEmpty = z.string().trim().min(1);
const email = z.email();

/** A real calendar date `YYYY-MM-DD` (FranceConnect completes presumed parts with 01). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getTime() <= Date.now();
  });

/** INSEE COG commune code: 5 digits, or 2A/2B + 3 digits for Corsica. */
const COG = /^(\d{5}|2[AB]\d{3})$/;
const FRANCE = '99100';

// Scope → claims FranceConnect must then return (docs/federations.md, "Scopes and claim formats"); `birthplace` is empty for people born abroad.
const franceconnectRequired: Record<string, readonly string[]> = {
  profile: ['given_name', 'family_name', 'birthdate', 'gender'],
  identite_pivot: ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry'],
  birth: ['birthplace', 'birthcountry'],
  given_name: ['given_name'],
  family_name: ['family_name'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  email: ['email'],
};

const franceconnectClaims = z
  .object({
    given_name: nonEmpty,
    family_name: nonEmpty,
    preferred_username: z.string().trim().optional(),
    birthdate: calendarDate.optional(),
    gender: z.enum(['male', 'female', 'unspecified']).optional(),
    birthplace: z.string().optional(),
    birthcountry: z
      .string()
      .regex(/^99\d{3}$/)
      .optional(),
    email: email.optional(),
  })
  .refine((claims) => {
    if (claims.birthcountry === undefined) return claims.birthplace === undefined || COG.test(claims.birthplace);
    // A malformed country is already reported on its own field.
    if (!/^99\d{3}$/.test(claims.birthcountry)) return true;
    // Born in France: a commune code; born abroad: no commune.
    return claims.birthcountry === FRANCE ? COG.test(claims.birthplace ?? '') : (claims.birthplace ?? '') === '';
  });

const proconnectClaims = z.object({
  given_name: nonEmpty,
  usual_name: nonEmpty,
  email,
  siret: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
  organization_label: z.string().trim().optional(),
  uid: z.string().optional(),
  idp_id: z.string().optional(),
});

function requireRequested(userinfo: Record<string, unknown>, scopes: readonly string[]): void {
  const missing = scopes
    .flatMap((scope) => franceconnectRequired[scope] ?? [])
    .filter((claim) => userinfo[claim] === undefined);
  if (missing.length > 0)
    throw new LoginFailure('invalid_claims', `requested claims missing: ${[...new Set(missing)].join(', ')}`);
}

function invalidFields(error: z.ZodError): LoginFailure {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'birthplace/birthcountry')))];
  return new LoginFailure('invalid_claims', `malformed claims: ${fields.join(', ')}`);
}

/**
 * Checks the formats of the identity claims (docs/federations.md, "Scopes and claim formats") and turns
 * them into what the session shows. Only field names reach the failure
 * detail, never values.
 */
export function verifyIdentity(
  provider: IdentityProvider,
  userinfo: Record<string, unknown>,
  scopes: readonly string[],
): VerifiedIdentity {
  if (provider === 'franceconnect') {
    requireRequested(userinfo, scopes);
    const parsed = franceconnectClaims.safeParse(userinfo);
    if (!parsed.success) throw invalidFields(parsed.error);
    const claims = parsed.data;
    const usageName = claims.preferred_username?.trim();
    return {
      displayName: `${claims.given_name} ${usageName || claims.family_name}`,
      email: claims.email,
      claims: keepStoredClaims(provider, claims),
    };
  }
  const parsed = proconnectClaims.safeParse(userinfo);
  if (!parsed.success) throw invalidFields(parsed.error);
  const claims = parsed.data;
  return {
    displayName: `${claims.given_name} ${claims.usual_name}`,
    email: claims.email.toLowerCase(),
    siret: claims.siret,
    organisationLabel: claims.organization_label,
    claims: keepStoredClaims(provider, claims),
  };
}
