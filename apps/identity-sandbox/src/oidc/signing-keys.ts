import { createPrivateKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';

/** A private signing key as oidc-provider wants it (JWK with kid, alg, use). */
export interface SigningJwk extends JsonWebKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  use: 'sig';
}

export interface SigningKey {
  jwk: SigningJwk;
  key: KeyObject;
}

/** The keys of one federation: the two it publishes, and one it has not published yet. */
export interface FederationKeys {
  es256: SigningKey;
  rs256: SigningKey;
  /** Published only once a `id-token-rotated-key` fault uses it, to simulate a key rotation. */
  next: SigningKey;
}

function toSigningKey(jwk: SigningJwk): SigningKey {
  return { jwk, key: createPrivateKey({ key: jwk, format: 'jwk' }) };
}

export function generateSigningKey(alg: 'ES256' | 'RS256', kidPrefix: string): SigningKey {
  const pair =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = pair.privateKey.export({ format: 'jwk' });
  // Kids shaped like FranceConnect's dev stack ones (`pkcs11:ES256:hsm`), made unique per start.
  const kid = `${kidPrefix}:${alg}:${randomBytes(4).toString('hex')}`;
  return { jwk: { ...jwk, kid, alg, use: 'sig' }, key: pair.privateKey };
}

// Generated keys are reused by every sandbox started in the same process: RSA generation costs
// hundreds of milliseconds, and tests of other apps start a sandbox per suite.
const generated = new Map<string, SigningKey>();

function generatedOnce(alg: 'ES256' | 'RS256', kidPrefix: string): SigningKey {
  const cacheKey = `${kidPrefix}:${alg}`;
  const key = generated.get(cacheKey) ?? generateSigningKey(alg, kidPrefix);
  generated.set(cacheKey, key);
  return key;
}

/**
 * Keys for one federation: taken from `configured` (a private JWKS holding
 * one P-256 `ES256` key and one `RS256` key) when given, generated otherwise.
 */
export function federationKeys(kidPrefix: string, configured?: readonly SigningJwk[]): FederationKeys {
  const pick = (alg: 'ES256' | 'RS256') => {
    const jwk = configured?.find((candidate) => candidate.alg === alg);
    return jwk ? toSigningKey(jwk) : generatedOnce(alg, kidPrefix);
  };
  return { es256: pick('ES256'), rs256: pick('RS256'), next: generatedOnce('ES256', `${kidPrefix}-next`) };
}

/** Parses IDENTITY_SANDBOX_JWKS: a private JWKS with an ES256 (P-256) key and an RS256 key, each with a kid. */
export function parsePrivateJwks(text: string): SigningJwk[] {
  const parsed = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(parsed.keys)) throw new Error('expected a JSON object with a "keys" array');
  const keys = parsed.keys as SigningJwk[];
  for (const alg of ['ES256', 'RS256'] as const) {
    const jwk = keys.find((candidate) => candidate.alg === alg);
    if (!jwk || typeof jwk.kid !== 'string' || typeof jwk.d !== 'string') {
      throw new Error(`expected a private ${alg} key with "kid", "alg" and "d"`);
    }
    createPrivateKey({ key: jwk, format: 'jwk' }); // throws on a malformed key
  }
  return keys.map((jwk) => ({ ...jwk, use: 'sig' }));
}
