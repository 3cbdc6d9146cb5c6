import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';
import type { BookingView, Page, SeriesCreatedView } from '@salle/contracts';
import { BookingLifecycle } from '../src/bookings/booking-lifecycle';
import { toBookingViews, type SignatureGate } from '../src/bookings/booking-view';
import { BookingEntity } from '../src/database/entities';
import { publicHolidayOn } from '../src/domain/calendar';
import { startBookingTestService, type BookingTestService } from './booking-test-service';
import { approvedBooking, setUp, type Parties } from './convention-parties';
import { parisInstant, upcomingSaturday } from './fixtures';

// A page of bookings tells, for each, whether its payment waits for the convention's signatures: one-off bookings
// each have their own annex, the sessions of a series share one, and every annex waits for its framework too
// (CONVENTION_MODE=framework). The signatures are read in one statement for the whole page.

const compact = (date: string) => date.replace(/-/g, '');

describe('awaitingSignatures on a page of bookings and series sessions', () => {
  let api: BookingTestService;
  let p: Parties;
  let oneOffs: BookingView[];
  let requestedId: string;
  const series: { id: string; sessionIds: string[] }[] = [];

  /** Marks the conventions of these series and one-off bookings complete, as their last signature would. */
  const completeConventions = (of: { seriesIds?: string[]; bookingIds?: string[] }) =>
    api.service.dataSource.query(
      `UPDATE booking.convention SET completed_at = now() WHERE series_id = ANY($1::uuid[]) OR booking_id = ANY($2::uuid[])`,
      [of.seriesIds ?? [], of.bookingIds ?? []],
    );

  const listed = async () => {
    const page = await api
      .as(p.owner)
      .get<Page<BookingView>>(`/bookings?organisationId=${p.organisationId}&pageSize=100`);
    expect(page.status).toBe(200);
    return new Map(page.body.items.map((item) => [item.id, item.awaitingSignatures]));
  };

  async function createSeries(weeksAhead: number, startTime: string): Promise<{ id: string; sessionIds: string[] }> {
    const first = upcomingSaturday(weeksAhead, (date) => publicHolidayOn(date) !== null);
    const until = new Date(`${first}T12:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 14);
    const created = await api.as(p.owner).post<SeriesCreatedView>('/series', {
      spaceId: p.spaceId,
      organisationId: p.organisationId,
      rrule: `FREQ=WEEKLY;BYDAY=SA;UNTIL=${compact(until.toISOString().slice(0, 10))}`,
      firstDate: first,
      startTime,
      durationMinutes: 120,
      options: { skipSchoolHolidays: false, skipPublicHolidays: true },
      purpose: 'Entraînement de basket',
    });
    expect(created.status).toBe(201);
    const sessionIds = created.body.occurrences.flatMap((occurrence) =>
      occurrence.bookingId ? [occurrence.bookingId] : [],
    );
    expect(sessionIds.length).toBeGreaterThanOrEqual(2);
    expect((await api.as(p.signatory).post(`/series/${created.body.series.id}/approve`, {})).status).toBe(200);
    return { id: created.body.series.id, sessionIds };
  }

  beforeAll(async () => {
    api = await startBookingTestService('awaiting-signatures-list', undefined, {
      CONVENTION_SIGNING: 'before_payment',
      CONVENTION_MODE: 'framework',
    });
    p = await setUp(api);
    oneOffs = [];
    for (const weeks of [4, 5, 6, 7]) oneOffs.push(await approvedBooking(api, p, weeks));
    series.push(await createSeries(4, '16:00'), await createSeries(4, '13:00'));
    // A request not yet decided: no convention, nothing to wait for.
    const day = upcomingSaturday(8, (date) => publicHolidayOn(date) !== null);
    const requested = await api.as(p.owner).post<BookingView>('/bookings', {
      spaceId: p.spaceId,
      organisationId: p.organisationId,
      startsAt: parisInstant(day, '10:00'),
      endsAt: parisInstant(day, '12:00'),
      purpose: 'Assemblée générale',
    });
    expect(requested.status).toBe(201);
    requestedId = requested.body.id;
  });
  afterAll(() => api?.stop());

  it('tells each booking and session of the page whether its payment waits, from its annex and its framework', async () => {
    const [signedA, signedB, unsignedA, unsignedB] = oneOffs as [BookingView, BookingView, BookingView, BookingView];
    const [signedSeries, unsignedSeries] = series as [(typeof series)[0], (typeof series)[0]];
    expect(oneOffs.map((booking) => [booking.status, booking.awaitingSignatures])).toEqual(
      oneOffs.map(() => ['approved', true]),
    );

    // Annexes signed, the year's framework not yet: everything approved still waits.
    await completeConventions({ bookingIds: [signedA.id, signedB.id], seriesIds: [signedSeries.id] });
    const allSessions = series.flatMap((one) => one.sessionIds);
    const before = await listed();
    expect(before.size).toBe(oneOffs.length + allSessions.length + 1);
    expect([...before]).toEqual(
      expect.arrayContaining([
        ...[...oneOffs.map((booking) => booking.id), ...allSessions].map((id) => [id, true]),
        [requestedId, false],
      ]),
    );

    // The frameworks signed too: only the bookings and the series whose annex is still unsigned wait.
    await api.service.dataSource.query(`UPDATE booking.convention SET completed_at = now() WHERE kind = 'framework'`);
    const after = await listed();
    const expected = new Map<string, boolean>([
      ...[signedA.id, signedB.id, ...signedSeries.sessionIds].map((id) => [id, false] as const),
      ...[unsignedA.id, unsignedB.id, ...unsignedSeries.sessionIds].map((id) => [id, true] as const),
      [requestedId, false],
    ]);
    expect(after).toEqual(expected);
    // A booking's own view and its series' view say the same as the page.
    for (const id of [signedA.id, unsignedA.id])
      expect((await api.as(p.owner).get<BookingView>(`/bookings/${id}`)).body.awaitingSignatures).toBe(
        expected.get(id),
      );
    for (const one of series) {
      const view = await api
        .as(p.owner)
        .get<{ occurrences: { bookingId: string | null; awaitingSignatures?: boolean }[] }>(`/series/${one.id}`);
      for (const occurrence of view.body.occurrences)
        if (occurrence.bookingId) expect(occurrence.awaitingSignatures).toBe(expected.get(occurrence.bookingId));
    }
  });

  describe('statements', () => {
    let runner: QueryRunner;
    let statements = 0;
    const gate: SignatureGate = (manager, bookings) =>
      new BookingLifecycle({
        decisionDays: 7,
        paymentDeadlineHours: 48,
        conventionSigning: 'before_payment',
      }).awaitingSignatures(manager, bookings);

    beforeAll(async () => {
      // Counts what is sent on one connection only: the service's workers use others.
      runner = api.service.dataSource.createQueryRunner();
      const connection = (await runner.connect()) as PoolClient;
      const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
      (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
        statements += 1;
        return query(...args);
      };
    });
    afterAll(() => runner?.release());

    /** The views of `bookings` and the statements they cost. */
    async function viewsOf(bookings: BookingEntity[]) {
      statements = 0;
      const views = await toBookingViews(runner.manager, bookings, gate);
      return { statements, awaiting: new Map(views.map((view) => [view.id, view.awaitingSignatures])) };
    }

    it('costs the same statements for one booking as for a page of one-off bookings and several series', async () => {
      const bookings = await runner.manager.find(BookingEntity, {
        where: { organisationId: p.organisationId },
        order: { startsAt: 'ASC' },
      });
      const candidates = bookings.filter((booking) => booking.status === 'approved');
      expect(new Set(candidates.map((booking) => booking.seriesId)).size).toBe(series.length + 1);
      expect(candidates.length).toBeGreaterThanOrEqual(oneOffs.length + 4);

      const one = await viewsOf(candidates.slice(0, 1));
      const page = await viewsOf(bookings);
      // The names of the parties, then the signatures of every annex on the page: the same two for any length.
      expect(one.statements).toBe(2);
      expect(page.statements).toBe(one.statements);
      expect(page.awaiting).toEqual(await listed());
    });

    it('does not read the signatures when no booking of the page could wait for them', async () => {
      const requested = await runner.manager.findOneByOrFail(BookingEntity, { id: requestedId });
      const { statements: count, awaiting } = await viewsOf([requested]);
      expect(awaiting.get(requestedId)).toBe(false);
      expect(count).toBe(1);
    });
  });
});
