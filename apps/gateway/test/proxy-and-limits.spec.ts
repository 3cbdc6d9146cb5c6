// The proxy against a recording upstream (what exactly reaches a service),
// its timeouts, and the rate limits on /auth and on /api writes.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenVerifier } from '@salle/auth';
import { createTestDatabase, freePort, type TestDatabase, Browser } from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { login, me } from './support/login-flow';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  bodySha256: string;
  bodyLength: number;
}

let database: TestDatabase;
let sandbox: SandboxProcess;
let upstream: http.Server;
let upstreamUrl: string;
const seen: Seen[] = [];
/** BOOKING_URL and NOTIFICATION_URL = the recording upstream, proxy timeout 500 ms, 3 writes per account and minute. */
let gateway: TestGateway;
/** BOOKING_URL = nothing listening, 3 /auth requests per IP and minute. */
let strict: TestGateway;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const hash = createHash('sha256');
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      length += chunk.length;
    });
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        bodySha256: hash.digest('hex'),
        bodyLength: length,
      });
      if (req.url === '/slow') {
        setTimeout(() => res.end('too late'), 2_000);
        return;
      }
      if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first;');
        setTimeout(() => res.end('second'), 400);
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
        'set-cookie': 'upstream=leak; Path=/',
        'x-upstream': 'yes',
      });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

  const [url, strictUrl] = [await reserveGatewayUrl(), await reserveGatewayUrl()];
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_proxy'), startSandboxProcess([url, strictUrl])]);
  gateway = await startGateway(url, database.url, sandbox, {
    BOOKING_URL: upstreamUrl,
    NOTIFICATION_URL: upstreamUrl,
    PROXY_TIMEOUT_MS: '500',
    API_WRITE_RATE_LIMIT: '3',
  });
  strict = await startGateway(strictUrl, database.url, sandbox, { AUTH_RATE_LIMIT: '3' });
});

afterAll(async () => {
  await strict?.stop();
  await gateway?.stop();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
  await sandbox?.stop();
  await database?.drop();
});

const lastSeen = () => seen[seen.length - 1] as Seen;

async function loggedIn(identity: string, provider: 'franceconnect' | 'proconnect' = 'proconnect'): Promise<Browser> {
  const browser = new Browser();
  const run = await login(browser, gateway, sandbox, provider, identity);
  if (run.response.status !== 303) throw new Error(`login failed: ${run.response.status}`);
  return browser;
}

const sameOrigin = () => ({ origin: gateway.url, 'x-requested-with': 'fetch' });

describe('proxy', () => {
  it('passes an e-mail’s one-click unsubscription to the notification service without session, CSRF check or token', async () => {
    // A mail provider posts it (RFC 8058) with no Origin, no CSRF token and no cookie of ours; the signed token is the proof.
    const browser = await loggedIn('Claire MARTIN');
    const response = await browser.request(`${gateway.url}/desabonnement/eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(201);
    const request = lastSeen();
    expect(request).toMatchObject({ method: 'POST', url: '/unsubscribe/eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' });
    expect(request.bodyLength).toBe('List-Unsubscribe=One-Click'.length);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.headers).not.toHaveProperty('cookie');
  });

  it('passes OVHcloud’s SMS delivery reports to the notification service with their query, without session or token', async () => {
    // OVHcloud calls the callback URL with a GET and no cookie; the key ending the path is the proof.
    const response = await new Browser().request(
      `${gateway.url}/accuses-sms/k3y-of-the-callback?id=10000001&dlr=1&ptt=4&receiver=%2B33612345678`,
    );
    expect(response.status).toBe(200);
    const request = lastSeen();
    expect(request).toMatchObject({
      method: 'GET',
      url: '/sms/delivery-reports/k3y-of-the-callback?id=10000001&dlr=1&ptt=4&receiver=%2B33612345678',
    });
    expect(request.headers).not.toHaveProperty('authorization');
  });

  it('forwards path, query and request id, and strips cookies, credentials and upstream cookies', async () => {
    const browser = new Browser();
    browser.cookies.set('tracking', 'abc');
    const response = await browser.request(`${gateway.url}/api/booking/spaces/search?commune=38185&q=gymnase%20nord`, {
      headers: {
        authorization: 'Bearer forged',
        'x-csrf-token': 'x',
        'x-forwarded-for': '203.0.113.9',
        'x-internal-token': 'forged',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual([]);

    const request = lastSeen();
    expect(request.url).toBe('/spaces/search?commune=38185&q=gymnase%20nord');
    expect(request.headers['x-request-id']).toBe(response.headers.get('x-request-id'));
    expect(request.headers).not.toHaveProperty('cookie');
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.headers).not.toHaveProperty('x-csrf-token');
    expect(request.headers).not.toHaveProperty('x-internal-token');
    expect(request.headers['host']).toBe(new URL(upstreamUrl).host);
  });

  it('adds an internal token for the session that the service can verify against the gateway JWKS', async () => {
    const browser = await loggedIn('Claire MARTIN');
    const own = await me(browser, gateway);
    const verifier = createTokenVerifier({
      jwksUrl: `${gateway.url}/.well-known/internal-jwks.json`,
      audience: 'booking',
    });

    await browser.request(`${gateway.url}/api/booking/me`, { headers: { authorization: 'Bearer forged' } });
    const first = lastSeen().headers['authorization'] ?? '';
    expect(first).toMatch(/^Bearer eyJ/);
    expect(lastSeen().headers).not.toHaveProperty('cookie');
    await expect(verifier.verify(first.slice(7))).resolves.toEqual({
      accountId: own.body.account.id,
      provider: 'proconnect',
      displayName: 'Claire MARTIN',
      roles: [],
      siret: '99990038421115',
      email: 'claire.martin@agents.sandbox.test',
      // The login's level of assurance, which a convention's signature records.
      acr: 'eidas1',
    });
    // Minted for booking only; the caller's next requests get the same token while half its life is left
    // (one signature here and one verification in the service per 30 s, not per request); another caller's differ.
    await expect(
      createTokenVerifier({ jwksUrl: `${gateway.url}/.well-known/internal-jwks.json`, audience: 'payment' }).verify(
        first.slice(7),
      ),
    ).rejects.toThrow();
    await browser.request(`${gateway.url}/api/booking/me`);
    expect(lastSeen().headers['authorization']).toBe(first);
    await (await loggedIn('Sophie PETIT')).request(`${gateway.url}/api/booking/me`);
    const other = lastSeen().headers['authorization'] ?? '';
    expect(other).toMatch(/^Bearer eyJ/);
    expect(other).not.toBe(first);

    const jwks = (await (await fetch(`${gateway.url}/.well-known/internal-jwks.json`)).json()) as {
      keys: Record<string, string>[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('passes request bodies byte for byte, whatever their type', async () => {
    const browser = await loggedIn('Sophie PETIT');
    const body = randomBytes(200_000);
    const response = await browser.request(`${gateway.url}/api/booking/imports/establishments`, {
      method: 'POST',
      headers: { ...sameOrigin(), 'content-type': 'text/csv; charset=windows-1252' },
      body,
    });
    expect(response.status).toBe(201);
    expect(lastSeen()).toMatchObject({
      method: 'POST',
      bodyLength: body.length,
      bodySha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(lastSeen().headers['content-type']).toBe('text/csv; charset=windows-1252');
  });

  it('streams the response as the service produces it', async () => {
    const started = Date.now();
    const response = await fetch(`${gateway.url}/api/booking/stream`);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    const firstAt = Date.now() - started;
    let rest = '';
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read())
      rest += new TextDecoder().decode(chunk.value);
    expect(new TextDecoder().decode(first?.value)).toBe('first;');
    expect(rest).toBe('second');
    expect(firstAt).toBeLessThan(Date.now() - started - 200);
  });

  it('answers 504 when the service stays silent, 502 when it is down', async () => {
    const started = Date.now();
    const slow = await fetch(`${gateway.url}/api/booking/slow`);
    expect(slow.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(1_800);
    expect(await slow.json()).toMatchObject({ code: 'upstream_timeout' });

    const down = await fetch(`${strict.url}/api/booking/me`);
    expect(down.status).toBe(502);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await down.json()).toMatchObject({
      code: 'upstream_unavailable',
      title: expect.stringContaining('indisponible'),
    });
  });
});

describe('what the public port never exposes', () => {
  it.each([
    '/api/booking/metrics',
    '/api/booking/METRICS',
    '/api/booking/%6Detrics',
    '/api/booking//metrics',
    '/api/booking/metrics/?x=1',
    '/api/booking/readyz',
    '/api/payment/metrics',
    '/api/payment/readyz',
  ])('answers %s with 404 without asking the service', async (path) => {
    const before = seen.length;
    const response = await fetch(`${gateway.url}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      code: 'route_not_found',
      title: expect.stringContaining('Cette adresse'),
    });
    expect(seen.length).toBe(before);
  });

  it('still proxies the constant liveness answer and routes merely starting like an internal one', async () => {
    expect((await fetch(`${gateway.url}/api/booking/healthz`)).status).toBe(200);
    expect(lastSeen().url).toBe('/healthz');
    expect((await fetch(`${gateway.url}/api/booking/metrics-of-spaces`)).status).toBe(200);
    expect(lastSeen().url).toBe('/metrics-of-spaces');
  });

  it('serves its own metrics only on the metrics listener, proxied requests labelled by service', async () => {
    const onPublicPort = await fetch(`${gateway.url}/metrics`);
    expect(onPublicPort.status).toBe(404);
    expect(new URL(gateway.service.metricsUrl).port).not.toBe(new URL(gateway.url).port);

    await fetch(`${gateway.url}/api/booking/spaces/0b6a2f4e-6d1c-4f7e-9b8a-3c2d1e0f9a8b`);
    await fetch(`${gateway.url}/api/booking/metrics`);
    await fetch(`${gateway.url}/api/me`);
    const metrics = await (await fetch(`${gateway.service.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/booking\/\*"[^}]*status="200"/);
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/booking\/\*"[^}]*status="404"/);
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/me"[^}]*status="401"/);
    expect(metrics).not.toContain('0b6a2f4e');
    // No rotation under way: the signing key's own public key only.
    expect(metrics).toMatch(/^gateway_internal_keys_published\{service="gateway"\} 1$/m);
  });
});

describe('unreachable or misconfigured providers', () => {
  it('ends the login on a French page when the provider cannot be reached or its discovery does not match', async () => {
    const down = await startGateway(await reserveGatewayUrl(), database.url, sandbox, {
      FRANCECONNECT_ISSUER: `http://127.0.0.1:${await freePort()}/franceconnect/api/v2`,
      // Same server, another spelling: the discovered issuer is not byte for byte the configured one.
      PROCONNECT_ISSUER: sandbox.issuers.proconnect.replace('127.0.0.1', 'localhost'),
    });
    try {
      const unreachable = await fetch(`${down.url}/auth/franceconnect/login`, { redirect: 'manual' });
      expect(unreachable.status).toBe(502);
      expect(await unreachable.text()).toContain('FranceConnect est injoignable pour le moment');
      const mismatch = await fetch(`${down.url}/auth/proconnect/login`, { redirect: 'manual' });
      expect(mismatch.status).toBe(502);
      expect(await mismatch.text()).toContain('<h1>Connexion impossible</h1>');
      const line = down.logs
        .map((entry) => JSON.parse(entry) as Record<string, unknown>)
        .find((entry) => entry['reason'] === 'integration_error');
      expect(line).toMatchObject({
        level: 'error',
        provider: 'proconnect',
        detail: expect.stringMatching(/^discovery: .*issuer/),
      });
    } finally {
      await down.stop();
    }
  });
});

describe('rate limits', () => {
  it('limits state-changing /api calls per account, with Retry-After', async () => {
    const claire = await loggedIn('Claire MARTIN');
    for (let i = 0; i < 3; i += 1) {
      const ok = await claire.request(`${gateway.url}/api/booking/bookings`, {
        method: 'POST',
        headers: { ...sameOrigin(), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(ok.status).toBe(201);
    }
    const limited = await claire.request(`${gateway.url}/api/booking/bookings`, {
      method: 'POST',
      headers: { ...sameOrigin(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({
      code: 'rate_limited',
      title: expect.stringContaining('Trop de requêtes'),
    });

    // Reads go on; another account is not affected.
    expect((await claire.request(`${gateway.url}/api/booking/me`)).status).toBe(200);
    const other = await loggedIn('Karim HADDAD');
    const allowed = await other.request(`${gateway.url}/api/booking/bookings`, {
      method: 'POST',
      headers: { ...sameOrigin(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(allowed.status).toBe(201);
  });

  it('does not count a département admin’s catalogue imports, but counts anyone else’s', async () => {
    const post = (browser: Browser, path: string) =>
      browser.request(`${gateway.url}/api/booking/${path}`, {
        method: 'POST',
        headers: { ...sameOrigin(), 'content-type': 'application/json' },
        body: '{"csv":"uai"}',
      });
    const admin = await loggedIn('Nathalie ROUX');
    // Every catalogue file, the opening rules and tariffs of many spaces included.
    for (const path of ['establishments', 'spaces', 'opening-rules', 'tariffs', 'tariffs', 'opening-rules']) {
      expect((await post(admin, `imports/${path}`)).status).toBe(201);
    }
    // Her other writes are still counted.
    for (let i = 0; i < 3; i += 1) expect((await post(admin, 'establishments')).status).toBe(201);
    expect((await post(admin, 'establishments')).status).toBe(429);

    const agent = await loggedIn('Julien BERNARD');
    for (let i = 0; i < 3; i += 1) expect((await post(agent, 'imports/establishments')).status).toBe(201);
    expect((await post(agent, 'imports/establishments')).status).toBe(429);
  });

  it('limits /auth/* per IP, with a French page and Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await fetch(`${strict.url}/auth/franceconnect/login`, { redirect: 'manual' })).status).toBe(303);
    }
    const limited = await fetch(`${strict.url}/auth/proconnect/login`, { redirect: 'manual' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const html = await limited.text();
    expect(html).toContain('<h1>Trop de tentatives</h1>');
    expect(html).toContain('href="/auth/proconnect/login"');
    // The callback counts too; the API does not.
    expect((await fetch(`${strict.url}/auth/franceconnect/callback?state=x`)).status).toBe(429);
    expect((await fetch(`${strict.url}/api/me`)).status).toBe(401);
  });

  it('cannot be escaped by rotating X-Forwarded-For, with no proxy trusted by default', async () => {
    const direct = await startGateway(await reserveGatewayUrl(), database.url, sandbox, { AUTH_RATE_LIMIT: '3' });
    try {
      const login = (forwardedFor: string) =>
        fetch(`${direct.url}/auth/franceconnect/login`, {
          redirect: 'manual',
          headers: { 'x-forwarded-for': forwardedFor },
        });
      for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
        expect((await login(address)).status).toBe(303);
      expect((await login('203.0.113.4')).status).toBe(429);
      expect((await login('198.51.100.1, 203.0.113.5')).status).toBe(429);
    } finally {
      await direct.stop();
    }
  });

  it('behind GATEWAY_TRUST_PROXY_HOPS=1, counts per address the proxy saw, not per address the client wrote', async () => {
    const proxied = await startGateway(await reserveGatewayUrl(), database.url, sandbox, {
      AUTH_RATE_LIMIT: '3',
      GATEWAY_TRUST_PROXY_HOPS: '1',
    });
    try {
      // The reverse proxy appends the address it saw; whatever the client wrote stays on the left.
      const login = (written: string, seenByProxy: string) =>
        fetch(`${proxied.url}/auth/franceconnect/login`, {
          redirect: 'manual',
          headers: { 'x-forwarded-for': `${written}, ${seenByProxy}` },
        });
      for (const written of ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
        expect((await login(written, '198.51.100.7')).status).toBe(303);
      expect((await login('10.0.0.4', '198.51.100.7')).status).toBe(429);
      // Another person behind the same proxy has their own budget.
      expect((await login('10.0.0.4', '198.51.100.8')).status).toBe(303);
    } finally {
      await proxied.stop();
    }
  });
});
