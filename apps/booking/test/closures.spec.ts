import type {
  BookingView,
  ClosureCreatedView,
  EstablishmentView,
  OrganisationView,
  SeriesBatch,
  SeriesCreatedView,
} from '@salle/contracts';
import { schoolCalendar } from '../src/availability/school-calendar';
import { addDays, localDateOf, weekdayOf, type LocalDate } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant } from './fixtures';

const zoneA = schoolCalendar().forZone('A');

/** A Tuesday at least two weeks ahead that is not a public holiday. */
function plainTuesday(weeks: number): LocalDate {
  for (let day = addDays(localDateOf(new Date()), 7 * weeks); ; day = addDays(day, 1)) {
    if (weekdayOf(day) === 2 && zoneA.publicHolidayOn(day) === null) return day;
  }
}

describe('a closure over existing bookings', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  let establishmentId: string;
  let gymId: string;
  let hallId: string;
  let organisationId: string;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    api.service.dataSource.query(sql, params) as Promise<T[]>;

  async function space(name: string, kind: string) {
    const created = await api
      .as(manager)
      .post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, name, kind });
    const id = created.body['id'] as string;
    await api.as(manager).put(`/spaces/${id}/opening-rules`, {
      rules: [{ weekdays: [1, 2, 3, 4, 5], startTime: '18:00', endTime: '22:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${id}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500, depositCents: 0 }] });
    return id;
  }

  async function book(spaceId: string, day: LocalDate, start: string, end: string) {
    const created = await api.as(member).post<BookingView>('/bookings', {
      spaceId,
      organisationId,
      startsAt: parisInstant(day, start),
      endsAt: parisInstant(day, end),
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const dayClosure = (day: LocalDate, spaceId?: string) => ({
    ...(spaceId ? { spaceId } : {}),
    startsAt: parisInstant(day, '00:00'),
    endsAt: parisInstant(addDays(day, 1), '00:00'),
    reason: 'Dégât des eaux',
  });
  const status = async (id: string) => (await api.as(member).get<BookingView>(`/bookings/${id}`)).body;

  beforeAll(async () => {
    api = await startBookingTestService('closures');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post('/establishments', beaurepaire);
    gymId = await space('Gymnase', 'gymnasium');
    hallId = await space('Salle polyvalente', 'multipurpose_hall');
    organisationId = (await api.as(member).post<OrganisationView>('/organisations', association({}))).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
  });
  afterAll(() => api.stop());

  it('lists the bookings first, refuses to close over them unconfirmed, then cancels them with the closure', async () => {
    const day = plainTuesday(3);
    const approved = await book(gymId, day, '18:00', '20:00');
    const requested = await book(gymId, day, '20:30', '22:00');
    const otherSpace = await book(hallId, day, '18:00', '20:00');
    const refused = await book(gymId, addDays(day, 1), '18:00', '19:00');
    await api.as(manager).post(`/bookings/${approved}/approve`);
    await api.as(manager).post(`/bookings/${refused}/refuse`, { reason: 'Non' });
    const closure = dayClosure(day, gymId);

    const preview = await api
      .as(manager)
      .post<{ items: BookingView[] }>(`/establishments/${establishmentId}/closures/preview`, closure);
    expect(preview.status).toBe(200);
    expect(preview.body.items.map((b) => [b.id, b.status])).toEqual([
      [approved, 'approved'],
      [requested, 'requested'],
    ]);

    const unconfirmed = await api.as(manager).post(`/establishments/${establishmentId}/closures`, closure);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body).toMatchObject({ code: 'closure_affects_bookings' });
    expect((unconfirmed.body['bookings'] as BookingView[]).map((b) => b.id)).toEqual([approved, requested]);
    expect(await query(`SELECT 1 FROM booking.closure WHERE establishment_id = $1`, [establishmentId])).toEqual([]);
    expect((await status(approved)).status).toBe('approved');

    const confirmed = await api
      .as(manager)
      .post<ClosureCreatedView>(`/establishments/${establishmentId}/closures`, { ...closure, cancelBookings: true });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ spaceId: gymId, reason: 'Dégât des eaux' });
    expect(confirmed.body.cancelledBookingIds).toEqual([approved, requested]);
    expect(await status(approved)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'establishment',
      refundPercent: 100,
      cancellationReason: 'Fermeture\u00a0: Dégât des eaux',
    });
    expect(await status(requested)).toMatchObject({
      status: 'refused',
      refusalReason: 'Fermeture\u00a0: Dégât des eaux',
    });
    expect((await status(otherSpace)).status).toBe('requested');
    expect((await status(refused)).status).toBe('refused');
    const events = await query<{ type: string; payload: { cancelledBy?: string; refundPercent?: number } }>(
      `SELECT type, payload FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
      [approved],
    );
    expect(events.map((e) => e.type)).toEqual(['booking.requested', 'booking.approved', 'booking.cancelled']);
    expect(events[2]?.payload).toMatchObject({ cancelledBy: 'establishment', refundPercent: 100 });
  });

  it('tells the sessions of one series it cancels as one: a lead event listing them, in the closure’s transaction', async () => {
    const first = plainTuesday(8);
    const created = await api.as(member).post<SeriesCreatedView>('/series', {
      spaceId: hallId,
      organisationId,
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
      firstDate: first,
      startTime: '18:00',
      durationMinutes: 120,
      purpose: 'Répétition',
    });
    expect(created.status).toBe(201);
    const seriesId = created.body.series.id;
    const sessions = created.body.series.occurrences;
    expect((await api.as(manager).post(`/series/${seriesId}/approve`)).status).toBe(200);
    const [one, two] = sessions;
    if (!one || !two) throw new Error('fewer than two sessions created');
    // Closed from the first session's day to the end of the second's.
    const closure = {
      spaceId: hallId,
      startsAt: parisInstant(localDateOf(new Date(one.startsAt)), '00:00'),
      endsAt: parisInstant(addDays(localDateOf(new Date(two.startsAt)), 1), '00:00'),
      reason: 'Travaux',
      cancelBookings: true,
    };
    const closed = await api
      .as(manager)
      .post<ClosureCreatedView>(`/establishments/${establishmentId}/closures`, closure);
    expect(closed.status).toBe(201);
    expect(closed.body.cancelledBookingIds).toEqual([one.id, two.id]);
    const events = await query<{ aggregate_id: string; payload: { seriesBatch?: SeriesBatch } }>(
      `SELECT aggregate_id, payload FROM booking.event_outbox WHERE type = 'booking.cancelled' AND aggregate_id = ANY($1)
        ORDER BY position`,
      [sessions.map((session) => session.id)],
    );
    expect(events.map((event) => [event.aggregate_id, event.payload.seriesBatch?.lead])).toEqual([
      [one.id, true],
      [two.id, false],
    ]);
    expect(events[0]?.payload.seriesBatch?.sessions).toEqual([
      expect.objectContaining({ bookingId: one.id, refundPercent: 100, cancelledFrom: 'approved' }),
      expect.objectContaining({ bookingId: two.id, refundPercent: 100, cancelledFrom: 'approved' }),
    ]);
    // Written with the closure: the closure's row and the events commit together.
    expect(await query(`SELECT 1 FROM booking.closure WHERE reason = 'Travaux'`)).toHaveLength(1);
  });

  it('closes the whole collège over every space, and refuses those who do not manage it', async () => {
    const day = plainTuesday(5);
    const inGym = await book(gymId, day, '18:00', '19:00');
    const inHall = await book(hallId, day, '19:00', '20:00');
    const closure = { ...dayClosure(day), cancelBookings: true };
    for (const who of [otherManager, member]) {
      expect((await api.as(who).post(`/establishments/${establishmentId}/closures/preview`, closure)).status).toBe(403);
      expect((await api.as(who).post(`/establishments/${establishmentId}/closures`, closure)).status).toBe(403);
    }
    expect((await api.visitor.post(`/establishments/${establishmentId}/closures`, closure)).status).toBe(401);
    expect((await status(inGym)).status).toBe('requested');

    const created = await api
      .as(admin)
      .post<ClosureCreatedView>(`/establishments/${establishmentId}/closures`, closure);
    expect(created.status).toBe(201);
    expect(created.body.cancelledBookingIds).toEqual([inGym, inHall]);
    // Nothing more can be requested in the closed day.
    const after = await api.as(member).post('/bookings', {
      spaceId: gymId,
      organisationId,
      startsAt: parisInstant(day, '20:00'),
      endsAt: parisInstant(day, '21:00'),
    });
    expect(after.status).toBe(422);
  });

  it('names a space of another collège as not found', async () => {
    const foreign = await api.as(manager).post(`/establishments/${establishmentId}/closures/preview`, {
      ...dayClosure(plainTuesday(6)),
      spaceId: crypto.randomUUID(),
    });
    expect(foreign.body).toMatchObject({ status: 404, code: 'space_not_found' });
  });
});
