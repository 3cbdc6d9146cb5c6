// The gateway behind one trusted reverse proxy: its access log names each client by a daily keyed pseudonym
// of the address the proxy gives, never by the address itself.
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import { clientPseudonym } from '../src/security/client-pseudonym';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';

const SECRET = 'pseudonym-test-secret-0123456789abcdef';
let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;

beforeAll(async () => {
  const url = await reserveGatewayUrl();
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_pseudonyms'), startSandboxProcess([url])]);
  gateway = await startGateway(url, database.url, sandbox, {
    GATEWAY_TRUST_PROXY_HOPS: '1',
    GATEWAY_CLIENT_PSEUDONYM_SECRET: SECRET,
  });
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  await sandbox?.stop();
  await database?.drop();
});

async function visit(ip: string, requestId: string): Promise<{ client?: string }> {
  const response = await fetch(`${gateway.url}/`, {
    headers: { 'x-forwarded-for': `10.9.9.9, ${ip}`, 'x-request-id': requestId },
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  for (let i = 0; i < 50; i++) {
    const line = gateway.logs
      .map((text) => JSON.parse(text) as { req?: { id?: string }; client?: string })
      .find((entry) => entry.req?.id === requestId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access log line for ${requestId}`);
}

describe('client IPs in the access log', () => {
  it('logs the daily pseudonym of the address the proxy gives, the same for the same address, never the address', async () => {
    const first = await visit('203.0.113.7', 'pseudonym-1');
    const again = await visit('203.0.113.7', 'pseudonym-2');
    const other = await visit('198.51.100.9', 'pseudonym-3');

    expect(first.client).toBe(clientPseudonym(SECRET, '203.0.113.7'));
    expect(again.client).toBe(first.client);
    expect(other.client).toBe(clientPseudonym(SECRET, '198.51.100.9'));
    expect(other.client).not.toBe(first.client);
    // Not the proxy's own address either: the client is the hop the trusted proxy appended.
    expect(first.client).not.toBe(clientPseudonym(SECRET, '10.9.9.9'));
    const everything = gateway.logs.join('\n');
    expect(everything).not.toContain('203.0.113.7');
    expect(everything).not.toContain('198.51.100.9');
  });

  it('counts the login rate limit under the pseudonym, not the address', async () => {
    const response = await fetch(`${gateway.url}/auth/franceconnect/login`, {
      headers: { 'x-forwarded-for': '192.0.2.44' },
      redirect: 'manual',
    });
    await response.arrayBuffer();
    const redis = gateway.service.redis;
    expect(await redis.exists(`ratelimit:auth:${clientPseudonym(SECRET, '192.0.2.44')}`)).toBe(1);
    expect(await redis.exists('ratelimit:auth:192.0.2.44')).toBe(0);
  });
});
