import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { EstablishmentView, StatisticsView } from '@salle/contracts';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, beaurepaire, gymnasium } from './fixtures';

/**
 * Known data over September-October 2026 (zone A: rentrée Tuesday 1 September,
 * Toussaint holidays 17 October - 1 November):
 *
 * Allevard, one space:
 *   - Saturdays 09:00-12:00 all year: 4 Saturdays in September minus the
 *     closure of Saturday 12 September = 3 x 3 h = 540 min; 5 in October = 900 min;
 *   - Tuesdays 18:00-22:00 in term time: 5 in September = 1200 min; 6 and
 *     13 October only (the others are holidays) = 480 min.
 *   Offered: September 1740 min, October 1380 min.
 * Beaurepaire, one space open Wednesdays 14:00-18:00 all year: school hours
 *   (08:00-18:00 on term days) leave only the holiday Wednesdays 21 and
 *   28 October = 480 min; a second, inactive space offers nothing.
 * A draft collège with an open space offers nothing either.
 */
describe('statistics', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const citizen = franceConnectUser();
  const allevardAgent = proConnectAgent({ siret: allevard.siret });
  const beaurepaireAgent = proConnectAgent({ siret: beaurepaire.siret });
  let allevardId: string;
  let beaurepaireId: string;
  let draftId: string;

  const period = 'from=2026-09-01&to=2026-10-31';

  async function createSpace(
    establishmentId: string,
    rules: unknown[],
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    const created = await api
      .as(admin)
      .post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, ...overrides });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    expect((await api.as(admin).put(`/spaces/${id}/opening-rules`, { rules })).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    api = await startBookingTestService('statistics');
    allevardId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    beaurepaireId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
    draftId = (
      await api.as(admin).post<EstablishmentView>('/establishments', {
        ...allevard,
        uai: '0383345E',
        siret: undefined,
        name: 'Collège Olympe de Gouges',
        status: 'draft',
      })
    ).body.id;

    const allevardSpace = await createSpace(allevardId, [
      { weekdays: [6], startTime: '09:00', endTime: '12:00', period: 'always' },
      { weekdays: [2], startTime: '18:00', endTime: '22:00', period: 'school_term' },
    ]);
    const closure = await api.as(admin).post(`/establishments/${allevardId}/closures`, {
      startsAt: '2026-09-12T00:00:00+02:00',
      endsAt: '2026-09-13T00:00:00+02:00',
      reason: 'Journée portes ouvertes',
    });
    expect(closure.status).toBe(201);
    const beaurepaireSpace = await createSpace(beaurepaireId, [
      { weekdays: [3], startTime: '14:00', endTime: '18:00', period: 'always' },
    ]);
    await createSpace(beaurepaireId, [{ weekdays: [6], startTime: '09:00', endTime: '18:00', period: 'always' }], {
      name: 'Ancien préau',
      active: false,
    });
    await createSpace(draftId, [{ weekdays: [6], startTime: '09:00', endTime: '18:00', period: 'always' }]);

    const db = api.service.dataSource;
    const [organisation] = (await db.query(
      `INSERT INTO booking.organisation (name, kind, rna, eligibility_declared_at, republican_contract_acknowledged, insurance_reference, insurance_expires_on, status)
       VALUES ('Basket Club du Grésivaudan', 'association', 'W381000123', now(), true, 'MAIF 1', '2099-01-01', 'verified') RETURNING id`,
    )) as { id: string }[];
    const bookings: [string, string, string, string, string, number][] = [
      // space, establishment, starts, ends, status, price
      [allevardSpace, allevardId, '2026-09-05T09:00:00+02:00', '2026-09-05T11:00:00+02:00', 'confirmed', 2000],
      [allevardSpace, allevardId, '2026-09-08T18:00:00+02:00', '2026-09-08T21:30:00+02:00', 'completed', 3500],
      [allevardSpace, allevardId, '2026-09-15T18:00:00+02:00', '2026-09-15T20:00:00+02:00', 'cancelled', 2000],
      [allevardSpace, allevardId, '2026-09-22T18:00:00+02:00', '2026-09-22T20:00:00+02:00', 'refused', 2000],
      [allevardSpace, allevardId, '2026-10-06T18:00:00+02:00', '2026-10-06T20:00:00+02:00', 'requested', 2000],
      [allevardSpace, allevardId, '2026-10-13T18:00:00+02:00', '2026-10-13T20:00:00+02:00', 'awaiting_payment', 2000],
      [allevardSpace, allevardId, '2026-10-31T09:00:00+01:00', '2026-10-31T12:00:00+01:00', 'confirmed', 0],
      // 00:30 on 1 October in Paris is still 30 September in UTC: it counts in October.
      [allevardSpace, allevardId, '2026-10-01T00:30:00+02:00', '2026-10-01T01:30:00+02:00', 'completed', 1500],
      // Outside the period on both sides.
      [allevardSpace, allevardId, '2026-08-29T09:00:00+02:00', '2026-08-29T12:00:00+02:00', 'completed', 9900],
      [allevardSpace, allevardId, '2026-11-01T00:30:00+01:00', '2026-11-01T02:00:00+01:00', 'confirmed', 9900],
      [beaurepaireSpace, beaurepaireId, '2026-10-21T14:00:00+02:00', '2026-10-21T17:00:00+02:00', 'completed', 4000],
    ];
    for (const [spaceId, establishmentId, startsAt, endsAt, status, price] of bookings) {
      await db.query(
        `INSERT INTO booking.booking (space_id, establishment_id, organisation_id, starts_at, ends_at, blocked_until, status, renter_category,
                                      price_cents, requested_by)
         VALUES ($1, $2, $3, $4, $5, $5, $6, 'association', $7, $8)`,
        [spaceId, establishmentId, organisation?.id, startsAt, endsAt, status, price, randomUUID()],
      );
    }
  });
  afterAll(async () => {
    await api.stop();
  });

  it('gives a département admin exact figures per collège, per month and in total', async () => {
    const response = await api.as(admin).get<StatisticsView>(`/statistics?${period}`);
    expect(response.status).toBe(200);
    const view = response.body;
    expect(view.totals).toEqual({
      bookings: 5,
      bookedMinutes: 750,
      bookedHours: 12.5,
      revenueCents: 11000,
      offeredMinutes: 3600,
      offeredHours: 60,
      occupancy: 0.2083,
    });
    expect(view.months).toEqual([
      {
        month: '2026-09',
        bookings: 2,
        bookedMinutes: 330,
        bookedHours: 5.5,
        revenueCents: 5500,
        offeredMinutes: 1740,
        offeredHours: 29,
        occupancy: 0.1897,
      },
      {
        month: '2026-10',
        bookings: 3,
        bookedMinutes: 420,
        bookedHours: 7,
        revenueCents: 5500,
        offeredMinutes: 1860,
        offeredHours: 31,
        occupancy: 0.2258,
      },
    ]);
    expect(view.establishments.map((e) => e.uai)).toEqual(['0380002W', '0382101C', '0383345E']);
    const [allevardFigures, beaurepaireFigures, draftFigures] = view.establishments;
    expect(allevardFigures).toMatchObject({
      establishmentId: allevardId,
      name: 'Collège Flavius Vaussenat',
      communeName: 'Allevard',
    });
    expect(allevardFigures?.months).toEqual([
      {
        month: '2026-09',
        bookings: 2,
        bookedMinutes: 330,
        bookedHours: 5.5,
        revenueCents: 5500,
        offeredMinutes: 1740,
        offeredHours: 29,
        occupancy: 0.1897,
      },
      {
        month: '2026-10',
        bookings: 2,
        bookedMinutes: 240,
        bookedHours: 4,
        revenueCents: 1500,
        offeredMinutes: 1380,
        offeredHours: 23,
        occupancy: 0.1739,
      },
    ]);
    expect(allevardFigures).toMatchObject({
      bookings: 4,
      bookedMinutes: 570,
      revenueCents: 7000,
      offeredMinutes: 3120,
      occupancy: 0.1827,
    });
    expect(beaurepaireFigures?.months).toEqual([
      {
        month: '2026-09',
        bookings: 0,
        bookedMinutes: 0,
        bookedHours: 0,
        revenueCents: 0,
        offeredMinutes: 0,
        offeredHours: 0,
        occupancy: null,
      },
      {
        month: '2026-10',
        bookings: 1,
        bookedMinutes: 180,
        bookedHours: 3,
        revenueCents: 4000,
        offeredMinutes: 480,
        offeredHours: 8,
        occupancy: 0.375,
      },
    ]);
    expect(draftFigures).toMatchObject({ bookings: 0, offeredMinutes: 0, occupancy: null });
  });

  it('clips offered time to a period that starts and ends inside months', async () => {
    const response = await api
      .as(admin)
      .get<StatisticsView>(`/statistics?from=2026-09-06&to=2026-09-08&establishmentId=${allevardId}`);
    expect(response.status).toBe(200);
    // Only Tuesday 8 September 18:00-22:00 is offered; the booking of that evening counts.
    expect(response.body.totals).toMatchObject({
      bookings: 1,
      bookedMinutes: 210,
      revenueCents: 3500,
      offeredMinutes: 240,
      occupancy: 0.875,
    });
  });

  it('shows a collège manager their own collège only', async () => {
    const own = await api.as(allevardAgent).get<StatisticsView>(`/statistics?${period}`);
    expect(own.status).toBe(200);
    expect(own.body.establishments.map((e) => e.uai)).toEqual(['0380002W']);
    expect(own.body.totals).toMatchObject({ bookings: 4, revenueCents: 7000 });

    const explicit = await api
      .as(beaurepaireAgent)
      .get<StatisticsView>(`/statistics?${period}&establishmentId=${beaurepaireId}`);
    expect(explicit.status).toBe(200);
    expect(explicit.body.totals).toMatchObject({ bookings: 1, revenueCents: 4000, offeredMinutes: 480 });
  });

  const refusals: [string, () => Caller | undefined, () => string, number][] = [
    ['a visitor', () => undefined, () => period, 401],
    ['a citizen', () => citizen, () => period, 403],
    ['an agent of no collège', () => proConnectAgent(), () => period, 403],
    ['another collège’s manager', () => allevardAgent, () => `${period}&establishmentId=${beaurepaireId}`, 403],
  ];

  it.each(refusals)('refuses %s, as JSON and as CSV', async (_label, caller, query, status) => {
    const client = caller() ? api.as(caller() as Caller) : api.visitor;
    expect((await client.get(`/statistics?${query()}`)).status).toBe(status);
    expect((await client.get(`/exports/statistics.csv?${query()}`)).status).toBe(status);
  });

  it('checks the period and the collège', async () => {
    expect((await api.as(admin).get('/statistics?from=2026-09-01')).status).toBe(400);
    expect((await api.as(admin).get('/statistics?from=2026-10-01&to=2026-09-01')).status).toBe(400);
    expect((await api.as(admin).get('/statistics?from=2026-01-01&to=2028-01-05')).status).toBe(400);
    expect((await api.as(admin).get(`/statistics?${period}&establishmentId=${randomUUID()}`)).status).toBe(404);
  });

  it('exports one line per collège and month for spreadsheets', async () => {
    const response = await api.as(admin).get<string>(`/exports/statistics.csv?${period}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename=statistiques-2026-09-01-2026-10-31.csv',
    );
    expect(response.body.split('\r\n')).toEqual([
      '\ufeffuai;etablissement;commune;mois;reservations;heures_reservees;recettes_eur;heures_offertes;taux_occupation_pct',
      '0380002W;Collège Flavius Vaussenat;Allevard;2026-09;2;5,50;55,00;29,00;19,0',
      '0380002W;Collège Flavius Vaussenat;Allevard;2026-10;2;4,00;15,00;23,00;17,4',
      '0382101C;Collège Jacques Brel;Beaurepaire;2026-09;0;0,00;0,00;0,00;',
      '0382101C;Collège Jacques Brel;Beaurepaire;2026-10;1;3,00;40,00;8,00;37,5',
      '0383345E;Collège Olympe de Gouges;Allevard;2026-09;0;0,00;0,00;0,00;',
      '0383345E;Collège Olympe de Gouges;Allevard;2026-10;0;0,00;0,00;0,00;',
      '',
    ]);
    const own = await api.as(allevardAgent).get<string>(`/exports/statistics.csv?${period}`);
    expect(own.body.split('\r\n')).toHaveLength(4);
  });

  it('tells admins how far the shipped school calendar goes, and no one else', async () => {
    const horizon = await api.as(admin).get<{ coveredUntil: string; warning: boolean }>('/calendar-horizon');
    expect(horizon.status).toBe(200);
    expect(horizon.body).toMatchObject({ coveredUntil: '2028-07-04', warnDays: 183 });
    expect((await api.as(allevardAgent).get('/calendar-horizon')).status).toBe(403);
    expect((await api.as(citizen).get('/calendar-horizon')).status).toBe(403);
    expect((await api.visitor.get('/calendar-horizon')).status).toBe(401);
  });

  describe('heatmap of booked time per weekday and hour', () => {
    const cell = (weekday: number, hour: number, bookedMinutes: number) => ({ weekday, hour, bookedMinutes });
    const allevardCells = [
      // Tuesday 8 September 18:00-21:30.
      cell(2, 18, 60),
      cell(2, 19, 60),
      cell(2, 20, 60),
      cell(2, 21, 30),
      // Thursday 1 October 00:30-01:30, Paris time.
      cell(4, 0, 30),
      cell(4, 1, 30),
      // Saturdays 5 September 09:00-11:00 and 31 October 09:00-12:00.
      cell(6, 9, 120),
      cell(6, 10, 120),
      cell(6, 11, 60),
    ];

    it('splits the counted bookings into the Paris hours they cover, for every collège (admins)', async () => {
      const response = await api.as(admin).get<{ cells: unknown[] }>(`/statistics/heatmap?${period}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        from: '2026-09-01',
        to: '2026-10-31',
        cells: [
          ...allevardCells.slice(0, 4),
          cell(3, 14, 60),
          cell(3, 15, 60),
          cell(3, 16, 60),
          ...allevardCells.slice(4),
        ],
      });
    });

    it('gives a manager their collège’s, as a table for spreadsheets too, and refuses others', async () => {
      const own = await api.as(allevardAgent).get<{ cells: unknown[] }>(`/statistics/heatmap?${period}`);
      expect(own.body.cells).toEqual(allevardCells);
      const csv = await api.as(allevardAgent).get<string>(`/exports/statistics-heatmap.csv?${period}`);
      expect(csv.status).toBe(200);
      const lines = csv.body.split('\r\n');
      expect(lines[0]).toBe(
        `\ufeffjour;${Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}h`).join(';')}`,
      );
      // Saturday, from 09h (the first cell is the day's name).
      expect(lines[6]?.split(';').slice(10, 14)).toEqual(['2,00', '2,00', '1,00', '0,00']);
      expect(lines).toHaveLength(9);

      const other = `/statistics/heatmap?${period}&establishmentId=${allevardId}`;
      expect((await api.as(beaurepaireAgent).get(other)).status).toBe(403);
      expect((await api.as(citizen).get(`/statistics/heatmap?${period}`)).status).toBe(403);
      expect((await api.as(citizen).get(`/exports/statistics-heatmap.csv?${period}`)).status).toBe(403);
      expect((await api.visitor.get(`/statistics/heatmap?${period}`)).status).toBe(401);
    });
  });
});
