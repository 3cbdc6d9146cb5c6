import type { Caller } from '@salle/auth';
import {
  createTestDatabase,
  freePort,
  startBundledApp,
  testRedisUrl,
  waitForPort,
  type TestDatabase,
} from '@salle/testing';
import { agent, member, PaymentTestKit } from './payment-test-kit';

/**
 * A collège closes a day over two paid bookings: the real booking service
 * (its own process and database) cancels both by the collège in the
 * closure's transaction, and the real payment service, reading
 * `booking.cancelled` from Redis Streams, refunds each in full through the
 * provider's sandbox.
 */
describe('a closure cancelling two paid bookings refunds them in full', () => {
  const PRICE = 3_000; // two hours at 15 €
  let kit: PaymentTestKit;
  let bookingDatabase: TestDatabase;
  let bookingProcess: { stop(): Promise<void> };
  let bookingUrl: string;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const volunteer = member();
  let establishmentId: string;
  let spaceId: string;
  let organisationId: string;

  async function bookingApi<T = Record<string, unknown>>(caller: Caller, method: string, path: string, body?: unknown) {
    const response = await fetch(`${bookingUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await kit.tokenFor('booking', caller)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  async function ok<T>(call: Promise<{ status: number; body: T }>, status: number): Promise<T> {
    const answer = await call;
    if (answer.status !== status)
      throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  beforeAll(async () => {
    kit = await PaymentTestKit.start('closure-refunds', { feeBasisPoints: 1_000, bookingStandIn: false });
    bookingDatabase = await createTestDatabase('closure-refunds-booking');
    const port = await freePort();
    bookingUrl = `http://127.0.0.1:${port}`;
    bookingProcess = await startBundledApp('booking', {
      DATABASE_URL: bookingDatabase.url,
      REDIS_URL: testRedisUrl(),
      INTERNAL_JWKS_URL: kit.jwksUrl,
      EVENTS_KEY_PREFIX: kit.eventsPrefix,
      BOOKING_HOST: '127.0.0.1',
      BOOKING_PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    await waitForPort('127.0.0.1', port, 30_000);

    establishmentId = (
      await ok(
        bookingApi<{ id: string }>(admin, 'POST', '/establishments', {
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
      )
    ).id;
    spaceId = (
      await ok(
        bookingApi<{ id: string }>(collegeManager, 'POST', `/establishments/${establishmentId}/spaces`, {
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
      )
    ).id;
    await ok(
      bookingApi(collegeManager, 'PUT', `/spaces/${spaceId}/opening-rules`, {
        rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00', endTime: '20:00', period: 'always' }],
      }),
      200,
    );
    await ok(
      bookingApi(collegeManager, 'PUT', `/spaces/${spaceId}/tariffs`, {
        tariffs: [{ category: 'association', hourlyCents: 1_500 }],
      }),
      200,
    );
    organisationId = (
      await ok(
        bookingApi<{ id: string }>(volunteer, 'POST', '/organisations', {
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
      )
    ).id;
    await ok(bookingApi(admin, 'POST', `/organisations/${organisationId}/verify`), 200);
    await kit.readyCollege(establishmentId);
    await kit.waitFor(
      async () =>
        (await bookingApi<{ payoutReady: boolean }>(collegeManager, 'GET', `/establishments/${establishmentId}`)).body
          .payoutReady,
      'the booking service to learn that the collège takes payments',
    );
  }, 120_000);

  afterAll(async () => {
    await bookingProcess?.stop();
    await kit?.stop();
    await bookingDatabase?.drop();
  });

  /** A booking of two hours on `day` at `hour` (UTC), approved and paid on the provider's page. */
  async function paidBooking(day: Date, hour: number) {
    const startsAt = new Date(day);
    startsAt.setUTCHours(hour, 0, 0, 0);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const { id } = await ok(
      bookingApi<{ id: string }>(volunteer, 'POST', '/bookings', {
        spaceId,
        organisationId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      }),
      201,
    );
    await ok(bookingApi(collegeManager, 'POST', `/bookings/${id}/approve`, {}), 200);
    await kit.waitFor(
      async () => (await kit.sql(`SELECT 1 FROM payment.payable_booking WHERE booking_id = $1`, [id]))[0],
      'booking.approved in payment',
    );
    const checkout = await kit
      .as(volunteer, { organisations: [organisationId] })
      .post<{ checkoutUrl: string }>(`/bookings/${id}/checkout`);
    expect(checkout.status).toBe(201);
    expect((await kit.payOnPage(checkout.body.checkoutUrl)).status).toBe(303);
    await kit.waitFor(
      async () =>
        (await bookingApi<{ status: string }>(volunteer, 'GET', `/bookings/${id}`)).body.status === 'confirmed',
      'the booking to be confirmed by the payment',
    );
    return id;
  }

  it('cancels both by the collège with the closure, and payment refunds each in full', async () => {
    const day = new Date(Date.now() + 20 * 86_400_000);
    const morning = await paidBooking(day, 8);
    const afternoon = await paidBooking(day, 13);
    const closedDay = new Date(day);
    closedDay.setUTCHours(0, 0, 0, 0);
    const closure = {
      spaceId,
      startsAt: closedDay.toISOString(),
      endsAt: new Date(closedDay.getTime() + 86_400_000).toISOString(),
      reason: 'Dégât des eaux',
    };

    const preview = await ok(
      bookingApi<{ items: { id: string }[] }>(
        collegeManager,
        'POST',
        `/establishments/${establishmentId}/closures/preview`,
        closure,
      ),
      200,
    );
    expect(preview.items.map((b) => b.id)).toEqual([morning, afternoon]);
    const created = await ok(
      bookingApi<{ cancelledBookingIds: string[] }>(
        collegeManager,
        'POST',
        `/establishments/${establishmentId}/closures`,
        {
          ...closure,
          cancelBookings: true,
        },
      ),
      201,
    );
    expect(created.cancelledBookingIds).toEqual([morning, afternoon]);

    for (const bookingId of [morning, afternoon]) {
      const refunds = await kit.waitFor(async () => {
        await kit.parts.tasks.runOnce();
        const rows = await kit.sql<{ amount: number; status: string }>(
          `SELECT amount_cents AS amount, status FROM payment.refund WHERE booking_id = $1`,
          [bookingId],
        );
        return rows.every((row) => row.status === 'succeeded') && rows.length > 0 && rows;
      }, 'the refund to be made');
      expect(refunds).toEqual([{ amount: PRICE, status: 'succeeded' }]);
      const booking = await ok(
        bookingApi<{ status: string; cancelledBy: string; refundPercent: number; cancellationReason: string }>(
          volunteer,
          'GET',
          `/bookings/${bookingId}`,
        ),
        200,
      );
      expect(booking).toMatchObject({
        status: 'cancelled',
        cancelledBy: 'establishment',
        refundPercent: 100,
        cancellationReason: 'Fermeture\u00a0: Dégât des eaux',
      });
    }
  });
});
