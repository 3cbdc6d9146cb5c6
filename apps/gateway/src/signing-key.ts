import { createTokenIssuer, generateSigningJwk, type TokenIssuer } from '@salle/auth';
import type { Logger } from '@salle/runtime';
import type { GatewayConfig } from './config';

/**
 * The issuer of internal tokens, from INTERNAL_SIGNING_KEY. Without it (never
 * in production: the configuration check refuses that), a key is generated
 * for this run only: services refetch the JWKS on the new kid after a restart.
 * INTERNAL_PUBLISHED_KEYS are published beside it during a key rotation.
 */
export async function internalTokenIssuer(config: GatewayConfig, logger: Logger): Promise<TokenIssuer> {
  const options = { alsoPublished: config.INTERNAL_PUBLISHED_KEYS };
  if (config.INTERNAL_SIGNING_KEY) return createTokenIssuer(config.INTERNAL_SIGNING_KEY, options);
  logger.warn(
    'INTERNAL_SIGNING_KEY is not set: internal tokens are signed with a key generated for this run only. ' +
      'Set a private EC P-256 JWK for any shared or long-running environment (required when NODE_ENV=production).',
  );
  return createTokenIssuer(await generateSigningJwk(), options);
}
