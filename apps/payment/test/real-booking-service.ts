import { DateTime } from 'luxon';
import type { Caller } from '@salle/auth';
import {
  createTestDatabase,
  freePort,
  startBundledApp,
  testRedisUrl,
  waitForPort,
  type TestDatabase,
} from '@salle/testing';
import type { PaymentTestKit } from './payment-test-kit';

type Answer<T> = { status: number; body: T };

/** The real booking service in its own process and database, beside the payment service of `kit`, on its streams. */
export interface RealBookingService {
  url: string;
  database: TestDatabase;
  /** Calls booking as `caller` (an internal token from the kit); a write without a body sends `{}`. */
  call<T = Record<string, unknown>>(caller: Caller, method: string, path: string, body?: unknown): Promise<Answer<T>>;
  stop(): Promise<void>;
}

export async function startRealBookingService(
  kit: PaymentTestKit,
  label: string,
  env: Record<string, string> = {},
): Promise<RealBookingService> {
  const database = await createTestDatabase(label);
  const [port, metricsPort] = await Promise.all([freePort(), freePort()]);
  const url = `http://127.0.0.1:${port}`;
  const process = await startBundledApp('booking', {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    INTERNAL_JWKS_URL: kit.jwksUrl,
    EVENTS_KEY_PREFIX: kit.eventsPrefix,
    BOOKING_HOST: '127.0.0.1',
    BOOKING_PORT: String(port),
    // Its own metrics port too: the default (9401) may be held by a stack running on the machine.
    BOOKING_METRICS_PORT: String(metricsPort),
    LOG_LEVEL: 'warn',
    // These specs are about money after approval, not the convention's signatures.
    CONVENTION_SIGNING: 'off',
    ...env,
  });
  // Migrating a fresh database takes long on a loaded machine.
  await waitForPort('127.0.0.1', port, 90_000);
  return {
    url,
    database,
    async call<T>(caller: Caller, method: string, path: string, body: unknown = method === 'GET' ? undefined : {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await kit.tokenFor('booking', caller)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async stop() {
      await process.stop();
      await database.drop();
    },
  };
}

/** The answer's body when its status is the one expected; otherwise an error showing what came back. */
export async function expectStatus<T>(call: Promise<Answer<T>>, status: number): Promise<T> {
  const answer = await call;
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * A collège with a gymnasium open every day 08:00–20:00 at 15 € an hour for associations, requests needing
 * approval, a verified association, and a payout account the booking service has heard of.
 */
export async function seedPayingCollege(
  kit: PaymentTestKit,
  booking: RealBookingService,
  { admin, collegeManager, volunteer }: { admin: Caller; collegeManager: Caller; volunteer: Caller },
): Promise<{ establishmentId: string; spaceId: string; organisationId: string }> {
  const { id: establishmentId } = await expectStatus(
    booking.call<{ id: string }>(admin, 'POST', '/establishments', {
      uai: '0380002W',
      siret: collegeManager.siret,
      name: 'Collège Flavius Vaussenat',
      address: '1 rue du Collège',
      postalCode: '38580',
      communeName: 'Allevard',
      communeInsee: '38006',
      latitude: 45.399729,
      longitude: 6.07674,
      schoolZone: 'A',
      status: 'active',
    }),
    201,
  );
  const { id: spaceId } = await expectStatus(
    booking.call<{ id: string }>(collegeManager, 'POST', `/establishments/${establishmentId}/spaces`, {
      kind: 'gymnasium',
      name: 'Gymnase',
      capacity: 120,
      areaM2: 900,
      equipment: [],
      stepFreeAccess: true,
      description: '',
      photoUrls: [],
      bufferMinutes: 0,
      minDurationMinutes: 60,
      maxDurationMinutes: 240,
      minNoticeHours: 48,
      maxHorizonDays: 365,
      approvalRequired: true,
      allowedCategories: ['association'],
      closedOnPublicHolidays: false,
      active: true,
    }),
    201,
  );
  await expectStatus(
    booking.call(collegeManager, 'PUT', `/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00', endTime: '20:00', period: 'always' }],
    }),
    200,
  );
  await expectStatus(
    booking.call(collegeManager, 'PUT', `/spaces/${spaceId}/tariffs`, {
      tariffs: [{ category: 'association', hourlyCents: 1_500 }],
    }),
    200,
  );
  const { id: organisationId } = await expectStatus(
    booking.call<{ id: string }>(volunteer, 'POST', '/organisations', {
      name: 'Basket Club du Grésivaudan',
      kind: 'association',
      rna: 'W381000123',
      address: '2 place de la Mairie',
      postalCode: '38580',
      communeName: 'Allevard',
      eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
      republicanContractAcknowledged: true,
      insuranceReference: 'MAIF 123456',
      insuranceExpiresOn: '2099-08-31',
    }),
    201,
  );
  await expectStatus(booking.call(admin, 'POST', `/organisations/${organisationId}/verify`), 200);
  // The collège's payout account: the booking service learns it through establishment.payout_ready.
  await kit.readyCollege(establishmentId);
  await kit.waitFor(
    async () =>
      (await booking.call<{ payoutReady: boolean }>(collegeManager, 'GET', `/establishments/${establishmentId}`)).body
        .payoutReady,
    'the booking service to learn that the collège takes payments',
  );
  return { establishmentId, spaceId, organisationId };
}

/**
 * The start of an evening slot `daysAhead` days from now, at `hour` Paris time: outside the school hours on every
 * day of the year, so a test's booking is offered whatever today's date (a morning slot falls in term time on some
 * dates and is refused as `school_time`), and within `seedPayingCollege`'s opening hours (08:00–20:00).
 */
export function parisEvening(daysAhead: number, hour = 18): Date {
  return DateTime.now()
    .setZone('Europe/Paris')
    .plus({ days: daysAhead })
    .set({ hour, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}
