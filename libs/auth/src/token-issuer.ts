import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { INTERNAL_TOKEN_ALG, INTERNAL_TOKEN_ISSUER, INTERNAL_TOKEN_TTL_SECONDS, type Caller } from './internal-token';

export interface TokenIssuer {
  /**
   * Mints a token for one request to one service (`audience`, e.g. "booking").
   * `extraClaims` carry what that service needs to know of the caller and
   * cannot read itself (the payment service: the caller's organisations).
   */
  mint(caller: Caller, audience: string, extraClaims?: Record<string, unknown>): Promise<string>;
  /** The public keys, served by the gateway for the services to verify with. */
  jwks(): { keys: JWK[] };
}

/**
 * Signs internal tokens with an EC P-256 private key given as a JWK (the
 * gateway reads it from the environment), or a fresh one for development
 * and tests.
 */
export async function createTokenIssuer(privateJwk?: JWK): Promise<TokenIssuer> {
  const jwk = privateJwk ?? (await generateSigningJwk());
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
    throw new Error('the internal signing key must be a private EC P-256 JWK');
  }
  const kid = jwk.kid ?? randomUUID();
  const privateKey = await importJWK(jwk, INTERNAL_TOKEN_ALG);
  const { d: _private, ...publicJwk } = jwk;
  const published: JWK = { ...publicJwk, kid, alg: INTERNAL_TOKEN_ALG, use: 'sig' };

  return {
    async mint(caller, audience, extraClaims = {}) {
      return new SignJWT({
        ...extraClaims,
        provider: caller.provider,
        name: caller.displayName,
        roles: caller.roles,
        ...(caller.siret ? { siret: caller.siret } : {}),
      })
        .setProtectedHeader({ alg: INTERNAL_TOKEN_ALG, kid, typ: 'JWT' })
        .setIssuer(INTERNAL_TOKEN_ISSUER)
        .setAudience(audience)
        .setSubject(caller.accountId)
        .setIssuedAt()
        .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
        .setJti(randomUUID())
        .sign(privateKey);
    },
    jwks: () => ({ keys: [published] }),
  };
}

export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(INTERNAL_TOKEN_ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID() };
}
