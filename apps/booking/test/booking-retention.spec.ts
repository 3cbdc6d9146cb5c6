// The bookings' retention on a simulated clock: a booking, or a whole series, is deleted with every row about it
// once its last session ended more than the period ago; nothing else goes, a second run finds nothing, and two
// replicas running at once share the rows.
import type { BookingView, OrganisationView, SeriesCreatedView } from '@salle/contracts';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { LocalFolderStore } from '@salle/storage';
import { Registry } from 'prom-client';
import { publicHolidayOn } from '../src/domain/calendar';
import type { LocalDate } from '../src/domain/time';
import { deleteOldBookings, type DeletedBookingRecords } from '../src/privacy/booking-retention';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, openGymnasium, parisInstant, upcomingSaturday, yearsAfter } from './fixtures';

const none: DeletedBookingRecords = {
  bookings: 0,
  series: 0,
  auditEntries: 0,
  conventions: 0,
  messages: 0,
  readMarkers: 0,
};

const isHoliday = (date: LocalDate) => publicHolidayOn(date) !== null;

describe('booking retention: the bookings after the accounting period', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret, displayName: 'Julien Bernard' });
  const member = franceConnectUser({ displayName: 'Angela Dubois' });
  let organisationId: string;
  let gymId: string;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    api.service.dataSource.query(sql, params) as Promise<T[]>;

  /** A Saturday morning (out of school time) in about `weeks` weeks, approved, with a two-message conversation. */
  async function bookWithHistory(weeks: number): Promise<BookingView> {
    const day = upcomingSaturday(weeks, isHoliday);
    const booked = await api.as(member).post<BookingView>('/bookings', {
      spaceId: gymId,
      organisationId,
      startsAt: parisInstant(day, '10:00'),
      endsAt: parisInstant(day, '12:00'),
    });
    expect(booked.status).toBe(201);
    const path = `/bookings/${booked.body.id}/messages`;
    expect((await api.as(member).post(path, { body: 'Peut-on venir dès 9 h 30 ?' })).status).toBe(201);
    expect((await api.as(manager).post(path, { body: 'Oui, le gardien ouvre à 9 h 15.' })).status).toBe(201);
    expect((await api.as(manager).post(`/bookings/${booked.body.id}/approve`, {})).status).toBe(200);
    return booked.body;
  }

  /** Three weekly sessions from about `weeks` weeks, approved: the series' convention is issued. */
  async function seriesOfThree(weeks: number): Promise<{ id: string; sessions: { id: string; endsAt: string }[] }> {
    const created = await api.as(member).post<SeriesCreatedView>('/series', {
      spaceId: gymId,
      organisationId,
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=3',
      firstDate: upcomingSaturday(weeks, isHoliday),
      startTime: '14:00',
      durationMinutes: 120,
      options: { skipSchoolHolidays: false, skipPublicHolidays: true },
      purpose: 'Entraînement de basket',
    });
    expect(created.status).toBe(201);
    const id = created.body.series.id;
    expect((await api.as(manager).post(`/series/${id}/approve`, {})).status).toBe(200);
    const sessions = await query<{ id: string; endsAt: Date }>(
      `SELECT id, ends_at AS "endsAt" FROM booking.booking WHERE series_id = $1 ORDER BY ends_at`,
      [id],
    );
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    return { id, sessions: sessions.map((session) => ({ id: session.id, endsAt: session.endsAt.toISOString() })) };
  }

  /** What the booking schema still holds about `bookingIds` and `seriesIds`, table by table. */
  async function left(bookingIds: string[], seriesIds: string[]) {
    const countOf = async (sql: string, params: unknown[] = [bookingIds]) =>
      (await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]?.n;
    return {
      bookings: await countOf(`booking.booking WHERE id = ANY($1::uuid[])`),
      series: await countOf(`booking.series WHERE id = ANY($1::uuid[])`, [seriesIds]),
      auditEntries: await countOf(`booking.audit_entry WHERE booking_id = ANY($1::uuid[])`),
      conventions: await countOf(
        `booking.convention WHERE booking_id = ANY($1::uuid[]) OR series_id = ANY($2::uuid[])`,
        [bookingIds, seriesIds],
      ),
      messages: await countOf(`booking.booking_message WHERE booking_id = ANY($1::uuid[])`),
      readMarkers: await countOf(`booking.booking_message_read WHERE booking_id = ANY($1::uuid[])`),
    };
  }

  const conventionKeys = async (bookingIds: string[], seriesIds: string[]) =>
    (
      await query<{ key: string }>(
        `SELECT storage_key AS key FROM booking.convention WHERE booking_id = ANY($1::uuid[]) OR series_id = ANY($2::uuid[])`,
        [bookingIds, seriesIds],
      )
    ).map((row) => row.key);

  beforeAll(async () => {
    api = await startBookingTestService('booking-retention');
    gymId = await openGymnasium(api, admin, manager);
    organisationId = (await api.as(member).post<OrganisationView>('/organisations', association({}))).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
  });
  afterAll(() => api.stop());

  it('deletes each booking, and each whole series, with every row about it, once its last session is past the period', async () => {
    const store = new LocalFolderStore(api.storageDir);
    const early = await bookWithHistory(2);
    const late = await bookWithHistory(4);
    const series = await seriesOfThree(7);
    const kept = await bookWithHistory(30);
    const sessionIds = series.sessions.map((session) => session.id);
    const firstSession = series.sessions[0]?.endsAt ?? '';
    const lastSession = series.sessions.at(-1)?.endsAt ?? '';
    const earlyFiles = await conventionKeys([early.id], []);
    const seriesFiles = await conventionKeys([], [series.id]);
    expect([earlyFiles.length, seriesFiles.length]).toEqual([1, 1]);
    const before = await left([early.id], []);
    expect(before).toEqual({ bookings: 1, series: 0, auditEntries: 2, conventions: 1, messages: 2, readMarkers: 2 });
    const registry = new Registry();
    const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), registry);
    const run = (now: Date) => deleteOldBookings(api.service.dataSource, store, 10, report, now);

    // A day before ten years have passed since the early session: nothing is due.
    expect(await run(yearsAfter(early.endsAt, 10, -1))).toEqual(none);
    // The day after, the early booking goes with its convention (file too), conversation and audit entries.
    const afterEarly = yearsAfter(early.endsAt, 10, 1);
    expect(await run(afterEarly)).toEqual({ ...before, series: 0 });
    expect(await left([early.id], [])).toEqual({ ...none, series: 0 });
    for (const key of earlyFiles) expect(await store.get(key)).toBeUndefined();
    expect(await run(afterEarly)).toEqual(none);
    expect((await left([late.id, kept.id, ...sessionIds], [series.id])).bookings).toBe(2 + sessionIds.length);

    // Past the series' first session but not its last: the later single booking goes, the series stays whole.
    expect((await run(yearsAfter(firstSession, 10, 1))).bookings).toBe(1);
    expect(await left(sessionIds, [series.id])).toEqual(
      expect.objectContaining({ bookings: sessionIds.length, series: 1, conventions: 1 }),
    );

    // Past its last session: two replicas at once delete the series whole, once, between them.
    const afterSeries = yearsAfter(lastSession, 10, 1);
    const [one, other] = await Promise.all([run(afterSeries), run(afterSeries)]);
    expect({ bookings: one.bookings + other.bookings, series: one.series + other.series }).toEqual({
      bookings: sessionIds.length,
      series: 1,
    });
    expect(one.conventions + other.conventions).toBe(1);
    expect(await left(sessionIds, [series.id])).toEqual(none);
    for (const key of seriesFiles) expect(await store.get(key)).toBeUndefined();
    expect(await run(afterSeries)).toEqual(none);

    // The booking whose session is still within the period keeps everything, and still reads.
    expect(await left([kept.id], [])).toEqual({ ...before, series: 0 });
    expect((await api.as(member).get(`/bookings/${kept.id}`)).status).toBe(200);
    const metric = await registry.getSingleMetric('retention_records_total')?.get();
    expect(metric?.values).toEqual(
      expect.arrayContaining([
        { labels: { kind: 'bookings', action: 'deleted' }, value: 2 + sessionIds.length },
        { labels: { kind: 'booking_series', action: 'deleted' }, value: 1 },
        { labels: { kind: 'conventions', action: 'deleted' }, value: 3 },
      ]),
    );
  });
});
