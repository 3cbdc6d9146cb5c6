// The gateway in front of the real booking, payment and notification services (child processes verifying
// internal tokens against the gateway's JWKS): roles from configuration and
// from booking, a ProConnect agent linked to their collège by SIRET, proxied
// writes behind the CSRF checks, client credentials never forwarded.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import {
  createTestDatabase,
  freePort,
  fuzzApi,
  fuzzRuns,
  fuzzSeed,
  fuzzTestTimeout,
  testRedisUrl,
  uniqueKeyPrefix,
  type FuzzCaller,
  type TestDatabase,
  Browser,
} from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startAppProcess, startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { login, me } from './support/login-flow';

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;
let booking: Awaited<ReturnType<typeof startAppProcess>>;
let payment: Awaited<ReturnType<typeof startAppProcess>>;
let notification: Awaited<ReturnType<typeof startAppProcess>>;
/** The booking service's object store (insurance certificates). */
let storageDir: string;
/** The event streams the three services share, as in a deployment. */
const eventsKeyPrefix = uniqueKeyPrefix('gateway-booking-payment');

const champollion = {
  uai: '0382111N',
  siret: '99990038421115',
  name: 'Collège Champollion',
  address: '1 cours La Fontaine',
  postalCode: '38000',
  communeName: 'Grenoble',
  communeInsee: '38185',
  latitude: 45.1885,
  longitude: 5.7245,
  schoolZone: 'A',
  status: 'active',
};

beforeAll(async () => {
  const url = await reserveGatewayUrl();
  const bookingPort = await freePort();
  storageDir = await mkdtemp(path.join(tmpdir(), 'salle-gateway-storage-'));
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_booking'), startSandboxProcess([url])]);
  // Booking starts first: it fetches the gateway's JWKS only when it sees a token.
  booking = await startAppProcess(
    'booking',
    {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      BOOKING_PORT: String(bookingPort),
      // Approve, pay, confirmed, as before online signing of conventions.
      CONVENTION_SIGNING: 'off',
      BOOKING_METRICS_PORT: String(await freePort()),
      INTERNAL_JWKS_URL: `${url}/.well-known/internal-jwks.json`,
      EVENTS_KEY_PREFIX: eventsKeyPrefix,
      BOOKING_SWEEP_INTERVAL_MS: '600000',
      STORAGE_LOCAL_DIR: storageDir,
    },
    `http://127.0.0.1:${bookingPort}`,
  );
  const paymentPort = await freePort();
  payment = await startAppProcess(
    'payment',
    {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      PAYMENT_PORT: String(paymentPort),
      PAYMENT_METRICS_PORT: String(await freePort()),
      INTERNAL_JWKS_URL: `${url}/.well-known/internal-jwks.json`,
      EVENTS_KEY_PREFIX: eventsKeyPrefix,
    },
    `http://127.0.0.1:${paymentPort}`,
  );
  const notificationPort = await freePort();
  notification = await startAppProcess(
    'notification',
    {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      NOTIFICATION_PORT: String(notificationPort),
      NOTIFICATION_METRICS_PORT: String(await freePort()),
      INTERNAL_JWKS_URL: `${url}/.well-known/internal-jwks.json`,
      EVENTS_KEY_PREFIX: eventsKeyPrefix,
      // No relay: messages wait, which these tests do not look at.
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    },
    `http://127.0.0.1:${notificationPort}`,
  );
  gateway = await startGateway(url, database.url, sandbox, {
    BOOKING_URL: `http://127.0.0.1:${bookingPort}`,
    PAYMENT_URL: `http://127.0.0.1:${paymentPort}`,
    NOTIFICATION_URL: `http://127.0.0.1:${notificationPort}`,
    EVENTS_KEY_PREFIX: eventsKeyPrefix,
  });
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  await notification?.stop();
  await payment?.stop();
  await booking?.stop();
  await sandbox?.stop();
  await database?.drop();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

async function loggedIn(provider: 'franceconnect' | 'proconnect', identity: string): Promise<Browser> {
  const browser = new Browser();
  const run = await login(browser, gateway, sandbox, provider, identity);
  if (run.response.status !== 303) throw new Error(`login failed: ${run.response.status} ${run.body.slice(0, 300)}`);
  return browser;
}

function write(browser: Browser, path: string, body: unknown, headers: Record<string, string>) {
  return browser.request(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('through the gateway to the booking service', () => {
  it('lets a département admin create a collège, whose ProConnect agent then manages it', async () => {
    const admin = await loggedIn('proconnect', 'Nathalie ROUX');
    const adminMe = await me(admin, gateway);
    expect(adminMe.body).toMatchObject({ roles: ['department_admin'], incomplete: false });

    const created = await write(admin, '/api/booking/establishments', champollion, {
      origin: gateway.url,
      'x-requested-with': 'fetch',
    });
    expect(created.status).toBe(201);
    const establishment = (await created.json()) as { id: string };

    const agent = await loggedIn('proconnect', 'Claire MARTIN');
    const agentMe = await me(agent, gateway);
    expect(agentMe.body).toMatchObject({
      account: { displayName: 'Claire MARTIN', siret: champollion.siret },
      roles: ['establishment_manager'],
      establishments: [{ id: establishment.id, name: 'Collège Champollion', uai: '0382111N' }],
      incomplete: false,
    });
    const home = await (await agent.request(`${gateway.url}/`)).text();
    expect(home).toContain('Collège Champollion (0382111N)');
    expect(home).toContain('Gestionnaire d’un collège');

    // The agent edits their collège through the proxy, with the CSRF token of /api/me this time.
    const renamed = await agent.request(`${gateway.url}/api/booking/establishments/${establishment.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', origin: gateway.url, 'x-csrf-token': agentMe.body.csrfToken },
      body: JSON.stringify({ contactPhone: '04 76 00 00 00' }),
    });
    expect(renamed.status).toBe(200);

    // The payment service knows nothing of memberships: the gateway's token tells it which collèges
    // the caller manages (from the booking service), so the agent sees the payout account and others do not.
    const account = await agent.request(`${gateway.url}/api/payment/establishments/${establishment.id}/payout-account`);
    expect(account.status).toBe(200);
    const citizen = await loggedIn('franceconnect', 'test');
    const refused = await citizen.request(
      `${gateway.url}/api/payment/establishments/${establishment.id}/payout-account`,
    );
    expect(refused.status).toBe(403);
    const otherAgent = await loggedIn('proconnect', 'Sophie PETIT');
    expect(
      (await otherAgent.request(`${gateway.url}/api/payment/establishments/${establishment.id}/payout-account`)).status,
    ).toBe(403);
    const visitor = new Browser();
    expect(
      (await visitor.request(`${gateway.url}/api/payment/establishments/${establishment.id}/payout-account`)).status,
    ).toBe(401);
  });

  it('lets an admin invite an agent by e-mail, accepted at their next ProConnect login, and revoke them', async () => {
    const admin = await loggedIn('proconnect', 'Nathalie ROUX');
    const csrf = { origin: gateway.url, 'x-requested-with': 'fetch' };
    const body = { ...champollion, uai: '0381605N', siret: undefined, name: 'Collège Belledonne' };
    const establishment = (await (await write(admin, '/api/booking/establishments', body, csrf)).json()) as {
      id: string;
    };
    const managersPath = `/api/booking/establishments/${establishment.id}/managers`;
    const invited = await write(
      admin,
      `${managersPath}/invitations`,
      { email: 'Sophie.Petit@agents.sandbox.test' },
      csrf,
    );
    expect(invited.status).toBe(201);

    // Sophie PETIT's administration is not the collège's: only the invitation makes her its manager.
    const agent = await loggedIn('proconnect', 'Sophie PETIT');
    const agentMe = await me(agent, gateway);
    expect(agentMe.body.roles).toContain('establishment_manager');
    expect(agentMe.body.establishments).toEqual([expect.objectContaining({ id: establishment.id })]);
    const listed = (await (await admin.request(`${gateway.url}${managersPath}`)).json()) as {
      managers: { accountId: string; displayName: string; email: string; origin: string }[];
      invitations: unknown[];
    };
    expect(listed).toEqual({
      managers: [
        expect.objectContaining({
          accountId: agentMe.body.account.id,
          displayName: 'Sophie PETIT',
          email: 'sophie.petit@agents.sandbox.test',
          origin: 'invitation',
        }),
      ],
      invitations: [],
    });

    // The agent may not revoke herself; the admin may.
    const revoke = (browser: Browser) =>
      browser.request(`${gateway.url}${managersPath}/${agentMe.body.account.id}`, { method: 'DELETE', headers: csrf });
    expect((await revoke(agent)).status).toBe(403);
    expect((await revoke(admin)).status).toBe(204);
    expect((await me(agent, gateway)).body.establishments).toEqual([]);
  });

  it('passes a valid internal token for the session, and the booking service identifies the same account', async () => {
    const browser = await loggedIn('franceconnect', 'test');
    const own = await me(browser, gateway);
    const response = await browser.request(`${gateway.url}/api/booking/me`, {
      headers: { 'x-request-id': 'proxy-test-1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('proxy-test-1');
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.json()).toMatchObject({ accountId: own.body.account.id, roles: [] });
  });

  it('drops an Authorization header sent by the browser', async () => {
    const forged = { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' };
    const anonymous = await new Browser().request(`${gateway.url}/api/booking/me`, { headers: forged });
    expect(anonymous.status).toBe(401);
    // Had the header reached the service, it would say invalid_internal_token.
    expect(await anonymous.json()).toMatchObject({ code: 'unauthenticated' });

    const browser = await loggedIn('franceconnect', 'test');
    const own = await me(browser, gateway);
    const withForged = await browser.request(`${gateway.url}/api/booking/me`, { headers: forged });
    expect(withForged.status).toBe(200);
    expect(await withForged.json()).toMatchObject({ accountId: own.body.account.id });
  });

  it('refuses state-changing calls without a same-origin Origin and a custom header or CSRF token', async () => {
    const browser = await loggedIn('proconnect', 'Sophie PETIT');
    const body = { ...champollion, uai: '0381604M', siret: undefined, name: 'Collège Vercors' };
    const cases: [Record<string, string>, string][] = [
      [{ 'x-requested-with': 'fetch' }, 'csrf_origin_missing'],
      [{ origin: 'https://evil.example', 'x-requested-with': 'fetch' }, 'csrf_origin_mismatch'],
      [{ referer: 'https://evil.example/page' }, 'csrf_origin_mismatch'],
      [{ origin: gateway.url }, 'csrf_token_missing'],
      [{ origin: gateway.url, 'x-csrf-token': 'A'.repeat(43) }, 'csrf_token_missing'],
      // `Origin: null` (a page under no-referrer) counts as ours only when the browser says same-origin.
      [{ origin: 'null', 'sec-fetch-site': 'cross-site', 'x-requested-with': 'fetch' }, 'csrf_origin_missing'],
    ];
    for (const [headers, code] of cases) {
      const response = await write(browser, '/api/booking/establishments', body, headers);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ code, title: expect.stringContaining('Requête refusée') });
    }
    // With a same-origin Referer and the custom header the call reaches the service, which refuses a non-admin.
    const reached = await write(browser, '/api/booking/establishments', body, {
      referer: `${gateway.url}/`,
      'x-requested-with': 'fetch',
    });
    expect(reached.status).toBe(403);
    expect(await reached.json()).toMatchObject({ code: 'forbidden' });
    const sameSiteNull = await write(browser, '/api/booking/establishments', body, {
      origin: 'null',
      'sec-fetch-site': 'same-origin',
      'x-requested-with': 'fetch',
    });
    expect(await sameSiteNull.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('access of members, as the payment service receives it', () => {
  const sameOrigin = () => ({ origin: gateway.url, 'x-requested-with': 'fetch' });

  /** Asks until the answer has `status` or `withinMs` passed (the change travels as an event); the last status. */
  async function statusWithin(ask: () => Promise<Response>, status: number, withinMs: number): Promise<number> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const response = await ask();
      await response.arrayBuffer();
      if (response.status === status || Date.now() > deadline) return response.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('follows membership changes at once, not after the 30 s for which the gateway keeps access claims', async () => {
    const owner = await loggedIn('franceconnect', 'test');
    const member = await loggedIn('franceconnect', 'bdd_default');
    // The gateway now remembers the owner's access, without any organisation.
    expect((await owner.request(`${gateway.url}/api/payment/bookings/${randomUUID()}/payment`)).status).toBe(404);
    const declared = await write(
      owner,
      '/api/booking/organisations',
      {
        name: 'Club de tennis de table de Meylan',
        kind: 'association',
        rna: 'W381000888',
        address: '4 rue des Sports',
        postalCode: '38240',
        communeName: 'Meylan',
        eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
        republicanContractAcknowledged: true,
        insuranceReference: 'MAIF 888888',
        insuranceExpiresOn: '2099-08-31',
      },
      sameOrigin(),
    );
    expect(declared.status).toBe(201);
    const organisationId = ((await declared.json()) as { id: string }).id;
    // An approved booking of that organisation, as the payment service records it from booking.approved.
    const bookingId = randomUUID();
    await gateway.service.dataSource.query(
      `INSERT INTO payment.payable_booking (booking_id, organisation_id, establishment_id, space_id, starts_at, ends_at, price_cents, approved_at)
       VALUES ($1, $2, $3, $4, now() + interval '7 days', now() + interval '7 days 2 hours', 4500, now())`,
      [bookingId, organisationId, randomUUID(), randomUUID()],
    );
    const paymentView = (browser: Browser) =>
      browser.request(`${gateway.url}/api/payment/bookings/${bookingId}/payment`);
    expect(await statusWithin(() => paymentView(owner), 200, 5_000)).toBe(200);
    // Not a member yet: refused, and that is what the gateway now remembers of this account's access.
    expect((await paymentView(member)).status).toBe(404);

    const invitation = await write(owner, `/api/booking/organisations/${organisationId}/invitations`, {}, sameOrigin());
    const { token } = (await invitation.json()) as { token: string };
    expect((await write(member, '/api/booking/invitations/accept', { token }, sameOrigin())).status).toBe(200);
    expect(await statusWithin(() => paymentView(member), 200, 5_000)).toBe(200);

    const memberId = (await me(member, gateway)).body.account.id;
    const removed = await owner.request(
      `${gateway.url}/api/booking/organisations/${organisationId}/members/${memberId}`,
      { method: 'DELETE', headers: sameOrigin() },
    );
    expect(removed.status).toBe(204);
    expect(await statusWithin(() => paymentView(member), 404, 5_000)).toBe(404);
    const receipt = await member.request(`${gateway.url}/api/payment/bookings/${bookingId}/receipt.pdf`);
    expect(receipt.status).toBe(404);
    expect(await receipt.json()).toMatchObject({ code: 'booking_not_found' });
    // The owner's access, cached meanwhile, is untouched.
    expect((await paymentView(owner)).status).toBe(200);
  });

  it('follows a manager’s revocation at once, not after the 30 s for which the gateway keeps access claims', async () => {
    const admin = await loggedIn('proconnect', 'Nathalie ROUX');
    const created = await write(
      admin,
      '/api/booking/establishments',
      { ...champollion, uai: '0380011F', siret: undefined, name: 'Collège Martin Luther King' },
      sameOrigin(),
    );
    expect(created.status).toBe(201);
    const establishmentId = ((await created.json()) as { id: string }).id;
    const invited = await write(
      admin,
      `/api/booking/establishments/${establishmentId}/managers/invitations`,
      { email: 'karim.haddad@agents.sandbox.test' },
      sameOrigin(),
    );
    expect(invited.status).toBe(201);
    // The invitation is accepted at the agent's login; the gateway then remembers that they manage the collège.
    const agent = await loggedIn('proconnect', 'Karim HADDAD');
    const agentId = (await me(agent, gateway)).body.account.id;
    const payoutAccount = () =>
      agent.request(`${gateway.url}/api/payment/establishments/${establishmentId}/payout-account`);
    expect((await payoutAccount()).status).toBe(200);

    const revoked = await admin.request(
      `${gateway.url}/api/booking/establishments/${establishmentId}/managers/${agentId}`,
      {
        method: 'DELETE',
        headers: sameOrigin(),
      },
    );
    expect(revoked.status).toBe(204);
    expect(await statusWithin(payoutAccount, 403, 5_000)).toBe(403);
  });
});

describe('insurance certificates through the gateway', () => {
  const sameOrigin = () => ({ origin: gateway.url, 'x-requested-with': 'fetch' });

  it('passes the file as bytes to the booking service, behind the CSRF checks, and serves it back to its owner only', async () => {
    const owner = await loggedIn('franceconnect', 'test');
    const stranger = await loggedIn('franceconnect', 'bdd_default');
    const declared = await write(
      owner,
      '/api/booking/organisations',
      {
        name: 'Chorale du Vercors',
        kind: 'association',
        rna: 'W381000777',
        address: '1 place du Village',
        postalCode: '38250',
        communeName: 'Villard-de-Lans',
        eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
        republicanContractAcknowledged: true,
        insuranceReference: 'MAIF 777000',
        insuranceExpiresOn: '2099-08-31',
      },
      sameOrigin(),
    );
    expect(declared.status).toBe(201);
    const organisationId = ((await declared.json()) as { id: string }).id;
    const document = await PDFDocument.create();
    document.addPage();
    const pdf = await document.save();
    const query = new URLSearchParams({
      insurer: 'MACIF',
      policyNumber: 'A-123',
      expiresOn: '2099-06-30',
      fileName: 'attestation.pdf',
    });
    const route = `/api/booking/organisations/${organisationId}/insurance-certificate`;
    const upload = (headers: Record<string, string>) =>
      owner.request(`${gateway.url}${route}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...headers },
        body: pdf,
      });

    expect((await upload({})).status).toBe(403);
    const uploaded = await upload(sameOrigin());
    expect(uploaded.status).toBe(201);
    expect(await uploaded.json()).toMatchObject({ insurer: 'MACIF', contentType: 'application/pdf' });
    const download = await owner.request(`${gateway.url}${route}/file`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    expect((await stranger.request(`${gateway.url}${route}/file`)).status).toBe(404);
  });

  it('passes the scan of a convention signed on paper as bytes, behind the same checks, to the booking service', async () => {
    const owner = await loggedIn('franceconnect', 'test');
    const document = await PDFDocument.create();
    document.addPage();
    const scan = await document.save();
    const query = new URLSearchParams({ fileName: 'convention.pdf', signedOn: '2026-01-05' });
    const route = `/api/booking/bookings/${randomUUID()}/convention/paper?${query}`;
    const upload = (headers: Record<string, string>) =>
      owner.request(`${gateway.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...headers },
        body: scan,
      });
    expect((await upload({})).status).toBe(403);
    // Read and answered by the booking service (the whole flow is in apps/booking/test/paper-conventions.spec.ts).
    const answered = await upload(sameOrigin());
    expect(answered.status).toBe(404);
    expect(answered.headers.get('content-type')).toContain('application/problem+json');
    expect(await answered.json()).toMatchObject({ code: 'booking_not_found' });
  });
});

describe('the notification service through the gateway', () => {
  it('lists a booking’s messages to its organisation’s members only, with what the gateway says they act for', async () => {
    const owner = await loggedIn('franceconnect', 'test');
    const stranger = await loggedIn('franceconnect', 'bdd_default');
    const sameOrigin = { origin: gateway.url, 'x-requested-with': 'fetch' };
    const declared = await write(
      owner,
      '/api/booking/organisations',
      {
        name: 'Cercle d’échecs de Crolles',
        kind: 'association',
        rna: 'W381000999',
        address: '1 place de la Mairie',
        postalCode: '38920',
        communeName: 'Crolles',
        eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
        republicanContractAcknowledged: true,
        insuranceReference: 'MAIF 999999',
        insuranceExpiresOn: '2099-08-31',
      },
      sameOrigin,
    );
    expect(declared.status).toBe(201);
    const organisationId = ((await declared.json()) as { id: string }).id;
    // A booking of that organisation with one message, as the notification service records them from the events.
    const bookingId = randomUUID();
    await gateway.service.dataSource.query(
      `INSERT INTO notification.booking_fact (booking_id, establishment_id, organisation_id) VALUES ($1, $2, $3)`,
      [bookingId, randomUUID(), organisationId],
    );
    await gateway.service.dataSource.query(
      `INSERT INTO notification.message (event_id, event_type, booking_id, recipient, channel, template, subject, status, occurred_at)
       VALUES ($1, 'booking.requested', $2, 'angela.dubois@example.test', 'email', 'request_received', 'Demande reçue', 'failed', now())`,
      [randomUUID(), bookingId],
    );
    const messages = (browser: Browser) =>
      browser.request(`${gateway.url}/api/notification/bookings/${bookingId}/messages`);
    // The owner's membership reaches the gateway's access claims as an event: asked until it has.
    let seen = await messages(owner);
    for (const deadline = Date.now() + 5_000; seen.status !== 200 && Date.now() < deadline;) {
      await seen.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await messages(owner);
    }
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({
      items: [{ kind: 'request_received', recipient: 'a•••@example.test', status: 'failed' }],
    });
    expect((await messages(stranger)).status).toBe(404);
    expect((await messages(new Browser())).status).toBe(401);
    // The admins' list: refused to an association member.
    expect((await owner.request(`${gateway.url}/api/notification/admin/failed-messages`)).status).toBe(403);
  });
});

describe('bad input through the gateway: 400 problem+json, never a 500', () => {
  async function expectProblem(response: Response, code: string) {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; title: string };
    expect(problem).toMatchObject({ status: 400, code });
    expect(JSON.stringify(problem)).not.toMatch(/URIError|at .*\.(ts|js)|stack/);
    return problem;
  }

  it.each([
    '/api/booking/establishments/%ZZ',
    '/api/booking/spaces/%E9/calendar',
    '/api/payment/bookings/%C3%28/payment',
    '/api/booking/establishments/a%00',
  ])('answers a path that does not decode (%s) with malformed_url', async (path) => {
    const problem = await expectProblem(await fetch(`${gateway.url}${path}`), 'malformed_url');
    expect(problem.title).toBe('L’adresse de la requête est mal formée.');
  });

  it('passes the collèges list’s ETag through, and a bodiless 304 while the browser holds the same list', async () => {
    const listUrl = `${gateway.url}/api/booking/establishments?status=active&pageSize=100`;
    // What browsers accept; fetch inflates the body itself, the header says what travelled.
    const accepted = { 'accept-encoding': 'gzip, deflate, br' };
    const first = await fetch(listUrl, { headers: accepted });
    const etag = first.headers.get('etag') ?? '';
    const page = (await first.json()) as { items: { uai: string }[] };
    expect(page.items.map(({ uai }) => uai)).toContain(champollion.uai);
    // From 1 kB, compressed (brotli first), with that representation's own ETag.
    const compressed = Buffer.byteLength(JSON.stringify(page)) >= 1024;
    expect([first.status, first.headers.get('cache-control'), first.headers.get('content-encoding'), etag]).toEqual([
      200,
      'private, no-cache',
      compressed ? 'br' : null,
      expect.stringMatching(compressed ? /^"[\w-]{43}-br"$/ : /^"[\w-]{43}"$/),
    ]);
    // As a browser revalidates (fetch given If-None-Match alone would add `Cache-Control: no-cache`, a reload).
    const held = (tag: string) => ({ headers: { ...accepted, 'if-none-match': tag, 'cache-control': 'max-age=0' } });
    const again = await fetch(listUrl, held(etag));
    expect([again.status, again.headers.get('etag'), await again.text()]).toEqual([304, etag, '']);
    // Another list, another ETag: the held one does not match it.
    const other = await fetch(`${gateway.url}/api/booking/establishments?status=active&pageSize=1`, held(etag));
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('answers a NUL in a public query with validation_failed naming the parameter', async () => {
    const problem = await expectProblem(
      await fetch(`${gateway.url}/api/booking/establishments?q=a%00`),
      'validation_failed',
    );
    expect(problem).toMatchObject({
      errors: [
        { field: 'q', message: 'La recherche\u00a0: le caractère nul (U+0000) n’est pas accepté dans un texte.' },
      ],
    });
  });

  it('answers a NUL in a JSON body of a signed-in caller with validation_failed naming the field', async () => {
    const browser = await loggedIn('franceconnect', 'test');
    const response = await write(
      browser,
      '/api/booking/organisations',
      { name: 'Club\u0000 de judo' },
      { referer: `${gateway.url}/`, 'x-requested-with': 'fetch' },
    );
    const problem = await expectProblem(response, 'validation_failed');
    expect(problem).toMatchObject({
      errors: expect.arrayContaining([
        { field: 'name', message: 'Le nom\u00a0: le caractère nul (U+0000) n’est pas accepté dans un texte.' },
      ]),
    });
  });

  it.each(['gzip', 'deflate', 'br'])(
    'answers a proxied body that is not %s-encoded as it claims with malformed_encoding',
    async (encoding) => {
      const browser = await loggedIn('franceconnect', 'test');
      const response = await write(
        browser,
        '/api/booking/organisations',
        { name: 'Club de judo' },
        {
          referer: `${gateway.url}/`,
          'x-requested-with': 'fetch',
          'content-encoding': encoding,
        },
      );
      await expectProblem(response, 'malformed_encoding');
    },
  );

  it(
    'answers malformed requests generated from both services’ descriptions with 4xx problem+json, as a visitor and signed in',
    async () => {
      // Same-origin headers for every caller, so that writes get past the CSRF check to the services.
      const sameOrigin = { referer: `${gateway.url}/`, 'x-requested-with': 'fetch' };
      const signedIn = async (
        name: string,
        provider: 'franceconnect' | 'proconnect',
        identity: string,
      ): Promise<FuzzCaller> => {
        const browser = await loggedIn(provider, identity);
        const cookie = [...browser.cookies].map(([key, value]) => `${key}=${value}`).join('; ');
        return { name, headers: async () => ({ ...sameOrigin, cookie }) };
      };
      const callers = [
        { name: 'a visitor', headers: async () => sameOrigin },
        await signedIn('a FranceConnect user', 'franceconnect', 'test'),
        await signedIn('a département admin', 'proconnect', 'Nathalie ROUX'),
      ];
      const runs = fuzzRuns(4);
      for (const service of ['booking', 'payment']) {
        const report = await fuzzApi({
          baseUrl: `${gateway.url}/api/${service}`,
          callers,
          runsPerOperation: runs,
          seed: fuzzSeed(),
        });
        expect(report.failures).toEqual([]);
        expect(report.requests).toBe(report.operations * runs);
      }
    },
    fuzzTestTimeout(fuzzRuns(4)),
  );

  it('answers promptly when the service refuses a large body before reading it, request after request', async () => {
    // 200 KB the booking service refuses on sight (415): the gateway must drop what it has not
    // forwarded yet, or the client, still uploading, waits for nothing.
    const body = JSON.stringify({ big: 'x'.repeat(200_000) });
    const statuses: (number | string)[] = [];
    for (let i = 0; i < 20; i += 1) {
      try {
        const response = await fetch(`${gateway.url}/api/booking/establishments`, {
          method: 'POST',
          headers: { referer: `${gateway.url}/`, 'x-requested-with': 'fetch', 'content-type': 'application/xml' },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        await response.text();
        statuses.push(response.status);
      } catch (error) {
        statuses.push((error as { name?: string }).name ?? 'error');
      }
    }
    expect(new Set(statuses)).toEqual(new Set([415]));
  }, 60_000);

  it('answers the same on the Stripe webhook, whose body the gateway passes byte for byte', async () => {
    const response = await fetch(`${gateway.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'stripe-signature': 't=1,v1=00' },
      body: '{"id":"evt_1"}',
    });
    await expectProblem(response, 'malformed_encoding');
  });

  it('passes PayFiP’s notifications to the payment service without session or CSRF token, by POST or GET', async () => {
    const idOp = randomUUID();
    const posted = await fetch(`${gateway.url}/webhooks/payfip`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `idop=${idOp}`,
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ received: true });
    const got = await fetch(`${gateway.url}/webhooks/payfip?idop=${idOp}`);
    expect(got.status).toBe(200);
    await got.arrayBuffer();
    const malformed = await fetch(`${gateway.url}/webhooks/payfip`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'idop=pas-un-identifiant',
    });
    await expectProblem(malformed, 'payfip_notification_malformed');
  });
});
