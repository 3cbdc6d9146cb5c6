import { timeStepOf, type TimeStep } from '@salle/contracts';
import type { EntityManager } from 'typeorm';
import { toOpeningRuleView } from '../catalogue/space-view';
import { offerableIntervals, type OpeningRules, type WeeklyWindow } from '../domain/availability';
import type { ZoneCalendar } from '../domain/calendar';
import {
  addDays,
  END_OF_DAY,
  localDateOf,
  localInstant,
  parseLocalDate,
  parseLocalTime,
  START_OF_DAY,
  type TimeInterval,
} from '../domain/time';
import type { Weekday } from '../domain/time';
import { ClosureEntity, OpeningRuleEntity, type SpaceEntity } from '../database/entities';

/** The columns of an opening rule that say when it applies. */
export type OpeningRuleTimes = Pick<
  OpeningRuleEntity,
  'weekdays' | 'startTime' | 'endTime' | 'period' | 'validFrom' | 'validUntil'
>;

/** The columns of a space that bound its slots. */
export type SpaceSlotLimits = Pick<
  SpaceEntity,
  'closedOnPublicHolidays' | 'minDurationMinutes' | 'maxDurationMinutes' | 'minNoticeHours' | 'maxHorizonDays'
>;

function toWindow(rule: OpeningRuleTimes): WeeklyWindow {
  const end = rule.endTime.slice(0, 5);
  return {
    weekdays: rule.weekdays as Weekday[],
    start: parseLocalTime(rule.startTime.slice(0, 5)),
    // Stored as 00:00 when a window runs to midnight.
    end: end === '00:00' ? END_OF_DAY : parseLocalTime(end),
  };
}

/** Rules whose validity covers the local date `day` (rules without dates always apply). */
export function rulesValidOn<Rule extends OpeningRuleTimes>(rules: Rule[], day: string): Rule[] {
  return rules.filter(
    (rule) => (!rule.validFrom || rule.validFrom <= day) && (!rule.validUntil || day <= rule.validUntil),
  );
}

/**
 * The domain's view of a space's opening rules. Term-time windows apply on
 * ordinary days; during school holidays only the holiday windows (and those
 * marked "always") apply.
 */
export function toOpeningRules(
  space: SpaceSlotLimits,
  rules: OpeningRuleTimes[],
  closures: Pick<ClosureEntity, 'startsAt' | 'endsAt' | 'reason'>[],
): OpeningRules {
  return {
    weeklyWindows: rules.filter((r) => r.period !== 'school_holidays').map(toWindow),
    holidayWindows: rules.filter((r) => r.period !== 'school_term').map(toWindow),
    closures: closures.map((c) => ({ start: c.startsAt, end: c.endsAt, reason: c.reason })),
    outsideSchoolTime: true,
    closedOnPublicHolidays: space.closedOnPublicHolidays,
    minDurationMinutes: space.minDurationMinutes,
    maxDurationMinutes: space.maxDurationMinutes,
    minNoticeMinutes: space.minNoticeHours * 60,
    maxHorizonDays: space.maxHorizonDays,
  };
}

/**
 * The grid of the space's times, from all its rules whatever their dates, as the web app computes it from the
 * space's details: a time the form offers is never refused here, nor the reverse.
 */
export function spaceTimeStep(
  space: Pick<SpaceEntity, 'minDurationMinutes' | 'bufferMinutes'>,
  rules: OpeningRuleTimes[],
): TimeStep {
  return timeStepOf({
    minDurationMinutes: space.minDurationMinutes,
    bufferMinutes: space.bufferMinutes,
    openingRules: rules.map(toOpeningRuleView),
  });
}

/** Opening rules and the closures touching [from, to) of one space. */
export async function loadSpaceRules(manager: EntityManager, space: SpaceEntity, from: Date, to: Date) {
  const [rules, closures] = await Promise.all([
    manager.find(OpeningRuleEntity, { where: { spaceId: space.id } }),
    manager
      .createQueryBuilder(ClosureEntity, 'c')
      .where('c.establishment_id = :establishmentId', { establishmentId: space.establishmentId })
      .andWhere('(c.space_id IS NULL OR c.space_id = :spaceId)', { spaceId: space.id })
      .andWhere('c.starts_at < :to AND c.ends_at > :from', { from, to })
      .getMany(),
  ]);
  return { rules, closures };
}

/**
 * Offerable intervals of a space over [from, to), honouring each rule's own
 * validity dates: the range is cut at every date where a rule starts or
 * stops applying, and each piece uses the rules valid on it.
 */
export function offerableForSpace(
  space: SpaceEntity,
  rules: OpeningRuleEntity[],
  closures: ClosureEntity[],
  calendar: ZoneCalendar,
  from: Date,
  to: Date,
): TimeInterval[] {
  const cuts = new Set<number>([from.getTime(), to.getTime()]);
  for (const rule of rules) {
    for (const day of [rule.validFrom, rule.validUntil ? addDays(parseLocalDate(rule.validUntil), 1) : null]) {
      if (!day) continue;
      const instant = localInstant(parseLocalDate(day), START_OF_DAY).getTime();
      if (instant > from.getTime() && instant < to.getTime()) cuts.add(instant);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result: TimeInterval[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = new Date(points[i] as number);
    const end = new Date(points[i + 1] as number);
    const valid = rulesValidOn(rules, localDateOf(start));
    result.push(...offerableIntervals(toOpeningRules(space, valid, closures), calendar, start, end));
  }
  return result;
}
