// What the personal-data and cookie pages state is what the gateway does: the retention periods it publishes are
// its configuration's, and every cookie it sets, through both federations' login and logout, the home page, the
// API and a refused login, is declared in COOKIE_REGISTER (a new cookie fails here until declared).
import {
  COOKIE_REGISTER,
  declaredCookieName,
  DEFAULT_RETENTION,
  retentionSettingsSchema,
  type RetentionSettings,
} from '@salle/contracts/privacy';
import { createTestDatabase, type TestDatabase, Browser, hiddenInputs } from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { login, type Provider } from './support/login-flow';

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;

beforeAll(async () => {
  const url = await reserveGatewayUrl();
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_register'), startSandboxProcess([url])]);
  gateway = await startGateway(url, database.url, sandbox, {
    RETENTION_MESSAGES_MONTHS: '6',
    RETENTION_INACTIVE_ACCOUNT_YEARS: '2',
  });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await sandbox?.stop();
  await database?.drop();
});

/** A browser that notes the name of every cookie the gateway (not the identity sandbox) sets. */
class RecordingBrowser extends Browser {
  readonly gatewayCookies = new Set<string>();

  override async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const response = await super.request(url, init);
    if (new URL(url).origin === gateway.url) {
      for (const line of response.headers.getSetCookie()) this.gatewayCookies.add(line.split('=')[0]?.trim() ?? line);
    }
    return response;
  }
}

async function loginAndLogout(browser: RecordingBrowser, provider: Provider, identity: string): Promise<void> {
  const run = await login(browser, gateway, sandbox, provider, identity);
  expect(run.response.status).toBe(303);
  expect((await browser.request(`${gateway.url}/api/me`)).status).toBe(200);
  const home = await (await browser.request(`${gateway.url}/`)).text();
  const leaving = await browser.postForm(`${gateway.url}/auth/logout`, hiddenInputs(home), { origin: gateway.url });
  expect(leaving.status).toBe(303);
}

describe('the privacy register', () => {
  it('publishes the retention periods of this deployment, the defaults where none is set', async () => {
    const response = await fetch(`${gateway.url}/api/privacy/retention`);
    expect(response.status).toBe(200);
    const { periods } = retentionSettingsSchema.parse(await response.json());
    expect(periods).toEqual<RetentionSettings>({
      ...DEFAULT_RETENTION,
      RETENTION_MESSAGES_MONTHS: 6,
      RETENTION_INACTIVE_ACCOUNT_YEARS: 2,
    });
  });

  it('declares every cookie the gateway sets, and every declared cookie is one it sets', async () => {
    const browser = new RecordingBrowser();
    await browser.request(`${gateway.url}/`);
    await browser.request(`${gateway.url}/api/me`);
    await loginAndLogout(browser, 'franceconnect', 'test');
    await loginAndLogout(browser, 'proconnect', 'Nathalie ROUX');
    // A login abandoned at the provider, then a callback with a forged state: refusal pages.
    await browser.request(`${gateway.url}/auth/franceconnect/login`);
    await browser.request(`${gateway.url}/auth/franceconnect/callback?code=forged&state=forged`);

    const set = [...browser.gatewayCookies].map(declaredCookieName).sort();
    const declared = COOKIE_REGISTER.map((cookie) => cookie.name).sort();
    expect(set.filter((name) => !declared.includes(name))).toEqual([]);
    expect(declared.filter((name) => !set.includes(name))).toEqual([]);
  });
});
