import fc from 'fast-check';
import type { BookingView, EstablishmentView, OrganisationView, SearchResults } from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import { addDays, localDateOf } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';
import { utcTimestampsToIso } from '../src/search/free-slot-search';

describe('free-slot search', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const allevardManager = proConnectAgent({ siret: allevard.siret });
  const beaurepaireManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  let gymId: string;
  let hallId: string;
  let farGymId: string;
  let organisationId: string;
  const saturday = upcomingSaturday(4, (d) => publicHolidayOn(d) !== null);
  const at = (time: string, date = saturday) => parisInstant(date, time);

  async function openSaturdays(spaceId: string, manager: typeof admin, hourlyCents = 1000) {
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents }] });
  }

  beforeAll(async () => {
    api = await startBookingTestService('search');
    const allevardId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    const beaurepaireId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
    gymId = (await api.as(allevardManager).post(`/establishments/${allevardId}/spaces`, gymnasium)).body[
      'id'
    ] as string;
    hallId = (
      await api.as(allevardManager).post(`/establishments/${allevardId}/spaces`, {
        ...gymnasium,
        kind: 'multipurpose_hall',
        name: 'Salle polyvalente',
        capacity: 60,
        equipment: ['sonorisation'],
        stepFreeAccess: false,
        bufferMinutes: 0,
      })
    ).body['id'] as string;
    farGymId = (await api.as(beaurepaireManager).post(`/establishments/${beaurepaireId}/spaces`, gymnasium)).body[
      'id'
    ] as string;
    await openSaturdays(gymId, allevardManager);
    await openSaturdays(hallId, allevardManager, 0);
    await openSaturdays(farGymId, beaurepaireManager);
    organisationId = (await api.as(member).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
  });
  afterAll(() => api.stop());

  const search = (params: Record<string, string | number | boolean>) =>
    api.visitor.get<SearchResults>(
      `/search?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`,
    );

  it('finds the free windows of every open space, nearest first, for visitors', async () => {
    const response = await search({
      from: saturday,
      to: saturday,
      durationMinutes: 120,
      latitude: 45.3997,
      longitude: 6.0767,
      radiusKm: 150,
    });
    expect(response.status).toBe(200);
    const ids = response.body.items.map((item) => item.space.id);
    expect(ids.slice(-1)).toEqual([farGymId]);
    expect(new Set(ids)).toEqual(new Set([gymId, hallId, farGymId]));
    const gym = response.body.items.find((item) => item.space.id === gymId);
    expect(gym?.slots).toEqual([
      { startsAt: new Date(at('08:00')).toISOString(), endsAt: new Date(at('20:00')).toISOString() },
    ]);
    expect(gym?.distanceKm).toBe(0);
    expect(gym?.price).toMatchObject({ category: 'association', cents: 2000 });
    expect(response.body.items.find((item) => item.space.id === hallId)?.price?.cents).toBe(0);
  });

  it('removes booked time and the turnaround buffer from the free windows', async () => {
    const booked = await api
      .as(member)
      .post<BookingView>('/bookings', { spaceId: gymId, organisationId, startsAt: at('12:00'), endsAt: at('14:00') });
    expect(booked.status).toBe(201);
    const response = await search({
      from: saturday,
      to: saturday,
      durationMinutes: 60,
      kinds: 'gymnasium',
      communeInsee: allevard.communeInsee,
    });
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]?.slots).toEqual([
      { startsAt: new Date(at('08:00')).toISOString(), endsAt: new Date(at('11:45')).toISOString() },
      { startsAt: new Date(at('14:15')).toISOString(), endsAt: new Date(at('20:00')).toISOString() },
    ]);
  });

  it('applies the local time window, the weekdays and the duration', async () => {
    const evening = await search({
      from: saturday,
      to: saturday,
      durationMinutes: 120,
      timeFrom: '15:00',
      timeTo: '19:00',
      kinds: 'gymnasium',
      communeInsee: allevard.communeInsee,
    });
    expect(evening.body.items[0]?.slots).toEqual([
      { startsAt: new Date(at('15:00')).toISOString(), endsAt: new Date(at('19:00')).toISOString() },
    ]);
    const sundaysOnly = await search({ from: saturday, to: saturday, weekdays: '7', durationMinutes: 60 });
    expect(sundaysOnly.body.items).toEqual([]);
    const tooLong = await search({ from: saturday, to: saturday, durationMinutes: 11 * 60 });
    expect(tooLong.body.items).toEqual([]);
  });

  it('filters on capacity, kind, equipment, accessibility and distance', async () => {
    const names = async (params: Record<string, string | number | boolean>) =>
      (await search({ from: saturday, to: saturday, durationMinutes: 60, ...params })).body.items
        .map((item) => item.space.id)
        .sort();
    expect(await names({ minCapacity: 100 })).toEqual([gymId, farGymId].sort());
    expect(await names({ kinds: 'multipurpose_hall,auditorium' })).toEqual([hallId]);
    expect(await names({ equipment: 'sonorisation' })).toEqual([hallId]);
    expect(await names({ stepFree: true })).toEqual([gymId, farGymId].sort());
    expect(await names({ latitude: 45.3997, longitude: 6.0767, radiusKm: 10 })).toEqual([gymId, hallId].sort());
    expect(await names({ category: 'company' })).toEqual([]);
  });

  it('pages with a cursor without repeating or skipping a space', async () => {
    const first = await search({ from: saturday, to: saturday, durationMinutes: 60, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await search({
      from: saturday,
      to: saturday,
      durationMinutes: 60,
      pageSize: 2,
      cursor: first.body.nextCursor as string,
    });
    const all = [...first.body.items, ...second.body.items].map((item) => item.space.id);
    expect(new Set(all).size).toBe(3);
    expect(second.body.nextCursor).toBeNull();
  });

  it('sorts by earliest free slot on request', async () => {
    // The gymnasium is booked 12:00-14:00 (with a 15-minute buffer): three hours fit only from 14:15 there, from 10:00 elsewhere.
    const near = {
      from: saturday,
      to: saturday,
      durationMinutes: 180,
      timeFrom: '10:00',
      latitude: 45.3997,
      longitude: 6.0767,
      radiusKm: 150,
    };
    const byDistance = await search(near);
    expect(byDistance.body.items[0]?.space.id).toBe(gymId);
    const byDate = await search({ ...near, sort: 'date' });
    expect(byDate.status).toBe(200);
    expect(byDate.body.items.map((item) => item.space.id).slice(-1)).toEqual([gymId]);
    expect(byDate.body.items.map((item) => item.slots[0]?.startsAt)).toEqual([
      new Date(at('10:00')).toISOString(),
      new Date(at('10:00')).toISOString(),
      new Date(at('14:15')).toISOString(),
    ]);
    expect(byDate.body.nextCursor).toBeNull();
  });

  it('offers nothing beyond the booking horizon or inside the notice period, without failing', async () => {
    const beyond = addDays(localDateOf(new Date()), 400);
    const far = await search({ from: beyond, to: addDays(beyond, 7), durationMinutes: 60 });
    expect(far.status).toBe(200);
    expect(far.body).toEqual({ items: [], nextCursor: null });
    const today = localDateOf(new Date());
    const now = await search({ from: today, to: today, durationMinutes: 60 });
    expect(now.status).toBe(200);
    expect(now.body.items).toEqual([]);
  });

  it('refuses malformed queries naming the fields', async () => {
    const response = await search({
      from: '2027-13-01',
      to: saturday,
      durationMinutes: 5,
      pageSize: 500,
      kinds: 'castle',
      latitude: 45,
    });
    expect(response.status).toBe(400);
    const fields = JSON.stringify(response.body);
    for (const field of ['from', 'durationMinutes', 'pageSize', 'kinds']) expect(fields).toContain(field);
    const reversed = await search({ from: saturday, to: '2020-01-01' });
    expect(reversed.status).toBe(400);
    const tooWide = await search({ from: '2027-01-01', to: '2027-12-31' });
    expect(tooWide.status).toBe(400);
  });

  it('reads the slot times PostgreSQL writes exactly as Date#toISOString would', async () => {
    const dataSource = api.service.dataSource;
    // Whole milliseconds (fractions included, and none at all) and microseconds, which are cut to the millisecond.
    const instant = fc.record({
      ms: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
      micros: fc.integer({ min: 0, max: 999 }),
      whole: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 12 }), async (instants) => {
        const values = instants.map(
          ({ ms, micros, whole }) => (whole ? Math.floor(ms / 60_000) * 60_000 : ms) * 1000 + (whole ? 0 : micros),
        );
        const [{ text }] = (await dataSource.query(
          `SELECT array_agg((timestamptz 'epoch' + v * interval '1 microsecond') AT TIME ZONE 'UTC' ORDER BY o)::text AS text FROM unnest($1::bigint[]) WITH ORDINALITY AS u(v, o)`,
          [values],
        )) as { text: string }[];
        expect(utcTimestampsToIso(text)).toEqual(values.map((v) => new Date(Math.floor(v / 1000)).toISOString()));
      }),
      { numRuns: 50 },
    );
    expect(() => utcTimestampsToIso('{"06/12/2026 18:00:00"}')).toThrow(/unexpected timestamp/);
  });
});
