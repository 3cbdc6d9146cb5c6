import { jwtVerify, type JWTPayload } from 'jose';
import { callerSchema, INTERNAL_TOKEN_ALG, INTERNAL_TOKEN_ISSUER, type Caller } from './internal-token';
import { createRemoteKeys } from './remote-keys';
import { ExpiringCache } from './expiring-cache';

export interface TokenVerifier {
  /** Resolves the caller, or rejects when the token is not one the gateway minted for this service. */
  verify(token: string): Promise<Caller>;
}

export interface TokenVerifierOptions {
  jwksUrl: string;
  /** This service's name: tokens minted for another service are refused. */
  audience: string;
  /** Minimum time between two JWKS fetches, so forged `kid`s cannot make us hammer the gateway. */
  refetchCooldownMs?: number;
  /** How many verified tokens are kept until they expire, so that a token sent again is not verified again. */
  verifiedTokensKept?: number;
}

/**
 * Verifies internal tokens against the gateway's JWKS. Keys are cached; an
 * unknown `kid` (a gateway rotated its key) triggers a refetch, at most one per
 * cooldown, which the request waits for. Only ES256 is accepted, so `alg: none`
 * or an HMAC downgrade can never pass. A token that passed is kept with its
 * caller until its `exp` (`ExpiringCache`, keyed by the whole token string, so
 * another or a tampered token is verified in full): the same token sent again
 * (the gateway reuses a token for its caller, see `createTokenIssuer`) skips the
 * ES256 verification, about 7 % of the booking service's CPU for a booking
 * request, and is never served at or after its expiry.
 */
export function createTokenVerifier({
  jwksUrl,
  audience,
  refetchCooldownMs = 1_000,
  verifiedTokensKept = 1_000,
}: TokenVerifierOptions): TokenVerifier {
  const keys = createRemoteKeys({ jwksUrl, refetchCooldownMs, maxAgeMs: 10 * 60_000, timeoutMs: 3_000 });
  const verified = new ExpiringCache<Caller>(verifiedTokensKept);
  return {
    async verify(token) {
      const known = verified.get(token);
      // A copy: no request can change what another is handed.
      if (known) return { ...known, roles: [...known.roles] };
      const { payload } = await jwtVerify(token, (header) => keys.keyFor(header.kid), {
        algorithms: [INTERNAL_TOKEN_ALG],
        issuer: INTERNAL_TOKEN_ISSUER,
        audience,
        clockTolerance: 5,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const caller = toCaller(payload);
      // `exp` is required above, so always a number here.
      verified.set(token, { ...caller, roles: [...caller.roles] }, (payload.exp as number) * 1000);
      return caller;
    },
  };
}

function toCaller(payload: JWTPayload): Caller {
  return callerSchema.parse({
    accountId: payload.sub,
    provider: payload['provider'],
    displayName: payload['name'],
    roles: payload['roles'] ?? [],
    siret: payload['siret'],
    acr: payload['acr'],
    email: payload['email'],
  });
}
