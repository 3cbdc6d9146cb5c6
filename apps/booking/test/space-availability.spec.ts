import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { EstablishmentView, OrganisationView } from '@salle/contracts';
import { ClosureEntity, OpeningRuleEntity, SpaceEntity } from '../src/database/entities';
import { freeIntervals } from '../src/domain/availability';
import type { SchoolZone } from '../src/domain/calendar';
import {
  addDays,
  intersectIntervals,
  localDateOf,
  localInstant,
  parseLocalDate,
  parseLocalTime,
  type TimeInterval,
} from '../src/domain/time';
import { schoolCalendar } from '../src/availability/school-calendar';
import { offerableForSpace } from '../src/availability/space-rules';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, gymnasium } from './fixtures';
import { monthOf, multirangeLiteral, nextMonth, SpaceAvailability } from '../src/availability/space-availability';

const DAY = 86_400_000;

interface RuleCase {
  weekdays: number[];
  start: number; // half-hours after midnight
  end: number; // half-hours, 48 = midnight
  period: 'school_term' | 'school_holidays' | 'always';
  validFrom: number | null; // days from today
  validDays: number | null;
}

interface SpaceCase {
  zone: SchoolZone;
  closedOnPublicHolidays: boolean;
  bufferMinutes: number;
  minDurationMinutes: number;
  rules: RuleCase[];
  closures: { startHours: number; hours: number; wholeEstablishment: boolean }[];
  bookings: { gapHours: number; hours: number }[];
  search: {
    fromDay: number;
    days: number;
    weekdays: number[];
    timeFrom: number;
    timeTo: number;
    duration: number;
    noticeHours: number;
    horizonDays: number;
  };
}

const halfHour = (count: number) => `${String(Math.floor(count / 2) % 24).padStart(2, '0')}:${count % 2 ? '30' : '00'}`;

const ruleCase: fc.Arbitrary<RuleCase> = fc
  .record({
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    start: fc.integer({ min: 0, max: 46 }),
    length: fc.integer({ min: 4, max: 48 }),
    period: fc.constantFrom('school_term' as const, 'school_holidays' as const, 'always' as const, 'always' as const),
    validFrom: fc.option(fc.integer({ min: -20, max: 60 })),
    validDays: fc.option(fc.integer({ min: 0, max: 60 })),
  })
  .map(({ length, ...rule }) => ({ ...rule, end: Math.min(48, rule.start + length) }));

const spaceCase: fc.Arbitrary<SpaceCase> = fc.record({
  zone: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
  closedOnPublicHolidays: fc.boolean(),
  bufferMinutes: fc.constantFrom(0, 15, 30),
  minDurationMinutes: fc.constantFrom(30, 60),
  // Mostly spaces with rules: a space without any offers nothing, which one case in ten checks.
  rules: fc.oneof(
    { weight: 1, arbitrary: fc.constant<RuleCase[]>([]) },
    { weight: 9, arbitrary: fc.array(ruleCase, { minLength: 1, maxLength: 4 }) },
  ),
  closures: fc.array(
    fc.record({
      startHours: fc.integer({ min: 0, max: 24 * 70 }),
      hours: fc.integer({ min: 1, max: 72 }),
      wholeEstablishment: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  bookings: fc.array(fc.record({ gapHours: fc.integer({ min: 1, max: 72 }), hours: fc.integer({ min: 1, max: 6 }) }), {
    maxLength: 12,
  }),
  search: fc.record({
    fromDay: fc.integer({ min: 0, max: 50 }),
    days: fc.integer({ min: 0, max: 30 }),
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
    timeFrom: fc.integer({ min: 0, max: 36 }),
    timeTo: fc.integer({ min: 41, max: 48 }),
    duration: fc.constantFrom(60, 120, 180),
    noticeHours: fc.constantFrom(0, 48, 24 * 10, 24 * 40),
    horizonDays: fc.constantFrom(30, 365),
  }),
});

describe('materialised availability', () => {
  let api: BookingTestService;
  let dataSource: DataSource;
  let establishmentId: string;
  let spaceId: string;
  let organisationId: string;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const now = new Date();
  const today = localDateOf(now);

  beforeAll(async () => {
    api = await startBookingTestService('availability');
    dataSource = api.service.dataSource;
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    const member = franceConnectUser();
    organisationId = (await api.as(member).post<OrganisationView>('/organisations', association())).body.id;
  });
  afterAll(() => api.stop());

  const stored = async () =>
    (await dataSource.query(
      `SELECT month::text AS month, windows::text AS windows FROM booking.space_availability WHERE space_id = $1 ORDER BY month`,
      [spaceId],
    )) as { month: string; windows: string }[];
  const until = async () =>
    (
      (await dataSource.query(`SELECT availability_until::text AS until FROM booking.space WHERE id = $1`, [
        spaceId,
      ])) as { until: string | null }[]
    )[0]?.until;

  it('computes the windows of every month of the horizon when the rules change through the API', async () => {
    const response = await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    expect(response.status).toBe(200);
    const rows = await stored();
    const lastMonth = monthOf(addDays(today, gymnasium.maxHorizonDays ?? 365));
    expect(rows[0]?.month).toBe(monthOf(today));
    expect(rows[rows.length - 1]?.month).toBe(lastMonth);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(await until()).toBe(lastMonth);
    // Saturdays only, 08:00 to 20:00 Paris time, whatever the offset of the day.
    const first = rows[1]?.windows.match(/\["([^"]+)","([^"]+)"\)/);
    expect(first).not.toBeNull();
    const start = new Date((first?.[1] ?? '').replace(' ', 'T').replace(/\+(\d\d)$/, '+$1:00'));
    expect(
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }).format(start),
    ).toBe('samedi 08:00');
  });

  it('forgets the windows whoever changes the rules, zone or public-holiday setting, and the refresher computes them again', async () => {
    const before = await stored();
    for (const change of [
      `UPDATE booking.opening_rule SET end_time = '21:00' WHERE space_id = '${spaceId}'`,
      `UPDATE booking.establishment SET school_zone = 'C' WHERE id = '${establishmentId}'`,
      `UPDATE booking.space SET closed_on_public_holidays = NOT closed_on_public_holidays WHERE id = '${spaceId}'`,
      `DELETE FROM booking.opening_rule WHERE space_id = '${spaceId}'`,
    ]) {
      await dataSource.query(change);
      expect(await stored()).toEqual([]);
      expect(await until()).toBeNull();
      expect(await new SpaceAvailability().refreshAll(dataSource, now)).toBeGreaterThanOrEqual(1);
      expect((await stored()).length).toBe(before.length);
    }
    // No rule left: every month is materialised, and empty.
    expect((await stored()).every((row) => row.windows === '{}')).toBe(true);
  });

  it('extends the horizon month by month as time passes and forgets past months', async () => {
    const later = new Date(now.getTime() + 40 * DAY);
    const service = new SpaceAvailability();
    const extended = await service.refreshAll(dataSource, later);
    expect(extended).toBeGreaterThanOrEqual(1);
    const rows = await stored();
    expect(rows[0]?.month).toBe(monthOf(localDateOf(later)));
    expect(rows[rows.length - 1]?.month).toBe(monthOf(addDays(localDateOf(later), gymnasium.maxHorizonDays ?? 365)));
    // Up to date: a second pass has nothing to do.
    expect(await service.refreshAll(dataSource, later)).toBe(0);
  });

  it('gives the same free slots in SQL as the booking rules computed in TypeScript', async () => {
    const service = new SpaceAvailability();
    await fc.assert(
      fc.asyncProperty(spaceCase, async (space) => {
        const { sql, reference } = await dataSource.transaction(async (manager) => {
          await manager.query(`DELETE FROM booking.booking WHERE space_id = $1`, [spaceId]);
          await manager.query(`DELETE FROM booking.closure WHERE establishment_id = $1`, [establishmentId]);
          await manager.query(`DELETE FROM booking.opening_rule WHERE space_id = $1`, [spaceId]);
          await manager.query(`UPDATE booking.establishment SET school_zone = $2 WHERE id = $1`, [
            establishmentId,
            space.zone,
          ]);
          await manager.query(
            `UPDATE booking.space SET closed_on_public_holidays = $2, buffer_minutes = $3, min_duration_minutes = $4, max_horizon_days = $5 WHERE id = $1`,
            [
              spaceId,
              space.closedOnPublicHolidays,
              space.bufferMinutes,
              space.minDurationMinutes,
              space.search.horizonDays,
            ],
          );
          for (const rule of space.rules) {
            const validFrom = rule.validFrom === null ? null : addDays(today, rule.validFrom);
            await manager.query(
              `INSERT INTO booking.opening_rule (space_id, weekdays, start_time, end_time, period, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
              [
                spaceId,
                rule.weekdays,
                halfHour(rule.start),
                halfHour(rule.end),
                rule.period,
                validFrom,
                validFrom && rule.validDays !== null ? addDays(validFrom, rule.validDays) : null,
              ],
            );
          }
          const base = localInstant(today, parseLocalTime('00:00')).getTime();
          for (const closure of space.closures) {
            const startsAt = new Date(base + closure.startHours * 3_600_000);
            await manager.query(
              `INSERT INTO booking.closure (establishment_id, space_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, 'Travaux')`,
              [
                establishmentId,
                closure.wholeEstablishment ? null : spaceId,
                startsAt,
                new Date(startsAt.getTime() + closure.hours * 3_600_000),
              ],
            );
          }
          let cursor = base + space.search.fromDay * DAY;
          for (const booking of space.bookings) {
            const startsAt = new Date(cursor + booking.gapHours * 3_600_000);
            const endsAt = new Date(startsAt.getTime() + booking.hours * 3_600_000);
            cursor = endsAt.getTime() + space.bufferMinutes * 60_000;
            await manager.query(
              `INSERT INTO booking.booking (space_id, establishment_id, organisation_id, starts_at, ends_at, blocked_until, status, renter_category, price_cents, requested_by)
               VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', 'association', 0, gen_random_uuid())`,
              [spaceId, establishmentId, organisationId, startsAt, endsAt, new Date(cursor)],
            );
          }
          await service.refresh(manager, { spaceIds: [spaceId], now });

          // What the search asks: these days and hours, within notice and horizon.
          const requested: TimeInterval[] = [];
          const firstDay = addDays(today, space.search.fromDay);
          for (let day = 0; day <= space.search.days; day++) {
            const date = addDays(firstDay, day);
            const weekday = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
            if (space.search.weekdays.length && !space.search.weekdays.includes(weekday)) continue;
            requested.push({
              start: localInstant(date, parseLocalTime(halfHour(space.search.timeFrom))),
              end: localInstant(
                date,
                parseLocalTime(space.search.timeTo === 48 ? '24:00' : halfHour(space.search.timeTo)),
              ),
            });
          }
          if (requested.length === 0) return { sql: [], reference: [] };
          const from = new Date(
            Math.max(
              (requested[0] as TimeInterval).start.getTime(),
              now.getTime() + space.search.noticeHours * 3_600_000,
            ),
          );
          const to = new Date(
            Math.min(
              (requested[requested.length - 1] as TimeInterval).end.getTime(),
              now.getTime() + space.search.horizonDays * DAY,
            ),
          );
          const [row] = (await manager.query(
            `SELECT coalesce(json_agg(json_build_array(lower(r), upper(r)) ORDER BY lower(r)), '[]') AS slots
               FROM booking.free_slots($1, $2, $3, $4, $5, $6::tstzmultirange, $7, 10) r`,
            [
              spaceId,
              establishmentId,
              space.bufferMinutes,
              from,
              to,
              multirangeLiteral(requested),
              space.search.duration,
            ],
          )) as { slots: [string, string][] }[];

          // The reference: the domain functions the booking request path uses, over everything stored.
          const rules = await manager.find(OpeningRuleEntity, { where: { spaceId } });
          const closures = await manager.find(ClosureEntity, { where: { establishmentId } });
          const bookings = (await manager.query(`SELECT starts_at, ends_at FROM booking.booking WHERE space_id = $1`, [
            spaceId,
          ])) as { starts_at: Date; ends_at: Date }[];
          const shape = Object.assign(new SpaceEntity(), {
            closedOnPublicHolidays: space.closedOnPublicHolidays,
            minDurationMinutes: space.minDurationMinutes,
          });
          const offerable =
            from < to ? offerableForSpace(shape, rules, closures, schoolCalendar().forZone(space.zone), from, to) : [];
          const free = intersectIntervals(
            freeIntervals(
              offerable,
              bookings.map((b) => ({ start: b.starts_at, end: b.ends_at })),
              space.bufferMinutes,
            ),
            requested,
          )
            .filter((slot) => slot.end.getTime() - slot.start.getTime() >= space.search.duration * 60_000)
            .slice(0, 10);
          return {
            sql: (row?.slots ?? []).map(([start, end]) => [new Date(start).toISOString(), new Date(end).toISOString()]),
            reference: free.map((slot) => [slot.start.toISOString(), slot.end.toISOString()]),
          };
        });
        expect(sql).toEqual(reference);
      }),
      { numRuns: 60 },
    );
  });

  it('lets months be computed one at a time with consistent boundaries', () => {
    expect(monthOf(parseLocalDate('2026-11-22'))).toBe('2026-11-01');
    expect(nextMonth(parseLocalDate('2026-12-01'))).toBe('2027-01-01');
    expect(nextMonth(parseLocalDate('2027-01-01'))).toBe('2027-02-01');
    expect(
      multirangeLiteral([{ start: new Date('2026-01-01T10:00:00Z'), end: new Date('2026-01-01T12:00:00Z') }]),
    ).toBe('{[2026-01-01T10:00:00.000Z,2026-01-01T12:00:00.000Z)}');
  });
});
