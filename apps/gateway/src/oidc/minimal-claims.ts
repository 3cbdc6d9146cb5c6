import type { IdentityProvider } from '@salle/contracts';

/**
 * The only scopes the gateway may ask each federation for, and the only claims it stores: what the product
 * reads (names for the display name, e-mail for notifications, SIRET and organisation for a collège agent's
 * link). Data minimisation (RGPD art. 5.1.c): birth date, birthplace, gender and the like are never asked
 * for nor kept. FranceConnect's `preferred_username` is the usage name, shown instead of the birth name.
 */
export const MINIMAL_SCOPES: Record<IdentityProvider, readonly string[]> = {
  franceconnect: ['openid', 'given_name', 'family_name', 'preferred_username', 'email'],
  proconnect: ['openid', 'given_name', 'usual_name', 'email', 'siret', 'organization_label'],
};

/** The claims stored on the account, by federation (the subject is a column of its own). */
export const STORED_CLAIMS: Record<IdentityProvider, readonly string[]> = {
  franceconnect: ['given_name', 'family_name', 'preferred_username', 'email'],
  proconnect: ['given_name', 'usual_name', 'email', 'siret', 'organization_label'],
};

/** Only the stored claims of `claims`, those absent left out. */
export function keepStoredClaims(provider: IdentityProvider, claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    STORED_CLAIMS[provider].filter((name) => claims[name] !== undefined).map((name) => [name, claims[name]]),
  );
}
