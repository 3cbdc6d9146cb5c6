import type { DataSource } from 'typeorm';
import type { Caller } from '@salle/auth';
import { createDataSource } from '@salle/db';
import { agent, member, PaymentTestKit } from './payment-test-kit';
import {
  expectStatus,
  parisEvening,
  seedPayingCollege,
  startRealBookingService,
  type RealBookingService,
} from './real-booking-service';

/**
 * A payment and a cancellation of the same booking crossing each other, with
 * the real booking service (its own process and database) and the real
 * payment service talking through Redis Streams. Which service learns what
 * first is decided by holding the payment service's relay (payment.* events
 * do not reach booking) and consumer (booking.* events are not applied), and
 * by holding the payable booking's row lock so that both transactions of the
 * payment service wait on each other. Rule: money accepted for a booking that
 * was not confirmed when cancelled goes back in full with a flag; the
 * collège's policy (here 30 % once the 100-day tier has passed) applies to a
 * confirmed booking only.
 */
describe('a payment crossing a cancellation never keeps the payer’s money', () => {
  const PRICE = 3_000; // two hours at 15 €
  let kit: PaymentTestKit;
  let bookingService: RealBookingService;
  let bookingDb: DataSource;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const volunteer = member();
  let establishmentId: string;
  let spaceId: string;
  let organisationId: string;
  let day = 20;
  const bookingApi = <T = Record<string, unknown>>(caller: Caller, method: string, path: string, body?: unknown) =>
    bookingService.call<T>(caller, method, path, body);

  beforeAll(async () => {
    kit = await PaymentTestKit.start('money-race', { feeBasisPoints: 1_000, bookingStandIn: false });
    // Refunds and checkout closings run when a trial says so (`runTasks`): a payer may still be on the page after a cancellation.
    await kit.parts.tasks.stop();
    // Deadlines are moved into the past by the trials that need them: the sweeper sees it at once.
    bookingService = await startRealBookingService(kit, 'money-race-booking', { BOOKING_SWEEP_INTERVAL_MS: '200' });
    bookingDb = createDataSource({ url: bookingService.database.url, schema: 'booking', migrations: [] });
    await bookingDb.initialize();
    ({ establishmentId, spaceId, organisationId } = await seedPayingCollege(kit, bookingService, {
      admin,
      collegeManager,
      volunteer,
    }));
    // Past the 100-day tier, the collège refunds 30 %: distinct from a full refund.
    await expectStatus(
      bookingApi(collegeManager, 'PATCH', `/establishments/${establishmentId}`, {
        cancellationPolicy: { tiers: [{ minNotice: { days: 100 }, percent: 100 }], latePercent: 30 },
      }),
      200,
    );
  }, 120_000);

  afterEach(async () => {
    // A failed trial must not leave the next one with workers held.
    await Promise.all([kit.parts.relay.start(), kit.parts.consumer.start()]);
  });

  afterAll(async () => {
    await bookingDb?.destroy();
    await bookingService?.stop();
    await kit?.stop();
  });

  /** An approved booking of 2 hours, its checkout open on the provider's page. */
  async function bookingWithCheckout() {
    day += 1;
    const startsAt = parisEvening(day);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const requested = await expectStatus(
      bookingApi<{ id: string }>(volunteer, 'POST', '/bookings', {
        spaceId,
        organisationId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      }),
      201,
    );
    const approved = await expectStatus(
      bookingApi<{ status: string }>(collegeManager, 'POST', `/bookings/${requested.id}/approve`),
      200,
    );
    expect(approved.status).toBe('awaiting_payment');
    await kit.waitFor(
      async () => (await kit.sql(`SELECT 1 FROM payment.payable_booking WHERE booking_id = $1`, [requested.id]))[0],
      'booking.approved in payment',
    );
    const checkout = await kit
      .as(volunteer, { organisations: [organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${requested.id}/checkout`);
    expect(checkout.status).toBe(201);
    return {
      bookingId: requested.id,
      paymentId: checkout.body.paymentId,
      checkoutUrl: checkout.body.checkoutUrl,
      startsAt,
      endsAt,
    };
  }

  const pay = async (checkoutUrl: string) => expect((await kit.payOnPage(checkoutUrl)).status).toBe(303);
  const paymentStatus = async (paymentId: string) =>
    (await kit.sql<{ status: string }>(`SELECT status FROM payment.payment WHERE id = $1`, [paymentId]))[0]?.status;
  const accepted = (paymentId: string) =>
    kit.waitFor(async () => (await paymentStatus(paymentId)) === 'succeeded', 'the payment to be accepted');
  const cancelAsMember = (bookingId: string) =>
    expectStatus(
      bookingApi<{ status: string; refundPercent: number }>(volunteer, 'POST', `/bookings/${bookingId}/cancel`, {}),
      200,
    );
  const cancelAsCollege = (bookingId: string) =>
    expectStatus(
      bookingApi<{ status: string; refundPercent: number }>(collegeManager, 'POST', `/bookings/${bookingId}/cancel`, {
        reason: 'Dégât des eaux',
      }),
      200,
    );
  const paymentLearnedCancellation = (bookingId: string) =>
    kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payable_booking WHERE booking_id = $1 AND status = 'cancelled'`, [
            bookingId,
          ])
        )[0],
      'booking.cancelled in payment',
    );
  /**
   * Every payment.* event about the booking applied by the booking service
   * (payment.expired and payment.flag_raised have no handler there, so no
   * inbox row: a later event of the same booking, applied in stream order,
   * tells it was read).
   */
  const bookingLearnedPayments = async (bookingId: string) => {
    const sent = await kit.sql<{ id: string }>(
      `SELECT id FROM payment.event_outbox WHERE aggregate_id = $1 AND type NOT IN ('payment.expired', 'payment.flag_raised')`,
      [bookingId],
    );
    await kit.waitFor(async () => {
      const [row] = (await bookingDb.query(
        `SELECT count(*)::int AS n FROM booking.event_inbox WHERE event_id = ANY($1::uuid[])`,
        [sent.map((s) => s.id)],
      )) as { n: number }[];
      return row?.n === sent.length;
    }, 'the booking service to apply the payment events');
  };
  const waitersOnLocks = async () =>
    Number(
      (
        await kit.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0]?.n,
    );

  /** Where the money and the booking end once every event was applied and the refund (if any) made. */
  async function outcome(booking: { bookingId: string; paymentId: string }, refundCents: number) {
    await bookingLearnedPayments(booking.bookingId);
    if (refundCents > 0) {
      await kit.waitFor(async () => {
        await kit.parts.tasks.runOnce();
        return (
          await kit.sql(`SELECT 1 FROM payment.refund WHERE booking_id = $1 AND status = 'succeeded'`, [
            booking.bookingId,
          ])
        )[0];
      }, 'the refund to be made');
    }
    const view = await expectStatus(
      bookingApi<{ status: string; refundPercent: number | null }>(volunteer, 'GET', `/bookings/${booking.bookingId}`),
      200,
    );
    const refunds = await kit.sql<{ amount: number; status: string }>(
      `SELECT amount_cents AS amount, status FROM payment.refund WHERE booking_id = $1`,
      [booking.bookingId],
    );
    const flags = await kit.sql<{ kind: string }>(`SELECT kind FROM payment.payment_flag WHERE booking_id = $1`, [
      booking.bookingId,
    ]);
    const report = await kit.as(agent(), { establishments: [establishmentId] }).get<{
      ok: boolean;
      bookings: {
        bookingId: string;
        establishmentShareCents: number;
        departmentShareCents: number;
        refundedCents: number;
        issues: string[];
      }[];
    }>(`/reconciliation?establishmentId=${establishmentId}`);
    const ledger = report.body.bookings.find((b) => b.bookingId === booking.bookingId);
    return {
      booking: view.status,
      payment: await paymentStatus(booking.paymentId),
      refunds,
      flags: flags.map((f) => f.kind),
      ledger: ledger && {
        college: ledger.establishmentShareCents,
        department: ledger.departmentShareCents,
        refunded: ledger.refundedCents,
        issues: ledger.issues,
      },
      reconciled: report.body.ok,
    };
  }

  const fullRefund = (payment: string) => ({
    booking: 'cancelled',
    payment,
    refunds: [{ amount: PRICE, status: 'succeeded' }],
    flags: ['late_payment'],
    ledger: { college: 0, department: 0, refunded: PRICE, issues: [] },
    reconciled: true,
  });

  it('paid and confirmed, then cancelled: the policy applies (30 %), no flag', async () => {
    const booking = await bookingWithCheckout();
    await pay(booking.checkoutUrl);
    await kit.waitFor(
      async () =>
        (await bookingApi<{ status: string }>(volunteer, 'GET', `/bookings/${booking.bookingId}`)).body.status ===
        'confirmed',
      'the booking to be confirmed',
    );
    expect(await cancelAsMember(booking.bookingId)).toMatchObject({ status: 'cancelled', refundPercent: 30 });
    expect(await outcome(booking, 900)).toEqual({
      booking: 'cancelled',
      payment: 'succeeded',
      refunds: [{ amount: 900, status: 'succeeded' }],
      flags: [],
      // 70 % of each share stays: (3,000 − 300) × 0.7 and 300 × 0.7.
      ledger: { college: 1_890, department: 210, refunded: 900, issues: [] },
      reconciled: true,
    });
  });

  it('cancelled and known to payment before the payer pays: the payment is rejected and refunded in full, with a flag', async () => {
    const booking = await bookingWithCheckout();
    expect(await cancelAsMember(booking.bookingId)).toMatchObject({ status: 'cancelled', refundPercent: 100 });
    await paymentLearnedCancellation(booking.bookingId);
    await pay(booking.checkoutUrl);
    await kit.waitFor(
      async () => (await paymentStatus(booking.paymentId)) === 'rejected',
      'the payment to be rejected',
    );
    expect(await outcome(booking, PRICE)).toEqual(fullRefund('rejected'));
  });

  it('accepted by payment, then cancelled before the booking service hears of the payment: refunded in full, with a flag', async () => {
    const booking = await bookingWithCheckout();
    await Promise.all([kit.parts.relay.stop(), kit.parts.consumer.stop()]);
    await pay(booking.checkoutUrl);
    await accepted(booking.paymentId);
    expect(await cancelAsMember(booking.bookingId)).toMatchObject({ status: 'cancelled' });
    await Promise.all([kit.parts.relay.start(), kit.parts.consumer.start()]);
    expect(await outcome(booking, PRICE)).toEqual(fullRefund('succeeded'));
  });

  it('cancelled by the collège first, the payment accepted before payment hears of it: refunded in full, with a flag', async () => {
    const booking = await bookingWithCheckout();
    await Promise.all([kit.parts.relay.stop(), kit.parts.consumer.stop()]);
    expect(await cancelAsCollege(booking.bookingId)).toMatchObject({ status: 'cancelled', refundPercent: 100 });
    await pay(booking.checkoutUrl);
    await accepted(booking.paymentId);
    await Promise.all([kit.parts.consumer.start(), kit.parts.relay.start()]);
    expect(await outcome(booking, PRICE)).toEqual(fullRefund('succeeded'));
  });

  it('paid and cancelled at the same instant, both applied by payment at once: refunded in full, with a flag', async () => {
    const booking = await bookingWithCheckout();
    await Promise.all([kit.parts.relay.stop(), kit.parts.consumer.stop()]);
    // Both transactions of the payment service will wait on this row, then run together.
    const runner = kit.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT 1 FROM payment.payable_booking WHERE booking_id = $1 FOR UPDATE`, [booking.bookingId]);
      const before = await waitersOnLocks();
      await Promise.all([cancelAsMember(booking.bookingId), kit.payOnPage(booking.checkoutUrl)]);
      await kit.parts.consumer.start();
      await kit.waitFor(
        async () => (await waitersOnLocks()) >= before + 2,
        'the settlement and the cancellation to wait on each other',
      );
    } finally {
      await runner.commitTransaction();
      await runner.release();
    }
    await kit.parts.relay.start();
    await kit.waitFor(
      async () => ['succeeded', 'rejected'].includes((await paymentStatus(booking.paymentId)) ?? ''),
      'the payment to be settled',
    );
    const result = await outcome(booking, PRICE);
    // Whichever of the two commits first, the money goes back in full.
    expect(result).toEqual(fullRefund(result.payment === 'succeeded' ? 'succeeded' : 'rejected'));
    // Both lock the payment before the payable booking: neither was aborted to break a deadlock.
    expect(kit.logs.filter((line) => line.includes('deadlock detected'))).toEqual([]);
  });

  describe('a payment attempt that ends unpaid ends that attempt only', () => {
    const bookingStatus = async (bookingId: string) =>
      (await bookingApi<{ status: string }>(volunteer, 'GET', `/bookings/${bookingId}`)).body.status;
    const deadlinePassed = (bookingIds: string[]) =>
      bookingDb.query(
        `UPDATE booking.booking SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
        [bookingIds],
      );

    it('an abandoned checkout leaves the booking held and payable; the member pays with a new checkout', async () => {
      const booking = await bookingWithCheckout();
      await kit.sandboxControl(`/checkout/sessions/${booking.checkoutUrl.split('/').pop()}/expire`);
      await kit.waitFor(async () => (await paymentStatus(booking.paymentId)) === 'expired', 'the checkout to expire');
      const again = await kit
        .as(volunteer, { organisations: [organisationId] })
        .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${booking.bookingId}/checkout`);
      expect(again.status).toBe(201);
      // payment.checkout_opened of the new attempt follows payment.expired on the stream.
      await bookingLearnedPayments(booking.bookingId);
      expect(await bookingStatus(booking.bookingId)).toBe('awaiting_payment');
      await pay(again.body.checkoutUrl);
      await kit.waitFor(
        async () => (await bookingStatus(booking.bookingId)) === 'confirmed',
        'the booking to be confirmed',
      );
    });

    it('a SEPA debit under way holds the booking past its deadline; its failure releases it', async () => {
      const booking = await bookingWithCheckout();
      const session = booking.checkoutUrl.split('/').pop();
      await kit.sandboxControl(`/checkout/sessions/${session}/pay`, { iban: 'FR3020041010050500013M02609' });
      await kit.waitFor(
        async () => (await paymentStatus(booking.paymentId)) === 'processing',
        'the debit to be processing',
      );
      await bookingLearnedPayments(booking.bookingId);
      // Another unpaid booking past the same deadline: once the sweeper released it, it has seen both.
      const unpaid = await bookingWithCheckout();
      await deadlinePassed([booking.bookingId, unpaid.bookingId]);
      await kit.waitFor(
        async () => (await bookingStatus(unpaid.bookingId)) === 'expired',
        'the sweeper to release the unpaid booking',
      );
      expect(await bookingStatus(booking.bookingId)).toBe('awaiting_payment');
      const sameSlot = await bookingApi<{ code: string }>(volunteer, 'POST', '/bookings', {
        spaceId,
        organisationId,
        startsAt: booking.startsAt.toISOString(),
        endsAt: booking.endsAt.toISOString(),
      });
      expect(sameSlot).toMatchObject({ status: 409, body: { code: 'slot_unavailable' } });
      await kit.sandboxControl(`/checkout/sessions/${session}/settle`);
      await kit.waitFor(async () => (await paymentStatus(booking.paymentId)) === 'failed', 'the debit to fail');
      await kit.waitFor(
        async () => (await bookingStatus(booking.bookingId)) === 'expired',
        'the booking to be released',
      );
    });
  });
});
