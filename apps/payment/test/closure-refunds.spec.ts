import type { Caller } from '@salle/auth';
import { agent, member, PaymentTestKit } from './payment-test-kit';
import {
  expectStatus,
  seedPayingCollege,
  startRealBookingService,
  type RealBookingService,
} from './real-booking-service';

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
  let booking: RealBookingService;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const volunteer = member();
  let spaceId: string;
  let organisationId: string;
  let establishmentId: string;
  const bookingApi = <T = Record<string, unknown>>(caller: Caller, method: string, path: string, body?: unknown) =>
    booking.call<T>(caller, method, path, body);
  const ok = expectStatus;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('closure-refunds', { feeBasisPoints: 1_000, bookingStandIn: false });
    booking = await startRealBookingService(kit, 'closure-refunds-booking');
    ({ establishmentId, spaceId, organisationId } = await seedPayingCollege(kit, booking, {
      admin,
      collegeManager,
      volunteer,
    }));
  }, 120_000);

  afterAll(async () => {
    await booking?.stop();
    await kit?.stop();
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
    // A Sunday: never school time, whatever today's date (a weekday morning may fall in term time).
    const day = new Date(Date.now() + 20 * 86_400_000);
    while (day.getUTCDay() !== 0) day.setTime(day.getTime() + 86_400_000);
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
