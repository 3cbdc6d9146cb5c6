import { generateKeyPairSync } from 'node:crypto';
import { identitySandboxConfig } from './config';

describe('identity sandbox configuration', () => {
  it('defaults to the local development setup', () => {
    const config = identitySandboxConfig.parse({});
    expect(config).toMatchObject({
      IDENTITY_SANDBOX_HOST: '127.0.0.1',
      IDENTITY_SANDBOX_PORT: 3003,
      IDENTITY_SANDBOX_URL: undefined,
      IDENTITY_SANDBOX_FRANCECONNECT_CLIENT_ID: 'salle-sur-demande-franceconnect',
      IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS: ['http://127.0.0.1:3000/auth/franceconnect/callback'],
      IDENTITY_SANDBOX_FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS: [
        'http://127.0.0.1:3000/auth/franceconnect/logout/callback',
      ],
      IDENTITY_SANDBOX_PROCONNECT_CLIENT_ID: 'salle-sur-demande-proconnect',
      IDENTITY_SANDBOX_PROCONNECT_REDIRECT_URIS: ['http://127.0.0.1:3000/auth/proconnect/callback'],
      IDENTITY_SANDBOX_JWKS: undefined,
      IDENTITY_SANDBOX_SLOW_MS: 32_000,
    });
  });

  it('reads comma-separated redirect URIs and a private JWKS', () => {
    const jwk = (alg: 'ES256' | 'RS256') => {
      const pair =
        alg === 'ES256'
          ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
          : generateKeyPairSync('rsa', { modulusLength: 2048 });
      return { ...pair.privateKey.export({ format: 'jwk' }), kid: `k-${alg}`, alg };
    };
    const config = identitySandboxConfig.parse({
      IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS:
        'http://127.0.0.1:4000/cb, https://salle.example.org/auth/franceconnect/callback',
      IDENTITY_SANDBOX_JWKS: JSON.stringify({ keys: [jwk('ES256'), jwk('RS256')] }),
    });
    expect(config.IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS).toEqual([
      'http://127.0.0.1:4000/cb',
      'https://salle.example.org/auth/franceconnect/callback',
    ]);
    expect(config.IDENTITY_SANDBOX_JWKS?.map((key) => key.kid)).toEqual(['k-ES256', 'k-RS256']);
  });

  it.each([
    ['IDENTITY_SANDBOX_PROCONNECT_REDIRECT_URIS', 'ftp://example.org/cb', /comma-separated list of http/],
    ['IDENTITY_SANDBOX_FRANCECONNECT_CLIENT_SECRET', 'short', /at least 16 characters/],
    ['IDENTITY_SANDBOX_JWKS', '{"keys":[]}', /private JWKS/],
    ['IDENTITY_SANDBOX_URL', 'localhost:3003', /http:\/\/ or https:\/\//],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => identitySandboxConfig.parse({ [name]: value })).toThrow(message);
  });
});
