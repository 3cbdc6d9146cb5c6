import type { ClosureEntity, OpeningRuleEntity, SpaceEntity } from '../database/entities';
import { schoolCalendar } from '../availability/school-calendar';
import { offerableForSpace } from '../availability/space-rules';
import { localInstant, parseLocalDate, START_OF_DAY } from '../domain/time';
import { OfferedTimeCalculator, periodDays } from './offered-time';

const space = (overrides: Partial<SpaceEntity> = {}) =>
  ({
    id: 'space',
    establishmentId: 'establishment',
    closedOnPublicHolidays: true,
    minDurationMinutes: 60,
    maxDurationMinutes: 600,
    minNoticeHours: 48,
    maxHorizonDays: 365,
    ...overrides,
  }) as SpaceEntity;

const rule = (
  weekdays: number[],
  startTime: string,
  endTime: string,
  period: OpeningRuleEntity['period'],
  validity: Partial<OpeningRuleEntity> = {},
) =>
  ({
    id: `${weekdays.join('')}${startTime}`,
    spaceId: 'space',
    weekdays,
    startTime: `${startTime}:00`,
    endTime: `${endTime}:00`,
    period,
    validFrom: null,
    validUntil: null,
    ...validity,
  }) as OpeningRuleEntity;

const closure = (startsAt: string, endsAt: string, spaceId: string | null = null) =>
  ({
    id: startsAt,
    establishmentId: 'establishment',
    spaceId,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    reason: 'Travaux',
  }) as ClosureEntity;

const FIRST = parseLocalDate('2026-08-01');
const LAST = parseLocalDate('2027-07-31');
const calendar = schoolCalendar().forZone('A');
const calculator = new OfferedTimeCalculator(calendar, periodDays(calendar, FIRST, LAST));

/** The reference: the domain over the whole period at once, split at Paris months. */
function exactPerMonth(
  target: SpaceEntity,
  rules: OpeningRuleEntity[],
  closures: ClosureEntity[],
): Map<string, number> {
  const intervals = offerableForSpace(
    target,
    rules,
    closures,
    calendar,
    localInstant(FIRST, START_OF_DAY),
    localInstant(parseLocalDate('2027-08-01'), START_OF_DAY),
  );
  const result = new Map<string, number>();
  for (let month = 0; month < 12; month += 1) {
    const year = month < 5 ? 2026 : 2027;
    const number = ((month + 7) % 12) + 1;
    const key = `${year}-${String(number).padStart(2, '0')}`;
    const start = localInstant(parseLocalDate(`${key}-01`), START_OF_DAY).getTime();
    const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
    const end = localInstant(parseLocalDate(`${next}-01`), START_OF_DAY).getTime();
    let minutes = 0;
    for (const item of intervals)
      minutes += Math.max(0, Math.min(item.end.getTime(), end) - Math.max(item.start.getTime(), start)) / 60_000;
    if (minutes > 0) result.set(key, minutes);
  }
  return result;
}

const withoutZeros = (map: Map<string, number>) => new Map([...map].filter(([, minutes]) => minutes !== 0));

describe('offered time, computed once per kind of day', () => {
  const cases: [string, SpaceEntity, OpeningRuleEntity[], ClosureEntity[]][] = [
    [
      'term evenings, Saturdays all year, holiday days',
      space(),
      [
        rule([1, 2, 4, 5], '18:00', '22:00', 'school_term'),
        rule([6], '09:00', '19:00', 'always'),
        rule([1, 2, 3, 4, 5], '09:00', '18:00', 'school_holidays'),
      ],
      [],
    ],
    [
      'open on public holidays, Sunday mornings (DST Sundays included)',
      space({ closedOnPublicHolidays: false }),
      [rule([7], '01:00', '13:00', 'always')],
      [],
    ],
    [
      'whole holiday days for a boarding facility',
      space({ minDurationMinutes: 720 }),
      [rule([1, 2, 3, 4, 5, 6, 7], '00:00', '00:00', 'school_holidays')],
      [],
    ],
    ['a window reaching into school hours, cut on term days', space(), [rule([3], '14:00', '20:00', 'always')], []],
    [
      'pieces shorter than the minimum duration dropped',
      space({ minDurationMinutes: 180 }),
      [rule([3], '16:00', '20:00', 'always')],
      [],
    ],
    [
      'rules with validity dates',
      space(),
      [
        rule([2], '18:00', '22:00', 'school_term', { validFrom: '2026-10-05', validUntil: '2027-03-14' }),
        rule([6], '09:00', '12:00', 'always', { validFrom: '2027-01-01' }),
      ],
      [closure('2027-02-06T10:00:00+01:00', '2027-02-20T00:00:00+01:00')],
    ],
    [
      'closures of the collège and of this space, partial days included',
      space(),
      [rule([1, 2, 3, 4, 5], '18:00', '22:00', 'school_term'), rule([6], '08:00', '20:00', 'always')],
      [
        closure('2026-09-12T00:00:00+02:00', '2026-09-13T00:00:00+02:00'),
        closure('2026-11-17T19:00:00+01:00', '2026-12-02T20:30:00+01:00', 'space'),
      ],
    ],
  ];

  it.each(cases)('equals the domain over the whole period: %s', (_label, target, rules, closures) => {
    const expected = exactPerMonth(target, rules, closures);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(withoutZeros(calculator.forSpace(target, rules, closures))).toEqual(expected);
  });

  it('offers nothing without rules', () => {
    expect(calculator.forSpace(space(), [], [])).toEqual(new Map());
  });
});
