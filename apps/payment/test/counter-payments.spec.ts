import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Caller } from '@salle/auth';
import { createDataSource } from '@salle/db';
import { parisDateKey } from '@salle/contracts';
import { agent, member, PaymentTestKit } from './payment-test-kit';
import {
  expectStatus,
  parisEvening,
  seedPayingCollege,
  startRealBookingService,
  type RealBookingService,
} from './real-booking-service';

const DAY = 86_400_000;
const PRICE = 3_000; // two hours at 15 €

/**
 * Payments received at the collège's counter (its régie), with the real booking service: recording one confirms the
 * booking through payment.succeeded as an online payment does, writes the ledger, the accountant's export, the
 * receipt and the revenue; the refusals (roles, other collège, amount, date, state, a race); a cancellation turns
 * into a refund request for the public accountant; the payment deadline still releases an unpaid counter booking.
 */
describe('payments recorded at the collège’s counter', () => {
  let kit: PaymentTestKit;
  let booking: RealBookingService;
  let bookingDb: DataSource;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const otherManager = agent();
  const volunteer = member();
  let establishmentId: string;
  let spaceId: string;
  let organisationId: string;
  let day = 20;
  const today = parisDateKey(new Date());

  const manager = () => kit.as(collegeManager, { establishments: [establishmentId] });
  const body = (extra: Record<string, unknown> = {}) => ({
    method: 'cheque',
    amountCents: PRICE,
    quittance: `Q-${randomUUID().slice(0, 8)}`,
    receivedOn: today,
    ...extra,
  });
  const bookingStatus = async (bookingId: string) =>
    (await expectStatus(booking.call<{ status: string }>(volunteer, 'GET', `/bookings/${bookingId}`), 200)).status;

  /** A 2-hour booking the collège entered for the association, to be paid at the counter, approved at once. */
  async function counterBooking(): Promise<string> {
    day += 1;
    const startsAt = parisEvening(day);
    const entered = await expectStatus(
      booking.call<{ id: string; status: string; paymentChoice: string }>(
        collegeManager,
        'POST',
        `/establishments/${establishmentId}/entered-bookings`,
        {
          spaceId,
          organisationId,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
          paymentChoice: 'counter',
          approve: true,
        },
      ),
      201,
    );
    expect(entered).toMatchObject({ status: 'awaiting_payment', paymentChoice: 'counter' });
    await kit.waitFor(
      async () => (await kit.sql(`SELECT 1 FROM payment.payable_booking WHERE booking_id = $1`, [entered.id]))[0],
      'booking.approved in payment',
    );
    return entered.id;
  }

  beforeAll(async () => {
    kit = await PaymentTestKit.start('counter-payments', { bookingStandIn: false });
    booking = await startRealBookingService(kit, 'counter-payments-booking', { BOOKING_SWEEP_INTERVAL_MS: '200' });
    bookingDb = createDataSource({ url: booking.database.url, schema: 'booking', migrations: [] });
    await bookingDb.initialize();
    ({ establishmentId, spaceId, organisationId } = await seedPayingCollege(kit, booking, {
      admin,
      collegeManager,
      volunteer,
    }));
  }, 180_000);

  afterAll(async () => {
    await bookingDb?.destroy();
    await booking?.stop();
    await kit?.stop();
  });

  it('confirms the booking, and shows in the ledger, the export, the receipt, the revenue and the audit log', async () => {
    const bookingId = await counterBooking();
    const recorded = await manager().post<Record<string, unknown>>(
      `/bookings/${bookingId}/counter-payment`,
      body({ quittance: 'R-2026-0042' }),
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      bookingIds: [bookingId],
      amountCents: PRICE,
      method: 'cheque',
      quittance: 'R-2026-0042',
      receivedOn: today,
    });
    const paymentId = recorded.body['paymentId'] as string;

    // The booking service confirms it from payment.succeeded, as after an online payment.
    await kit.waitFor(async () => (await bookingStatus(bookingId)) === 'confirmed', 'the booking to be confirmed');
    expect(
      await kit.sql(
        `SELECT provider, status, amount_cents AS amount, receipt_number IS NOT NULL AS numbered FROM payment.payment WHERE id = $1`,
        [paymentId],
      ),
    ).toEqual([{ provider: 'counter', status: 'succeeded', amount: PRICE, numbered: true }]);
    expect(await kit.ledger(bookingId)).toEqual([{ party: 'establishment', entryType: 'charge', amountCents: PRICE }]);

    const view = await kit.as(volunteer, { organisations: [organisationId] }).get<{
      payableStatus: string;
      payments: { status: string; counter: unknown; receiptAvailable: boolean }[];
    }>(`/bookings/${bookingId}/payment`);
    expect(view.body).toMatchObject({
      payableStatus: 'paid',
      payments: [
        {
          status: 'succeeded',
          receiptAvailable: true,
          counter: { method: 'cheque', quittance: 'R-2026-0042', receivedOn: today },
        },
      ],
    });

    const receipt = await kit
      .as(volunteer, { organisations: [organisationId] })
      .get(`/bookings/${bookingId}/receipt.pdf`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(receipt.raw.subarray(0, 5).toString()).toBe('%PDF-');

    const csv = (await manager().get(`/establishments/${establishmentId}/accountant-export.csv`)).raw.toString('utf8');
    expect(csv.split('\r\n')).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `;Paiement au guichet \\(Chèque\\);Régie du collège \\(guichet\\);;;R-2026-0042;30,00;Basket Club du Grésivaudan;${bookingId};Accepté;$`,
        ),
      ),
    );

    const revenue = await manager().get<{ totals: { collectedCents: number } }>(
      `/revenue?from=${today}&to=${today}&establishmentId=${establishmentId}`,
    );
    expect(revenue.status).toBe(200);
    expect(revenue.body.totals.collectedCents).toBeGreaterThanOrEqual(PRICE);

    expect(
      await kit.sql(
        `SELECT actor_role AS role, changes->'quittance'->>'after' AS quittance FROM payment.audit_log
          WHERE action = 'payment.counter_recorded' AND object_id = $1`,
        [paymentId],
      ),
    ).toEqual([{ role: 'establishment_manager', quittance: 'R-2026-0042' }]);

    // Paid: a second recording is refused, and nothing more is written.
    const again = await manager().post<{ code: string }>(`/bookings/${bookingId}/counter-payment`, body());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('booking_already_paid');
    expect(await kit.sql(`SELECT id FROM payment.payment WHERE booking_id = $1`, [bookingId])).toHaveLength(1);
  });

  it('refuses the organisation, another collège, a wrong amount, a future date and a reused quittance', async () => {
    const bookingId = await counterBooking();
    const path = `/bookings/${bookingId}/counter-payment`;
    const asMember = await kit.as(volunteer, { organisations: [organisationId] }).post<{ code: string }>(path, body());
    expect(asMember.status).toBe(403);
    const asOther = await kit.as(otherManager, { establishments: [randomUUID()] }).post<{ code: string }>(path, body());
    expect(asOther.status).toBe(404);
    const wrongAmount = await manager().post<{ code: string; detail: string }>(path, body({ amountCents: PRICE - 1 }));
    expect(wrongAmount.status).toBe(422);
    expect(wrongAmount.body.code).toBe('counter_amount_mismatch');
    expect(wrongAmount.body.detail).toContain('30,00');
    const tomorrow = parisDateKey(new Date(Date.now() + DAY));
    const future = await manager().post<{ code: string }>(path, body({ receivedOn: tomorrow }));
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('counter_received_in_future');
    expect((await manager().post(path, body({ method: 'virement' }))).status).toBe(400);
    expect(await kit.sql(`SELECT id FROM payment.payment WHERE booking_id = $1`, [bookingId])).toEqual([]);

    // A quittance number already used by this collège.
    const first = await counterBooking();
    expect((await manager().post(`/bookings/${first}/counter-payment`, body({ quittance: 'DOUBLE-1' }))).status).toBe(
      201,
    );
    const reused = await manager().post<{ code: string }>(path, body({ quittance: 'DOUBLE-1' }));
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('quittance_already_recorded');

    // A département admin records it.
    const byAdmin = await kit
      .as(admin)
      .post(path, body({ method: 'especes', receivedOn: parisDateKey(new Date(Date.now() - 2 * DAY)) }));
    expect(byAdmin.status).toBe(201);
  });

  it('lets exactly one of two recordings at once win', async () => {
    const bookingId = await counterBooking();
    const path = `/bookings/${bookingId}/counter-payment`;
    const answers = await Promise.all([manager().post(path, body()), manager().post(path, body())]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(
      await kit.sql(`SELECT status FROM payment.payment WHERE booking_id = $1 AND provider = 'counter'`, [bookingId]),
    ).toEqual([{ status: 'succeeded' }]);
    expect(await kit.ledger(bookingId)).toEqual([{ party: 'establishment', entryType: 'charge', amountCents: PRICE }]);
  });

  it('refuses while an online checkout of the booking is open', async () => {
    const bookingId = await counterBooking();
    const checkout = await kit
      .as(volunteer, { organisations: [organisationId] })
      .post(`/bookings/${bookingId}/checkout`);
    expect(checkout.status).toBe(201);
    const answer = await manager().post<{ code: string }>(`/bookings/${bookingId}/counter-payment`, body());
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('online_payment_under_way');
  });

  it('turns the refund of a cancelled counter payment into a request for the public accountant', async () => {
    const bookingId = await counterBooking();
    expect((await manager().post(`/bookings/${bookingId}/counter-payment`, body({ method: 'especes' }))).status).toBe(
      201,
    );
    await kit.waitFor(async () => (await bookingStatus(bookingId)) === 'confirmed', 'the booking to be confirmed');
    await expectStatus(
      booking.call(collegeManager, 'POST', `/bookings/${bookingId}/cancel`, { reason: 'Dégât des eaux' }),
      200,
    );
    const requests = await kit.waitFor(async () => {
      const listed = await manager().get<{ items: { bookingId: string; amountCents: number; done: boolean }[] }>(
        `/accountant-refunds?establishmentId=${establishmentId}`,
      );
      const mine = listed.body.items.filter((item) => item.bookingId === bookingId);
      return mine.length > 0 ? mine : undefined;
    }, 'the refund request for the accountant');
    // Cancelled by the collège: refunded in full, by the accountant (no provider call).
    expect(requests).toEqual([expect.objectContaining({ amountCents: PRICE, done: false })]);
    expect(
      await kit.sql(
        `SELECT r.status, r.provider_refund_id AS "providerRefundId" FROM payment.refund r
          JOIN payment.payment p ON p.id = r.payment_id WHERE p.booking_id = $1`,
        [bookingId],
      ),
    ).toEqual([{ status: 'pending', providerRefundId: null }]);
  });

  it('keeps the payment deadline: past it, the counter refuses and the booking is released', async () => {
    const bookingId = await counterBooking();
    const past = new Date(Date.now() - 60_000);
    await kit.sql(`UPDATE payment.payable_booking SET payment_due_at = $2 WHERE booking_id = $1`, [bookingId, past]);
    const late = await manager().post<{ code: string }>(`/bookings/${bookingId}/counter-payment`, body());
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('payment_deadline_passed');
    // The booking service releases a counter booking at its deadline like any other.
    await bookingDb.query(`UPDATE booking.booking SET expires_at = $2 WHERE id = $1`, [bookingId, past]);
    await kit.waitFor(async () => (await bookingStatus(bookingId)) === 'expired', 'the booking to expire');
  });
});

/** A whole series (SERIES_PAYMENT=whole, the default) paid at the counter in one payment: every session confirmed. */
describe('a whole series paid at the counter', () => {
  let kit: PaymentTestKit;
  let booking: RealBookingService;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const otherManager = agent();
  const volunteer = member();

  beforeAll(async () => {
    kit = await PaymentTestKit.start('counter-series', { bookingStandIn: false });
    booking = await startRealBookingService(kit, 'counter-series-booking');
  }, 180_000);
  afterAll(async () => {
    await booking?.stop();
    await kit?.stop();
  });

  it('records one payment for the series’ period and confirms each session', async () => {
    const { establishmentId, spaceId, organisationId } = await seedPayingCollege(kit, booking, {
      admin,
      collegeManager,
      volunteer,
    });
    const first = new Date(Date.now() + 21 * DAY);
    while (first.getUTCDay() !== 6) first.setTime(first.getTime() + DAY);
    const created = await expectStatus(
      booking.call<{ series: { id: string } }>(
        collegeManager,
        'POST',
        `/establishments/${establishmentId}/entered-series`,
        {
          spaceId,
          organisationId,
          rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=3',
          firstDate: first.toISOString().slice(0, 10),
          startTime: '10:00',
          durationMinutes: 120,
          paymentChoice: 'counter',
          approve: true,
        },
      ),
      201,
    );
    const seriesId = created.series.id;
    const [period] = (
      await expectStatus(
        booking.call<{ paymentSchedule: { key: string; bookingIds: string[] }[] }>(
          collegeManager,
          'GET',
          `/series/${seriesId}`,
        ),
        200,
      )
    ).paymentSchedule;
    if (!period) throw new Error('no payment period');
    expect(period.bookingIds).toHaveLength(3);
    await kit.waitFor(
      async () =>
        (await kit.sql(`SELECT 1 FROM payment.payable_booking WHERE series_id = $1`, [seriesId])).length === 3,
      'booking.approved of every session in payment',
    );
    const path = `/series/${seriesId}/periods/${period.key}/counter-payment`;
    const asManager = kit.as(collegeManager, { establishments: [establishmentId] });
    const receivedOn = parisDateKey(new Date());
    const whole = { method: 'carte', amountCents: 3 * PRICE, quittance: 'S-0', receivedOn };
    // The period's route has its own refusals: the organisation, another collège, and a body that does not validate.
    expect((await kit.as(volunteer, { organisations: [organisationId] }).post(path, whole)).status).toBe(403);
    expect((await kit.as(otherManager, { establishments: [randomUUID()] }).post(path, whole)).status).toBe(404);
    expect((await asManager.post(path, { ...whole, method: 'virement' })).status).toBe(400);
    expect((await asManager.post(path, { ...whole, amountCents: -1 })).status).toBe(400);
    expect(await kit.sql(`SELECT id FROM payment.payment WHERE series_id = $1`, [seriesId])).toEqual([]);
    const short = await asManager.post<{ code: string }>(path, {
      method: 'carte',
      amountCents: PRICE,
      quittance: 'S-1',
      receivedOn,
    });
    expect(short.status).toBe(422);
    const answer = await asManager.post<{ bookingIds: string[]; amountCents: number }>(path, {
      method: 'carte',
      amountCents: 3 * PRICE,
      quittance: 'S-1',
      receivedOn,
    });
    expect(answer.status).toBe(201);
    expect([...answer.body.bookingIds].sort()).toEqual([...period.bookingIds].sort());
    for (const bookingId of period.bookingIds) {
      await kit.waitFor(
        async () =>
          (await expectStatus(booking.call<{ status: string }>(volunteer, 'GET', `/bookings/${bookingId}`), 200))
            .status === 'confirmed',
        'each session to be confirmed',
      );
    }
    const again = await asManager.post<{ code: string }>(path, {
      method: 'carte',
      amountCents: 3 * PRICE,
      quittance: 'S-2',
      receivedOn,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('period_nothing_to_pay');
  });
});
