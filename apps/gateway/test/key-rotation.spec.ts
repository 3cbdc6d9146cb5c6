// A key rotation as the gateway's README describes it, half-way through the rollout: two gateways sign
// internal tokens with different keys, each publishing both, and the booking service (a real child
// process) fetches the JWKS from one address that balances every request over both gateways.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningJwk } from '@salle/auth';
import { Browser, createTestDatabase, freePort, testRedisUrl, type TestDatabase } from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startAppProcess, startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { login } from './support/login-flow';

/** One address in front of both gateways' JWKS, alternating between them on every request. */
async function startBalancer(targets: () => string[]): Promise<{ url: string; close: () => Promise<void> }> {
  let turn = 0;
  const server = http.createServer((req, res) => {
    const list = targets();
    const target = list[turn++ % list.length];
    fetch(`${target}${req.url ?? '/'}`)
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(await answer.text());
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const publicPart = ({ d: _private, ...jwk }: Awaited<ReturnType<typeof generateSigningJwk>>) => jwk;

let database: TestDatabase;
let sandbox: SandboxProcess;
let balancer: Awaited<ReturnType<typeof startBalancer>>;
let booking: Awaited<ReturnType<typeof startAppProcess>>;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  const urls = [await reserveGatewayUrl(), await reserveGatewayUrl()];
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_rotation'), startSandboxProcess(urls)]);
  balancer = await startBalancer(() => urls);
  const bookingPort = await freePort();
  booking = await startAppProcess(
    'booking',
    {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      BOOKING_PORT: String(bookingPort),
      // Approve, pay, confirmed, as before online signing of conventions.
      CONVENTION_SIGNING: 'off',
      BOOKING_METRICS_PORT: String(await freePort()),
      INTERNAL_JWKS_URL: `${balancer.url}/.well-known/internal-jwks.json`,
      BOOKING_SWEEP_INTERVAL_MS: '600000',
    },
    `http://127.0.0.1:${bookingPort}`,
  );
  const [current, next] = [await generateSigningJwk(), await generateSigningJwk()];
  // Step 2 of the procedure on the first gateway (signs with the current key, publishes the next one);
  // step 3 already on the second (signs with the next key, still publishes the previous one).
  const settings = [
    { signing: current, published: next },
    { signing: next, published: current },
  ];
  for (const [index, { signing, published }] of settings.entries()) {
    gateways.push(
      await startGateway(urls[index] ?? '', database.url, sandbox, {
        BOOKING_URL: `http://127.0.0.1:${bookingPort}`,
        INTERNAL_SIGNING_KEY: JSON.stringify(signing),
        INTERNAL_PUBLISHED_KEYS: JSON.stringify([publicPart(published)]),
      }),
    );
  }
}, 90_000);

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await booking?.stop();
  await balancer?.close();
  await sandbox?.stop();
  await database?.drop();
});

describe('internal key rotation across gateways', () => {
  it('publishes both keys on each gateway, its own first', async () => {
    const kids = await Promise.all(
      gateways.map(
        async (gateway) =>
          (
            (await (await fetch(`${gateway.url}/.well-known/internal-jwks.json`)).json()) as {
              keys: { kid: string; d?: string }[];
            }
          ).keys,
      ),
    );
    const [first, second] = kids;
    expect(first?.map((key) => key.kid)).toEqual(second?.map((key) => key.kid).reverse());
    expect(kids.flat().every((key) => key.d === undefined)).toBe(true);
  });

  it('counts the published keys in a metric, which the rotation alert watches', async () => {
    for (const gateway of gateways) {
      const text = await (await fetch(`${gateway.service.metricsUrl}/metrics`)).text();
      expect(text).toMatch(/^gateway_internal_keys_published\{service="gateway"\} 2$/m);
    }
  });

  it('lets 60 authenticated calls through both gateways reach the booking service without one failure', async () => {
    const browsers: Browser[] = [];
    for (const gateway of gateways) {
      const browser = new Browser();
      const run = await login(browser, gateway, sandbox, 'franceconnect', 'test');
      expect(run.response.status).toBe(303);
      browsers.push(browser);
    }
    const statuses: number[] = [];
    for (let call = 0; call < 60; call++) {
      const index = call % 2;
      const response = await browsers[index]?.request(`${gateways[index]?.url}/api/booking/me`);
      statuses.push(response?.status ?? 0);
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
