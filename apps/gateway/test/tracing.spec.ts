// One request followed end to end with OpenTelemetry: the gateway (in this process) and the booking service
// (a child process) export their spans over OTLP/HTTP JSON to a receiver on loopback. Declaring an organisation
// through the gateway makes booking write organisation.membership_changed, which the gateway's own consumer
// handles: the three spans must share one trace id, each the child of the one before. Then a whole booking
// (collège, space, organisation, request) and its approval, whose booking.approved the payment service (a third
// process) consumes under the approval's trace.
import http from 'node:http';
import {
  createTestDatabase,
  freePort,
  testRedisUrl,
  uniqueKeyPrefix,
  type TestDatabase,
  Browser,
} from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startAppProcess, startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { login } from './support/login-flow';
import { addDays, isPublicHoliday, parseLocalDate, weekdayOf } from '@salle/french-calendar';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}

function attributeMap(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(
    // int64 values come as a decimal string (the protobuf JSON mapping) or a number: read both.
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue),
    ]),
  );
}

/** A minimal OTLP/HTTP JSON receiver: every span of every export, with the service.name of its resource. */
async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      contentTypes.add(req.headers['content-type'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: {
          resource: { attributes: OtlpAttribute[] };
          scopeSpans: { spans: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes: OtlpAttribute[] })[] }[];
        }[];
      };
      for (const resourceSpans of body.resourceSpans) {
        const service = String(attributeMap(resourceSpans.resource.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) {
            spans.push({
              ...span,
              parentSpanId: span.parentSpanId ?? '',
              service,
              attributes: attributeMap(span.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CONSUMER = 5;

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;
let booking: Awaited<ReturnType<typeof startAppProcess>>;
let payment: Awaited<ReturnType<typeof startAppProcess>>;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const tracingEnv = { OTEL_BSP_SCHEDULE_DELAY: '100' };

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const url = await reserveGatewayUrl();
  const bookingPort = await freePort();
  const eventsKeyPrefix = uniqueKeyPrefix('tracing');
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_tracing'), startSandboxProcess([url])]);
  booking = await startAppProcess(
    'booking',
    {
      ...tracingEnv,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      BOOKING_PORT: String(bookingPort),
      // Approve, pay, confirmed, as before online signing of conventions.
      CONVENTION_SIGNING: 'off',
      BOOKING_METRICS_PORT: String(await freePort()),
      INTERNAL_JWKS_URL: `${url}/.well-known/internal-jwks.json`,
      EVENTS_KEY_PREFIX: eventsKeyPrefix,
      BOOKING_SWEEP_INTERVAL_MS: '600000',
    },
    `http://127.0.0.1:${bookingPort}`,
  );
  const paymentPort = await freePort();
  payment = await startAppProcess(
    'payment',
    {
      ...tracingEnv,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      PAYMENT_PORT: String(paymentPort),
      PAYMENT_METRICS_PORT: String(await freePort()),
      INTERNAL_JWKS_URL: `${url}/.well-known/internal-jwks.json`,
      EVENTS_KEY_PREFIX: eventsKeyPrefix,
    },
    `http://127.0.0.1:${paymentPort}`,
  );
  // The gateway runs in this process: the SDK reads its settings from the environment at start.
  Object.assign(process.env, tracingEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  gateway = await startGateway(url, database.url, sandbox, {
    BOOKING_URL: `http://127.0.0.1:${bookingPort}`,
    PAYMENT_URL: `http://127.0.0.1:${paymentPort}`,
    EVENTS_KEY_PREFIX: eventsKeyPrefix,
  });
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  delete process.env['OTEL_BSP_SCHEDULE_DELAY'];
  await payment?.stop();
  await booking?.stop();
  await sandbox?.stop();
  await database?.drop();
  await receiver?.close();
});

async function spansWithin(find: () => ReceivedSpan | undefined, ms: number): Promise<ReceivedSpan> {
  const deadline = Date.now() + ms;
  for (;;) {
    const span = find();
    if (span) return span;
    if (Date.now() > deadline)
      throw new Error(`span not received; got ${JSON.stringify(receiver.spans.map((s) => [s.service, s.name]))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('OpenTelemetry traces', () => {
  it('follows one request from the gateway through booking to the event consumer under one trace id', async () => {
    const browser = new Browser();
    const run = await login(browser, gateway, sandbox, 'franceconnect', 'test');
    expect(run.response.status).toBe(303);
    // A trace context chosen by the browser is not continued: the public edge starts its own traces.
    const browserTrace = '0af7651916cd43dd8448eb211c80319c';
    const declared = await browser.request(`${gateway.url}/api/booking/organisations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: gateway.url,
        'x-requested-with': 'fetch',
        'x-request-id': 'trace-test-1',
        traceparent: `00-${browserTrace}-b7ad6b7169203331-01`,
      },
      body: JSON.stringify({
        name: 'Club de badminton de Voiron',
        kind: 'association',
        rna: 'W381000777',
        address: '2 rue du Stade',
        postalCode: '38500',
        communeName: 'Voiron',
        eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
        republicanContractAcknowledged: true,
        insuranceReference: 'MAIF 777777',
        insuranceExpiresOn: '2099-08-31',
      }),
    });
    expect(declared.status).toBe(201);

    const edge = await spansWithin(
      () =>
        receiver.spans.find(
          (span) => span.service === 'gateway' && span.attributes['salle.request_id'] === 'trace-test-1',
        ),
      10_000,
    );
    expect(edge).toMatchObject({ kind: SPAN_KIND_SERVER, name: 'POST /api/booking/*', parentSpanId: '' });
    expect(edge.attributes).toMatchObject({ 'http.response.status_code': 201 });
    expect(edge.traceId).not.toBe(browserTrace);

    const served = await spansWithin(
      () => receiver.spans.find((span) => span.service === 'booking' && span.traceId === edge.traceId),
      10_000,
    );
    expect(served).toMatchObject({ kind: SPAN_KIND_SERVER, name: 'POST /organisations', parentSpanId: edge.spanId });
    // The request id is kept beside the trace, as before.
    expect(served.attributes).toMatchObject({ 'salle.request_id': 'trace-test-1', 'http.response.status_code': 201 });

    const consumed = await spansWithin(
      () =>
        receiver.spans.find(
          (span) => span.name === 'consume organisation.membership_changed' && span.traceId === edge.traceId,
        ),
      15_000,
    );
    expect(consumed).toMatchObject({ service: 'gateway', kind: SPAN_KIND_CONSUMER, parentSpanId: served.spanId });
    expect([...receiver.contentTypes]).toEqual(['application/json']);
    // The gateway's access log line names the trace.
    const logged = gateway.logs
      .map((line) => JSON.parse(line) as { req?: { id?: string }; traceId?: string })
      .find((entry) => entry.req?.id === 'trace-test-1');
    expect(logged?.traceId).toBe(edge.traceId);
  }, 60_000);

  it('follows a booking approval from the gateway through booking to the payment service’s consumer', async () => {
    const sameOrigin = { 'content-type': 'application/json', origin: gateway.url, 'x-requested-with': 'fetch' };
    const loggedIn = async (provider: 'franceconnect' | 'proconnect', identity: string) => {
      const browser = new Browser();
      expect((await login(browser, gateway, sandbox, provider, identity)).response.status).toBe(303);
      return browser;
    };
    const send = async (browser: Browser, path: string, body: unknown, method = 'POST', requestId?: string) => {
      const response = await browser.request(`${gateway.url}/api/booking${path}`, {
        method,
        headers: { ...sameOrigin, ...(requestId ? { 'x-request-id': requestId } : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      return JSON.parse(text || '{}') as { id: string; status?: string };
    };
    const admin = await loggedIn('proconnect', 'Nathalie ROUX');
    const establishment = await send(admin, '/establishments', {
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
    });
    const agent = await loggedIn('proconnect', 'Claire MARTIN');
    const space = await send(agent, `/establishments/${establishment.id}/spaces`, {
      kind: 'gymnasium',
      name: 'Gymnase',
      capacity: 120,
      areaM2: 900,
      equipment: [],
      stepFreeAccess: true,
      description: 'Grand gymnase.',
      photoUrls: [],
      bufferMinutes: 15,
      minDurationMinutes: 60,
      maxDurationMinutes: 240,
      minNoticeHours: 48,
      maxHorizonDays: 365,
      approvalRequired: true,
      allowedCategories: ['association'],
      closedOnPublicHolidays: true,
      active: true,
    });
    await send(
      agent,
      `/spaces/${space.id}/opening-rules`,
      { rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }] },
      'PUT',
    );
    await send(
      agent,
      `/spaces/${space.id}/tariffs`,
      { tariffs: [{ category: 'association', hourlyCents: 1000 }] },
      'PUT',
    );
    const renter = await loggedIn('franceconnect', 'bdd_default');
    const organisation = await send(renter, '/organisations', {
      name: 'Club de volley de Grenoble',
      kind: 'association',
      rna: 'W381000666',
      address: '3 rue du Gymnase',
      postalCode: '38000',
      communeName: 'Grenoble',
      eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
      republicanContractAcknowledged: true,
      insuranceReference: 'MAIF 666666',
      insuranceExpiresOn: '2099-08-31',
    });
    await send(admin, `/organisations/${organisation.id}/verify`, {});
    let saturday = addDays(parseLocalDate(new Date().toISOString().slice(0, 10)), 35);
    while (weekdayOf(saturday) !== 6 || isPublicHoliday(saturday)) saturday = addDays(saturday, 1);
    const requested = await send(renter, '/bookings', {
      spaceId: space.id,
      organisationId: organisation.id,
      startsAt: `${saturday}T10:00:00Z`,
      endsAt: `${saturday}T12:00:00Z`,
      purpose: 'Entraînement',
    });
    const approved = await send(agent, `/bookings/${requested.id}/approve`, {}, 'POST', 'trace-test-approve');
    expect(approved.status).toBe('approved');

    const edge = await spansWithin(
      () =>
        receiver.spans.find(
          (span) => span.service === 'gateway' && span.attributes['salle.request_id'] === 'trace-test-approve',
        ),
      10_000,
    );
    const served = await spansWithin(
      () => receiver.spans.find((span) => span.service === 'booking' && span.parentSpanId === edge.spanId),
      10_000,
    );
    expect(served).toMatchObject({ traceId: edge.traceId, name: 'POST /bookings/:id/approve' });
    const consumed = await spansWithin(
      () =>
        receiver.spans.find(
          (span) =>
            span.service === 'payment' && span.name === 'consume booking.approved' && span.traceId === edge.traceId,
        ),
      15_000,
    );
    expect(consumed).toMatchObject({ kind: SPAN_KIND_CONSUMER, parentSpanId: served.spanId });
  }, 60_000);
});
