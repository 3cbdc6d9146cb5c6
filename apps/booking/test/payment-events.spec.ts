import type { BookingView, EstablishmentView, OrganisationView } from '@salle/contracts';
import { streamKey } from '@salle/events';
import { randomUUID } from 'node:crypto';
import { publicHolidayOn } from '../src/domain/calendar';
import { BookingLifecycle } from '../src/bookings/booking-lifecycle';
import { BookingSweeper } from '../src/bookings/booking-sweeper';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, gymnasium, parisInstant, upcomingSaturday } from './fixtures';
import { eventually, startFakePaymentProducer } from './payment-producer';

describe('payment events move bookings on', () => {
  let api: BookingTestService;
  let payment: Awaited<ReturnType<typeof startFakePaymentProducer>>;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const member = franceConnectUser();
  let establishmentId: string;
  let spaceId: string;
  let organisationId: string;
  const date = upcomingSaturday(5, (d) => publicHolidayOn(d) !== null);
  // A Saturday of its own for the holds, whose slots are requested again once released.
  const holdsDate = upcomingSaturday(6, (d) => publicHolidayOn(d) !== null);

  beforeAll(async () => {
    api = await startBookingTestService('payment-events');
    payment = await startFakePaymentProducer(api);
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500 }] });
    organisationId = (await api.as(member).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
  });
  afterAll(async () => {
    await payment?.stop();
    await api?.stop();
  });

  const approvedBooking = async (start: string, end: string, day = date) => {
    const booking = (
      await api.as(member).post<BookingView>('/bookings', {
        spaceId,
        organisationId,
        startsAt: parisInstant(day, start),
        endsAt: parisInstant(day, end),
      })
    ).body;
    return (await api.as(manager).post<BookingView>(`/bookings/${booking.id}/approve`)).body;
  };
  const statusOf = (id: string) =>
    api
      .as(member)
      .get<BookingView>(`/bookings/${id}`)
      .then((r) => r.body.status);
  const ref = (bookingId: string) => ({ paymentId: randomUUID(), bookingId, establishmentId });

  it('confirms an approved booking paid at the collège’s counter before it could take online payments', async () => {
    const booking = await approvedBooking('17:00', '18:00');
    expect(booking.status).toBe('approved');
    await applied({
      type: 'payment.succeeded',
      aggregateId: booking.id,
      payload: { ...ref(booking.id), amountCents: 1500, paidAt: new Date().toISOString() },
    });
    expect(await statusOf(booking.id)).toBe('confirmed');
  });

  it('opens payment for approved bookings once the collège can take payments', async () => {
    const booking = await approvedBooking('08:00', '09:00');
    expect(booking.status).toBe('approved');
    await payment.publish({
      type: 'establishment.payout_ready',
      aggregateId: establishmentId,
      payload: { establishmentId, accountId: 'acct_test' },
    });
    expect(
      await eventually(
        () => statusOf(booking.id),
        (s) => s === 'awaiting_payment',
      ),
    ).toBe('awaiting_payment');
    const establishment = await api.as(manager).get<EstablishmentView>(`/establishments/${establishmentId}`);
    expect(establishment.body.payoutReady).toBe(true);
  });

  it('confirms a booking when its payment succeeds, once even if the event comes twice', async () => {
    const booking = await approvedBooking('10:00', '11:00');
    expect(booking.status).toBe('awaiting_payment');
    const event = {
      type: 'payment.succeeded' as const,
      aggregateId: booking.id,
      payload: { ...ref(booking.id), amountCents: 1500, paidAt: new Date().toISOString() },
    };
    await payment.publish(event);
    await payment.publish({ ...event, payload: { ...event.payload } });
    expect(
      await eventually(
        () => statusOf(booking.id),
        (s) => s === 'confirmed',
      ),
    ).toBe('confirmed');
    const history = await api.as(member).get<{ history: { toStatus: string }[] }>(`/bookings/${booking.id}`);
    expect(history.body.history.filter((h) => h.toStatus === 'confirmed')).toHaveLength(1);
    // The confirmation is announced on the booking stream for the other services.
    const entries = await eventually(
      () => payment.redis.xrange(streamKey(api.eventsKeyPrefix, 'booking'), '-', '+'),
      (list) => list.some(([, fields]) => fields.includes('booking.confirmed')),
    );
    expect(entries.some(([, fields]) => fields.includes('booking.confirmed'))).toBe(true);
  });

  /** Publishes a payment event and waits until the booking service applied it. */
  const applied = async (event: Parameters<typeof payment.publish>[0]) => {
    const id = randomUUID();
    await payment.publish({ ...event, id });
    const inbox = () =>
      api.service.dataSource.query(`SELECT 1 FROM booking.event_inbox WHERE event_id = $1`, [id]) as Promise<unknown[]>;
    expect(await eventually(inbox, (rows) => rows.length > 0)).toHaveLength(1);
  };
  const requestSlot = (start: string, end: string) =>
    api.as(member).post('/bookings', {
      spaceId,
      organisationId,
      startsAt: parisInstant(holdsDate, start),
      endsAt: parisInstant(holdsDate, end),
    });
  const pastDeadline = (id: string) =>
    api.service.dataSource.query(`UPDATE booking.booking SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      id,
    ]);
  const sweep = () =>
    new BookingSweeper(
      api.service.dataSource,
      new BookingLifecycle({ decisionDays: 10, paymentDeadlineHours: 72 }),
    ).sweepOnce();

  it('keeps the slot held when a checkout expires or a payment fails: only the payment deadline releases it', async () => {
    const booking = await approvedBooking('12:00', '13:00', holdsDate);
    expect(booking.status).toBe('awaiting_payment');
    // payment.expired has no handler (no inbox row): the failure after it, on the same booking, is applied after it.
    await payment.publish({ type: 'payment.expired', aggregateId: booking.id, payload: ref(booking.id) });
    await applied({
      type: 'payment.failed',
      aggregateId: booking.id,
      payload: { ...ref(booking.id), reason: 'carte refusée' },
    });
    expect(await statusOf(booking.id)).toBe('awaiting_payment');
    expect((await requestSlot('12:00', '13:00')).body).toMatchObject({ code: 'slot_unavailable' });
    await pastDeadline(booking.id);
    await sweep();
    expect(await statusOf(booking.id)).toBe('expired');
    expect((await requestSlot('12:00', '13:00')).status).toBe(201);
  });

  it('holds a booking whose debit is processing past its deadline, and releases it when the debit fails', async () => {
    const booking = await approvedBooking('16:00', '17:00', holdsDate);
    expect(booking.status).toBe('awaiting_payment');
    const debit = ref(booking.id);
    await applied({ type: 'payment.processing', aggregateId: booking.id, payload: { ...debit, amountCents: 1500 } });
    await pastDeadline(booking.id);
    await sweep();
    expect(await statusOf(booking.id)).toBe('awaiting_payment');
    expect((await requestSlot('16:00', '17:00')).body).toMatchObject({ code: 'slot_unavailable' });
    // Another attempt's failure does not end the debit's hold.
    await applied({
      type: 'payment.failed',
      aggregateId: booking.id,
      payload: { ...ref(booking.id), reason: 'autre tentative' },
    });
    await sweep();
    expect(await statusOf(booking.id)).toBe('awaiting_payment');
    await applied({
      type: 'payment.failed',
      aggregateId: booking.id,
      payload: { ...debit, reason: 'prélèvement rejeté' },
    });
    expect(await statusOf(booking.id)).toBe('expired');
    expect((await requestSlot('16:00', '17:00')).status).toBe(201);
  });

  it('confirms a booking whose debit succeeds after the deadline it was held past', async () => {
    const booking = await approvedBooking('08:00', '09:00', holdsDate);
    expect(booking.status).toBe('awaiting_payment');
    const debit = ref(booking.id);
    await applied({ type: 'payment.processing', aggregateId: booking.id, payload: { ...debit, amountCents: 1500 } });
    await pastDeadline(booking.id);
    await sweep();
    await applied({
      type: 'payment.succeeded',
      aggregateId: booking.id,
      payload: { ...debit, amountCents: 1500, paidAt: new Date().toISOString() },
    });
    expect(await statusOf(booking.id)).toBe('confirmed');
  });

  it('lets a debit that fails before the deadline leave the booking payable', async () => {
    const booking = await approvedBooking('10:00', '11:00', holdsDate);
    expect(booking.status).toBe('awaiting_payment');
    const debit = ref(booking.id);
    await applied({ type: 'payment.processing', aggregateId: booking.id, payload: { ...debit, amountCents: 1500 } });
    await applied({
      type: 'payment.failed',
      aggregateId: booking.id,
      payload: { ...debit, reason: 'prélèvement rejeté' },
    });
    expect(await statusOf(booking.id)).toBe('awaiting_payment');
    // No longer held past the deadline: the deadline releases it.
    await pastDeadline(booking.id);
    await sweep();
    expect(await statusOf(booking.id)).toBe('expired');
  });

  it('leaves a cancelled booking alone when a late payment arrives', async () => {
    const booking = await approvedBooking('14:00', '15:00');
    await api.as(member).post(`/bookings/${booking.id}/cancel`);
    await payment.publish({
      type: 'payment.succeeded',
      aggregateId: booking.id,
      payload: { ...ref(booking.id), amountCents: 1500, paidAt: new Date().toISOString() },
    });
    await payment.publish({ type: 'payment.expired', aggregateId: 'probe', payload: ref(randomUUID()) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await statusOf(booking.id)).toBe('cancelled');
  });
});
