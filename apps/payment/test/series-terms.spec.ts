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
type Period = { key: string; bookingIds: string[]; amountCents: number; dueAt: string | null; status: string };

/**
 * A 20-session series of the real booking service (SERIES_PAYMENT=term), approved at once: payment receives
 * each session with its term's due date, paying a term's sessions confirms those only, and cancelling sessions
 * refunds what was paid for them as the collège's policy says.
 */
describe('a 20-session series paid by school term', () => {
  let kit: PaymentTestKit;
  let booking: RealBookingService;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const volunteer = member();
  let organisationId: string;
  let seriesId: string;
  let sessions: Session[];

  beforeAll(async () => {
    kit = await PaymentTestKit.start('series-terms', { bookingStandIn: false });
    booking = await startRealBookingService(kit, 'series-terms-booking', {
      SERIES_PAYMENT: 'term',
      // Its sweeper releases a period soon after the test moves the period's due date into the past.
      BOOKING_SWEEP_INTERVAL_MS: '300',
    });
    const seeded = await seedPayingCollege(kit, booking, { admin, collegeManager, volunteer });
    organisationId = seeded.organisationId;
    // Saturdays 10:00-12:00 (30 €) from three weeks ahead.
    const first = new Date(Date.now() + 21 * DAY);
    while (first.getUTCDay() !== 6) first.setTime(first.getTime() + DAY);
    const created = await expectStatus(
      booking.call<{ series: { id: string; occurrences: Session[] } }>(volunteer, 'POST', '/series', {
        spaceId: seeded.spaceId,
        organisationId,
        rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20',
        firstDate: first.toISOString().slice(0, 10),
        startTime: '10:00',
        durationMinutes: 120,
        purpose: 'Entraînement',
      }),
      201,
    );
    seriesId = created.series.id;
    sessions = created.series.occurrences;
    await expectStatus(booking.call(collegeManager, 'POST', `/series/${seriesId}/approve`, {}), 200);
    await kit.waitFor(
      async () => (await kit.sql<{ n: number }>(`SELECT count(*)::int AS n FROM payment.payable_booking`))[0]?.n === 20,
      'the 20 sessions to be payable',
    );
  }, 180_000);
  afterAll(async () => {
    await booking?.stop();
    await kit?.stop();
  });

  const schedule = async () =>
    (await expectStatus(booking.call<{ paymentSchedule: Period[] }>(volunteer, 'GET', `/series/${seriesId}`), 200))
      .paymentSchedule;
  const statusOf = async (id: string) =>
    (await expectStatus(booking.call<{ status: string }>(volunteer, 'GET', `/bookings/${id}`), 200)).status;

  it('receives each session with its term’s due date, before the term’s first session', async () => {
    const periods = await schedule();
    expect(periods.length).toBeGreaterThanOrEqual(2);
    expect(periods.reduce((sum, p) => sum + p.amountCents, 0)).toBe(20 * 3_000);
    const payable = await kit.sql<{ id: string; due: Date; starts: Date }>(
      `SELECT booking_id AS id, payment_due_at AS due, starts_at AS starts FROM payment.payable_booking`,
    );
    for (const period of periods) {
      const rows = payable.filter((row) => period.bookingIds.includes(row.id));
      expect(rows).toHaveLength(period.bookingIds.length);
      const dues = new Set(rows.map((row) => row.due.toISOString()));
      expect([...dues]).toEqual([period.dueAt]);
      const first = Math.min(...rows.map((row) => row.starts.getTime()));
      expect(Date.parse(period.dueAt ?? '')).toBeLessThanOrEqual(first);
    }
  });

  it('releases an unpaid term at its due date and keeps no money for it, even paid as it is released', async () => {
    const [, secondTerm] = await schedule();
    if (!secondTerm) throw new Error('the series should span two terms');
    const [raced] = secondTerm.bookingIds;
    const payer = kit.as(volunteer, { organisations: [organisationId] });
    const checkout = await payer.post<{ checkoutUrl: string }>(`/bookings/${raced}/checkout`);
    expect(checkout.status).toBe(201);
    // The term's due date passes: the booking service's sweeper releases its sessions.
    const db = new Client({ connectionString: booking.database.url });
    await db.connect();
    try {
      await db.query(`UPDATE booking.booking SET expires_at = now() - interval '1 minute' WHERE id = ANY($1)`, [
        secondTerm.bookingIds,
      ]);
    } finally {
      await db.end();
    }
    await kit.waitFor(
      async () => (await Promise.all(secondTerm.bookingIds.map(statusOf))).every((s) => s === 'expired'),
      'the second term to be released',
    );
    // The payer pays on the page that was still open: accepted or refused, the money does not stay.
    await kit.payOnPage(checkout.body.checkoutUrl);
    // Money taken is every payment the provider captured: accepted, or recorded `rejected` as late and refunded.
    const kept = async () => {
      await kit.parts.tasks.runOnce();
      const [row] = await kit.sql<{ paid: number; refunded: number }>(
        `SELECT coalesce((SELECT sum(amount_cents) FROM payment.payment WHERE booking_id = $1 AND paid_at IS NOT NULL), 0)::int AS paid,
                coalesce((SELECT sum(amount_cents) FROM payment.refund WHERE booking_id = $1 AND status = 'succeeded'), 0)::int AS refunded`,
        [raced],
      );
      return row && row.paid === row.refunded ? row : undefined;
    };
    await kit.waitFor(kept, 'no money kept for the released session', 20_000);
    expect(await statusOf(raced ?? '')).toBe('expired');
    // The first term, still to pay, and the later ones are untouched.
    const periods = await schedule();
    expect(periods.map((p) => p.status)).toEqual(
      periods.map((p) => (p.key === secondTerm.key ? 'released' : 'to_pay')),
    );
  });

  it('confirms exactly the paid term’s sessions, then refunds cancelled ones as the policy says', async () => {
    const [firstTerm] = await schedule();
    if (!firstTerm) throw new Error('no period');
    const payer = kit.as(volunteer, { organisations: [organisationId] });
    for (const id of firstTerm.bookingIds) {
      const checkout = await payer.post<{ checkoutUrl: string }>(`/bookings/${id}/checkout`);
      expect(checkout.status).toBe(201);
      expect((await kit.payOnPage(checkout.body.checkoutUrl)).status).toBe(303);
    }
    await kit.waitFor(
      async () => (await Promise.all(firstTerm.bookingIds.map(statusOf))).every((s) => s === 'confirmed'),
      'the first term to be confirmed',
    );
    const released = new Set((await schedule()).filter((p) => p.status === 'released').flatMap((p) => p.bookingIds));
    const others = sessions.filter((s) => !firstTerm.bookingIds.includes(s.id) && !released.has(s.id));
    const otherStatuses = await Promise.all(others.map((s) => statusOf(s.id)));
    expect(otherStatuses.filter((status) => status !== 'awaiting_payment')).toEqual([]);
    expect((await schedule())[0]).toMatchObject({ key: firstTerm.key, status: 'paid' });

    // The organisation cancels the rest of the series: paid sessions are refunded per the policy, unpaid ones close.
    const cancelled = await expectStatus(
      booking.call<{ summary: { applied: number } }>(volunteer, 'POST', `/series/${seriesId}/cancel`, {}),
      200,
    );
    expect(cancelled.summary.applied).toBe(20 - released.size);
    for (const id of firstTerm.bookingIds) {
      const refunds = await kit.waitFor(async () => {
        await kit.parts.tasks.runOnce();
        const rows = await kit.sql<{ amount: number; status: string }>(
          `SELECT amount_cents AS amount, status FROM payment.refund WHERE booking_id = $1`,
          [id],
        );
        return rows.length > 0 && rows.every((r) => r.status === 'succeeded') ? rows : undefined;
      }, `the refund of ${id}`);
      const { refundPercent } = await expectStatus(
        booking.call<{ refundPercent: number }>(volunteer, 'GET', `/bookings/${id}`),
        200,
      );
      expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(Math.floor((3_000 * refundPercent) / 100));
    }
    const unpaidRefunds = await kit.sql(`SELECT 1 FROM payment.refund WHERE booking_id = ANY($1)`, [
      others.map((s) => s.id),
    ]);
    expect(unpaidRefunds).toEqual([]);
  });
});
