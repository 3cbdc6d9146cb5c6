import { importJWK, type CryptoKey, type JWK } from 'jose';
import { INTERNAL_TOKEN_ALG } from './internal-token';
import { publishedJwk } from './public-key';

export interface RemoteKeysOptions {
  jwksUrl: string;
  /** Minimum time between two JWKS fetches: forged `kid`s cannot make a service hammer the gateway. */
  refetchCooldownMs: number;
  /** A key no fetch has listed for this long is forgotten; the JWKS is fetched again when this old. */
  maxAgeMs: number;
  timeoutMs: number;
}

export interface RemoteKeys {
  /** The public key named `kid`, fetching the JWKS again (rate-limited) when it is not known yet. */
  keyFor(kid: string | undefined): Promise<CryptoKey>;
}

interface KnownKey {
  key: Promise<CryptoKey>;
  lastListed: number;
}

/** Imports a published key; a point off the curve rejects when a token needs it, never as an unhandled rejection. */
function importKey(jwk: JWK): Promise<CryptoKey> {
  const key = importJWK(jwk, INTERNAL_TOKEN_ALG) as Promise<CryptoKey>;
  key.catch(() => undefined);
  return key;
}

/**
 * The gateway's public keys, as a service knows them. During a rollout, gateways behind one address
 * may sign with different keys and, misconfigured, publish different sets: keys are therefore
 * remembered across fetches (each until `maxAgeMs` after a fetch last listed it), and an unknown kid
 * waits for up to two fetches, one per cooldown, instead of failing while the cooldown runs.
 */
export function createRemoteKeys(options: RemoteKeysOptions): RemoteKeys {
  const known = new Map<string, KnownKey>();
  let lastFetchAt = 0;
  let pending: Promise<void> | undefined;

  async function fetchKeys(): Promise<void> {
    const wait = lastFetchAt + options.refetchCooldownMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastFetchAt = Date.now();
    const response = await fetch(options.jwksUrl, { signal: AbortSignal.timeout(options.timeoutMs) });
    if (!response.ok) throw new Error(`the internal JWKS answered ${response.status}`);
    const body = (await response.json()) as { keys?: unknown };
    const listed = Array.isArray(body.keys) ? (body.keys as JWK[]).map(publishedJwk) : [];
    const now = Date.now();
    for (const jwk of listed) {
      if (!jwk) continue;
      const entry = known.get(jwk.kid);
      if (entry) entry.lastListed = now;
      else known.set(jwk.kid, { key: importKey(jwk), lastListed: now });
    }
    for (const [kid, entry] of known) if (now - entry.lastListed > options.maxAgeMs) known.delete(kid);
  }

  /** One fetch at a time: requests arriving meanwhile share it. */
  function refresh(): Promise<void> {
    pending ??= fetchKeys().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    async keyFor(kid) {
      if (!kid) throw new Error('the internal token names no key (kid)');
      // Stale: refresh, but keep verifying with the keys known if the gateway does not answer.
      if (Date.now() - lastFetchAt > options.maxAgeMs) await refresh().catch(() => undefined);
      // A fetch already under way may have started before this key was published: allow one more.
      for (let round = 0; round < 2 && !known.has(kid); round++) await refresh();
      const entry = known.get(kid);
      if (!entry) throw new Error(`the gateway publishes no key ${kid}`);
      return entry.key;
    },
  };
}
