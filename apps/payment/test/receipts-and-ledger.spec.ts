import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { pdfText } from './pdf-text';
import { agent, member, PaymentTestKit } from './payment-test-kit';

describe('receipts, ledger export, payouts, disputes and reconciliation', () => {
  let kit: PaymentTestKit;
  let establishmentId: string;
  let accountId: string;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-ledger', { feeBasisPoints: 1_000 });
    ({ establishmentId, accountId } = await kit.readyCollege());
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const manager = () => kit.as(agent(), { establishments: [establishmentId] });
  const admin = () => kit.as(agent(['department_admin']));

  it('gives a French PDF receipt to the organisation and the collège, and to no one else', async () => {
    const paid = await kit.paidBooking(establishmentId, 10_000);
    const path = `/bookings/${paid.bookingId}/receipt.pdf`;
    const forPayer = await kit.as(member(), { organisations: [paid.organisationId] }).get(path);
    expect(forPayer.status).toBe(200);
    expect(forPayer.headers.get('content-type')).toBe('application/pdf');
    expect(forPayer.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(forPayer.raw);
    expect(text).toContain('Reçu de paiement');
    expect(text).toContain('Montant payé\u00a0:');
    expect(text).toMatch(/Reçu n° \d{4}-\d{6}/);
    expect(text).toContain('100,00\u00a0€');
    expect(text).toContain('90,00\u00a0€');
    expect(text).toContain('10,00\u00a0€');
    expect(text).toContain(paid.bookingId);
    expect(text).toMatch(/pi_\w+/);
    expect(text).toContain('Il ne constitue pas une facture.');

    expect((await manager().get(path)).status).toBe(200);
    expect((await admin().get(path)).status).toBe(200);
    expect((await kit.as(member(), { organisations: [randomUUID()] }).get(path)).status).toBe(404);
    expect((await kit.as(agent(), { establishments: [randomUUID()] }).get(path)).status).toBe(404);
    expect((await kit.as(null).get(path)).status).toBe(401);

    const unpaid = await kit.approvedBooking(establishmentId);
    const none = await kit
      .as(member(), { organisations: [unpaid.organisationId] })
      .get(`/bookings/${unpaid.bookingId}/receipt.pdf`);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 'receipt_not_available' });
  });

  it('names the organisation, the collège and the space, and writes times in French, on the checkout and the receipt', async () => {
    const labels = {
      organisationName: 'Basket Club de Crolles',
      establishmentName: 'Collège Jean Moulin',
      spaceName: 'Gymnase du collège',
    };
    const startsAt = DateTime.now()
      .setZone('Europe/Paris')
      .plus({ days: 7 })
      .set({ hour: 18, minute: 0, second: 0, millisecond: 0 })
      .toJSDate();
    const booking = await kit.approvedBooking(establishmentId, 3_200, randomUUID(), { labels, startsAt });
    const payer = kit.as(booking.payer, { organisations: [booking.organisationId] });
    // PDF and HTML keep the no-break spaces of French typography; compare on plain spaces.
    const plain = (text: string) => text.replace(/\u00a0/g, ' ');

    const checkout = await payer.post<{ paymentId: string; checkoutUrl: string }>(
      `/bookings/${booking.bookingId}/checkout`,
    );
    expect(checkout.status).toBe(201);
    const [sent] = await kit.sql<{ label: string }>(
      `SELECT request->>'label' AS label FROM payment.payment WHERE id = $1`,
      [checkout.body.paymentId],
    );
    expect(plain(sent?.label ?? '')).toMatch(
      /^Gymnase du collège – Collège Jean Moulin – \S+ \d{1,2} \S+ \d{4}, 18 h – 20 h$/,
    );
    // The provider's hosted page shows the payer that line.
    const page = plain(await (await fetch(checkout.body.checkoutUrl)).text());
    expect(page).toContain(`${plain(sent?.label ?? '')}</td>`);
    expect((await kit.payOnPage(checkout.body.checkoutUrl)).status).toBe(303);
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'succeeded'`, [
            checkout.body.paymentId,
          ])
        )[0],
      'the payment',
    );

    const receipt = await payer.get(`/bookings/${booking.bookingId}/receipt.pdf`);
    expect(receipt.status).toBe(200);
    const text = plain(pdfText(receipt.raw));
    for (const name of Object.values(labels)) expect(text).toContain(name);
    expect(text).toContain(`pour le compte de ${labels.establishmentName}`);
    expect(text).not.toMatch(/Organisation [0-9a-f]{8}|Établissement [0-9a-f]{8}|Espace [0-9a-f]{8}/);
    expect(text).toMatch(/, 18 h – 20 h/);
    expect(text).toMatch(/\d{4} à \d{1,2} h/);
    expect(text).not.toMatch(/\d{2}:\d{2}/);
  });

  it('exports the collège’s ledger as a CSV for its accountant', async () => {
    const paid = await kit.paidBooking(establishmentId, 12_345);
    const csv = await manager().get(`/establishments/${establishmentId}/ledger.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="grand-livre-/);
    const text = csv.raw.toString('utf8');
    expect(text.startsWith('\ufeffDate (heure de Paris);Réservation;Opération;Montant (EUR)')).toBe(true);
    const lines = text.split('\r\n').filter((line) => line.includes(paid.bookingId));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2};${paid.bookingId};Reversement au collège;123,45;py_`),
    );
    expect(lines[1]).toContain(';Frais du département;-12,34;fee_');
    expect(text).toContain(';Solde de la période;');
    const future = await manager().get(`/establishments/${establishmentId}/ledger.csv?from=2099-01-01`);
    expect(future.raw.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
    expect((await manager().get(`/establishments/${establishmentId}/ledger.csv?from=2026-13-01`)).status).toBe(400);
    expect(
      (await kit.as(agent(), { establishments: [randomUUID()] }).get(`/establishments/${establishmentId}/ledger.csv`))
        .status,
    ).toBe(403);
  });

  it('records a payout with the transactions it swept and reconciles it', async () => {
    await kit.paidBooking(establishmentId, 5_000);
    const payout = await kit.sandboxControl<{ id: string; amount: number }>(`/accounts/${accountId}/payouts`);
    await kit.waitFor(
      async () =>
        (await kit.sql(`SELECT 1 FROM payment.ledger_entry WHERE provider_object_id = $1`, [payout.body.id]))[0],
      'the payout',
    );
    const report = await manager().get<{
      ok: boolean;
      payouts: { payoutId: string; amountCents: number; itemsCents: number; issues: string[] }[];
    }>(`/reconciliation?establishmentId=${establishmentId}`);
    expect(report.body.payouts).toEqual([
      {
        payoutId: payout.body.id,
        establishmentId,
        amountCents: payout.body.amount,
        itemsCents: payout.body.amount,
        issues: [],
      },
    ]);
    expect(report.body.ok).toBe(true);
  });

  it('flags a dispute for the admins and records it', async () => {
    const paid = await kit.paidBooking(establishmentId, 7_000);
    const [charge] = await kit.sql<{ charge_id: string }>(`SELECT charge_id FROM payment.payment WHERE id = $1`, [
      paid.paymentId,
    ]);
    await kit.sandboxControl(`/charges/${charge?.charge_id}/disputes`);
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payment_flag WHERE booking_id = $1 AND kind = 'dispute'`, [
            paid.bookingId,
          ])
        )[0],
      'the dispute flag',
    );
    expect((await kit.ledger(paid.bookingId)).filter((entry) => entry.entryType === 'dispute')).toEqual([
      { party: 'platform', entryType: 'dispute', amountCents: -7_000 },
    ]);
    const report = await admin().get<{
      ok: boolean;
      bookings: { bookingId: string; disputedCents: number; issues: string[] }[];
    }>('/reconciliation');
    expect(report.body.bookings.find((b) => b.bookingId === paid.bookingId)).toMatchObject({
      disputedCents: 7_000,
      issues: [],
    });
  });

  it('keeps money received for no known booking in a balanced suspense account, matched in the collège’s payout', async () => {
    type Report = {
      ok: boolean;
      bookings: { bookingId: string }[];
      suspense: {
        paymentId: string;
        bookingId: string | null;
        grossCents: number;
        refundedCents: number;
        issues: string[];
      }[];
      payouts: { payoutId: string; issues: string[] }[];
    };
    const college = await kit.readyCollege();
    await kit.paidBooking(college.establishmentId, 3_000);
    const unknown = randomUUID();
    const pay = async (amount: number, bookingId: string | null) => {
      const session = await kit.stripeApi<{ id: string; url: string }>('POST', '/v1/checkout/sessions', {
        mode: 'payment',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'eur',
        'line_items[0][price_data][unit_amount]': String(amount),
        'line_items[0][price_data][product_data][name]': 'Réservation',
        'payment_intent_data[transfer_data][destination]': college.accountId,
        ...(bookingId ? { 'metadata[booking_id]': bookingId } : {}),
        success_url: 'http://127.0.0.1:3000/ok',
      });
      await kit.payOnPage(session.url);
      const [payment] = await kit.waitFor(
        async () =>
          kit
            .sql<{ id: string }>(`SELECT id FROM payment.payment WHERE checkout_id = $1 AND status = 'rejected'`, [
              session.id,
            ])
            .then((found) => found.length > 0 && found),
        'the rejected payment',
      );
      await kit.waitFor(
        async () =>
          (
            await kit.sql(
              `SELECT 1 FROM payment.ledger_entry WHERE payment_id = $1 AND entry_type = 'transfer_reversal' AND party = 'establishment'`,
              [payment?.id],
            )
          )[0],
        'the full refund in the ledger',
      );
      return payment?.id ?? '';
    };
    const forUnknownBooking = await pay(2_500, unknown);
    const forNoBooking = await pay(1_500, null);
    const payout = await kit.sandboxControl<{ id: string }>(`/accounts/${college.accountId}/payouts`);
    await kit.waitFor(
      async () =>
        (await kit.sql(`SELECT 1 FROM payment.ledger_entry WHERE provider_object_id = $1`, [payout.body.id]))[0],
      'the payout',
    );

    const mine = await kit
      .as(agent(), { establishments: [college.establishmentId] })
      .get<Report>(`/reconciliation?establishmentId=${college.establishmentId}`);
    expect(mine.body.suspense).toEqual([
      expect.objectContaining({
        paymentId: forUnknownBooking,
        bookingId: unknown,
        grossCents: 2_500,
        refundedCents: 2_500,
        issues: [],
      }),
      expect.objectContaining({
        paymentId: forNoBooking,
        bookingId: null,
        grossCents: 1_500,
        refundedCents: 1_500,
        issues: [],
      }),
    ]);
    expect(mine.body.payouts).toEqual([expect.objectContaining({ payoutId: payout.body.id, issues: [] })]);
    expect(mine.body.ok).toBe(true);
    const all = await admin().get<Report>('/reconciliation');
    expect(all.body.suspense.map((entry) => entry.paymentId)).toEqual(
      expect.arrayContaining([forUnknownBooking, forNoBooking]),
    );
    expect(all.body.bookings.map((booking) => booking.bookingId)).not.toContain(unknown);
    expect(all.body.ok).toBe(true);
  });

  it('reports a ledger that does not add up', async () => {
    const paid = await kit.paidBooking(establishmentId, 4_000);
    // A refund made from the provider's dashboard without taking the collège's share back.
    const [payment] = await kit.sql<{ payment_reference: string; charge_id: string }>(
      `SELECT payment_reference, charge_id FROM payment.payment WHERE id = $1`,
      [paid.paymentId],
    );
    await kit.stripeApi('POST', '/v1/refunds', { payment_intent: payment?.payment_reference ?? '', amount: '1000' });
    await kit.waitFor(
      async () =>
        (
          await kit.sql(
            `SELECT 1 FROM payment.refund WHERE booking_id = $1 AND cause = 'external' AND status = 'succeeded'`,
            [paid.bookingId],
          )
        )[0],
      'the external refund',
    );
    expect(
      (await kit.paymentEvents('payment.refunded')).find((e) => e.payload['bookingId'] === paid.bookingId)?.payload,
    ).toMatchObject({ amountCents: 1_000, refundPercent: 25 });
    const report = await admin().get<{ ok: boolean; bookings: { bookingId: string; issues: string[] }[] }>(
      '/reconciliation',
    );
    expect(report.body.ok).toBe(false);
    expect(report.body.bookings.find((b) => b.bookingId === paid.bookingId)?.issues.join(' ')).toMatch(
      /gross − refunded/,
    );
    expect((await manager().get('/reconciliation')).status).toBe(403);
  });

  it('keeps the ledger append-only', async () => {
    await expect(kit.sql(`UPDATE payment.ledger_entry SET amount_cents = amount_cents + 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(kit.sql(`DELETE FROM payment.ledger_entry`)).rejects.toThrow(/append-only/);
    await expect(kit.sql(`TRUNCATE payment.ledger_entry`)).rejects.toThrow(/append-only/);
  });
});
