import { randomUUID } from 'node:crypto';
import { agent, PaymentTestKit } from './payment-test-kit';

describe('refunds on cancellation (destination charge, 10 % département fee)', () => {
  let kit: PaymentTestKit;
  let establishmentId: string;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-refunds', { feeBasisPoints: 1_000 });
    ({ establishmentId } = await kit.readyCollege());
  });
  afterEach(async () => {
    await kit.resetFaults();
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const cancel = (
    booking: { bookingId: string; organisationId: string },
    refundPercent: number,
    cancelledBy: 'organisation' | 'establishment' | 'department' = 'organisation',
  ) =>
    kit.publish('booking.cancelled', {
      bookingId: booking.bookingId,
      establishmentId,
      organisationId: booking.organisationId,
      cancelledBy,
      refundPercent,
      priceCents: 10_000,
      reason: null,
    });
  const refundsOf = (bookingId: string) =>
    kit.sql<{ status: string; amount: number; percent: number; cause: string; key: string }>(
      `SELECT status, amount_cents AS amount, percent, cause, idempotency_key AS key FROM payment.refund WHERE booking_id = $1 ORDER BY requested_at`,
      [bookingId],
    );
  const shares = async (bookingId: string) => {
    const report = await kit.as(agent(), { establishments: [establishmentId] }).get<{
      bookings: {
        bookingId: string;
        establishmentShareCents: number;
        departmentShareCents: number;
        refundedCents: number;
        issues: string[];
      }[];
    }>(`/reconciliation?establishmentId=${establishmentId}`);
    return report.body.bookings.find((b) => b.bookingId === bookingId);
  };
  const refunded = (bookingId: string) => async () =>
    (await refundsOf(bookingId)).find((r) => r.status === 'succeeded');

  // The table of the notes, through the service: both flags, so the shares stay proportional.
  it.each([
    [100, 10_000, 0, 0],
    [50, 5_000, 4_500, 500],
    [25, 2_500, 6_750, 750],
  ])(
    'refunds %i %% of 100 € as %i cents: the collège keeps %i, the département %i',
    async (percent, amount, college, department) => {
      const paid = await kit.paidBooking(establishmentId, 10_000);
      await cancel(paid, percent);
      await kit.waitFor(refunded(paid.bookingId), 'the refund');
      expect(await refundsOf(paid.bookingId)).toEqual([
        { status: 'succeeded', amount, percent, cause: 'cancellation', key: `refund:${paid.paymentId}:cancellation` },
      ]);
      const refundRequest = (await kit.sandboxRequests()).find(
        (r) => r.path === '/v1/refunds' && r.idempotencyKey === `refund:${paid.paymentId}:cancellation`,
      );
      expect(refundRequest?.body).toMatchObject({
        amount: String(amount),
        reverse_transfer: 'true',
        refund_application_fee: 'true',
      });
      await kit.waitFor(
        async () =>
          (await kit.paymentEvents('payment.refunded')).find((e) => e.payload['bookingId'] === paid.bookingId),
        'payment.refunded',
      );
      const event = (await kit.paymentEvents('payment.refunded')).find(
        (e) => e.payload['bookingId'] === paid.bookingId,
      );
      expect(event?.payload).toMatchObject({
        paymentId: paid.paymentId,
        amountCents: amount,
        refundPercent: percent,
        establishmentId,
      });
      await kit.waitFor(
        async () => (await shares(paid.bookingId))?.refundedCents === amount,
        'the ledger to show the refund',
      );
      expect(await shares(paid.bookingId)).toMatchObject({
        establishmentShareCents: college,
        departmentShareCents: department,
        issues: [],
      });
    },
  );

  it('refunds nothing for a cancellation at 0 %', async () => {
    const paid = await kit.paidBooking(establishmentId, 10_000);
    await kit.consumed(await cancel(paid, 0));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await refundsOf(paid.bookingId)).toEqual([]);
    expect(await shares(paid.bookingId)).toMatchObject({ establishmentShareCents: 9_000, departmentShareCents: 1_000 });
  });

  it('refunds in full, with a flag, a payment accepted for a booking cancelled before it was confirmed', async () => {
    const paid = await kit.paidBooking(establishmentId, 10_000);
    // The booking service cancelled it while awaiting payment: the payment crossed the cancellation.
    const event = await kit.publish('booking.cancelled', {
      bookingId: paid.bookingId,
      establishmentId,
      organisationId: paid.organisationId,
      cancelledBy: 'organisation',
      refundPercent: 0,
      priceCents: 10_000,
      reason: null,
      cancelledFrom: 'awaiting_payment',
    });
    await kit.consumed(event);
    await kit.consumed(await kit.republish(event));
    await kit.waitFor(refunded(paid.bookingId), 'the refund');
    expect(await refundsOf(paid.bookingId)).toEqual([
      {
        status: 'succeeded',
        amount: 10_000,
        percent: 100,
        cause: 'cancellation',
        key: `refund:${paid.paymentId}:cancellation`,
      },
    ]);
    expect(
      await kit.sql(`SELECT kind, payment_id AS "paymentId" FROM payment.payment_flag WHERE booking_id = $1`, [
        paid.bookingId,
      ]),
    ).toEqual([{ kind: 'late_payment', paymentId: paid.paymentId }]);
    // The rule's refund, its settlement by the provider and the flag are in the audit log, under the collège.
    const refundId = await idOf('payment.refund', paid.bookingId);
    const flagId = await idOf('payment.payment_flag', paid.bookingId);
    await kit.waitFor(
      async () => (await systemEntries(refundId)).some((entry) => entry.action === 'refund.status_changed'),
      'the settled refund in the audit log',
    );
    expect(await systemEntries(refundId)).toEqual([
      {
        action: 'refund.requested',
        actor_role: 'system',
        establishment_id: establishmentId,
        changes: {
          status: { before: null, after: 'requested' },
          amountCents: { before: null, after: 10_000 },
          cause: { before: null, after: 'cancellation' },
          paymentId: { before: null, after: paid.paymentId },
        },
      },
      {
        action: 'refund.status_changed',
        actor_role: 'provider',
        establishment_id: establishmentId,
        changes: { status: { before: 'requested', after: 'succeeded' } },
      },
    ]);
    expect(await systemEntries(flagId)).toEqual([
      {
        action: 'flag.raised',
        actor_role: 'system',
        establishment_id: establishmentId,
        changes: {
          kind: { before: null, after: 'late_payment' },
          bookingId: { before: null, after: paid.bookingId },
          paymentId: { before: null, after: paid.paymentId },
        },
      },
    ]);
  });

  /** The id of the one row of `table` about the booking. */
  const idOf = async (table: string, bookingId: string) => {
    const rows = await kit.sql<{ id: string }>(`SELECT id FROM ${table} WHERE booking_id = $1`, [bookingId]);
    expect(rows).toHaveLength(1);
    return rows[0]?.id ?? '';
  };
  const systemEntries = (objectId: string) =>
    kit.sql<{ action: string; actor_role: string; establishment_id: string | null; changes: unknown }>(
      `SELECT action, actor_role, establishment_id, changes FROM payment.audit_log
        WHERE object_id = $1 AND actor_account_id IS NULL ORDER BY id`,
      [objectId],
    );

  it('refunds once per cancellation, however often it is announced', async () => {
    const paid = await kit.paidBooking(establishmentId, 10_000);
    const first = await cancel(paid, 50);
    await kit.consumed(first);
    await kit.consumed(await kit.republish(first));
    await kit.consumed(await cancel(paid, 50, 'establishment'));
    await kit.waitFor(refunded(paid.bookingId), 'the refund');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await refundsOf(paid.bookingId)).map((r) => r.amount)).toEqual([5_000]);
    expect(
      (await systemEntries(await idOf('payment.refund', paid.bookingId))).filter(
        (entry) => entry.action === 'refund.requested',
      ),
    ).toHaveLength(1);
    expect(
      (await kit.sandboxRequests()).filter(
        (r) => r.path === '/v1/refunds' && r.body['payment_intent'] && r.idempotencyKey?.includes(paid.paymentId),
      ),
    ).toHaveLength(1);
  });

  it('retries a refund the provider failed to answer, with the same key, and refunds once', async () => {
    const paid = await kit.paidBooking(establishmentId, 10_000);
    await kit.faults({ api: [{ method: 'POST', path: '/v1/refunds', kind: 'error', status: 500, times: 3 }] });
    await cancel(paid, 100);
    await kit.waitFor(refunded(paid.bookingId), 'the refund', 15_000);
    const attempts = (await kit.sandboxRequests()).filter(
      (r) => r.idempotencyKey === `refund:${paid.paymentId}:cancellation`,
    );
    expect(attempts.filter((r) => r.status === 200)).toHaveLength(1);
    expect(attempts.filter((r) => r.status === 500)).toHaveLength(3);
    const charges = await kit.stripeApi<{ data: { amount: number }[] }>('GET', '/v1/events?type=refund.created');
    expect(charges.data.filter((event) => JSON.stringify(event).includes(paid.paymentId))).toHaveLength(1);
  });

  it('closes the open checkout of a cancelled booking, and refunds in full if it was paid meanwhile', async () => {
    const booking = await kit.approvedBooking(establishmentId, 10_000);
    const payer = kit.as(booking.payer, { organisations: [booking.organisationId] });
    const { body } = await payer.post<{ paymentId: string; checkoutUrl: string }>(
      `/bookings/${booking.bookingId}/checkout`,
    );
    await cancel(booking, 0);
    await kit.waitFor(
      async () =>
        (await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'expired'`, [body.paymentId]))[0],
      'the checkout to close',
    );
    expect((await kit.payOnPage(body.checkoutUrl)).status).toBe(410);

    // The payer pays just before the cancellation is processed; the webhook comes after.
    const late = await kit.approvedBooking(establishmentId, 10_000);
    const opened = await kit
      .as(late.payer, { organisations: [late.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${late.bookingId}/checkout`);
    await kit.faults({ webhooks: { suppress: true } });
    await kit.payOnPage(opened.body.checkoutUrl);
    await kit.consumed(await cancel(late, 0));
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'rejected'`, [opened.body.paymentId])
        )[0],
      'the late payment',
    );
    await kit.waitFor(refunded(late.bookingId), 'the full refund');
    expect(await refundsOf(late.bookingId)).toEqual([
      expect.objectContaining({ amount: 10_000, percent: 100, cause: 'late_payment' }),
    ]);
    expect(
      (
        await kit.sql<{ kind: string }>(`SELECT kind FROM payment.payment_flag WHERE booking_id = $1`, [late.bookingId])
      ).map((f) => f.kind),
    ).toEqual(['late_payment']);
  });

  it('closes the open checkout of an expired booking, announced in either version of booking.expired', async () => {
    for (const version of [2, 1]) {
      const booking = await kit.approvedBooking(establishmentId, 10_000);
      const { body } = await kit
        .as(booking.payer, { organisations: [booking.organisationId] })
        .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${booking.bookingId}/checkout`);
      const expired = {
        bookingId: booking.bookingId,
        establishmentId,
        organisationId: booking.organisationId,
        expiredFrom: 'awaiting_payment' as const,
      };
      await kit.consumed(await kit.publishAs('booking.expired', version, expired));
      await kit.waitFor(
        async () =>
          (await kit.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'expired'`, [body.paymentId]))[0],
        `the checkout to close (v${version})`,
      );
      expect((await kit.payOnPage(body.checkoutUrl)).status).toBe(410);
      expect(
        await kit.sql(`SELECT status FROM payment.payable_booking WHERE booking_id = $1`, [booking.bookingId]),
      ).toEqual([{ status: 'expired' }]);
    }
  });

  it('lets an admin refund a flagged payment, once', async () => {
    const booking = await kit.approvedBooking(establishmentId, 10_000);
    const { body } = await kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${booking.bookingId}/checkout`);
    await kit.sql(`UPDATE payment.payable_booking SET price_cents = 9000 WHERE booking_id = $1`, [booking.bookingId]);
    await kit.payOnPage(body.checkoutUrl);
    const flag = await kit.waitFor(
      async () =>
        (
          await kit.sql<{ id: string }>(`SELECT id FROM payment.payment_flag WHERE booking_id = $1`, [
            booking.bookingId,
          ])
        )[0],
      'the flag',
    );
    const admin = kit.as(agent(['department_admin']));
    expect(
      (
        await kit
          .as(agent(), { establishments: [establishmentId] })
          .post(`/admin/flags/${flag.id}/resolve`, { action: 'refund' })
      ).status,
    ).toBe(403);
    const resolved = await admin.post(`/admin/flags/${flag.id}/resolve`, { action: 'refund', note: 'montant erroné' });
    expect(resolved.status).toBe(200);
    expect(resolved.body['resolvedAt']).toEqual(expect.any(String));
    expect(resolved.body['context']).toEqual(expect.objectContaining({ paidCents: 10_000, priceCents: 9000 }));
    expect((await admin.post(`/admin/flags/${flag.id}/resolve`, { action: 'refund' })).status).toBe(409);
    expect((await admin.post(`/admin/flags/${randomUUID()}/resolve`, { action: 'dismiss' })).status).toBe(404);
    await kit.waitFor(refunded(booking.bookingId), 'the admin refund');
    expect(await refundsOf(booking.bookingId)).toEqual([expect.objectContaining({ amount: 10_000, cause: 'admin' })]);
  });
});
