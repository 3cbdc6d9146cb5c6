import type { EntityManager } from 'typeorm';
import type { SchoolZone } from '@salle/contracts';
import { ClosureEntity, OpeningRuleEntity, SpaceEntity } from '../database/entities';
import { calendarOf, hasAlsaceMoselleHolidays } from '../availability/school-calendar';
import { rulesValidOn, toOpeningRules } from '../availability/space-rules';
import { offerableIntervals } from '../domain/availability';
import type { ZoneCalendar } from '../domain/calendar';
import {
  addDays,
  eachDate,
  localInstant,
  START_OF_DAY,
  totalDuration,
  weekdayOf,
  type LocalDate,
} from '../domain/time';

/** One Paris local day of the period. */
export interface PeriodDay {
  date: LocalDate;
  /** `YYYY-MM`. */
  month: string;
  start: Date;
  end: Date;
  /** What the opening rules can depend on: weekday, school holiday, term day, public holiday, length (DST). */
  kind: string;
}

/** Days sharing a kind, with how many of them fall in each month. */
interface DayKind {
  kind: string;
  sample: PeriodDay;
  perMonth: Map<string, number>;
}

/** The local days of [first, last] in one zone, each with its kind. */
export function periodDays(calendar: ZoneCalendar, first: LocalDate, last: LocalDate): PeriodDay[] {
  return [...eachDate(first, last)].map((date) => {
    const start = localInstant(date, START_OF_DAY);
    const end = localInstant(addDays(date, 1), START_OF_DAY);
    const kind = [
      weekdayOf(date),
      calendar.isSchoolHoliday(date),
      calendar.isTermDay(date),
      calendar.publicHolidayOn(date) ? 'public-holiday' : '',
      (end.getTime() - start.getTime()) / 60_000,
    ].join('|');
    return { date, month: date.slice(0, 7), start, end, kind };
  });
}

function dayKinds(days: readonly PeriodDay[]): DayKind[] {
  const kinds = new Map<string, DayKind>();
  for (const day of days) {
    let entry = kinds.get(day.kind);
    if (!entry) {
      entry = { kind: day.kind, sample: day, perMonth: new Map() };
      kinds.set(day.kind, entry);
    }
    entry.perMonth.set(day.month, (entry.perMonth.get(day.month) ?? 0) + 1);
  }
  return [...kinds.values()];
}

/**
 * Offered minutes of one space per month: the domain's `offerableIntervals`
 * applied day by day. Two days of the same kind (same weekday, school
 * holiday and term status, public holiday, length) offer the same time
 * under the same rules, so each kind is computed once, through a cache
 * shared by every space with the same windows that day, and counted as many
 * times as it occurs. Days touched by a closure, and spaces whose rules have
 * validity dates, are computed day by day.
 */
export class OfferedTimeCalculator {
  private readonly cache = new Map<string, number>();
  private readonly kinds: DayKind[];

  constructor(
    private readonly calendar: ZoneCalendar,
    private readonly days: readonly PeriodDay[],
  ) {
    this.kinds = dayKinds(days);
  }

  /** Minutes offered on `day` without closures, shared by every space with the same windows that day. */
  private dayMinutes(space: SpaceEntity, rules: OpeningRuleEntity[], day: PeriodDay): number {
    const weekday = weekdayOf(day.date);
    const windows = rules
      .filter((rule) => rule.weekdays.includes(weekday))
      .map((rule) => `${rule.startTime}-${rule.endTime}-${rule.period}`)
      .sort()
      .join(',');
    if (windows === '') return 0;
    const key = `${day.kind}#${space.closedOnPublicHolidays}#${space.minDurationMinutes}#${windows}`;
    let minutes = this.cache.get(key);
    if (minutes === undefined) {
      minutes = this.exactMinutes(space, rules, [], day);
      this.cache.set(key, minutes);
    }
    return minutes;
  }

  private exactMinutes(
    space: SpaceEntity,
    rules: OpeningRuleEntity[],
    closures: ClosureEntity[],
    day: PeriodDay,
  ): number {
    return (
      totalDuration(offerableIntervals(toOpeningRules(space, rules, closures), this.calendar, day.start, day.end)) /
      60_000
    );
  }

  /** Offered minutes per month (`YYYY-MM`) of `space` over the period. */
  forSpace(space: SpaceEntity, rules: OpeningRuleEntity[], closures: ClosureEntity[]): Map<string, number> {
    const result = new Map<string, number>();
    const add = (month: string, minutes: number) => result.set(month, (result.get(month) ?? 0) + minutes);
    if (rules.length === 0) return result;
    const closedDays = new Set(
      closures.length === 0
        ? []
        : this.days
            .filter((day) => closures.some((c) => c.startsAt < day.end && c.endsAt > day.start))
            .map((day) => day.date),
    );
    const dated = rules.some((rule) => rule.validFrom !== null || rule.validUntil !== null);

    if (dated) {
      for (const day of this.days) {
        const valid = rulesValidOn(rules, day.date);
        add(
          day.month,
          closedDays.has(day.date)
            ? this.exactMinutes(space, valid, closures, day)
            : this.dayMinutes(space, valid, day),
        );
      }
      return result;
    }
    for (const kind of this.kinds) {
      const minutes = this.dayMinutes(space, rules, kind.sample);
      if (minutes > 0) for (const [month, count] of kind.perMonth) add(month, minutes * count);
    }
    for (const day of this.days) {
      if (!closedDays.has(day.date)) continue;
      add(day.month, this.exactMinutes(space, rules, closures, day) - this.dayMinutes(space, rules, day));
    }
    return result;
  }
}

/** Offered minutes per establishment id, then per month (`YYYY-MM`). */
export type OfferedMinutes = Map<string, Map<string, number>>;

/**
 * Bookable time offered over [first, last] by the active spaces of active
 * establishments, from their opening rules, the school calendar of their
 * zone, public holidays and closures.
 */
export async function offeredMinutes(
  manager: EntityManager,
  establishments: readonly { id: string; schoolZone: SchoolZone; communeInsee: string; status: string }[],
  first: LocalDate,
  last: LocalDate,
): Promise<OfferedMinutes> {
  const result: OfferedMinutes = new Map();
  const open = establishments.filter((establishment) => establishment.status === 'active');
  if (open.length === 0) return result;
  const ids = open.map((establishment) => establishment.id);
  const from = localInstant(first, START_OF_DAY);
  const to = localInstant(addDays(last, 1), START_OF_DAY);

  const [spaces, rules, closures] = await Promise.all([
    manager
      .createQueryBuilder(SpaceEntity, 's')
      .where('s.establishment_id = ANY(:ids)', { ids })
      .andWhere('s.active')
      .getMany(),
    manager
      .createQueryBuilder(OpeningRuleEntity, 'r')
      .where('r.space_id IN (SELECT id FROM booking.space WHERE establishment_id = ANY(:ids) AND active)', { ids })
      .getMany(),
    manager
      .createQueryBuilder(ClosureEntity, 'c')
      .where('c.establishment_id = ANY(:ids)', { ids })
      .andWhere('c.starts_at < :to AND c.ends_at > :from', { from, to })
      .getMany(),
  ]);
  const rulesBySpace = groupBy(rules, (rule) => rule.spaceId);
  const closuresByEstablishment = groupBy(closures, (closure) => closure.establishmentId);
  const establishmentOf = new Map(open.map((establishment) => [establishment.id, establishment]));
  // One calculator per calendar: school zone and public-holiday regime (Alsace-Moselle's or the rest of France's).
  const calculators = new Map<string, OfferedTimeCalculator>();
  const calculatorFor = (establishment: { schoolZone: SchoolZone; communeInsee: string }) => {
    const key = `${establishment.schoolZone}:${hasAlsaceMoselleHolidays(establishment.communeInsee)}`;
    let calculator = calculators.get(key);
    if (!calculator) {
      const calendar = calendarOf(establishment);
      calculator = new OfferedTimeCalculator(calendar, periodDays(calendar, first, last));
      calculators.set(key, calculator);
    }
    return calculator;
  };

  for (const space of spaces) {
    const spaceClosures = (closuresByEstablishment.get(space.establishmentId) ?? []).filter(
      (closure) => closure.spaceId === null || closure.spaceId === space.id,
    );
    const perMonth = calculatorFor(establishmentOf.get(space.establishmentId) as (typeof open)[number]).forSpace(
      space,
      rulesBySpace.get(space.id) ?? [],
      spaceClosures,
    );
    const total = result.get(space.establishmentId) ?? new Map<string, number>();
    for (const [month, minutes] of perMonth) total.set(month, (total.get(month) ?? 0) + minutes);
    result.set(space.establishmentId, total);
  }
  return result;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    const group = groups.get(value);
    if (group) group.push(item);
    else groups.set(value, [item]);
  }
  return groups;
}
