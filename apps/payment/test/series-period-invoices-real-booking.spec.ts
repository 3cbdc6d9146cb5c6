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

/**
 * A commune's 20-session series of the real booking service (SERIES_PAYMENT=term), approved in one action: the
 * payment service issues one invoice per term, with a line per session of the term.
 */
describe('a commune’s series invoiced per term, with the real booking service', () => {
  let kit: PaymentTestKit;
  let booking: RealBookingService;
  const admin = agent(['department_admin']);
  const collegeManager: Caller = { ...agent(), siret: '19380002600018' };
  const volunteer = member();
  const clerk = member();
  let seriesId: string;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('series-period-invoices', { bookingStandIn: false });
    booking = await startRealBookingService(kit, 'series-period-invoices-booking', { SERIES_PAYMENT: 'term' });
    const { spaceId } = await seedPayingCollege(kit, booking, { admin, collegeManager, volunteer });
    await expectStatus(
      booking.call(collegeManager, 'PATCH', `/spaces/${spaceId}`, { allowedCategories: ['association', 'commune'] }),
      200,
    );
    await expectStatus(
      booking.call(collegeManager, 'PUT', `/spaces/${spaceId}/tariffs`, {
        tariffs: [
          { category: 'association', hourlyCents: 1_500 },
          { category: 'commune', hourlyCents: 1_600 },
        ],
      }),
      200,
    );
    const { id: communeId } = await expectStatus(
      booking.call<{ id: string }>(clerk, 'POST', '/organisations', {
        name: 'Mairie d’Allevard',
        kind: 'commune',
        siren: '213801855',
        address: '2 place de la Mairie',
        postalCode: '38580',
        communeName: 'Allevard',
        eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
        republicanContractAcknowledged: true,
        insuranceReference: 'SMACL 42',
        insuranceExpiresOn: '2099-08-31',
      }),
      201,
    );
    await expectStatus(booking.call(admin, 'POST', `/organisations/${communeId}/verify`), 200);
    // Saturdays 10:00-12:00 (32 €) from three weeks ahead: 20 weeks always reach a second term.
    const first = new Date(Date.now() + 21 * DAY);
    while (first.getUTCDay() !== 6) first.setTime(first.getTime() + DAY);
    const created = await expectStatus(
      booking.call<{ series: { id: string } }>(clerk, 'POST', '/series', {
        spaceId,
        organisationId: communeId,
        rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20',
        firstDate: first.toISOString().slice(0, 10),
        startTime: '10:00',
        durationMinutes: 120,
        publicPayer: { siret: '21380185500015', engagementNumber: 'EJ-2026-0123' },
      }),
      201,
    );
    seriesId = created.series.id;
  }, 180_000);
  afterAll(async () => {
    await booking?.stop();
    await kit?.stop();
  });

  it('issues one invoice per term, with a line per session, once every session is confirmed', async () => {
    await expectStatus(booking.call(collegeManager, 'POST', `/series/${seriesId}/approve`, {}), 200);
    const schedule = (
      await expectStatus(
        booking.call<{ paymentSchedule: { key: string; bookingIds: string[] }[] }>(clerk, 'GET', `/series/${seriesId}`),
        200,
      )
    ).paymentSchedule;
    expect(schedule.length).toBeGreaterThanOrEqual(2);
    const invoices = () =>
      kit.sql<{ key: string; lines: number; amount: number; booking: string | null }>(
        `SELECT i.period_key AS key, i.amount_cents AS amount, i.booking_id AS booking,
                (SELECT count(*)::int FROM payment.invoice_line l WHERE l.invoice_id = i.id) AS lines
           FROM payment.invoice i WHERE i.series_id = $1 ORDER BY i.period_key`,
        [seriesId],
      );
    await kit.waitFor(async () => (await invoices()).length === schedule.length, 'one invoice per term');
    // Every session's booking.confirmed consumed: still one invoice per term, none per session.
    const db = new Client({ connectionString: booking.database.url });
    await db.connect();
    try {
      const confirmed = await db.query<{ id: string }>(
        `SELECT o.id FROM booking.event_outbox o JOIN booking.booking b ON b.id::text = o.aggregate_id::text
          WHERE b.series_id = $1 AND o.type = 'booking.confirmed'`,
        [seriesId],
      );
      expect(confirmed.rows).toHaveLength(20);
      for (const { id } of confirmed.rows) await kit.consumed(id);
    } finally {
      await db.end();
    }
    expect(await kit.sql(`SELECT 1 FROM payment.invoice WHERE series_id IS NULL`)).toEqual([]);
    expect(await invoices()).toEqual(
      [...schedule]
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((period) => ({
          key: period.key,
          lines: period.bookingIds.length,
          amount: period.bookingIds.length * 3_200,
          booking: null,
        })),
    );
  });
});
