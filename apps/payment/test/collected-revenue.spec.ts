import { randomUUID } from 'node:crypto';
import type { RevenueView } from '@salle/contracts';
import { agent, member, PaymentTestKit } from './payment-test-kit';

describe('revenue collected and refunded, per collège, from the ledger', () => {
  let kit: PaymentTestKit;
  let grenoble: string;
  let allevard: string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const period = `from=${today.slice(0, 4)}-01-01&to=${today}`;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-revenue', { feeBasisPoints: 1_000 });
    ({ establishmentId: grenoble } = await kit.readyCollege());
    ({ establishmentId: allevard } = await kit.readyCollege());
    // Grenoble: 100 € paid, then half refunded on cancellation; Allevard: 40 € paid.
    const paid = await kit.paidBooking(grenoble, 10_000);
    await kit.publish('booking.cancelled', {
      bookingId: paid.bookingId,
      establishmentId: grenoble,
      organisationId: paid.organisationId,
      cancelledBy: 'organisation',
      refundPercent: 50,
      priceCents: 10_000,
      reason: null,
    });
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.ledger_entry WHERE booking_id = $1 AND entry_type = 'refund'`, [
            paid.bookingId,
          ])
        )[0],
      'the refund in the ledger',
    );
    await kit.paidBooking(allevard, 4_000);
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const admin = () => kit.as(agent(['department_admin']));
  const figures = (collected: number, refunded: number) => ({
    collectedCents: collected,
    refundedCents: refunded,
    disputedCents: 0,
    netCents: collected - refunded,
  });

  it('gives the admins every collège’s collected, refunded and net money, per collège and month', async () => {
    const response = await admin().get<RevenueView>(`/revenue?${period}`);
    expect(response.status).toBe(200);
    expect(response.body.totals).toEqual(figures(14_000, 5_000));
    expect(response.body.months).toEqual([{ month: today.slice(0, 7), ...figures(14_000, 5_000) }]);
    expect(response.body.establishments).toEqual(
      expect.arrayContaining([
        { establishmentId: grenoble, ...figures(10_000, 5_000) },
        { establishmentId: allevard, ...figures(4_000, 0) },
      ]),
    );
    expect(response.body.establishments).toHaveLength(2);
  });

  it('counts nothing outside the period', async () => {
    const response = await admin().get<RevenueView>('/revenue?from=2020-01-01&to=2020-12-31');
    expect(response.body).toMatchObject({ totals: figures(0, 0), months: [], establishments: [] });
  });

  it('exports the figures per collège as CSV, in euros with a decimal comma', async () => {
    const response = await admin().get(`/revenue.csv?${period}&establishmentId=${grenoble}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.raw.toString('utf8').split('\r\n')).toEqual([
      '\ufeffCollège (identifiant);Encaissé (EUR);Remboursé (EUR);Contesté (EUR);Net (EUR)',
      `${grenoble};100,00;50,00;0,00;50,00`,
      'Total;100,00;50,00;0,00;50,00',
      '',
    ]);
  });

  it('shows a manager their collèges only, and refuses another collège', async () => {
    const manager = kit.as(agent(), { establishments: [allevard] });
    const own = await manager.get<RevenueView>(`/revenue?${period}`);
    expect(own.status).toBe(200);
    expect(own.body.establishments).toEqual([{ establishmentId: allevard, ...figures(4_000, 0) }]);
    expect(own.body.totals).toEqual(figures(4_000, 0));
    expect((await manager.get(`/revenue?${period}&establishmentId=${grenoble}`)).status).toBe(403);
    expect((await manager.get(`/revenue.csv?${period}&establishmentId=${grenoble}`)).status).toBe(403);
  });

  it('refuses an organisation’s member, a visitor, and a period that ends before it starts', async () => {
    const payer = kit.as(member(), { organisations: [randomUUID()] });
    expect((await payer.get(`/revenue?${period}`)).status).toBe(403);
    expect((await payer.get(`/revenue.csv?${period}`)).status).toBe(403);
    expect((await kit.as(null).get(`/revenue?${period}`)).status).toBe(401);
    const reversed = await admin().get<{ code: string }>('/revenue?from=2026-02-01&to=2026-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.code).toBe('validation_failed');
  });
});
