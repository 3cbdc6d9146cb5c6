import { createPublicKey, verify } from 'node:crypto';
import { federationKeys } from '../oidc/signing-keys';
import { forgeCallbackLocation } from './fault-middleware';
import type { FaultSettings } from './fault-settings';
import { decodeJwt, signJwt } from './jwt-forgery';
import { forgeIdToken } from './token-faults';

const keys = federationKeys('unit');
const settings: FaultSettings = {
  otherIssuer: 'https://other.sandbox.test',
  keys,
  faultOf: () => undefined,
  subjectFor: (accountId, clientId) => `${accountId}@${clientId}`,
  otherAccountId: 'someone-else',
  clientSecret: () => 'client-secret',
  slowResponseMs: 10,
  closing: new AbortController().signal,
};
const now = Math.floor(Date.now() / 1000);
const genuine = signJwt(
  { iss: 'https://fc.sandbox.test', aud: 'client', sub: 'abc', nonce: 'n', iat: now, exp: now + 60 },
  { alg: 'ES256', key: keys.es256.key, kid: keys.es256.jwk.kid },
);

/** Whether `jwt` carries a valid ES256 signature of the federation's published key. */
function signedByFederation(jwt: string): boolean {
  const [header, payload, signature = ''] = jwt.split('.');
  const input = Buffer.from(`${header}.${payload}`);
  return verify(
    'sha256',
    input,
    { key: createPublicKey(keys.es256.key), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
}

describe('forged ID tokens', () => {
  it('alter one claim and sign again with the published key', () => {
    const wrongIss = forgeIdToken('id-token-wrong-iss', genuine, 'client', settings);
    expect(decodeJwt(wrongIss).payload).toMatchObject({ iss: 'https://other.sandbox.test', sub: 'abc', nonce: 'n' });
    expect(signedByFederation(wrongIss)).toBe(true);
    expect(decodeJwt(forgeIdToken('id-token-extra-aud', genuine, 'client', settings)).payload['aud']).toEqual([
      'client',
      'another-service-provider',
    ]);
    expect(decodeJwt(forgeIdToken('id-token-missing-sub', genuine, 'client', settings)).payload).not.toHaveProperty(
      'sub',
    );
    const expired = decodeJwt(forgeIdToken('id-token-expired', genuine, 'client', settings)).payload;
    expect(Number(expired['exp'])).toBeLessThan(now);
  });

  it('use the algorithms and keys a relying party must refuse', () => {
    expect(decodeJwt(forgeIdToken('id-token-alg-none', genuine, 'client', settings)).header).toEqual({ alg: 'none' });
    expect(decodeJwt(forgeIdToken('id-token-hs256', genuine, 'client', settings)).header).toEqual({ alg: 'HS256' });
    expect(decodeJwt(forgeIdToken('id-token-rotated-key', genuine, 'client', settings)).header).toEqual({
      alg: 'ES256',
      kid: keys.next.jwk.kid,
    });
    const corrupted = forgeIdToken('id-token-bad-signature', genuine, 'client', settings);
    expect(decodeJwt(corrupted).payload).toEqual(decodeJwt(genuine).payload);
    expect(signedByFederation(corrupted)).toBe(false);
  });

  it('leave the token alone for faults of other stages', () => {
    expect(forgeIdToken('userinfo-expired', genuine, 'client', settings)).toBe(genuine);
  });
});

describe('forged callback', () => {
  const location = 'https://rp.test/callback?code=c&state=s&iss=https%3A%2F%2Ffc.sandbox.test';

  it('drops or replaces iss, or replaces state', () => {
    expect(
      new URL(forgeCallbackLocation(location, 'callback-missing-iss', settings.otherIssuer) ?? '').searchParams.has(
        'iss',
      ),
    ).toBe(false);
    expect(
      new URL(forgeCallbackLocation(location, 'callback-wrong-iss', settings.otherIssuer) ?? '').searchParams.get(
        'iss',
      ),
    ).toBe('https://other.sandbox.test');
    const wrongState = new URL(forgeCallbackLocation(location, 'callback-wrong-state', settings.otherIssuer) ?? '')
      .searchParams;
    expect(wrongState.get('state')).not.toBe('s');
    expect(wrongState.get('code')).toBe('c');
  });

  it('leaves error redirects alone', () => {
    expect(
      forgeCallbackLocation(
        'https://rp.test/callback?error=access_denied&state=s',
        'callback-wrong-state',
        settings.otherIssuer,
      ),
    ).toBeUndefined();
  });
});
