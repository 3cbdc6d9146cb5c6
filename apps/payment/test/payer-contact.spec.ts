// « Contacter le payeur » and payment's audit log: an admin or the flagged booking's collège writes to the payer
// organisation; the flag keeps who and when, the audit log records it, `payment.payer_contacted` is announced for
// the notification service; the wrong role, another collège, an unknown flag and a flag without a payer are refused.
import { randomUUID } from 'node:crypto';
import type { AuditPage, PaymentFlag } from '@salle/contracts';
import { agent, member, PaymentTestKit } from './payment-test-kit';

describe('contacting the payer of a flagged payment', () => {
  let kit: PaymentTestKit;
  let establishmentId: string;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-payer-contact');
    ({ establishmentId } = await kit.readyCollege());
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const message = 'Bonjour, le montant reçu ne correspond pas au prix : merci de nous rappeler.';

  it('records each contact on the flag, in the audit log and as an event, and refuses the others', async () => {
    const booking = await kit.approvedBooking(establishmentId, 10_000);
    const { body } = await kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .post<{ checkoutUrl: string }>(`/bookings/${booking.bookingId}/checkout`);
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
    const path = `/admin/flags/${flag.id}/payer-contacts`;
    const manager = kit.as(agent(), { establishments: [establishmentId] });
    const admin = kit.as(agent(['department_admin']));

    // Refusals: the payer itself, a manager of another collège, a short message, an unknown flag, no payer known.
    expect(
      (await kit.as(booking.payer, { organisations: [booking.organisationId] }).post(path, { message })).status,
    ).toBe(403);
    expect((await kit.as(agent(), { establishments: [randomUUID()] }).post(path, { message })).status).toBe(403);
    expect((await kit.as(member()).post(path, { message })).status).toBe(403);
    const short = await manager.post<{ code: string }>(path, { message: 'Bonjour' });
    expect(short.status).toBe(400);
    expect((await admin.post(`/admin/flags/${randomUUID()}/payer-contacts`, { message })).status).toBe(404);
    const orphan = randomUUID();
    await kit.sql(
      `INSERT INTO payment.payment_flag (id, kind, dedupe_key, detail) VALUES ($1, 'unknown_booking', $2, 'Inconnu')`,
      [orphan, `orphan:${orphan}`],
    );
    const withoutPayer = await admin.post<{ code: string }>(`/admin/flags/${orphan}/payer-contacts`, { message });
    expect(withoutPayer.status).toBe(409);
    expect(withoutPayer.body.code).toBe('flag_without_payer');
    expect(await kit.paymentEvents('payment.payer_contacted')).toEqual([]);

    const byCollege = await manager.post<PaymentFlag>(path, { message });
    expect(byCollege.status).toBe(201);
    expect(byCollege.body.payerContacts).toEqual([
      { at: expect.any(String), byAccountId: expect.any(String), byRole: 'establishment_manager' },
    ]);
    const byDepartment = await admin.post<PaymentFlag>(path, { message });
    expect(byDepartment.body.payerContacts.map((contact) => contact.byRole)).toEqual([
      'establishment_manager',
      'department_admin',
    ]);
    const flags = await admin.get<{ items: PaymentFlag[] }>('/admin/flags');
    expect(flags.body.items.find((item) => item.id === flag.id)?.payerContacts).toHaveLength(2);

    expect((await kit.paymentEvents('payment.payer_contacted')).map((event) => event.payload)).toEqual([
      expect.objectContaining({
        flagId: flag.id,
        bookingId: booking.bookingId,
        organisationId: booking.organisationId,
        establishmentId,
        from: 'establishment',
        message,
        kind: 'amount_mismatch',
      }),
      expect.objectContaining({ flagId: flag.id, from: 'department' }),
    ]);

    const logged = await admin.get<AuditPage>('/audit-entries?action=flag.payer_contacted');
    expect(logged.body.items).toEqual([
      expect.objectContaining({ actorRole: 'department_admin', objectId: flag.id, establishmentId }),
      expect.objectContaining({ actorRole: 'establishment_manager', objectId: flag.id, establishmentId }),
    ]);
    // No message text in the log: it stays with the flag and the notification.
    expect(JSON.stringify(logged.body)).not.toContain('rappeler');
  });

  it('records a payment that succeeded, and shows a manager only their collège’s entries', async () => {
    const booking = await kit.approvedBooking(establishmentId, 4_000);
    const { body } = await kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(`/bookings/${booking.bookingId}/checkout`);
    await kit.payOnPage(body.checkoutUrl);
    const admin = kit.as(agent(['department_admin']));
    const succeeded = await kit.waitFor(
      async () =>
        (await admin.get<AuditPage>('/audit-entries?action=payment.succeeded')).body.items.find(
          (entry) => entry.objectId === body.paymentId,
        ),
      'the payment’s audit entry',
    );
    expect(succeeded).toMatchObject({
      service: 'payment',
      actorRole: 'provider',
      actorAccountId: null,
      establishmentId,
      organisationId: booking.organisationId,
      changes: { status: { after: 'succeeded' }, amountCents: { after: 4_000 } },
    });
    const own = await kit.as(agent(), { establishments: [establishmentId] }).get<AuditPage>('/audit-entries');
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((entry) => entry.establishmentId === establishmentId)).toBe(true);
    const other = kit.as(agent(), { establishments: [randomUUID()] });
    expect((await other.get<AuditPage>('/audit-entries')).body.items).toEqual([]);
    expect((await other.get(`/audit-entries?establishmentId=${establishmentId}`)).status).toBe(403);
    expect((await kit.as(member()).get('/audit-entries')).status).toBe(403);
    expect((await kit.as(null).get('/audit-entries')).status).toBe(401);
  });
});
