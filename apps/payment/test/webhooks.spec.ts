import { randomUUID } from 'node:crypto';
import { STRIPE_SANDBOX_DEFAULTS } from '@salle/contracts';
import { agent, PaymentTestKit } from './payment-test-kit';

describe('webhooks at /webhooks/stripe', () => {
  let kit: PaymentTestKit;
  let establishmentId: string;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-webhooks');
    ({ establishmentId } = await kit.readyCollege());
  });
  afterEach(async () => {
    await kit.resetFaults();
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const storedEvents = async () =>
    Number((await kit.sql<{ n: number }>(`SELECT count(*)::int AS n FROM payment.provider_event`))[0]?.n);

  describe('signature checks: 400 and nothing changes', () => {
    const payload = JSON.stringify({
      id: 'evt_forged_1',
      object: 'event',
      type: 'checkout.session.completed',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: { id: 'cs_test_forged', object: 'checkout.session' } },
    });

    it.each([
      ['a missing signature', () => null],
      ['a malformed signature', () => 'not-a-signature'],
      ['an invalid signature', () => `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`],
      [
        'a stale timestamp (301 s)',
        () => kit.signature(payload, STRIPE_SANDBOX_DEFAULTS.webhookSecret, Math.floor(Date.now() / 1000) - 301),
      ],
      ['a wrong secret', () => kit.signature(payload, 'whsec_someone_else_entirely')],
      ['a body altered after signing', () => kit.signature(payload.replace('cs_test_forged', 'cs_test_forged'))],
    ])('refuses %s', async (_label, sign) => {
      const before = await storedEvents();
      const tampered = _label.includes('altered') ? payload.replace('"livemode":false', '"livemode":true') : payload;
      const response = await kit.postWebhook(tampered, sign());
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { code: string; title: string };
      expect(problem).toMatchObject({ code: 'invalid_signature', title: 'La signature du webhook est invalide.' });
      expect(await storedEvents()).toBe(before);
    });

    it('accepts the same event signed with the Connect secret or within the tolerance', async () => {
      const oldButFine = kit.signature(
        payload,
        STRIPE_SANDBOX_DEFAULTS.connectWebhookSecret,
        Math.floor(Date.now() / 1000) - 250,
      );
      const response = await kit.postWebhook(payload, oldButFine);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, duplicate: false });
      const again = await kit.postWebhook(payload, kit.signature(payload));
      expect(await again.json()).toEqual({ received: true, duplicate: true });
      // An event about a checkout the provider does not know is stored, processed and shown to the admins, nothing else.
      await kit.waitFor(
        async () =>
          (
            await kit.sql(`SELECT 1 FROM payment.provider_event WHERE id = 'evt_forged_1' AND processed_at IS NOT NULL`)
          )[0],
        'processing',
      );
      expect(await kit.sql(`SELECT kind FROM payment.payment_flag WHERE detail LIKE '%cs_test_forged%'`)).toEqual([
        { kind: 'unknown_booking' },
      ]);
    });

    it.each(['gzip', 'deflate', 'br'])(
      'refuses a signed body that is not %s-encoded as its Content-Encoding says, with 400 problem+json',
      async (encoding) => {
        const before = await storedEvents();
        const body = payload.replace('evt_forged_1', `evt_encoding_${encoding}`);
        const response = await fetch(`${kit.service.url}/webhooks/stripe`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-encoding': encoding,
            'stripe-signature': kit.signature(body),
          },
          body,
        });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await response.json()).toMatchObject({
          code: 'malformed_encoding',
          title: 'Le corps de la requête ne correspond pas à son encodage (Content-Encoding).',
        });
        expect(await storedEvents()).toBe(before);
      },
    );
  });

  describe('signed payments the provider does not confirm', () => {
    const completed = (id: string, session: Record<string, unknown>) =>
      JSON.stringify({
        id,
        object: 'event',
        type: 'checkout.session.completed',
        api_version: '2026-10-28.endive',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: {
          object: {
            object: 'checkout.session',
            status: 'complete',
            payment_status: 'paid',
            currency: 'eur',
            ...session,
          },
        },
      });
    const flagsAbout = (checkoutId: string) =>
      kit.sql<{ id: string; kind: string; bookingId: string | null; paymentId: string | null; detail: string }>(
        `SELECT id, kind, booking_id AS "bookingId", payment_id AS "paymentId", detail FROM payment.payment_flag WHERE detail LIKE $1`,
        [`%${checkoutId} %`],
      );

    it('flags a completion whose amount differs from the booking’s price, and one for an unknown booking, once each, recording no money', async () => {
      const booking = await kit.approvedBooking(establishmentId, 10_000);
      const unknown = randomUUID();
      const deliveries = [
        completed('evt_claim_wrong_amount', {
          id: 'cs_test_claim_amount',
          amount_total: 100,
          metadata: { booking_id: booking.bookingId },
        }),
        completed('evt_claim_unknown', {
          id: 'cs_test_claim_unknown',
          amount_total: 2_500,
          metadata: { booking_id: unknown },
        }),
        // The same claim under another event id (a resend): still one flag.
        completed('evt_claim_unknown_again', {
          id: 'cs_test_claim_unknown',
          amount_total: 2_500,
          metadata: { booking_id: unknown },
        }),
        // A SEPA debit not settled yet announces no money: nothing to flag.
        completed('evt_claim_unpaid', {
          id: 'cs_test_claim_unpaid',
          amount_total: 2_500,
          payment_status: 'unpaid',
          metadata: { booking_id: unknown },
        }),
      ];
      for (const body of deliveries) expect((await kit.postWebhook(body, kit.signature(body))).status).toBe(200);
      await kit.waitFor(
        async () =>
          Number(
            (
              await kit.sql<{ n: number }>(
                `SELECT count(*)::int AS n FROM payment.provider_event WHERE id LIKE 'evt_claim_%' AND processed_at IS NOT NULL`,
              )
            )[0]?.n,
          ) === 4,
        'the four events processed',
      );

      const [mismatch] = await flagsAbout('cs_test_claim_amount');
      expect(mismatch).toMatchObject({ kind: 'amount_mismatch', bookingId: booking.bookingId, paymentId: null });
      expect(mismatch?.detail).toContain('1,00\u00a0€');
      expect(mismatch?.detail).toContain('100,00\u00a0€');
      expect(await flagsAbout('cs_test_claim_unknown')).toEqual([
        expect.objectContaining({ kind: 'unknown_booking', bookingId: unknown, paymentId: null }),
      ]);
      expect(await flagsAbout('cs_test_claim_unpaid')).toEqual([]);
      // Each new flag is announced once, for the admins' e-mail, without its detail.
      const raised = await kit.sql<{ payload: Record<string, unknown> }>(
        `SELECT o.payload FROM payment.event_outbox o JOIN payment.payment_flag f ON f.id::text = o.payload->>'flagId'
          WHERE o.type = 'payment.flag_raised' AND f.booking_id IN ($1, $2) ORDER BY o.position`,
        [booking.bookingId, unknown],
      );
      expect(raised.map((row) => row.payload)).toEqual(
        expect.arrayContaining([
          { flagId: mismatch?.id, kind: 'amount_mismatch', bookingId: booking.bookingId, paymentId: null },
          expect.objectContaining({ kind: 'unknown_booking', bookingId: unknown, paymentId: null }),
        ]),
      );
      expect(raised).toHaveLength(2);

      const admin = await kit
        .as(agent(['department_admin']))
        .get<{ items: { kind: string; bookingId: string | null }[] }>('/admin/flags');
      expect(admin.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'amount_mismatch', bookingId: booking.bookingId }),
          expect.objectContaining({ kind: 'unknown_booking', bookingId: unknown }),
        ]),
      );
      // The provider confirmed nothing: no payment, no ledger line, the booking still to be paid.
      expect(
        await kit.sql(`SELECT 1 FROM payment.payment WHERE booking_id IN ($1, $2)`, [booking.bookingId, unknown]),
      ).toEqual([]);
      expect(
        await kit.sql(`SELECT 1 FROM payment.ledger_entry WHERE booking_id IN ($1, $2)`, [booking.bookingId, unknown]),
      ).toEqual([]);
      expect(
        (
          await kit.sql<{ status: string }>(`SELECT status FROM payment.payable_booking WHERE booking_id = $1`, [
            booking.bookingId,
          ])
        )[0]?.status,
      ).toBe('payable');
    });
  });

  it('handles five deliveries of every event as one: one payment.succeeded, one set of ledger entries', async () => {
    await kit.faults({ webhooks: { duplicates: 5 } });
    const paid = await kit.paidBooking(establishmentId);
    // Let the four extra copies of each event arrive and be processed.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await kit.waitFor(
      async () =>
        Number(
          (
            await kit.sql<{ n: number }>(
              `SELECT count(*)::int AS n FROM payment.provider_event WHERE processed_at IS NULL`,
            )
          )[0]?.n,
        ) === 0,
      'all events processed',
    );
    const succeeded = (await kit.paymentEvents('payment.succeeded')).filter(
      (event) => event.payload['bookingId'] === paid.bookingId,
    );
    expect(succeeded).toHaveLength(1);
    expect(await kit.ledger(paid.bookingId)).toEqual([
      { party: 'platform', entryType: 'charge', amountCents: 10_000 },
      { party: 'platform', entryType: 'processing_fee', amountCents: -175 },
      { party: 'platform', entryType: 'transfer', amountCents: -10_000 },
      { party: 'establishment', entryType: 'transfer', amountCents: 10_000 },
      { party: 'establishment', entryType: 'application_fee', amountCents: -1_000 },
      { party: 'platform', entryType: 'application_fee', amountCents: 1_000 },
    ]);
    const deliveries = (
      await kit.sql<{ type: string }>(`SELECT type FROM payment.provider_event WHERE payload::text LIKE $1`, [
        `%${paid.paymentId}%`,
      ])
    ).map((e) => e.type);
    expect(deliveries.filter((type) => type === 'checkout.session.completed')).toHaveLength(1);
  });

  it('reaches the same final state whatever the delivery order', async () => {
    // A SEPA debit: checkout.session.completed (unpaid) then, later, async_payment_succeeded, delivered newest first.
    await kit.faults({ webhooks: { reorder: true, reorderWindowMs: 1_000 } });
    const booking = await kit.approvedBooking(establishmentId, 8_000);
    const checkout = await kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${booking.bookingId}/checkout`);
    const sessionId = checkout.body.checkoutUrl.split('/').pop() ?? '';
    await kit.sandboxControl(`/checkout/sessions/${sessionId}/pay`, { iban: 'FR1420041010050500013M02606' });
    await kit.sandboxControl(`/checkout/sessions/${sessionId}/settle`);
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'succeeded'`, [
            checkout.body.paymentId,
          ])
        )[0],
      'success',
    );
    // Settling re-reads the session, so success may come before the older event is delivered: wait for both deliveries.
    const receivedTypes = async () =>
      (
        await kit.sql<{ type: string }>(
          `SELECT type FROM payment.provider_event WHERE payload->'data'->'object'->>'id' = $1 ORDER BY received_at`,
          [sessionId],
        )
      ).map((event) => event.type);
    await kit.waitFor(async () => (await receivedTypes()).length >= 2, 'both deliveries');
    expect(await receivedTypes()).toEqual(['checkout.session.async_payment_succeeded', 'checkout.session.completed']);
    expect(
      (await kit.paymentEvents('payment.succeeded')).filter(
        (event) => event.payload['paymentId'] === checkout.body.paymentId,
      ),
    ).toHaveLength(1);

    // The whole history of another payment and its refund, replayed newest first by hand.
    await kit.faults({ webhooks: { suppress: true } });
    const paid = await kit.approvedBooking(establishmentId, 6_000);
    const opened = await kit
      .as(paid.payer, { organisations: [paid.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${paid.bookingId}/checkout`);
    await kit.payOnPage(opened.body.checkoutUrl);
    const events = await kit.stripeApi<{ data: Record<string, unknown>[] }>('GET', '/v1/events?limit=100');
    const own = events.data.filter((event) => JSON.stringify(event).includes(opened.body.paymentId));
    expect(own.map((event) => event['type'])).toEqual(expect.arrayContaining(['checkout.session.completed']));
    for (const event of own) {
      const body = JSON.stringify(event);
      expect((await kit.postWebhook(body, kit.signature(body))).status).toBe(200);
    }
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'succeeded'`, [opened.body.paymentId])
        )[0],
      'success',
    );
    expect((await kit.ledger(paid.bookingId)).map((entry) => entry.entryType)).toEqual(
      expect.arrayContaining(['charge', 'processing_fee', 'transfer', 'application_fee']),
    );
  });

  it('acknowledges before processing: a slow provider does not delay the 200', async () => {
    const booking = await kit.approvedBooking(establishmentId, 5_000);
    const opened = await kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${booking.bookingId}/checkout`);
    await kit.faults({
      webhooks: { suppress: true },
      api: [{ method: 'GET', path: '/v1/checkout/sessions', kind: 'delay', delayMs: 1_500 }],
    });
    await kit.payOnPage(opened.body.checkoutUrl);
    const events = await kit.stripeApi<{ data: Record<string, unknown>[] }>(
      'GET',
      '/v1/events?type=checkout.session.completed&limit=1',
    );
    const body = JSON.stringify(events.data[0]);
    const started = Date.now();
    const response = await kit.postWebhook(body, kit.signature(body));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'succeeded'`, [opened.body.paymentId])
        )[0],
      'success',
      15_000,
    );
  });
});
