import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Caller } from '@salle/auth';
import { agent, member, PaymentTestKit } from './payment-test-kit';
import {
  expectStatus,
  seedPayingCollege,
  startRealBookingService,
  type RealBookingService,
} from './real-booking-service';

const DAY = 86_400_000;
type Session = { id: string; startsAt: string; status: string };
type Period = { key: string; bookingIds: string[]; amountCents: number; status: string };
type PeriodCheckout = { paymentId: string; bookingIds: string[]; amountCents: number; checkoutUrl: string };
type SeriesPayment = {
  periods: { key: string; payableCents: number; paidCents: number; refundedCents: number; paidAt: string | null }[];
};

/** The school term (as SERIES_PAYMENT=term counts them) of a date: September–December, January–March, April–August. */
function termOf(date: Date): string {
  const month = date.getUTCMonth() + 1;
  const schoolYear = month >= 9 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${schoolYear}-T${month >= 9 ? 1 : month <= 3 ? 2 : 3}`;
}

/** The first Saturday, at least three weeks ahead, from which 20 fortnightly Saturdays span three terms. */
function firstSaturdaySpanningThreeTerms(): Date {
  const first = new Date(Date.now() + 21 * DAY);
  while (first.getUTCDay() !== 6) first.setTime(first.getTime() + DAY);
  const terms = (start: Date) =>
    new Set(Array.from({ length: 20 }, (_, i) => termOf(new Date(start.getTime() + i * 14 * DAY)))).size;
  while (terms(first) < 3) first.setTime(first.getTime() + 7 * DAY);
  return first;
}

/**
 * A series paid per period (SERIES_PAYMENT=term) with the real booking service, payment service and
 * stripe-sandbox: each term is ONE checkout (a line per session) whose payment confirms all its sessions;
 * a session cancelled afterwards is refunded the policy's share of its own price; a term released unpaid keeps
 * no money, even when the payment crosses the release.
 */
describe('a series paid as one item per term', () => {
  let kit: PaymentTestKit;
  let booking: RealBookingService;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const volunteer = member();
  let organisationId: string;
  let establishmentId: string;
  let spaceId: string;
  let seriesId: string;
  let sessions: Session[];
  const payments = new Map<string, string>();

  const createSeries = async (rrule: string, firstDate: Date, startTime: string) => {
    const created = await expectStatus(
      booking.call<{ series: { id: string; occurrences: Session[] } }>(volunteer, 'POST', '/series', {
        spaceId,
        organisationId,
        rrule,
        firstDate: firstDate.toISOString().slice(0, 10),
        startTime,
        durationMinutes: 120,
        purpose: 'Entraînement',
      }),
      201,
    );
    await expectStatus(booking.call(collegeManager, 'POST', `/series/${created.series.id}/approve`, {}), 200);
    return created.series;
  };
  const payableCount = async (id: string) =>
    (
      await kit.sql<{ n: number }>(`SELECT count(*)::int AS n FROM payment.payable_booking WHERE series_id = $1`, [id])
    )[0]?.n ?? 0;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('series-periods', { bookingStandIn: false });
    booking = await startRealBookingService(kit, 'series-periods-booking', {
      SERIES_PAYMENT: 'term',
      BOOKING_SWEEP_INTERVAL_MS: '300',
    });
    const seeded = await seedPayingCollege(kit, booking, { admin, collegeManager, volunteer });
    ({ organisationId, establishmentId, spaceId } = seeded);
    // Saturdays 10:00-12:00 (30 €), every other week: 20 sessions over three school terms.
    const series = await createSeries(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;COUNT=20',
      firstSaturdaySpanningThreeTerms(),
      '10:00',
    );
    seriesId = series.id;
    sessions = series.occurrences;
    await kit.waitFor(async () => (await payableCount(seriesId)) === 20, 'the 20 sessions to be payable');
  }, 180_000);
  afterAll(async () => {
    await booking?.stop();
    await kit?.stop();
  });

  const scheduleOf = async (id: string) =>
    (await expectStatus(booking.call<{ paymentSchedule: Period[] }>(volunteer, 'GET', `/series/${id}`), 200))
      .paymentSchedule;
  const statusOf = async (id: string) =>
    (await expectStatus(booking.call<{ status: string }>(volunteer, 'GET', `/bookings/${id}`), 200)).status;
  const payer = () => kit.as(volunteer, { organisations: [organisationId] });
  const settledRefunds = async (paymentId: string, bookingId?: string) =>
    kit.waitFor(async () => {
      await kit.parts.tasks.runOnce();
      const rows = await kit.sql<{ amount: number; status: string; bookingId: string | null }>(
        `SELECT amount_cents AS amount, status, booking_id AS "bookingId" FROM payment.refund
          WHERE payment_id = $1 AND ($2::uuid IS NULL OR booking_id = $2::uuid)`,
        [paymentId, bookingId ?? null],
      );
      return rows.length > 0 && rows.every((r) => r.status === 'succeeded') ? rows : undefined;
    }, `the refunds of ${paymentId}`);

  it('pays each of the three terms with one checkout, a line per session, confirming its sessions at once', async () => {
    const periods = await scheduleOf(seriesId);
    expect(periods.map((p) => p.key)).toHaveLength(3);
    for (const [index, period] of periods.entries()) {
      const opened = await payer().post<PeriodCheckout>(`/series/${seriesId}/periods/${period.key}/checkout`);
      expect(opened.status).toBe(201);
      expect([...opened.body.bookingIds].sort()).toEqual([...period.bookingIds].sort());
      expect(opened.body.amountCents).toBe(period.bookingIds.length * 3_000);
      const [request] = await kit.sql<{ lines: number }>(
        `SELECT jsonb_array_length(request->'lines')::int AS lines FROM payment.payment WHERE id = $1`,
        [opened.body.paymentId],
      );
      expect(request?.lines).toBe(period.bookingIds.length);
      if (index === 0) {
        // The same open checkout is handed out again; a session of the period cannot be paid on its own.
        const again = await payer().post<PeriodCheckout>(`/series/${seriesId}/periods/${period.key}/checkout`);
        expect([again.status, again.body.paymentId]).toEqual([200, opened.body.paymentId]);
        const alone = await payer().post<{ code: string }>(`/bookings/${period.bookingIds[0]}/checkout`);
        expect([alone.status, alone.body.code]).toEqual([409, 'period_payment_in_progress']);
      }
      expect((await kit.payOnPage(opened.body.checkoutUrl)).status).toBe(303);
      payments.set(period.key, opened.body.paymentId);
      await kit.waitFor(
        async () => (await Promise.all(period.bookingIds.map(statusOf))).every((s) => s === 'confirmed'),
        `the sessions of ${period.key} to be confirmed`,
        20_000,
      );
    }
    const succeeded = await kit.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM payment.payment WHERE series_id = $1 AND status = 'succeeded'`,
      [seriesId],
    );
    expect(succeeded[0]?.n).toBe(3);
    expect((await scheduleOf(seriesId)).map((p) => p.status)).toEqual(['paid', 'paid', 'paid']);
    const view = (await payer().get<SeriesPayment>(`/series/${seriesId}/payment`)).body;
    expect(view.periods.map((p) => [p.key, p.payableCents, p.paidCents])).toEqual(
      periods.map((p) => [p.key, 0, p.bookingIds.length * 3_000]),
    );
    // Paid, nothing left: a new checkout of the period is refused.
    const paidAgain = await payer().post<{ code: string }>(`/series/${seriesId}/periods/${periods[0]?.key}/checkout`);
    expect([paidAgain.status, paidAgain.body.code]).toEqual([409, 'period_nothing_to_pay']);
  });

  it('settles a replayed payment once: no second confirmation, no second event', async () => {
    const [period] = await scheduleOf(seriesId);
    const paymentId = payments.get(period?.key ?? '') ?? '';
    const count = async () =>
      (
        await kit.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM payment.event_outbox WHERE type = 'payment.succeeded' AND payload->>'paymentId' = $1`,
          [paymentId],
        )
      )[0]?.n;
    expect(await count()).toBe(period?.bookingIds.length);
    const [row] = await kit.sql<{ checkoutId: string }>(
      `SELECT checkout_id AS "checkoutId" FROM payment.payment WHERE id = $1`,
      [paymentId],
    );
    await kit.parts.settlement.settleCheckout(row?.checkoutId ?? '');
    expect(await count()).toBe(period?.bookingIds.length);
    const lead = await kit.sql<{ lead: boolean }>(
      `SELECT (payload->'period'->>'lead')::boolean AS lead FROM payment.event_outbox
        WHERE type = 'payment.succeeded' AND payload->>'paymentId' = $1`,
      [paymentId],
    );
    expect(lead.filter((l) => l.lead)).toHaveLength(1);
  });

  it('refunds a session cancelled after its term was paid by the policy’s share of its own price, then the rest', async () => {
    const [, secondTerm] = await scheduleOf(seriesId);
    if (!secondTerm) throw new Error('no second term');
    const paymentId = payments.get(secondTerm.key) ?? '';
    const [cancelledAlone] = secondTerm.bookingIds;
    const cancelled = await expectStatus(
      booking.call<{ refundPercent: number }>(volunteer, 'POST', `/bookings/${cancelledAlone}/cancel`, {
        reason: 'Gymnase indisponible pour le club ce jour-là',
      }),
      200,
    );
    const share = Math.floor((3_000 * cancelled.refundPercent) / 100);
    if (share > 0) {
      const refunds = await settledRefunds(paymentId, cancelledAlone);
      expect(refunds.map((r) => r.amount)).toEqual([share]);
    }
    // The other sessions of the period stay confirmed and paid.
    const others = secondTerm.bookingIds.filter((id) => id !== cancelledAlone);
    expect(new Set(await Promise.all(others.map(statusOf)))).toEqual(new Set(['confirmed']));

    // The rest of the series: each paid session gets the policy's share of its own price back, once.
    const rest = await expectStatus(
      booking.call<{ summary: { applied: number } }>(volunteer, 'POST', `/series/${seriesId}/cancel`, {}),
      200,
    );
    expect(rest.summary.applied).toBe(19);
    for (const session of sessions) {
      const { refundPercent } = await expectStatus(
        booking.call<{ refundPercent: number }>(volunteer, 'GET', `/bookings/${session.id}`),
        200,
      );
      const owed = Math.floor((3_000 * refundPercent) / 100);
      if (owed === 0) continue;
      const [payment] = await kit.sql<{ id: string }>(
        `SELECT payment_id AS id FROM payment.payment_item WHERE booking_id = $1`,
        [session.id],
      );
      const refunds = await settledRefunds(payment?.id ?? '', session.id);
      expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(owed);
    }
    // Never more back than was paid, payment by payment.
    const totals = await kit.sql<{ paid: number; refunded: number }>(
      `SELECT p.amount_cents AS paid, COALESCE(SUM(r.amount_cents), 0)::int AS refunded
         FROM payment.payment p LEFT JOIN payment.refund r ON r.payment_id = p.id
        WHERE p.series_id = $1 GROUP BY p.id`,
      [seriesId],
    );
    for (const total of totals) expect(total.refunded).toBeLessThanOrEqual(total.paid);
  });

  it('refuses the period’s checkout to another organisation, a collège manager and a malformed period', async () => {
    const [period] = await scheduleOf(seriesId);
    const path = `/series/${seriesId}/periods/${period?.key}/checkout`;
    const stranger = await kit.as(member(), { organisations: [randomUUID()] }).post<{ code: string }>(path);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'period_not_payable']);
    const manager = await kit.as(collegeManager, { establishments: [establishmentId] }).post<{ code: string }>(path);
    expect([manager.status, manager.body.code]).toEqual([404, 'period_not_payable']);
    const malformed = await payer().post<{ code: string }>(`/series/${seriesId}/periods/trimestre-1/checkout`);
    expect([malformed.status, malformed.body.code]).toEqual([400, 'validation_failed']);
    // The payment view: the collège's managers see it, another organisation or collège does not.
    expect(
      (await kit.as(collegeManager, { establishments: [establishmentId] }).get(`/series/${seriesId}/payment`)).status,
    ).toBe(200);
    expect((await kit.as(member(), { organisations: [randomUUID()] }).get(`/series/${seriesId}/payment`)).status).toBe(
      404,
    );
    expect((await kit.as(agent(), { establishments: [randomUUID()] }).get(`/series/${seriesId}/payment`)).status).toBe(
      404,
    );
  });

  it('keeps no money for a term released unpaid, even when its payment crosses the release', async () => {
    // Sundays 14:00-16:00, three weeks ahead: one more series, its first term left unpaid past its due date.
    const first = new Date(Date.now() + 22 * DAY);
    while (first.getUTCDay() !== 0) first.setTime(first.getTime() + DAY);
    const series = await createSeries('FREQ=WEEKLY;BYDAY=SU;COUNT=3', first, '14:00');
    await kit.waitFor(async () => (await payableCount(series.id)) === 3, 'the second series to be payable');
    const [term] = await scheduleOf(series.id);
    if (!term) throw new Error('no period');
    const opened = await payer().post<PeriodCheckout>(`/series/${series.id}/periods/${term.key}/checkout`);
    expect(opened.status).toBe(201);

    // The booking service releases the term while the payment service does not hear of it yet.
    await kit.parts.consumer.stop();
    const db = new Client({ connectionString: booking.database.url });
    await db.connect();
    try {
      await db.query(`UPDATE booking.booking SET expires_at = now() - interval '1 minute' WHERE id = ANY($1)`, [
        term.bookingIds,
      ]);
    } finally {
      await db.end();
    }
    await kit.waitFor(
      async () => (await Promise.all(term.bookingIds.map(statusOf))).every((s) => s === 'expired'),
      'the term to be released',
    );
    // The payer pays on the page still open: payment accepts it, not knowing yet.
    expect((await kit.payOnPage(opened.body.checkoutUrl)).status).toBe(303);
    await kit.waitFor(
      async () =>
        (
          await kit.sql<{ status: string }>(`SELECT status FROM payment.payment WHERE id = $1`, [opened.body.paymentId])
        )[0]?.status === 'succeeded',
      'the crossing payment to be settled',
    );
    await kit.parts.consumer.start();
    // Then it learns of the release: the whole amount goes back, and admins are told.
    const refunds = await kit.waitFor(
      async () => {
        const rows = await settledRefunds(opened.body.paymentId);
        return rows.reduce((sum, r) => sum + r.amount, 0) === opened.body.amountCents ? rows : undefined;
      },
      'the late payment refunded in full',
      30_000,
    );
    expect(refunds).toHaveLength(term.bookingIds.length);
    const flags = await kit.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM payment.payment_flag WHERE kind = 'late_payment' AND payment_id = $1`,
      [opened.body.paymentId],
    );
    expect(flags[0]?.n).toBe(term.bookingIds.length);
    expect(new Set(await Promise.all(term.bookingIds.map(statusOf)))).toEqual(new Set(['expired']));
    expect((await scheduleOf(series.id))[0]?.status).toBe('released');
  });

  it('reconciles each term’s payment with its ledger, the provider’s charge and the sessions it paid', async () => {
    // Paid, replayed, partly refunded after cancellations, and a late payment refunded in full: all add up.
    const report = await kit.waitFor(
      async () => {
        const answer = await kit
          .as(collegeManager, { establishments: [establishmentId] })
          .get<{ ok: boolean; periods: { paymentId: string; provider: string; issues: string[] }[] }>(
            `/reconciliation?establishmentId=${establishmentId}`,
          );
        return answer.body.ok ? answer.body : undefined;
      },
      'the reconciliation to balance',
      30_000,
    );
    expect(report.periods.map((period) => period.paymentId)).toEqual(expect.arrayContaining([...payments.values()]));
    expect(report.periods.every((period) => period.provider === 'stripe' && period.issues.length === 0)).toBe(true);
  });
});
