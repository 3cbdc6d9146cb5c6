import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { INTERNAL_TOKEN_ALG, INTERNAL_TOKEN_ISSUER, INTERNAL_TOKEN_TTL_SECONDS, type Caller } from './internal-token';
import { publishedJwk } from './public-key';

export interface TokenIssuer {
  /**
   * Mints a token for one request to one service (`audience`, e.g. "booking").
   * `extraClaims` carry what that service needs to know of the caller and
   * cannot read itself (the payment service: the caller's organisations).
   */
  mint(caller: Caller, audience: string, extraClaims?: Record<string, unknown>): Promise<string>;
  /** The public keys, served by the gateway for the services to verify with: its own first. */
  jwks(): { keys: JWK[] };
}

export interface TokenIssuerOptions {
  /**
   * Public keys published beside the signing key's own during a key rotation: the next key before
   * any gateway signs with it, the previous one until the tokens it signed have expired.
   */
  alsoPublished?: readonly JWK[];
}

/**
 * Signs internal tokens with an EC P-256 private key given as a JWK (the
 * gateway reads it from the environment), or a fresh one for development
 * and tests.
 */
export async function createTokenIssuer(privateJwk?: JWK, options: TokenIssuerOptions = {}): Promise<TokenIssuer> {
  const jwk = privateJwk ?? (await generateSigningJwk());
  const kid = jwk.kid ?? randomUUID();
  const own = jwk.d ? publishedJwk({ ...jwk, kid }) : undefined;
  if (!own) throw new Error('the internal signing key must be a private EC P-256 JWK');
  const privateKey = await importJWK(jwk, INTERNAL_TOKEN_ALG);
  const others = (options.alsoPublished ?? []).map((key) => {
    const published = publishedJwk(key);
    if (!published) throw new Error('a published internal key must be an EC P-256 JWK with a kid');
    return published;
  });
  // Its own first, each kid once.
  const keys: JWK[] = [...new Map([own, ...others].map((key) => [key.kid, key])).values()];

  return {
    async mint(caller, audience, extraClaims = {}) {
      return new SignJWT({
        ...extraClaims,
        provider: caller.provider,
        name: caller.displayName,
        roles: caller.roles,
        ...(caller.siret ? { siret: caller.siret } : {}),
        ...(caller.email ? { email: caller.email } : {}),
        ...(caller.acr ? { acr: caller.acr } : {}),
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
    jwks: () => ({ keys }),
  };
}

export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(INTERNAL_TOKEN_ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID() };
}
