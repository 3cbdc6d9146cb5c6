import type { EstablishmentView, OrganisationView, SeriesCreatedView } from '@salle/contracts';
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
import { allevard, association, gymnasium, upcomingSaturday } from './fixtures';

/** 20 consecutive Saturdays without a public holiday, from about two weeks ahead: always two school terms. */
function twentySaturdays(): LocalDate[] {
  for (let first = upcomingSaturday(2, () => false); ; first = addDays(first, 7)) {
    const days = Array.from({ length: 20 }, (_, k) => addDays(first, 7 * k));
    if (days.every((day) => publicHolidayOn(day) === null)) return days;
  }
}

interface InvoicePeriod {
  seriesId: string;
  key: string;
  label: string;
  sessions: { bookingId: string; startsAt: string; endsAt: string; priceCents: number }[];
}

// A commune's series is invoiced per payment period: each confirmed session's booking.confirmed names its
// period and the period's sessions confirmed so far, the lines of the period's one invoice (payment issues it).
describe('a public payer’s series, paid per school term (SERIES_PAYMENT=term)', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const clerk = franceConnectUser();
  const member = franceConnectUser();
  let establishmentId: string;
  let spaceId: string;
  let communeId: string;
  let associationId: string;
  const days = twentySaturdays();
  const payer = { siret: '21380185500015', engagementNumber: 'EJ-2026-0099', serviceCode: 'SPORTS' };

  const rows = <T>(sql: string, params: unknown[]) => api.service.dataSource.query(sql, params) as Promise<T[]>;
  const series = (
    who: typeof clerk,
    organisationId: string,
    extra: Record<string, unknown> = {},
    startTime = '10:00',
  ) =>
    api.as(who).post<SeriesCreatedView & { code?: string; errors?: { field: string }[] }>('/series', {
      spaceId,
      organisationId,
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20',
      firstDate: days[0],
      startTime,
      durationMinutes: 120,
      ...extra,
    });

  beforeAll(async () => {
    api = await startBookingTestService('series-public-payer', undefined, { SERIES_PAYMENT: 'term' });
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    spaceId = (
      await api.as(manager).post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, maxHorizonDays: 730 })
    ).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, {
      tariffs: [
        { category: 'association', hourlyCents: 1500 },
        { category: 'commune', hourlyCents: 1600 },
      ],
    });
    const commune = await api
      .as(clerk)
      .post<OrganisationView>(
        '/organisations',
        association({ name: 'Mairie d’Allevard', kind: 'commune', rna: undefined, siren: '213801855' }),
      );
    communeId = commune.body.id;
    await api.as(admin).post(`/organisations/${communeId}/verify`);
    associationId = (await api.as(member).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${associationId}/verify`);
  });
  afterAll(() => api?.stop());

  it('is refused from a commune without its invoicing identifiers, and from an association with them', async () => {
    const missing = await series(clerk, communeId);
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body.errors?.map((error) => error.field)).toEqual([
      'publicPayer.siret',
      'publicPayer.engagementNumber',
    ]);
    const fromAssociation = await series(member, associationId, { publicPayer: payer });
    expect(fromAssociation.status).toBe(400);
    expect(fromAssociation.body.errors?.map((error) => error.field)).toEqual(['publicPayer']);
    // Another organisation's member may not request it for the commune.
    expect((await series(member, communeId, { publicPayer: payer })).status).toBe(403);
    const [count] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM booking.booking WHERE space_id = $1`, [
      spaceId,
    ]);
    expect(count?.n).toBe(0);
  });

  it('stores the payer on every session; each confirmation names its term and the term’s sessions approved with it', async () => {
    const created = await series(clerk, communeId, { publicPayer: payer });
    expect(created.status).toBe(201);
    expect(created.body.summary.created).toBe(20);
    const seriesId = created.body.series.id;
    const stored = await rows<{ payer: unknown }>(
      `SELECT public_payer AS payer FROM booking.booking WHERE series_id = $1`,
      [seriesId],
    );
    expect(stored).toEqual(Array(20).fill({ payer }));

    const approved = await api.as(manager).post(`/series/${seriesId}/approve`, {});
    expect(approved.status).toBe(200);
    const sessions = await rows<{ id: string; status: string; startsAt: Date }>(
      `SELECT id, status, starts_at AS "startsAt" FROM booking.booking WHERE series_id = $1 ORDER BY starts_at`,
      [seriesId],
    );
    expect(sessions.every((session) => session.status === 'confirmed')).toBe(true);
    const events = await rows<{ type: string; bookingId: string; invoice: { seriesPeriod?: InvoicePeriod } }>(
      `SELECT o.type, o.aggregate_id::text AS "bookingId", o.payload->'invoice' AS invoice
         FROM booking.event_outbox o JOIN booking.booking b ON b.id::text = o.aggregate_id::text
        WHERE b.series_id = $1 AND o.type IN ('booking.approved', 'booking.confirmed') ORDER BY o.position`,
      [seriesId],
    );
    // Invoiced: confirmed on approval, no checkout to open.
    expect(events.map((event) => event.type)).toEqual(Array(20).fill('booking.confirmed'));
    const periodOf = (startsAt: Date) => seriesPeriodOf('term', startsAt);
    const keys = new Set(sessions.map((session) => periodOf(session.startsAt).key));
    expect(keys.size).toBeGreaterThanOrEqual(2);
    // Approved in one action: every confirmation of a term lists all of the term's sessions (payment issues the
    // term's one invoice from the first it reads).
    for (const session of sessions) {
      const event = events.find((e) => e.bookingId === session.id);
      const { key, label } = periodOf(session.startsAt);
      const term = sessions.filter((s) => periodOf(s.startsAt).key === key);
      expect(event?.invoice.seriesPeriod).toEqual({
        seriesId,
        key,
        label,
        sessions: term.map((s) => ({
          bookingId: s.id,
          startsAt: s.startsAt.toISOString(),
          endsAt: new Date(s.startsAt.getTime() + 2 * 3_600_000).toISOString(),
          priceCents: 3200,
        })),
      });
    }
  });

  it('invoices a commune’s series the collège entered and approved at once, per term', async () => {
    const body = {
      spaceId,
      organisationId: communeId,
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20',
      firstDate: days[0],
      startTime: '14:00',
      durationMinutes: 120,
      paymentChoice: 'invoice',
      approve: true,
    };
    const path = `/establishments/${establishmentId}/entered-series`;
    const online = await api.as(manager).post<{ errors?: { field: string }[] }>(path, {
      ...body,
      publicPayer: payer,
      paymentChoice: 'online',
    });
    expect(online.status).toBe(400);
    expect(online.body.errors?.map((error) => error.field)).toEqual(['paymentChoice']);
    const entered = await api.as(manager).post<SeriesCreatedView>(path, { ...body, publicPayer: payer });
    expect(entered.status).toBe(201);
    expect(entered.body.occurrences.map((o) => o.status)).toEqual(Array(20).fill('confirmed'));
    const periods = await rows<{ key: string; n: number }>(
      `SELECT o.payload->'invoice'->'seriesPeriod'->>'key' AS key,
              min(jsonb_array_length(o.payload->'invoice'->'seriesPeriod'->'sessions'))::int AS n
         FROM booking.event_outbox o JOIN booking.booking b ON b.id::text = o.aggregate_id::text
        WHERE b.series_id = $1 AND o.type = 'booking.confirmed' GROUP BY 1 ORDER BY 1`,
      [entered.body.series.id],
    );
    // Approved on entry, together: even the first confirmation of each term lists all of the term's sessions.
    expect(periods.every((period) => period.key !== null)).toBe(true);
    expect(periods.reduce((sum, period) => sum + period.n, 0)).toBe(20);
  });
});
