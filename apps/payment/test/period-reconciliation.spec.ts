import { randomUUID } from 'node:crypto';
import { parisDateKey } from '@salle/contracts';
import { agent, member, PaymentTestKit } from './payment-test-kit';

const PRICE = 3_000;
const KEY = '2026-T2';
const LABEL = '2e trimestre 2026-2027 (janvier à mars)';
const ORGANISATION_NAME = 'Basket Club du Grésivaudan';

interface PeriodLine {
  paymentId: string;
  seriesId: string;
  periodKey: string;
  provider: string;
  amountCents: number;
  bookingIds: string[];
  grossCents: number;
  establishmentShareCents: number;
  departmentShareCents: number;
  issues: string[];
}
interface Report {
  ok: boolean;
  bookings: { bookingId: string }[];
  periods: PeriodLine[];
}

/**
 * Payments of a series' period (one payment for several sessions, whose ledger lines carry no booking) in the
 * reconciliation and the accountant's export: paid online (Stripe sandbox) or at the counter, they reconcile with
 * their sessions, their ledger and the provider's record; a session left unpaid by its period's payment, or a
 * ledger charge that is not the payment's, is reported. The booking service is the kit's stand-in.
 */
describe('period payments in the reconciliation and the accountant’s export', () => {
  let kit: PaymentTestKit;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('period-reconciliation', { feeBasisPoints: 1_000 });
  }, 120_000);
  afterAll(async () => {
    await kit?.stop();
  });

  const manager = (establishmentId: string) => kit.as(agent(), { establishments: [establishmentId] });
  const reconciliation = async (establishmentId: string) => {
    const report = await manager(establishmentId).get<Report>(`/reconciliation?establishmentId=${establishmentId}`);
    expect(report.status).toBe(200);
    return report.body;
  };

  /** Two approved sessions of one series' term, as booking.approved announces them. */
  async function period(establishmentId: string) {
    const seriesId = randomUUID();
    const organisationId = randomUUID();
    const bookingIds: string[] = [];
    for (const week of [1, 2]) {
      const session = await kit.approvedBooking(establishmentId, PRICE, organisationId, {
        startsAt: new Date(Date.now() + (7 + 7 * week) * 86_400_000),
        labels: { organisationName: ORGANISATION_NAME, establishmentName: 'Collège Jean Moulin', spaceName: 'Gymnase' },
        seriesPeriod: { seriesId, key: KEY, label: LABEL },
      });
      bookingIds.push(session.bookingId);
    }
    return { seriesId, organisationId, bookingIds: bookingIds.sort() };
  }

  async function paidOnline(establishmentId: string) {
    const sessions = await period(establishmentId);
    const checkout = await kit
      .as(member(), { organisations: [sessions.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/series/${sessions.seriesId}/periods/${KEY}/checkout`);
    expect(checkout.status).toBe(201);
    expect((await kit.payOnPage(checkout.body.checkoutUrl)).status).toBe(303);
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'succeeded'`, [
            checkout.body.paymentId,
          ])
        )[0],
      'the period payment to succeed',
    );
    return { ...sessions, paymentId: checkout.body.paymentId };
  }

  async function paidAtCounter(establishmentId: string, quittance: string) {
    const sessions = await period(establishmentId);
    const recorded = await manager(establishmentId).post<{ paymentId: string }>(
      `/series/${sessions.seriesId}/periods/${KEY}/counter-payment`,
      { method: 'especes', amountCents: 2 * PRICE, quittance, receivedOn: parisDateKey(new Date()) },
    );
    expect(recorded.status).toBe(201);
    return { ...sessions, paymentId: recorded.body.paymentId };
  }

  it('reconciles a period paid online and one paid at the counter, and names their series in the export', async () => {
    const { establishmentId } = await kit.readyCollege();
    const online = await paidOnline(establishmentId);
    const counter = await paidAtCounter(establishmentId, 'Q-PERIODE-1');

    const report = await reconciliation(establishmentId);
    expect(report.periods).toEqual([
      expect.objectContaining({
        paymentId: online.paymentId,
        seriesId: online.seriesId,
        periodKey: KEY,
        provider: 'stripe',
        amountCents: 2 * PRICE,
        bookingIds: online.bookingIds,
        grossCents: 2 * PRICE,
        // The département's 10 % fee, taken from the collège's transfer.
        establishmentShareCents: 5_400,
        departmentShareCents: 600,
        issues: [],
      }),
      expect.objectContaining({
        paymentId: counter.paymentId,
        seriesId: counter.seriesId,
        provider: 'counter',
        bookingIds: counter.bookingIds,
        grossCents: 2 * PRICE,
        establishmentShareCents: 2 * PRICE,
        issues: [],
      }),
    ]);
    expect(report.ok).toBe(true);
    // Their ledger lines carry the payment, not a booking: no session shows as a booking of its own.
    const bookingLines = report.bookings.map((line) => line.bookingId);
    for (const session of [...online.bookingIds, ...counter.bookingIds]) expect(bookingLines).not.toContain(session);

    const csv = await manager(establishmentId).get(`/establishments/${establishmentId}/accountant-export.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.raw.toString('utf8').split('\r\n');
    const reference = (seriesId: string) =>
      `;${ORGANISATION_NAME};Série ${seriesId} – période ${KEY} (${LABEL});Accepté;`;
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^.*;Paiement;Stripe;;;.*;60,00${escape(reference(online.seriesId))}$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `;Paiement au guichet \\(Espèces\\);Régie du collège \\(guichet\\);;;Q-PERIODE-1;60,00${escape(reference(counter.seriesId))}$`,
        ),
      ),
    );
  });

  it('shows the series’ members and managers a period paid at the counter, with the régie’s details', async () => {
    const { establishmentId } = await kit.readyCollege();
    const counter = await paidAtCounter(establishmentId, 'Q-PERIODE-4');
    const online = await paidOnline(establishmentId);
    for (const [seriesId, organisationId] of [
      [counter.seriesId, counter.organisationId],
      [online.seriesId, online.organisationId],
    ] as const) {
      const asMember = await kit
        .as(member(), { organisations: [organisationId] })
        .get<{ periods: Record<string, unknown>[] }>(`/series/${seriesId}/payment`);
      expect(asMember.status).toBe(200);
      const asManager = await manager(establishmentId).get(`/series/${seriesId}/payment`);
      expect(asManager.body).toEqual(asMember.body);
    }
    const view = await manager(establishmentId).get<{ periods: Record<string, unknown>[] }>(
      `/series/${counter.seriesId}/payment`,
    );
    expect(view.body.periods).toEqual([
      expect.objectContaining({
        key: KEY,
        payableCents: 0,
        paidCents: 2 * PRICE,
        counter: { method: 'especes', quittance: 'Q-PERIODE-4', receivedOn: parisDateKey(new Date()) },
      }),
    ]);
    const paidOnlineView = await manager(establishmentId).get<{ periods: Record<string, unknown>[] }>(
      `/series/${online.seriesId}/payment`,
    );
    expect(paidOnlineView.body.periods).toEqual([expect.objectContaining({ paidCents: 2 * PRICE, counter: null })]);
    // Another collège's manager sees nothing of it.
    expect((await manager(randomUUID()).get(`/series/${counter.seriesId}/payment`)).status).toBe(404);
  });

  it('reports a period whose session still awaits payment, and one whose ledger is not the payment’s charge', async () => {
    const { establishmentId } = await kit.readyCollege();
    const online = await paidOnline(establishmentId);
    const counter = await paidAtCounter(establishmentId, 'Q-PERIODE-2');
    const consistent = await paidAtCounter(establishmentId, 'Q-PERIODE-3');
    expect((await reconciliation(establishmentId)).ok).toBe(true);

    // The period's payment succeeded, but one of its sessions went back to awaiting payment.
    const [unpaid] = online.bookingIds;
    await kit.sql(`UPDATE payment.payable_booking SET status = 'payable' WHERE booking_id = $1`, [unpaid]);
    // The payment names a charge the ledger never recorded.
    await kit.sql(`UPDATE payment.payment SET charge_id = 'counter:other' WHERE id = $1`, [counter.paymentId]);

    const report = await reconciliation(establishmentId);
    expect(report.ok).toBe(false);
    const issuesOf = (paymentId: string) => report.periods.find((line) => line.paymentId === paymentId)?.issues;
    expect(issuesOf(online.paymentId)).toEqual([`session ${unpaid} was paid with its period but still awaits payment`]);
    expect(issuesOf(counter.paymentId)).toEqual([
      "the provider's charge counter:other is not in the ledger",
      `charge counter:${counter.paymentId} in the ledger is not the payment's (counter:other)`,
    ]);
    expect(issuesOf(consistent.paymentId)).toEqual([]);
  });
});

/** A literal string inside a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
