// « Télécharger mes données »: GET /api/me/personal-data assembles, for the signed-in person only, what the
// gateway, the real booking service and the real notification service (child processes) hold about them.
import { createTestDatabase, uniqueKeyPrefix, type TestDatabase, Browser } from '@salle/testing';
import type { PersonalDataExport } from '@salle/contracts';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { declareOrganisation, startPrivacyService, type ServiceProcess } from './support/privacy-services';
import { login, me } from './support/login-flow';

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;
let booking: ServiceProcess;
let notification: ServiceProcess;
const eventsKeyPrefix = uniqueKeyPrefix('gateway-privacy');

beforeAll(async () => {
  const url = await reserveGatewayUrl();
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_privacy'), startSandboxProcess([url])]);
  const options = { databaseUrl: database.url, gatewayUrl: url, eventsKeyPrefix };
  booking = await startPrivacyService('booking', options);
  notification = await startPrivacyService('notification', options);
  gateway = await startGateway(url, database.url, sandbox, {
    BOOKING_URL: booking.url,
    NOTIFICATION_URL: notification.url,
    EVENTS_KEY_PREFIX: eventsKeyPrefix,
  });
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  await notification?.stop();
  await booking?.stop();
  await sandbox?.stop();
  await database?.drop();
});

async function loggedIn(identity: string): Promise<Browser> {
  const browser = new Browser();
  const run = await login(browser, gateway, sandbox, 'franceconnect', identity);
  if (run.response.status !== 303) throw new Error(`login failed: ${run.response.status} ${run.body.slice(0, 300)}`);
  return browser;
}

async function exportOf(browser: Browser): Promise<{ status: number; body: PersonalDataExport }> {
  const response = await browser.request(`${gateway.url}/api/me/personal-data`);
  return { status: response.status, body: (await response.json()) as PersonalDataExport };
}

/** The export once notification has heard of the person's contact (an event, so a moment after login). */
async function exportWithContact(browser: Browser): Promise<PersonalDataExport> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { status, body } = await exportOf(browser);
    expect(status).toBe(200);
    if (body.notification.contact || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const declare = (browser: Browser, name: string, rna: string) =>
  declareOrganisation((url, init) => browser.request(url, init), gateway.url, name, rna);

describe('GET /api/me/personal-data', () => {
  it('gathers the person’s account, sessions, organisations and contact from every service, and nothing of others', async () => {
    const angela = await loggedIn('test');
    await loggedIn('test');
    const jeanne = await loggedIn('bdd_default');
    const angelaOrganisation = await declare(angela, 'Basket Club', 'W381000123');
    const jeanneOrganisation = await declare(jeanne, 'Chorale des Alpes', 'W381000456');
    const angelaId = (await me(angela, gateway)).body.account.id;

    const data = await exportWithContact(angela);
    expect(data.gateway.account).toMatchObject({
      id: angelaId,
      provider: 'franceconnect',
      subject: expect.stringMatching(/^[0-9a-f]{64}v1$/),
      claims: { given_name: 'Angela Claire Louise', family_name: 'DUBOIS', email: 'wossewodda-3728@yopmail.com' },
    });
    expect(data.gateway.activeSessions).toBe(2);
    expect(data.booking.memberships).toEqual([
      expect.objectContaining({ organisationId: angelaOrganisation, organisationName: 'Basket Club', role: 'owner' }),
    ]);
    expect(data.notification.contact).toEqual({
      email: 'wossewodda-3728@yopmail.com',
      displayName: 'Angela Claire Louise DUBOIS',
    });

    const jeanneData = await exportWithContact(jeanne);
    expect(jeanneData.booking.memberships.map((m) => m.organisationId)).toEqual([jeanneOrganisation]);
    const text = JSON.stringify(data);
    const jeanneText = JSON.stringify(jeanneData);
    for (const foreign of [jeanneOrganisation, 'Chorale', 'Jeanne', jeanneData.gateway.account.subject])
      expect(text).not.toContain(foreign);
    for (const foreign of [angelaOrganisation, 'Basket', 'Angela', 'wossewodda', data.gateway.account.subject])
      expect(jeanneText).not.toContain(foreign);
  });

  it('refuses a visitor, and answers 502 rather than a partial export when a service is down', async () => {
    const visitor = await new Browser().request(`${gateway.url}/api/me/personal-data`);
    expect(visitor.status).toBe(401);
    expect(visitor.headers.get('content-type')).toContain('application/problem+json');

    const angela = await loggedIn('test');
    await notification.stop();
    const response = await angela.request(`${gateway.url}/api/me/personal-data`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { code: string }).code).toBe('personal_data_unavailable');
  });
});
