import type { EstablishmentView, OrganisationView, SeriesBatch, SeriesCreatedView, SeriesView } from '@salle/contracts';
import { randomUUID } from 'node:crypto';
import { BookingLifecycle } from '../src/bookings/booking-lifecycle';
import { BookingSweeper } from '../src/bookings/booking-sweeper';
import { publicHolidayOn } from '../src/domain/calendar';
import { seriesPeriodOf } from '../src/domain/series-payment';
import { addDays, type LocalDate } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, upcomingSaturday } from './fixtures';
import { eventually, startFakePaymentProducer } from './payment-producer';

const DAY = 86_400_000;

/** 20 consecutive Saturdays without a public holiday, from about two weeks ahead. */
function twentySaturdays(): LocalDate[] {
  for (let first = upcomingSaturday(2, () => false); ; first = addDays(first, 7)) {
    const days = Array.from({ length: 20 }, (_, k) => addDays(first, 7 * k));
    if (days.every((day) => publicHolidayOn(day) === null)) return days;
  }
}

describe('a series paid per school term (SERIES_PAYMENT=term)', () => {
  let api: BookingTestService;
  let payment: Awaited<ReturnType<typeof startFakePaymentProducer>>;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  const outsider = franceConnectUser();
  let establishmentId: string;
  let seriesId: string;
  let sessions: { id: string; startsAt: string }[];

  const rows = <T>(sql: string, params: unknown[]) => api.service.dataSource.query(sql, params) as Promise<T[]>;
  const statuses = async () =>
    new Map(
      (
        await rows<{ id: string; status: string }>(`SELECT id, status FROM booking.booking WHERE series_id = $1`, [
          seriesId,
        ])
      ).map((row) => [row.id, row.status]),
    );

  beforeAll(async () => {
    api = await startBookingTestService('series-payment', undefined, { SERIES_PAYMENT: 'term' });
    payment = await startFakePaymentProducer(api);
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post('/establishments', beaurepaire);
    const spaceId = (
      await api.as(manager).post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, maxHorizonDays: 730 })
    ).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1600 }] });
    const organisationId = (await api.as(member).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    // The collège takes payments: approved sessions await their payment.
    await payment.publish({
      type: 'establishment.payout_ready',
      aggregateId: establishmentId,
      payload: { establishmentId, accountId: 'acct_test' },
    });
    await eventually(
      () =>
        rows<{ ready: boolean }>(`SELECT payout_ready AS ready FROM booking.establishment WHERE id = $1`, [
          establishmentId,
        ]),
      (found) => found[0]?.ready === true,
    );
    const days = twentySaturdays();
    const created = await api.as(member).post<SeriesCreatedView>('/series', {
      spaceId,
      organisationId,
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20',
      firstDate: days[0],
      startTime: '10:00',
      durationMinutes: 120,
      purpose: 'Entraînement',
    });
    expect(created.body.summary.created).toBe(20);
    seriesId = created.body.series.id;
    sessions = created.body.series.occurrences.map((b) => ({ id: b.id, startsAt: b.startsAt }));
  });
  afterAll(async () => {
    await payment?.stop();
    await api?.stop();
  });

  /** The series' events of `type`, in the outbox's order, each with its session and its series batch marker. */
  const seriesEvents = (type: string) =>
    rows<{ aggregate_id: string; request_id: string | null; payload: { seriesBatch?: SeriesBatch } }>(
      `SELECT o.aggregate_id, o.request_id, o.payload FROM booking.event_outbox o
        WHERE o.type = $1 AND o.aggregate_id IN (SELECT id::text FROM booking.booking WHERE series_id = $2)
        ORDER BY o.position`,
      [type, seriesId],
    );

  it('writes the request of its 20 sessions with one lead event listing them all, with the sessions', async () => {
    const events = await seriesEvents('booking.requested');
    expect(events).toHaveLength(20);
    const leads = events.filter((event) => event.payload.seriesBatch?.lead);
    expect(leads).toHaveLength(1);
    const [lead] = leads;
    const first = sessions[0];
    expect(lead?.aggregate_id).toBe(first?.id);
    expect(lead?.payload.seriesBatch?.seriesId).toBe(seriesId);
    expect(lead?.payload.seriesBatch?.sessions?.map((session) => session.bookingId)).toEqual(sessions.map((s) => s.id));
    expect(lead?.payload.seriesBatch?.sessions?.every((session) => session.priceCents === 3200)).toBe(true);
    // The others leave the message to the lead; all were written by the one request that created the sessions.
    expect(events.filter((event) => event.payload.seriesBatch?.lead === false)).toHaveLength(19);
    expect(new Set(events.map((event) => event.request_id)).size).toBe(1);
  });

  it('sets each session’s payment deadline to its term’s due date, before the term’s first session', async () => {
    const approvedAt = Date.now();
    const approved = await api.as(manager).post(`/series/${seriesId}/approve`, {});
    expect(approved.status).toBe(200);
    const view = (await api.as(member).get<SeriesView>(`/series/${seriesId}`)).body;
    expect(view.paymentMode).toBe('term');
    // Twenty weeks always reach a second term.
    expect(view.paymentSchedule.length).toBeGreaterThanOrEqual(2);
    expect(view.paymentSchedule.flatMap((p) => p.bookingIds).sort()).toEqual(sessions.map((s) => s.id).sort());
    expect(view.paymentSchedule.reduce((sum, p) => sum + p.amountCents, 0)).toBe(20 * 3200);
    for (const [index, period] of view.paymentSchedule.entries()) {
      expect(period.status).toBe('to_pay');
      const own = sessions.filter((s) => period.bookingIds.includes(s.id));
      expect(own.every((s) => seriesPeriodOf('term', new Date(s.startsAt)).key === period.key)).toBe(true);
      const first = Date.parse(own[0]?.startsAt ?? '');
      const due = Date.parse(period.dueAt ?? '');
      expect(due).toBeLessThanOrEqual(first);
      // Every session of the period is due at the same time; a later term 14 days before it begins.
      const deadlines = view.occurrences.filter((o) => period.bookingIds.includes(o.id)).map((o) => o.expiresAt);
      expect(new Set(deadlines)).toEqual(new Set([period.dueAt]));
      if (index === 0) expect(due).toBeLessThanOrEqual(Math.max(first - 14 * DAY, Date.now() + 72 * 3_600_000));
      // Not 72 hours after the season's approval: more than three weeks ahead, these terms are due later.
      else expect(due).toBe(first - 14 * DAY);
      expect(due).toBeGreaterThanOrEqual(Math.min(first, approvedAt + 72 * 3_600_000 - 60_000));
    }
    // Another collège's manager and a stranger do not see the series.
    expect((await api.as(otherManager).get(`/series/${seriesId}`)).status).toBe(404);
    expect((await api.as(outsider).get(`/series/${seriesId}`)).status).toBe(404);
  });

  it('writes the approval in one action with one lead event giving what is due per term', async () => {
    const events = await seriesEvents('booking.approved');
    expect(events).toHaveLength(20);
    const leads = events.filter((event) => event.payload.seriesBatch?.lead);
    expect(leads).toHaveLength(1);
    const batch = leads[0]?.payload.seriesBatch;
    expect(leads[0]?.aggregate_id).toBe(sessions[0]?.id);
    expect(batch?.sessions).toHaveLength(20);
    const schedule = (await api.as(member).get<SeriesView>(`/series/${seriesId}`)).body.paymentSchedule;
    expect(batch?.periods).toEqual(
      schedule.map((period) => ({
        key: period.key,
        label: period.label,
        amountCents: period.amountCents,
        dueAt: period.dueAt,
        firstBookingId: period.bookingIds[0],
      })),
    );
    expect(new Set(events.map((event) => event.request_id)).size).toBe(1);
  });

  it('releases the sessions of a period unpaid at its due date, and leaves the paid periods confirmed', async () => {
    const schedule = (await api.as(member).get<SeriesView>(`/series/${seriesId}`)).body.paymentSchedule;
    const [firstTerm, secondTerm] = schedule;
    if (!firstTerm || !secondTerm) throw new Error('the series should span two terms');
    // The first term is paid: payment confirms each of its sessions.
    for (const bookingId of firstTerm.bookingIds) {
      await payment.publish({
        type: 'payment.succeeded',
        aggregateId: bookingId,
        payload: {
          paymentId: randomUUID(),
          bookingId,
          establishmentId,
          amountCents: 3200,
          paidAt: new Date().toISOString(),
        },
      });
    }
    await eventually(statuses, (now) => firstTerm.bookingIds.every((id) => now.get(id) === 'confirmed'));

    // The sweep just after the second term's due date releases that term only.
    const sweeper = new BookingSweeper(
      api.service.dataSource,
      new BookingLifecycle({ decisionDays: 10, paymentDeadlineHours: 72 }),
    );
    await sweeper.sweepOnce(new Date(Date.parse(secondTerm.dueAt ?? '') + 60_000));
    const after = await statuses();
    // Paid sessions stay paid (those already over in the swept future are completed).
    expect(firstTerm.bookingIds.filter((id) => !['confirmed', 'completed'].includes(after.get(id) ?? ''))).toEqual([]);
    expect(secondTerm.bookingIds.map((id) => after.get(id))).toEqual(secondTerm.bookingIds.map(() => 'expired'));
    for (const later of schedule.slice(2)) {
      expect(later.bookingIds.map((id) => after.get(id))).toEqual(later.bookingIds.map(() => 'awaiting_payment'));
    }
    // Each released session is announced (booking.expired), which the notification service tells the organisation.
    const expired = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking.event_outbox WHERE type = 'booking.expired' AND aggregate_id = ANY($1)`,
      [secondTerm.bookingIds],
    );
    expect(expired[0]?.n).toBe(secondTerm.bookingIds.length);

    const view = (await api.as(manager).get<SeriesView>(`/series/${seriesId}`)).body;
    expect(view.paymentSchedule.slice(0, 2).map((p) => [p.key, p.status, p.dueAt])).toEqual([
      [firstTerm.key, 'paid', null],
      [secondTerm.key, 'released', null],
    ]);
  });

  it('makes a session approved on its own due with its period, set by the period’s first session', async () => {
    const days = twentySaturdays();
    const created = await api.as(member).post<SeriesCreatedView>('/series', {
      spaceId: (await api.as(member).get<SeriesView>(`/series/${seriesId}`)).body.spaceId,
      organisationId: (await api.as(member).get<SeriesView>(`/series/${seriesId}`)).body.organisationId,
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=2',
      firstDate: days[days.length - 2],
      startTime: '14:00',
      durationMinutes: 60,
      purpose: 'Stage',
    });
    expect(created.status).toBe(201);
    const [first, second] = created.body.series.occurrences;
    if (!first || !second) throw new Error('two sessions expected');
    expect((await api.as(otherManager).post(`/bookings/${second.id}/approve`)).status).toBe(404);
    expect((await api.as(member).post(`/bookings/${second.id}/approve`)).status).toBe(403);
    const approved = await api.as(manager).post<{ expiresAt: string | null }>(`/bookings/${second.id}/approve`);
    expect(approved.status).toBe(200);
    const samePeriod =
      seriesPeriodOf('term', new Date(first.startsAt)).key === seriesPeriodOf('term', new Date(second.startsAt)).key;
    const periodStart = Date.parse(samePeriod ? first.startsAt : second.startsAt);
    expect(Date.parse(approved.body.expiresAt ?? '')).toBe(periodStart - 14 * DAY);
  });
});
