// `payment.checkout_opened`: the member's click that creates a payment writes its audit entry in the payment's own
// INSERT statement (who, which collège and organisation, amount, provider, attempt, booking or series' period);
// a checkout handed out again, or refused, writes none. Read back through GET /audit-entries.
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditPage } from '@salle/contracts';
import { agent, member, PaymentTestKit } from './payment-test-kit';

describe('the audit entry of an opened checkout', () => {
  let kit: PaymentTestKit;
  let establishmentId: string;
  const admin = agent(['department_admin']);

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-checkout-audit');
    ({ establishmentId } = await kit.readyCollege());
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const opened = async (reader = kit.as(admin)): Promise<AuditEntry[]> => {
    const page = await reader.get<AuditPage>('/audit-entries?action=payment.checkout_opened&limit=200');
    expect(page.status).toBe(200);
    return page.body.items;
  };
  const created = (after: unknown) => ({ before: null, after });

  it('records the payment a member opens for a booking, once, and nothing for a refusal or a second click', async () => {
    const booking = await kit.approvedBooking(establishmentId, 4_500);
    const path = `/bookings/${booking.bookingId}/checkout`;
    expect((await kit.as(null).post(path)).status).toBe(401);
    expect((await kit.as(member(), { organisations: [randomUUID()] }).post(path)).status).toBe(404);
    expect((await kit.as(agent(), { establishments: [establishmentId] }).post(path)).status).toBe(404);
    expect(await opened()).toEqual([]);

    const payer = kit.as(booking.payer, { organisations: [booking.organisationId] });
    const first = await payer.post<{ paymentId: string }>(path);
    expect(first.status).toBe(201);
    expect((await payer.post(path)).status).toBe(200);
    const [entry, ...others] = await opened();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      service: 'payment',
      actorAccountId: booking.payer.accountId,
      actorRole: 'organisation_member',
      onBehalfOf: null,
      objectType: 'payment',
      objectId: first.body.paymentId,
      establishmentId,
      organisationId: booking.organisationId,
    });
    expect(entry?.changes).toEqual({
      status: created('creating'),
      amountCents: created(4_500),
      provider: created('stripe'),
      attempt: created(1),
      bookingId: created(booking.bookingId),
    });

    // The collège's managers read it; another collège's do not.
    const ownCollege = kit.as(agent(), { establishments: [establishmentId] });
    expect((await opened(ownCollege)).map((each) => each.id)).toEqual([entry?.id]);
    expect(await opened(kit.as(agent(), { establishments: [randomUUID()] }))).toEqual([]);
  });

  it('records the payment of a series’ period with the series, the period and the sessions’ total', async () => {
    const seriesId = randomUUID();
    const organisationId = randomUUID();
    const seriesPeriod = { seriesId, key: 'season', label: 'Toute la saison' };
    await kit.approvedBooking(establishmentId, 3_000, organisationId, { seriesPeriod });
    await kit.approvedBooking(establishmentId, 3_000, organisationId, {
      seriesPeriod,
      startsAt: new Date(Date.now() + 14 * 86_400_000),
    });
    const path = `/series/${seriesId}/periods/season/checkout`;
    const before = (await opened()).length;
    expect((await kit.as(member(), { organisations: [randomUUID()] }).post(path)).status).toBe(404);
    expect(await opened()).toHaveLength(before);

    const volunteer = member();
    const answer = await kit.as(volunteer, { organisations: [organisationId] }).post<{ paymentId: string }>(path);
    expect(answer.status).toBe(201);
    const entry = (await opened()).find((each) => each.objectId === answer.body.paymentId);
    expect(entry).toMatchObject({
      actorAccountId: volunteer.accountId,
      actorRole: 'organisation_member',
      establishmentId,
      organisationId,
    });
    expect(entry?.changes).toEqual({
      status: created('creating'),
      amountCents: created(6_000),
      provider: created('stripe'),
      attempt: created(1),
      seriesId: created(seriesId),
      periodKey: created('season'),
    });
  });
});
