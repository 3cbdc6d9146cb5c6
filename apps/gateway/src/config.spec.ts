import { generateSigningJwk } from '@salle/auth';
import { ConfigErrors } from '@salle/config';
import { checkGatewayConfig, gatewayConfig, SANDBOX_DEFAULTS } from './config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gateway' };
/** A production environment the gateway accepts but for INTERNAL_SIGNING_KEY, which each test sets or not. */
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://salle:q8%23Lz0!vT2pW%40k@db:5432/salle',
  GATEWAY_PUBLIC_URL: 'https://salles.isere.fr',
  FRANCECONNECT_CLIENT_SECRET: 'a-real-secret-from-the-portal',
  PROCONNECT_CLIENT_SECRET: 'another-real-secret-value',
  GATEWAY_CLIENT_PSEUDONYM_SECRET: 'a-random-secret-of-at-least-32-characters',
  DEPARTMENT_ADMIN_EMAILS: 'marie.curie@isere.fr',
};
let signingKey: unknown;
beforeAll(async () => {
  signingKey = await generateSigningJwk();
});

function configErrors(parse: () => unknown): { variable: string; expected: string }[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigErrors) return error.errors.map(({ variable, expected }) => ({ variable, expected }));
    throw error;
  }
  return [];
}

describe('gateway configuration', () => {
  it('defaults to the identity sandbox and the local services', () => {
    const config = gatewayConfig.parse(base);
    expect(config).toMatchObject({
      GATEWAY_PUBLIC_URL: 'http://127.0.0.1:3000',
      FRANCECONNECT_ISSUER: 'http://127.0.0.1:3003/franceconnect/api/v2',
      FRANCECONNECT_CLIENT_ID: 'salle-sur-demande-franceconnect',
      PROCONNECT_ISSUER: 'http://127.0.0.1:3003/proconnect/api/v2',
      BOOKING_URL: 'http://127.0.0.1:3001',
      SESSION_IDLE_TIMEOUT_SECONDS: 1800,
      SESSION_ABSOLUTE_TIMEOUT_SECONDS: 43200,
      DEPARTMENT_ADMIN_EMAILS: ['nathalie.roux@agents.sandbox.test', 'thomas.girard@agents.sandbox.test'],
    });
    expect(checkGatewayConfig(config).filter(Boolean)).toEqual([]);
  });

  it.each([
    ['http://oidc.franceconnect.gouv.fr/api/v2', 'plain http off loopback'],
    ['https://oidc.franceconnect.gouv.fr/api/v2/', 'a trailing slash (the issuer is compared byte for byte)'],
    ['https://oidc.franceconnect.gouv.fr/api/v2?x=1', 'a query'],
    ['not a url', 'garbage'],
  ])('refuses the issuer %s (%s)', (issuer) => {
    expect(() => gatewayConfig.parse({ ...base, FRANCECONNECT_ISSUER: issuer })).toThrow(
      /^FRANCECONNECT_ISSUER is invalid: expected an https:\/\/ issuer/,
    );
  });

  it.each([
    'https://oidc.franceconnect.gouv.fr/api/v2',
    'http://localhost:3003/franceconnect/api/v2',
    'http://[::1]:3003/x',
    'http://127.0.0.2/api/v2',
  ])('accepts the issuer %s', (issuer) => {
    expect(gatewayConfig.parse({ ...base, PROCONNECT_ISSUER: issuer }).PROCONNECT_ISSUER).toBe(issuer);
  });

  it('asks the federations only for the scopes the product uses, and refuses any other', () => {
    expect(gatewayConfig.parse(base)).toMatchObject({
      FRANCECONNECT_SCOPES: 'openid given_name family_name preferred_username email',
      PROCONNECT_SCOPES: 'openid given_name usual_name email siret organization_label',
    });
    expect(gatewayConfig.parse({ ...base, FRANCECONNECT_SCOPES: 'openid given_name family_name' })).toMatchObject({
      FRANCECONNECT_SCOPES: 'openid given_name family_name',
    });
    expect(
      configErrors(() =>
        gatewayConfig.parse({
          ...base,
          FRANCECONNECT_SCOPES: 'openid profile birth email',
          PROCONNECT_SCOPES: 'openid given_name usual_name email uid',
        }),
      ).map(({ variable }) => variable),
    ).toEqual(['FRANCECONNECT_SCOPES', 'PROCONNECT_SCOPES']);
  });

  it('trusts no proxy unless told how many stand in front', () => {
    expect(gatewayConfig.parse(base).GATEWAY_TRUST_PROXY_HOPS).toBe(0);
    expect(gatewayConfig.parse({ ...base, GATEWAY_TRUST_PROXY_HOPS: '2' }).GATEWAY_TRUST_PROXY_HOPS).toBe(2);
    for (const value of ['loopback', 'true', '-1', '1.5', '11']) {
      expect(() => gatewayConfig.parse({ ...base, GATEWAY_TRUST_PROXY_HOPS: value })).toThrow(
        /^GATEWAY_TRUST_PROXY_HOPS is invalid: expected a whole number of reverse proxies/,
      );
    }
  });

  it('reads the admin list case-insensitively and checks the signing key', async () => {
    const config = gatewayConfig.parse({ ...base, DEPARTMENT_ADMIN_EMAILS: ' Marie.Curie@Isere.fr ,jean@isere.fr' });
    expect(config.DEPARTMENT_ADMIN_EMAILS).toEqual(['marie.curie@isere.fr', 'jean@isere.fr']);
    const jwk = await generateSigningJwk();
    expect(
      gatewayConfig.parse({ ...base, INTERNAL_SIGNING_KEY: JSON.stringify(jwk) }).INTERNAL_SIGNING_KEY,
    ).toMatchObject({ kty: 'EC', d: jwk.d });
    const { d: _private, ...publicOnly } = jwk;
    expect(() => gatewayConfig.parse({ ...base, INTERNAL_SIGNING_KEY: JSON.stringify(publicOnly) })).toThrow(
      /^INTERNAL_SIGNING_KEY is invalid/,
    );
    expect(() => gatewayConfig.parse({ ...base, INTERNAL_SIGNING_KEY: '{nope' })).toThrow(
      /^INTERNAL_SIGNING_KEY is invalid/,
    );
  });

  it('reads the public keys published during a key rotation, and refuses a private one', async () => {
    expect(gatewayConfig.parse(base).INTERNAL_PUBLISHED_KEYS).toEqual([]);
    const { d: _private, ...next } = await generateSigningJwk();
    const { d: _previousPrivate, ...previous } = await generateSigningJwk();
    expect(
      gatewayConfig.parse({ ...base, INTERNAL_PUBLISHED_KEYS: JSON.stringify([next, previous]) })
        .INTERNAL_PUBLISHED_KEYS,
    ).toEqual([next, previous]);
    // A gateway's JWKS, as served, may be pasted as it is.
    expect(
      gatewayConfig.parse({ ...base, INTERNAL_PUBLISHED_KEYS: JSON.stringify({ keys: [next] }) })
        .INTERNAL_PUBLISHED_KEYS,
    ).toEqual([next]);
    for (const value of [
      JSON.stringify([await generateSigningJwk()]),
      JSON.stringify([{ ...next, kid: undefined }]),
      JSON.stringify(next),
      '[{nope',
    ]) {
      expect(() => gatewayConfig.parse({ ...base, INTERNAL_PUBLISHED_KEYS: value })).toThrow(
        /^INTERNAL_PUBLISHED_KEYS is invalid: expected a JSON array of public EC P-256 JWKs, each with its "kid" and without "d"/,
      );
    }
  });

  it('requires a real signing key and real client secrets in production', async () => {
    const key = JSON.stringify(await generateSigningJwk());
    expect(() => gatewayConfig.parse({ ...production, INTERNAL_SIGNING_KEY: undefined })).toThrow(
      /^INTERNAL_SIGNING_KEY is missing: expected a private EC P-256 JWK in JSON \(required when NODE_ENV=production\)$/,
    );
    expect(gatewayConfig.parse({ ...production, INTERNAL_SIGNING_KEY: key }).NODE_ENV).toBe('production');
    expect(() =>
      gatewayConfig.parse({
        ...production,
        INTERNAL_SIGNING_KEY: key,
        PROCONNECT_CLIENT_SECRET: SANDBOX_DEFAULTS.proconnect.clientSecret,
      }),
    ).toThrow(/^PROCONNECT_CLIENT_SECRET is missing/);
  });

  it.each([
    ['GATEWAY_PUBLIC_URL', 'http://salles.isere.fr', 'an https:// URL (http:// is refused when NODE_ENV=production)'],
    ['GATEWAY_PUBLIC_URL', undefined, 'an https:// URL (http:// is refused when NODE_ENV=production)'],
    [
      'DEPARTMENT_ADMIN_EMAILS',
      undefined,
      'the ProConnect e-mails of the département’s administrators (the sandbox’s are refused when NODE_ENV=production)',
    ],
    [
      'DEPARTMENT_ADMIN_EMAILS',
      'marie.curie@isere.fr,Thomas.Girard@agents.sandbox.test',
      'the ProConnect e-mails of the département’s administrators (the sandbox’s are refused when NODE_ENV=production)',
    ],
    [
      'DATABASE_URL',
      'postgres://salle:change-me@db:5432/salle',
      expect.stringMatching(/^a PostgreSQL URL with a strong password/),
    ],
  ])('refuses %s=%s in production, and only there', (variable, value, expected) => {
    const key = { INTERNAL_SIGNING_KEY: JSON.stringify(signingKey) };
    expect(() => gatewayConfig.parse({ ...production, ...key })).not.toThrow();
    const errors = configErrors(() => gatewayConfig.parse({ ...production, ...key, [variable]: value }));
    expect(errors).toEqual([{ variable, expected }]);
    expect(() =>
      gatewayConfig.parse({ ...production, ...key, NODE_ENV: 'development', [variable]: value }),
    ).not.toThrow();
  });

  it('reports every production refusal of a start at once', () => {
    const errors = configErrors(() =>
      gatewayConfig.parse({
        DATABASE_URL: 'postgres://postgres:postgres@db:5432/salle',
        NODE_ENV: 'production',
        SESSION_IDLE_TIMEOUT_SECONDS: '600',
        SESSION_ABSOLUTE_TIMEOUT_SECONDS: '60',
      }),
    );
    expect(errors.map((error) => error.variable)).toEqual([
      'SESSION_ABSOLUTE_TIMEOUT_SECONDS',
      'INTERNAL_SIGNING_KEY',
      'FRANCECONNECT_CLIENT_SECRET',
      'PROCONNECT_CLIENT_SECRET',
      'GATEWAY_CLIENT_PSEUDONYM_SECRET',
      'DEPARTMENT_ADMIN_EMAILS',
      'GATEWAY_PUBLIC_URL',
      'DATABASE_URL',
    ]);
  });

  it('refuses an absolute session limit shorter than the idle one', () => {
    expect(() =>
      gatewayConfig.parse({ ...base, SESSION_IDLE_TIMEOUT_SECONDS: '600', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '60' }),
    ).toThrow(/^SESSION_ABSOLUTE_TIMEOUT_SECONDS is invalid/);
  });
});

describe('GATEWAY_PUBLIC_URL', () => {
  it('is kept as the origin browsers send', () => {
    expect(gatewayConfig.parse({ ...base, GATEWAY_PUBLIC_URL: 'https://Salles.Isere.fr:443' }).GATEWAY_PUBLIC_URL).toBe(
      'https://salles.isere.fr',
    );
    expect(() => gatewayConfig.parse({ ...base, GATEWAY_PUBLIC_URL: 'https://salles.isere.fr/app' })).toThrow(
      /^GATEWAY_PUBLIC_URL is invalid/,
    );
  });
});
