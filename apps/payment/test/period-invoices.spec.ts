import { randomUUID } from 'node:crypto';
import type { InvoiceView } from '@salle/contracts';
import { ciiValue, violatedRules } from './en16931-rules';
import { readFacturXPdf } from './factur-x-pdf';
import { agent, member, PaymentTestKit } from './payment-test-kit';
import { issueInvoice } from '../src/invoices/invoice-store';

const WEEK = 7 * 86_400_000;

/**
 * A commune's weekly series, invoiced by term: booking.confirmed of each session carries its period and the
 * period's sessions; the payment service issues one invoice per period, with a line per session, once.
 */
describe('one invoice per series period for public payers', () => {
  let kit: PaymentTestKit;
  const college = randomUUID();
  const commune = randomUUID();
  const spaceId = randomUUID();
  const clerk = member();
  const manager = agent();
  const payer = { siret: '21380185500015', engagementNumber: 'EJ-2026-0077' };
  const labels = {
    organisationName: 'Mairie d’Allevard',
    establishmentName: 'Collège Vaussenat',
    spaceName: 'Gymnase',
  };

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-period-invoices');
  }, 90_000);
  afterAll(() => kit?.stop());

  const asClerk = () => kit.as(clerk, { organisations: [commune] });
  const asManager = () => kit.as(manager, { establishments: [college] });

  /** The sessions of a term: weekly, 2 hours, 3200 cents each. */
  function term(seriesId: string, key: string, count: number, firstAt: Date) {
    const sessions = Array.from({ length: count }, (_, index) => {
      const startsAt = new Date(firstAt.getTime() + index * WEEK);
      return {
        bookingId: randomUUID(),
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        priceCents: 3200,
      };
    });
    return { seriesId, key, label: `Trimestre ${key}`, sessions };
  }

  /** booking.confirmed of one session, as the booking service writes it; returns the event id (not awaited). */
  function confirmSession(period: ReturnType<typeof term>, session: ReturnType<typeof term>['sessions'][number]) {
    return kit.publish('booking.confirmed', {
      bookingId: session.bookingId,
      establishmentId: college,
      organisationId: commune,
      spaceId,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      priceCents: session.priceCents,
      paymentId: null,
      invoice: { payer, labels, establishmentSiret: '19380009800017', seriesPeriod: period },
    });
  }

  async function confirmTerm(period: ReturnType<typeof term>) {
    // Every session's event at once, as the approval of a series writes them: one invoice all the same.
    const ids = await Promise.all(period.sessions.map((session) => confirmSession(period, session)));
    for (const id of ids) await kit.consumed(id);
    return ids;
  }

  const viewOf = async (bookingId: string) => (await asClerk().get<InvoiceView>(`/bookings/${bookingId}/invoice`)).body;

  it('issues one invoice per term with a line per session, once under redelivery and concurrency', async () => {
    const seriesId = randomUUID();
    const first = term(seriesId, '2026-T1', 4, new Date(Date.now() + WEEK));
    const second = term(seriesId, '2026-T2', 3, new Date(Date.now() + 20 * WEEK));
    const [eventId] = await confirmTerm(first);
    await confirmTerm(second);
    await kit.consumed(await kit.republish(eventId ?? ''));

    const invoices = await kit.sql<{ number: string; amount: number; lines: number; booking: string | null }>(
      `SELECT i.number, i.amount_cents AS amount, i.booking_id AS booking,
              (SELECT count(*)::int FROM payment.invoice_line l WHERE l.invoice_id = i.id) AS lines
         FROM payment.invoice i WHERE i.series_id = $1 ORDER BY i.period_key`,
      [seriesId],
    );
    expect(invoices).toEqual([
      { number: expect.stringMatching(/^FA-\d{4}-\d{6}$/), amount: 12_800, lines: 4, booking: null },
      { number: expect.stringMatching(/^FA-\d{4}-\d{6}$/), amount: 9600, lines: 3, booking: null },
    ]);
    for (const session of first.sessions) {
      expect(await viewOf(session.bookingId)).toMatchObject({
        bookingId: session.bookingId,
        number: invoices[0]?.number,
        amountCents: 12_800,
        status: 'issued',
      });
    }

    const pdf = await readFacturXPdf(
      (await asManager().get(`/bookings/${first.sessions[2]?.bookingId}/invoice.pdf`)).raw,
    );
    const xml = pdf.attachments[0]?.xml ?? '';
    expect(violatedRules(xml)).toEqual([]);
    expect(xml.match(/<ram:IncludedSupplyChainTradeLineItem>/g)).toHaveLength(4);
    const totals = ['SupplyChainTradeTransaction', 'ApplicableHeaderTradeSettlement'];
    expect(ciiValue(xml, ...totals, 'SpecifiedTradeSettlementHeaderMonetarySummation', 'DuePayableAmount')).toBe(
      '128.00',
    );
    expect(pdf.text).toContain('Trimestre 2026-T1');
    expect(pdf.text).toContain('Séance du');

    // A session confirmed after its period's invoice was issued: an invoice of its own (the issued one is kept).
    const late = term(seriesId, '2026-T1', 1, new Date(Date.now() + 6 * WEEK));
    const lateSession = late.sessions[0];
    if (!lateSession) throw new Error('no session');
    await kit.consumed(await confirmSession({ ...first, sessions: [...first.sessions, lateSession] }, lateSession));
    expect(await viewOf(lateSession.bookingId)).toMatchObject({ amountCents: 3200, status: 'issued' });
    expect((await viewOf(lateSession.bookingId)).number).not.toBe(invoices[0]?.number);
    const stillOne = await kit.sql(`SELECT 1 FROM payment.invoice WHERE series_id = $1`, [seriesId]);
    expect(stillOne).toHaveLength(2);
  });

  it('issues one invoice, and takes one number, when two sessions of a period are issued in two transactions at once', async () => {
    const period = term(randomUUID(), '2026-T4', 2, new Date(Date.now() + 40 * WEEK));
    const counter = async () =>
      (
        await kit.sql<{ last: number }>(
          `SELECT COALESCE(max(last), 0) AS last FROM payment.invoice_counter WHERE kind = 'invoice'`,
        )
      )[0]?.last ?? 0;
    const before = await counter();
    const issuedAt = new Date();
    await Promise.all(
      period.sessions.map((session) =>
        kit.dataSource.transaction((manager) =>
          issueInvoice(
            manager,
            {
              bookingId: session.bookingId,
              establishmentId: college,
              organisationId: commune,
              spaceId,
              startsAt: session.startsAt,
              endsAt: session.endsAt,
              priceCents: session.priceCents,
              paymentId: null,
              invoice: { payer, labels, establishmentSiret: null, establishmentUai: '0380014L', seriesPeriod: period },
            },
            issuedAt,
          ),
        ),
      ),
    );
    const rows = await kit.sql<{ lines: number }>(
      `SELECT (SELECT count(*)::int FROM payment.invoice_line l WHERE l.invoice_id = i.id) AS lines
         FROM payment.invoice i WHERE i.series_id = $1`,
      [period.seriesId],
    );
    expect(rows).toEqual([{ lines: 2 }]);
    expect(await counter()).toBe(before + 1);
  });

  it('credits a session cancelled after issue, lists the period invoice once in the export, and paid is all sessions paid', async () => {
    const seriesId = randomUUID();
    const period = term(seriesId, '2026-T3', 3, new Date(Date.now() + 30 * WEEK));
    await confirmTerm(period);
    const [cancelled, kept] = period.sessions;
    if (!cancelled || !kept) throw new Error('no session');
    expect((await asClerk().get(`/bookings/${cancelled.bookingId}/credit-note.pdf`)).status).toBe(409);
    await kit.consumed(
      await kit.publish('booking.cancelled', {
        bookingId: cancelled.bookingId,
        establishmentId: college,
        organisationId: commune,
        cancelledBy: 'organisation',
        refundPercent: 100,
        priceCents: 3200,
        reason: null,
        cancelledFrom: 'confirmed',
      }),
    );
    const credited = await viewOf(cancelled.bookingId);
    expect(credited).toMatchObject({ status: 'issued', creditNoteNumber: expect.stringMatching(/^AV-\d{4}-\d{6}$/) });
    expect((await viewOf(kept.bookingId)).creditNoteNumber).toBeNull();
    expect((await asClerk().get(`/bookings/${kept.bookingId}/credit-note.pdf`)).status).toBe(409);

    const creditNote = await readFacturXPdf(
      (await asClerk().get(`/bookings/${cancelled.bookingId}/credit-note.pdf`)).raw,
    );
    const xml = creditNote.attachments[0]?.xml ?? '';
    expect(violatedRules(xml)).toEqual([]);
    expect(ciiValue(xml, 'ExchangedDocument', 'TypeCode')).toBe('381');
    expect(ciiValue(xml, 'ExchangedDocument', 'ID')).toBe(credited.creditNoteNumber);
    const settlement = ['SupplyChainTradeTransaction', 'ApplicableHeaderTradeSettlement'];
    expect(ciiValue(xml, ...settlement, 'InvoiceReferencedDocument', 'IssuerAssignedID')).toBe(credited.number);
    expect(ciiValue(xml, ...settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation', 'GrandTotalAmount')).toBe(
      '32.00',
    );

    const csv = (await asManager().get(`/establishments/${college}/accountant-export.csv`)).raw.toString('utf8');
    const rows = csv.split('\r\n');
    expect(rows.filter((row) => row.includes(`;Facture ${credited.number};`))).toEqual([
      expect.stringMatching(new RegExp(`;96,00;Mairie d’Allevard;Série ${seriesId} \\(Trimestre 2026-T3\\);Émise`)),
    ]);
    expect(rows).toContainEqual(
      expect.stringMatching(
        new RegExp(`;Avoir ${credited.creditNoteNumber};.*;-32,00;.*;${cancelled.bookingId};Avoir émis;$`),
      ),
    );

    // The organisation may not record the payment; the collège records it once, for every session of the period.
    expect((await asClerk().post(`/bookings/${kept.bookingId}/invoice/paid`, { paymentReference: 'M-1' })).status).toBe(
      403,
    );
    const paid = await asManager().post<InvoiceView>(`/bookings/${kept.bookingId}/invoice/paid`, {
      paymentReference: 'MANDAT-2026-500',
    });
    expect(paid.status).toBe(200);
    for (const session of period.sessions) {
      expect(await viewOf(session.bookingId)).toMatchObject({ status: 'paid', paymentReference: 'MANDAT-2026-500' });
    }
    const again = await asManager().post(`/bookings/${period.sessions[2]?.bookingId}/invoice/paid`, {
      paymentReference: 'MANDAT-X',
    });
    expect(again.status).toBe(409);
    // Another collège's manager sees none of it.
    const outsider = kit.as(agent(), { establishments: [randomUUID()] });
    expect((await outsider.get(`/bookings/${kept.bookingId}/invoice`)).status).toBe(404);
  });
});
