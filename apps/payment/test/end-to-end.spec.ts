import { PaymentTestKit } from './payment-test-kit';

describe('end to end through Redis Streams: booking events in, payment events out', () => {
  let kit: PaymentTestKit;
  let received: { type: string; payload: Record<string, unknown> }[];

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-e2e', { feeBasisPoints: 0 });
    received = await kit.consumeAsBooking();
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const arrived = (type: string, bookingId?: string) =>
    kit.waitFor(
      async () =>
        received.find((event) => event.type === type && (!bookingId || event.payload['bookingId'] === bookingId)),
      `${type} on the payment stream`,
    );

  it('approval → checkout → payment on the hosted page → confirmation → cancellation refund; expiry releases the slot', async () => {
    const { establishmentId, accountId } = await kit.readyCollege();
    expect((await arrived('establishment.payout_ready')).payload).toEqual({ establishmentId, accountId });

    const booking = await kit.approvedBooking(establishmentId, 6_000);
    const payer = kit.as(booking.payer, { organisations: [booking.organisationId] });
    const checkout = await payer.post<{ paymentId: string; checkoutUrl: string; expiresAt: string }>(
      `/bookings/${booking.bookingId}/checkout`,
    );
    expect(checkout.status).toBe(201);
    expect((await arrived('payment.checkout_opened', booking.bookingId)).payload).toMatchObject({
      paymentId: checkout.body.paymentId,
      establishmentId,
      amountCents: 6_000,
      checkoutUrl: checkout.body.checkoutUrl,
      expiresAt: checkout.body.expiresAt,
    });

    const page = await fetch(checkout.body.checkoutUrl);
    expect(await page.text()).toContain('Payer 60,00 €');
    expect((await kit.payOnPage(checkout.body.checkoutUrl)).status).toBe(303);
    expect((await arrived('payment.succeeded', booking.bookingId)).payload).toMatchObject({
      paymentId: checkout.body.paymentId,
      amountCents: 6_000,
    });

    await kit.publish('booking.cancelled', {
      bookingId: booking.bookingId,
      establishmentId,
      organisationId: booking.organisationId,
      cancelledBy: 'organisation',
      refundPercent: 50,
      priceCents: 6_000,
      reason: 'Assemblée générale reportée',
    });
    expect((await arrived('payment.refunded', booking.bookingId)).payload).toMatchObject({
      paymentId: checkout.body.paymentId,
      amountCents: 3_000,
      refundPercent: 50,
    });

    const other = await kit.approvedBooking(establishmentId, 6_000);
    const opened = await kit
      .as(other.payer, { organisations: [other.organisationId] })
      .post<{ checkoutUrl: string }>(`/bookings/${other.bookingId}/checkout`);
    await kit.sandboxControl(`/checkout/sessions/${opened.body.checkoutUrl.split('/').pop()}/expire`);
    expect((await arrived('payment.expired', other.bookingId)).payload).toMatchObject({
      bookingId: other.bookingId,
      establishmentId,
    });

    expect(received.filter((event) => event.type === 'payment.succeeded')).toHaveLength(1);
  });
});
