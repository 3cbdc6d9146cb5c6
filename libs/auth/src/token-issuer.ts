import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { INTERNAL_TOKEN_ALG, INTERNAL_TOKEN_ISSUER, INTERNAL_TOKEN_TTL_SECONDS, type Caller } from './internal-token';
import { ExpiringCache } from './expiring-cache';
import { publishedJwk } from './public-key';

/**
 * A token minted for a caller is handed again to that caller's next requests to the same service, with the
 * same claims, while it stays valid for at least this long: a service never receives a token with less than
 * half its life left, and a caller's burst of requests costs one ES256 signature here and one verification
 * in the service (which keeps verified tokens until they expire) instead of one each per request.
 */
const REUSE_MARGIN_MS = (INTERNAL_TOKEN_TTL_SECONDS * 1000) / 2;

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
   * How many minted tokens are kept for reuse (one per caller, service and claims); 0 mints one per request.
   * Default 1,000.
   */
  tokensKept?: number;
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

  const minted = options.tokensKept === 0 ? undefined : new ExpiringCache<string>(options.tokensKept ?? 1_000);

  async function sign(caller: Caller, audience: string, extraClaims: Record<string, unknown>): Promise<string> {
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
  }

  return {
    async mint(caller, audience, extraClaims = {}) {
      if (!minted) return sign(caller, audience, extraClaims);
      // Everything the token says, so that a change of name, roles or access is a new token at once.
      const key = JSON.stringify([
        caller.accountId,
        caller.provider,
        caller.displayName,
        caller.roles,
        caller.siret ?? null,
        caller.email ?? null,
        caller.acr ?? null,
        audience,
        extraClaims,
      ]);
      const kept = minted.get(key, REUSE_MARGIN_MS);
      if (kept) return kept;
      const expiresAtMs = Date.now() + INTERNAL_TOKEN_TTL_SECONDS * 1000;
      const token = await sign(caller, audience, extraClaims);
      // Kept a little short of its exp (set in whole seconds from the signing time), never beyond.
      minted.set(key, token, expiresAtMs - 1_000);
      return token;
    },
    jwks: () => ({ keys }),
  };
}

export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(INTERNAL_TOKEN_ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID() };
}
