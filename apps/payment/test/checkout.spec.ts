import { randomUUID } from 'node:crypto';
import { STRIPE_SANDBOX_DEFAULTS } from '@salle/contracts';
import { agent, member, PaymentTestKit } from './payment-test-kit';

describe('checkout: the organisation pays an approved priced booking', () => {
  let kit: PaymentTestKit;
  let establishmentId: string;
  let accountId: string;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-checkout', { now: () => new Date(Date.now() + clockOffsetMs) });
    ({ establishmentId, accountId } = await kit.readyCollege());
  });
  afterEach(async () => {
    clockOffsetMs = 0;
    await kit.resetFaults();
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const open = (booking: { bookingId: string; organisationId: string; payer: ReturnType<typeof member> }) =>
    kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string; expiresAt: string; amountCents: number }>(
        `/bookings/${booking.bookingId}/checkout`,
      );
  const paymentOf = async (paymentId: string) =>
    (
      await kit.sql<{ status: string; failureReason: string | null }>(
        `SELECT status, failure_reason AS "failureReason" FROM payment.payment WHERE id = $1`,
        [paymentId],
      )
    )[0];
  const statusIs = (paymentId: string, status: string) => async () => (await paymentOf(paymentId))?.status === status;

  describe('who may pay', () => {
    it('refuses visitors (401), and answers other organisations exactly as unknown bookings (404)', async () => {
      const booking = await kit.approvedBooking(establishmentId);
      expect((await kit.as(null).post(`/bookings/${booking.bookingId}/checkout`)).status).toBe(401);
      const unknown = await kit
        .as(booking.payer, { organisations: [booking.organisationId] })
        .post(`/bookings/${randomUUID()}/checkout`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'booking_not_payable' });
      const {
        instance: _unknownInstance,
        requestId: _unknownRequest,
        ...unknownProblem
      } = unknown.body as Record<string, unknown>;
      // Nothing in the answer tells a stranger, a collège's manager or an admin that this id exists.
      for (const outsider of [
        kit.as(member(), { organisations: [randomUUID()] }),
        kit.as(agent(), { establishments: [establishmentId] }),
        kit.as(agent(['department_admin'])),
      ]) {
        const refused = await outsider.post(`/bookings/${booking.bookingId}/checkout`);
        expect(refused.status).toBe(404);
        const { instance: _instance, requestId: _requestId, ...problem } = refused.body as Record<string, unknown>;
        expect(problem).toEqual(unknownProblem);
      }
      expect(await kit.sql(`SELECT id FROM payment.payment WHERE booking_id = $1`, [booking.bookingId])).toEqual([]);
    });

    it('refuses a free booking and a collège whose payout account is not ready, with a clear message', async () => {
      const freeId = randomUUID();
      const organisationId = randomUUID();
      const at = new Date(Date.now() + 86_400_000).toISOString();
      await kit.consumed(
        await kit.publish('booking.approved', {
          bookingId: freeId,
          establishmentId,
          organisationId,
          spaceId: randomUUID(),
          startsAt: at,
          endsAt: at,
          priceCents: 0,
          paymentDueAt: null,
        }),
      );
      const free = await kit.as(member(), { organisations: [organisationId] }).post(`/bookings/${freeId}/checkout`);
      expect(free.status).toBe(404);
      expect(free.body).toMatchObject({ code: 'booking_not_payable' });
      const notReady = await kit.approvedBooking(randomUUID());
      const response = await open(notReady);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'payout_account_not_ready' });
      expect(String((response.body as Record<string, unknown>)['title'])).toMatch(/compte de versement/);
    });
  });

  it('opens a destination charge to the collège with the département fee, the booking id, a 30-minute hold and a business idempotency key', async () => {
    const booking = await kit.approvedBooking(establishmentId, 4_500);
    const before = Date.now();
    const response = await open(booking);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ bookingId: booking.bookingId, amountCents: 4_500 });
    expect(response.body.checkoutUrl.startsWith(`${kit.sandboxUrl}/checkout/cs_test_`)).toBe(true);
    const hold = new Date(response.body.expiresAt).getTime() - before;
    expect(hold).toBeGreaterThanOrEqual(30 * 60_000);
    expect(hold).toBeLessThan(32 * 60_000);

    const [request] = (await kit.sandboxRequests()).filter(
      (r) =>
        r.path === '/v1/checkout/sessions' &&
        r.method === 'POST' &&
        r.body['client_reference_id'] === booking.bookingId,
    );
    expect(request?.idempotencyKey).toBe(`checkout:${booking.bookingId}:1`);
    expect(request?.body).toMatchObject({
      mode: 'payment',
      client_reference_id: booking.bookingId,
      metadata: { booking_id: booking.bookingId, payment_id: response.body.paymentId },
      payment_intent_data: {
        application_fee_amount: '450',
        transfer_data: { destination: accountId },
        metadata: { booking_id: booking.bookingId },
      },
      line_items: [{ quantity: '1', price_data: { currency: 'eur', unit_amount: '4500' } }],
      success_url: `http://127.0.0.1:3000/reservations/${booking.bookingId}/paiement/confirme?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `http://127.0.0.1:3000/reservations/${booking.bookingId}/paiement/annule`,
    });
    expect(await kit.paymentEvents('payment.checkout_opened')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          payload: expect.objectContaining({ bookingId: booking.bookingId, checkoutUrl: response.body.checkoutUrl }),
        }),
      ]),
    );

    // A second click hands out the same checkout without asking the provider again. Only this booking's calls
    // are counted: the service's background sweeps may ask the sandbox about payout accounts meanwhile.
    const sessionId = response.body.checkoutUrl.split('/').pop() ?? '';
    const aboutThisBooking = async () =>
      (await kit.sandboxRequests()).filter((r) =>
        [booking.bookingId, sessionId].some((id) => JSON.stringify(r).includes(id)),
      ).length;
    const requests = await aboutThisBooking();
    const again = await open(booking);
    expect(again.status).toBe(200);
    expect(again.body.checkoutUrl).toBe(response.body.checkoutUrl);
    expect(await aboutThisBooking()).toBe(requests);
  });

  it('confirms the booking through the webhook when the payer pays on the hosted page; a declined card changes nothing', async () => {
    const booking = await kit.approvedBooking(establishmentId);
    const { body } = await open(booking);
    const declined = await kit.payOnPage(body.checkoutUrl, '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await paymentOf(body.paymentId))?.status).toBe('open');
    const paid = await kit.payOnPage(body.checkoutUrl, '4242424242424242');
    expect(paid.headers.get('location')).toContain(
      `/reservations/${booking.bookingId}/paiement/confirme?session=cs_test_`,
    );
    await kit.waitFor(statusIs(body.paymentId, 'succeeded'), 'success');
    const [event] = (await kit.paymentEvents('payment.succeeded')).filter(
      (e) => e.payload['bookingId'] === booking.bookingId,
    );
    expect(event?.payload).toMatchObject({ paymentId: body.paymentId, establishmentId, amountCents: 10_000 });
    const view = await kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .get<{ payableStatus: string; payments: { status: string; receiptAvailable: boolean }[] }>(
        `/bookings/${booking.bookingId}/payment`,
      );
    expect(view.body).toMatchObject({
      payableStatus: 'paid',
      payments: [{ status: 'succeeded', receiptAvailable: true }],
    });
    expect((await open(booking)).body).toMatchObject({ code: 'booking_already_paid' });
  });

  describe('provider failures', () => {
    it('gets through injected 500s with the SDK retries, under one idempotency key', async () => {
      await kit.faults({
        api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'error', status: 500, times: 2 }],
      });
      const booking = await kit.approvedBooking(establishmentId);
      const response = await open(booking);
      expect(response.status).toBe(201);
      const attempts = (await kit.sandboxRequests()).filter(
        (r) => r.idempotencyKey === `checkout:${booking.bookingId}:1`,
      );
      expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    });

    it('creates one checkout when the provider ran the request but the answer was lost', async () => {
      await kit.faults({ api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'drop_response' }] });
      const booking = await kit.approvedBooking(establishmentId);
      const response = await open(booking);
      expect(response.status).toBe(201);
      const attempts = (await kit.sandboxRequests()).filter(
        (r) => r.idempotencyKey === `checkout:${booking.bookingId}:1`,
      );
      expect(attempts.map((r) => [r.fault, r.replayed])).toEqual([
        ['drop_response', false],
        [null, true],
      ]);
    });

    it('answers 503 while the provider is down and resumes with the same key on the next click', async () => {
      await kit.faults({
        api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'error', status: 503, times: 3 }],
      });
      const booking = await kit.approvedBooking(establishmentId);
      const down = await open(booking);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ code: 'payment_provider_unavailable' });
      expect(down.headers.get('retry-after')).toBe('5');
      const [pending] = await kit.sql<{ status: string }>(`SELECT status FROM payment.payment WHERE booking_id = $1`, [
        booking.bookingId,
      ]);
      expect(pending?.status).toBe('creating');
      const back = await open(booking);
      expect(back.status).toBe(201);
      const keys = new Set(
        (await kit.sandboxRequests())
          .filter((r) => r.body['client_reference_id'] === booking.bookingId)
          .map((r) => r.idempotencyKey),
      );
      expect([...keys]).toEqual([`checkout:${booking.bookingId}:1`]);
    });

    it('abandons a creation whose key the provider saw with other parameters (idempotency conflict)', async () => {
      await kit.faults({
        api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'error', status: 503, times: 3 }],
      });
      const booking = await kit.approvedBooking(establishmentId);
      expect((await open(booking)).status).toBe(503);
      // Someone else used the key with other parameters (a second deployment sharing the account, say).
      await kit
        .stripeApi('POST', '/v1/checkout/sessions', {
          mode: 'payment',
          'line_items[0][quantity]': '1',
          'line_items[0][price_data][currency]': 'eur',
          'line_items[0][price_data][unit_amount]': '999',
          'line_items[0][price_data][product_data][name]': 'Autre chose',
          success_url: 'http://127.0.0.1:3000/x',
        })
        .catch(() => undefined);
      await fetch(`${kit.sandboxUrl}/v1/checkout/sessions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${STRIPE_SANDBOX_DEFAULTS.secretKey}`,
          'stripe-version': '2026-10-28.endive',
          'idempotency-key': `checkout:${booking.bookingId}:1`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=999&line_items[0][price_data][product_data][name]=X&success_url=http://127.0.0.1:3000/x',
      });
      const conflicting = await open(booking);
      expect(conflicting.status).toBe(502);
      expect(conflicting.body).toMatchObject({ code: 'checkout_refused' });
      const [row] = await kit.sql<{ status: string; failure_reason: string }>(
        `SELECT status, failure_reason FROM payment.payment WHERE booking_id = $1`,
        [booking.bookingId],
      );
      expect(row?.status).toBe('abandoned');
      expect(row?.failure_reason).toMatch(/^idempotency_conflict/);
      // A new attempt gets a new key.
      const retry = await open(booking);
      expect(retry.status).toBe(201);
      expect(
        (await kit.sandboxRequests()).some(
          (r) => r.idempotencyKey === `checkout:${booking.bookingId}:2` && r.status === 200,
        ),
      ).toBe(true);
    });
  });

  describe('holds that end', () => {
    it('emits payment.expired when the checkout expires, and lets the member pay again before the deadline', async () => {
      const booking = await kit.approvedBooking(establishmentId);
      const { body } = await open(booking);
      await kit.sandboxControl(`/checkout/sessions/${body.checkoutUrl.split('/').pop()}/expire`);
      await kit.waitFor(statusIs(body.paymentId, 'expired'), 'expiry');
      expect((await kit.paymentEvents('payment.expired')).map((e) => e.payload['paymentId'])).toContain(body.paymentId);
      // The checkout's expiry ended that attempt only: the booking is still payable.
      const again = await open(booking);
      expect(again.status).toBe(201);
      expect(again.body.paymentId).not.toBe(body.paymentId);
      expect((await kit.payOnPage(again.body.checkoutUrl)).status).toBe(303);
      await kit.waitFor(statusIs(again.body.paymentId, 'succeeded'), 'the second attempt to succeed');
    });

    it('settles a checkout whose hold elapsed without any event (sweeper), once', async () => {
      const booking = await kit.approvedBooking(establishmentId);
      const { body } = await open(booking);
      await kit.faults({ webhooks: { suppress: true } });
      await kit.sandboxControl(`/checkout/sessions/${body.checkoutUrl.split('/').pop()}/expire`);
      expect(await kit.parts.sweeper.rereadStale()).toBe(0);
      clockOffsetMs = 33 * 60_000;
      expect(await kit.parts.sweeper.rereadStale()).toBeGreaterThanOrEqual(1);
      expect((await paymentOf(body.paymentId))?.status).toBe('expired');
      await kit.parts.sweeper.rereadStale();
      expect(
        (await kit.paymentEvents('payment.expired')).filter((e) => e.payload['paymentId'] === body.paymentId),
      ).toHaveLength(1);
    });

    it('fetches back events the endpoint never received', async () => {
      const booking = await kit.approvedBooking(establishmentId);
      const { body } = await open(booking);
      await kit.faults({ webhooks: { suppress: true } });
      await kit.payOnPage(body.checkoutUrl);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await paymentOf(body.paymentId))?.status).toBe('open');
      expect(await kit.parts.sweeper.catchUp()).toBeGreaterThan(0);
      await kit.waitFor(statusIs(body.paymentId, 'succeeded'), 'success after catch-up');
    });

    it('fails the payment when a SEPA debit bounces', async () => {
      const booking = await kit.approvedBooking(establishmentId);
      const { body } = await open(booking);
      const session = body.checkoutUrl.split('/').pop();
      await kit.sandboxControl(`/checkout/sessions/${session}/pay`, { iban: 'FR3020041010050500013M02609' });
      await kit.waitFor(statusIs(body.paymentId, 'processing'), 'processing');
      // The booking service is told, so that it keeps the slot held until the debit ends.
      expect(
        (await kit.paymentEvents('payment.processing'))
          .filter((e) => e.payload['paymentId'] === body.paymentId)
          .map((e) => e.payload),
      ).toEqual([{ paymentId: body.paymentId, bookingId: booking.bookingId, establishmentId, amountCents: 10_000 }]);
      expect((await open(booking)).body).toMatchObject({ code: 'payment_processing' });
      await kit.sandboxControl(`/checkout/sessions/${session}/settle`);
      await kit.waitFor(statusIs(body.paymentId, 'failed'), 'failure');
      expect(
        (await kit.paymentEvents('payment.failed')).find((e) => e.payload['paymentId'] === body.paymentId)?.payload[
          'reason'
        ],
      ).toMatch(/refused/);
      // Both changes the provider reported are in the audit log, under the collège.
      expect(
        await kit.sql(
          `SELECT actor_role, establishment_id, changes->'status' AS status FROM payment.audit_log
            WHERE action = 'payment.status_changed' AND object_id = $1 ORDER BY id`,
          [body.paymentId],
        ),
      ).toEqual([
        { actor_role: 'provider', establishment_id: establishmentId, status: { before: 'open', after: 'processing' } },
        {
          actor_role: 'provider',
          establishment_id: establishmentId,
          status: { before: 'processing', after: 'failed' },
        },
      ]);
      // A failed debit ends that attempt only: the member may pay again (before the deadline).
      expect((await open(booking)).status).toBe(201);
    });
  });

  describe('money that does not match', () => {
    const foreignSession = (bookingId: string, amount: number) =>
      kit.stripeApi<{ id: string; url: string }>('POST', '/v1/checkout/sessions', {
        mode: 'payment',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'eur',
        'line_items[0][price_data][unit_amount]': String(amount),
        'line_items[0][price_data][product_data][name]': 'Réservation',
        'payment_intent_data[transfer_data][destination]': accountId,
        'metadata[booking_id]': bookingId,
        client_reference_id: bookingId,
        success_url: 'http://127.0.0.1:3000/ok',
      });

    it('leaves the booking unconfirmed and flags it when the amount paid differs from its price', async () => {
      const booking = await kit.approvedBooking(establishmentId, 10_000);
      const session = await foreignSession(booking.bookingId, 100);
      await kit.payOnPage(session.url);
      const flag = await kit.waitFor(
        async () =>
          (
            await kit.sql<{ kind: string; payment_id: string }>(
              `SELECT kind, payment_id FROM payment.payment_flag WHERE booking_id = $1`,
              [booking.bookingId],
            )
          )[0],
        'the flag',
      );
      expect(flag.kind).toBe('amount_mismatch');
      expect((await paymentOf(flag.payment_id))?.status).toBe('rejected');
      expect(
        (
          await kit.sql<{ status: string }>(`SELECT status FROM payment.payable_booking WHERE booking_id = $1`, [
            booking.bookingId,
          ])
        )[0]?.status,
      ).toBe('payable');
      expect(
        (await kit.paymentEvents('payment.succeeded')).filter((e) => e.payload['bookingId'] === booking.bookingId),
      ).toEqual([]);
      expect((await kit.ledger(booking.bookingId)).find((e) => e.entryType === 'charge')?.amountCents).toBe(100);
      const admin = kit.as(agent(['department_admin']));
      const flags = await admin.get<{ items: { id: string; kind: string; bookingId: string }[] }>('/admin/flags');
      expect(flags.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'amount_mismatch',
            bookingId: booking.bookingId,
            // The context an admin needs beside the flag: what was billed and paid, and where to find the payment.
            context: expect.objectContaining({
              provider: 'stripe',
              providerReference: expect.stringMatching(/^(ch|pi)_/),
              paidCents: 100,
              priceCents: 10_000,
              startsAt: expect.any(String),
            }),
          }),
        ]),
      );
      expect((await kit.as(agent(), { establishments: [establishmentId] }).get('/admin/flags')).status).toBe(403);
    });

    it('flags our own payment too when the booking price changed under it', async () => {
      const booking = await kit.approvedBooking(establishmentId, 10_000);
      const { body } = await open(booking);
      await kit.sql(`UPDATE payment.payable_booking SET price_cents = 12000 WHERE booking_id = $1`, [
        booking.bookingId,
      ]);
      await kit.payOnPage(body.checkoutUrl);
      await kit.waitFor(statusIs(body.paymentId, 'rejected'), 'rejection');
      expect((await paymentOf(body.paymentId))?.failureReason).toBe('amount_mismatch');
      expect(
        (await kit.paymentEvents('payment.succeeded')).filter((e) => e.payload['bookingId'] === booking.bookingId),
      ).toEqual([]);
    });

    it('records, flags and refunds in full a payment for an unknown booking', async () => {
      const unknown = randomUUID();
      const session = await foreignSession(unknown, 2_500);
      await kit.payOnPage(session.url);
      const refund = await kit.waitFor(
        async () =>
          (
            await kit.sql<{ status: string; amount_cents: number; cause: string }>(
              `SELECT status, amount_cents, cause FROM payment.refund WHERE booking_id = $1 AND status = 'succeeded'`,
              [unknown],
            )
          )[0],
        'the refund',
      );
      expect(refund).toMatchObject({ amount_cents: 2_500, cause: 'unknown_booking' });
      expect(
        (await kit.sql<{ kind: string }>(`SELECT kind FROM payment.payment_flag WHERE booking_id = $1`, [unknown])).map(
          (f) => f.kind,
        ),
      ).toEqual(['unknown_booking']);
    });
  });
});
