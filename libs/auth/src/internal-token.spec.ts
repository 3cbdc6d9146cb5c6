import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { createLogger } from '@salle/runtime';
import { createHttpApp, startHttpServer, type RunningServer } from '@salle/http';
import {
  createTokenIssuer,
  createTokenVerifier,
  generateSigningJwk,
  internalAuthentication,
  optionalCaller,
  requireCaller,
  startJwksServer,
  type Caller,
  type JwksServer,
  type TokenIssuer,
} from './index';

const alice: Caller = {
  accountId: '6f1c3f7e-1b43-4b53-9a51-2a0c7f8f1c11',
  provider: 'franceconnect',
  displayName: 'Angela Claire Louise Dubois',
  roles: [],
};

function base64url(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('internal tokens', () => {
  let signingJwk: JWK;
  let issuer: TokenIssuer;
  let jwks: JwksServer;

  beforeAll(async () => {
    signingJwk = await generateSigningJwk();
    issuer = await createTokenIssuer(signingJwk);
    jwks = await startJwksServer(() => issuer);
  });
  afterAll(() => jwks.close());

  const verifier = (audience = 'booking') => createTokenVerifier({ jwksUrl: jwks.url, audience, refetchCooldownMs: 0 });

  it('round-trips the caller for the intended service', async () => {
    const token = await issuer.mint({ ...alice, roles: ['department_admin'] }, 'booking');
    await expect(verifier().verify(token)).resolves.toEqual({ ...alice, roles: ['department_admin'] });
  });

  it('carries a ProConnect agent’s SIRET, professional e-mail and level of assurance', async () => {
    const agent: Caller = {
      accountId: '0b5e1c2d-3f4a-4b6c-8d9e-0f1a2b3c4d5e',
      provider: 'proconnect',
      displayName: 'Claire Martin',
      roles: [],
      siret: '19380003200011',
      email: 'claire.martin@ac-grenoble.fr',
      // The level of assurance of the login, which a convention's signature records.
      acr: 'eidas1',
    };
    await expect(verifier().verify(await issuer.mint(agent, 'booking'))).resolves.toEqual(agent);
  });

  it('publishes only the public key', () => {
    const [key] = issuer.jwks().keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: signingJwk.kid });
    expect(key).not.toHaveProperty('d');
  });

  it('refuses a token minted for another service', async () => {
    const token = await issuer.mint(alice, 'payment');
    await expect(verifier('booking').verify(token)).rejects.toThrow(/aud/);
  });

  it('refuses an expired token', async () => {
    const key = await importJWK(signingJwk, 'ES256');
    const token = await new SignJWT({ provider: 'franceconnect', name: 'x', roles: [] })
      .setProtectedHeader({ alg: 'ES256', kid: signingJwk.kid })
      .setIssuer('salle-sur-demande-gateway')
      .setAudience('booking')
      .setSubject(alice.accountId)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    await expect(verifier().verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses a token signed by another key, even with the right kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ provider: 'franceconnect', name: 'x', roles: [] })
      .setProtectedHeader({ alg: 'ES256', kid: signingJwk.kid })
      .setIssuer('salle-sur-demande-gateway')
      .setAudience('booking')
      .setSubject(alice.accountId)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(privateKey);
    await expect(verifier().verify(token)).rejects.toThrow(/signature/);
  });

  it('refuses alg none and an HMAC downgrade', async () => {
    const claims = {
      iss: 'salle-sur-demande-gateway',
      aud: 'booking',
      sub: alice.accountId,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 60,
      provider: 'franceconnect',
      name: 'x',
    };
    const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    await expect(verifier().verify(none)).rejects.toThrow();
    const publicJwkAsSecret = new TextEncoder().encode(JSON.stringify(issuer.jwks().keys[0]));
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: signingJwk.kid })
      .sign(publicJwkAsSecret);
    await expect(verifier().verify(hs256)).rejects.toThrow(/alg/);
  });

  describe('verified tokens kept until they expire', () => {
    // jose verifies with WebCrypto: counting its calls tells a full verification from a kept one.
    const signatureChecks = () => jest.spyOn(globalThis.crypto.subtle, 'verify');
    afterEach(() => jest.restoreAllMocks());

    it('verifies a token once, serves it again without ES256, and refuses it once expired', async () => {
      const check = verifier();
      const token = await issuer.mint(alice, 'booking');
      const checks = signatureChecks();
      await expect(check.verify(token)).resolves.toEqual(alice);
      await expect(check.verify(token)).resolves.toEqual(alice);
      expect(checks).toHaveBeenCalledTimes(1);
      // Past its exp and jose's 5 s tolerance (only the clock moves): verified again, and refused.
      jest.useFakeTimers({ now: Date.now() + 66_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        await expect(check.verify(token)).rejects.toThrow(/exp/);
        expect(checks).toHaveBeenCalledTimes(2);
      } finally {
        jest.useRealTimers();
      }
    });

    it('still verifies another token of the same caller, and refuses a tampered one', async () => {
      const check = verifier();
      const eachTime = await createTokenIssuer(signingJwk, { tokensKept: 0 });
      const token = await eachTime.mint(alice, 'booking');
      await check.verify(token);
      const checks = signatureChecks();
      const another = await eachTime.mint(alice, 'booking');
      expect(another).not.toBe(token);
      await expect(check.verify(another)).resolves.toEqual(alice);
      expect(checks).toHaveBeenCalledTimes(1);
      const [header, payload, signature = ''] = token.split('.');
      const otherSignature = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      await expect(check.verify(`${header}.${payload}.${otherSignature}`)).rejects.toThrow();
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
      const promoted = base64url({ ...claims, roles: ['department_admin'] });
      await expect(check.verify(`${header}.${promoted}.${signature}`)).rejects.toThrow(/signature/);
    });
  });

  describe('minted tokens reused while at least half their life is left', () => {
    afterEach(() => jest.useRealTimers());

    it('hands the same caller the same token for the same service and claims, and a new one for anything else', async () => {
      const reusing = await createTokenIssuer(signingJwk);
      const token = await reusing.mint(alice, 'booking');
      expect(await reusing.mint({ ...alice }, 'booking')).toBe(token);
      const others = await Promise.all([
        reusing.mint(alice, 'payment'),
        reusing.mint(alice, 'booking', { access: { organisations: [], establishments: [] } }),
        reusing.mint({ ...alice, roles: ['department_admin'] }, 'booking'),
        reusing.mint({ ...alice, displayName: 'Angela Dubois' }, 'booking'),
        reusing.mint({ ...alice, accountId: '0b5e1c2d-3f4a-4b6c-8d9e-0f1a2b3c4d5e' }, 'booking'),
      ]);
      expect(new Set([token, ...others]).size).toBe(6);
      await expect(verifier().verify(token)).resolves.toEqual(alice);
    });

    it('mints a new token once the kept one has less than half its life left', async () => {
      const start = Date.now();
      jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      const reusing = await createTokenIssuer(signingJwk);
      const token = await reusing.mint(alice, 'booking');
      jest.setSystemTime(start + 28_000);
      expect(await reusing.mint(alice, 'booking')).toBe(token);
      jest.setSystemTime(start + 31_000);
      const fresh = await reusing.mint(alice, 'booking');
      expect(fresh).not.toBe(token);
      const expiry = (jwt: string) =>
        (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;
      expect(expiry(fresh) - expiry(token)).toBeGreaterThanOrEqual(30);
    });
  });

  it('refetches the JWKS once when the gateway rotates its key, and refuses an unknown kid', async () => {
    const check = verifier();
    await check.verify(await issuer.mint(alice, 'booking'));
    const hitsBefore = jwks.hits;
    issuer = await createTokenIssuer(await generateSigningJwk());
    await expect(check.verify(await issuer.mint(alice, 'booking'))).resolves.toMatchObject({
      accountId: alice.accountId,
    });
    expect(jwks.hits).toBe(hitsBefore + 1);
    // Cached now: no new fetch for a known key.
    await check.verify(await issuer.mint(alice, 'booking'));
    expect(jwks.hits).toBe(hitsBefore + 1);
    const stranger = await createTokenIssuer(await generateSigningJwk());
    await expect(check.verify(await stranger.mint(alice, 'booking'))).rejects.toThrow();
  });
});

describe('internal key rotation', () => {
  it('publishes the next or previous keys beside its own, with their public members only', async () => {
    const current = await generateSigningJwk();
    const next = await generateSigningJwk();
    const { d: _private, ...nextPublic } = next;
    const previous = await generateSigningJwk();
    const issuer = await createTokenIssuer(current, { alsoPublished: [nextPublic, previous, nextPublic] });
    const keys = issuer.jwks().keys;
    expect(keys.map((key) => key.kid)).toEqual([current.kid, next.kid, previous.kid]);
    expect(keys.every((key) => key.d === undefined && key.alg === 'ES256' && key.use === 'sig')).toBe(true);
    await expect(createTokenIssuer(current, { alsoPublished: [{ ...nextPublic, kid: undefined }] })).rejects.toThrow(
      /with a kid/,
    );
  });

  it('verifies every call while two gateways behind one address sign with different keys, each publishing only its own', async () => {
    const gatewayA = await createTokenIssuer(await generateSigningJwk());
    const gatewayB = await createTokenIssuer(await generateSigningJwk());
    // The address services fetch the JWKS from balances each request over both gateways.
    let turn = 0;
    const balanced = await startJwksServer(() => (turn++ % 2 === 0 ? gatewayA : gatewayB));
    try {
      const verifier = createTokenVerifier({ jwksUrl: balanced.url, audience: 'booking' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, async (_, call) =>
          verifier.verify(await (call % 2 === 0 ? gatewayA : gatewayB).mint(alice, 'booking')),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      // Both keys are remembered: later calls fetch nothing.
      const hits = balanced.hits;
      for (const gateway of [gatewayA, gatewayB, gatewayA]) await verifier.verify(await gateway.mint(alice, 'booking'));
      expect(balanced.hits).toBe(hits);
    } finally {
      await balanced.close();
    }
  });

  it('fetches the JWKS at most once per cooldown however many unknown kids arrive', async () => {
    const gateway = await createTokenIssuer(await generateSigningJwk());
    const jwks = await startJwksServer(() => gateway);
    try {
      const verifier = createTokenVerifier({ jwksUrl: jwks.url, audience: 'booking', refetchCooldownMs: 300 });
      await verifier.verify(await gateway.mint(alice, 'booking'));
      const hits = jwks.hits;
      const strangers = await Promise.all(
        Array.from({ length: 20 }, async () => createTokenIssuer(await generateSigningJwk())),
      );
      const started = Date.now();
      const outcomes = await Promise.allSettled(
        strangers.map(async (stranger) => verifier.verify(await stranger.mint(alice, 'booking'))),
      );
      expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
      expect(jwks.hits - hits).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 300) + 1);
      expect(jwks.hits - hits).toBeLessThanOrEqual(3);
    } finally {
      await jwks.close();
    }
  });
});

describe('internalAuthentication middleware', () => {
  let issuer: TokenIssuer;
  let jwks: JwksServer;
  let server: RunningServer;

  beforeAll(async () => {
    issuer = await createTokenIssuer();
    jwks = await startJwksServer(() => issuer);
    const app = createHttpApp({
      service: 'booking',
      logger: createLogger({ service: 'booking', level: 'silent' }),
      routes: (app) => {
        app.use(internalAuthentication(createTokenVerifier({ jwksUrl: jwks.url, audience: 'booking' })));
        app.get('/public', (_req, res) => {
          res.json({ caller: optionalCaller(res)?.accountId ?? null });
        });
        app.get('/private', (_req, res) => {
          res.json({ caller: requireCaller(res).accountId });
        });
      },
    });
    server = await startHttpServer(app, 0);
  });
  afterAll(async () => {
    await server.close();
    await jwks.close();
  });

  const get = (path: string, authorization?: string) =>
    fetch(`${server.url}${path}`, { headers: authorization ? { authorization } : {} });

  it('lets visitors read public routes and refuses them private ones', async () => {
    expect(await (await get('/public')).json()).toEqual({ caller: null });
    const refused = await get('/private');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('identifies the caller from a valid token', async () => {
    const token = await issuer.mint(alice, 'booking');
    expect(await (await get('/private', `Bearer ${token}`)).json()).toEqual({ caller: alice.accountId });
  });

  it.each([
    ['a garbage token', 'Bearer not-a-jwt'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s with 401 even on a public route', async (_label, header) => {
    const response = await get('/public', header);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      code: 'invalid_internal_token',
      title: 'L’authentification de la requête a échoué. Reconnectez-vous.',
    });
  });

  it('refuses a token minted for another service', async () => {
    const response = await get('/private', `Bearer ${await issuer.mint(alice, 'payment')}`);
    expect(response.status).toBe(401);
  });
});
