import type { DataSource, EntityManager } from 'typeorm';
import { OpeningRuleEntity, SpaceEntity } from '../database/entities';
import type { SchoolZone } from '../domain/calendar';
import {
  addDays,
  localDateOf,
  localInstant,
  parseLocalDate,
  START_OF_DAY,
  type LocalDate,
  type TimeInterval,
} from '../domain/time';
import { calendarOf, hasAlsaceMoselleHolidays } from './school-calendar';
import { offerableForSpace } from './space-rules';

/** Rows written per INSERT, to keep statements and their parameters moderate. */
const WRITE_CHUNK = 2_000;
/** Signatures remembered at most (a few MB), across refreshes. */
const MEMO_LIMIT = 20_000;

interface StaleSpace {
  id: string;
  closed_on_public_holidays: boolean;
  max_horizon_days: number;
  availability_until: string | null;
  school_zone: SchoolZone;
  commune_insee: string;
}

/** First day of the month of `date`. */
export function monthOf(date: LocalDate): LocalDate {
  return parseLocalDate(`${date.slice(0, 7)}-01`);
}

/** First day of the month after `month`. */
export function nextMonth(month: LocalDate): LocalDate {
  return monthOf(addDays(month, 32));
}

/** Text form of a tstzmultirange, as PostgreSQL reads it. */
export function multirangeLiteral(intervals: readonly TimeInterval[]): string {
  return `{${intervals.map((item) => `[${item.start.toISOString()},${item.end.toISOString()})`).join(',')}}`;
}

/**
 * Computes the materialised opening windows (see the migration
 * MaterializeAvailability) of the spaces marked stale or whose horizon has
 * moved past their last materialised month. The windows come from the same
 * domain function that checks booking requests, so search and booking agree.
 * Spaces sharing the same rules, zone and public-holiday setting (most of a
 * département's, since collèges copy each other's hours) are computed once
 * per month.
 */
export class SpaceAvailability {
  /** Windows per (rules, zone, setting, month) signature: the calendar never changes while the process runs. */
  private memo = new Map<string, string>();
  private prunedMonth: string | undefined;

  /**
   * Refreshes up to `limit` spaces (all of those of `spaceIds` or
   * `establishmentIds` when given) in the caller's transaction; the catalogue
   * calls it right after changing rules, so searches never miss a space. Rows are taken with SKIP LOCKED so that replicas
   * share the work. Returns how many spaces were brought up to date.
   */
  async refresh(
    manager: EntityManager,
    options: { spaceIds?: string[]; establishmentIds?: string[]; limit?: number; now?: Date } = {},
  ): Promise<number> {
    const today = localDateOf(options.now ?? new Date());
    const firstMonth = monthOf(today);
    const params: unknown[] = [today];
    // A space needs work when never computed, or when its horizon now reaches a month not yet computed.
    let filter = `(s.availability_until IS NULL
        OR s.availability_until < date_trunc('month', $1::date + s.max_horizon_days)::date)`;
    if (options.spaceIds) {
      params.push(options.spaceIds);
      filter += ` AND s.id = ANY($${params.length})`;
    }
    if (options.establishmentIds) {
      params.push(options.establishmentIds);
      filter += ` AND s.establishment_id = ANY($${params.length})`;
    }
    const targeted = options.spaceIds !== undefined || options.establishmentIds !== undefined;
    const limit = options.limit ?? (targeted ? 'ALL' : 500);
    const stale: StaleSpace[] = await manager.query(
      `SELECT s.id, s.closed_on_public_holidays, s.max_horizon_days, s.availability_until::text AS availability_until, e.school_zone,
              e.commune_insee
         FROM booking.space s JOIN booking.establishment e ON e.id = s.establishment_id
        WHERE ${filter}
        ORDER BY s.id LIMIT ${limit} FOR UPDATE OF s SKIP LOCKED`,
      params,
    );
    if (stale.length === 0) return 0;
    const ids = stale.map((space) => space.id);
    const rules = await manager
      .createQueryBuilder(OpeningRuleEntity, 'r')
      .where('r.space_id = ANY(:ids)', { ids })
      .getMany();
    const rulesBySpace = new Map<string, OpeningRuleEntity[]>();
    for (const rule of rules) rulesBySpace.set(rule.spaceId, [...(rulesBySpace.get(rule.spaceId) ?? []), rule]);

    const rows: { spaceId: string; month: string; windows: string }[] = [];
    const until: { spaceId: string; month: string }[] = [];
    for (const space of stale) {
      const lastMonth = monthOf(addDays(today, space.max_horizon_days));
      const resume = space.availability_until ? nextMonth(parseLocalDate(space.availability_until)) : firstMonth;
      for (let month = resume < firstMonth ? firstMonth : resume; month <= lastMonth; month = nextMonth(month)) {
        rows.push({ spaceId: space.id, month, windows: this.windows(space, rulesBySpace.get(space.id) ?? [], month) });
      }
      until.push({ spaceId: space.id, month: lastMonth });
    }
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      const chunk = rows.slice(i, i + WRITE_CHUNK);
      await manager.query(
        `INSERT INTO booking.space_availability (space_id, month, windows)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::tstzmultirange[])
         ON CONFLICT (space_id, month) DO UPDATE SET windows = EXCLUDED.windows`,
        [chunk.map((row) => row.spaceId), chunk.map((row) => row.month), chunk.map((row) => row.windows)],
      );
    }
    await manager.query(
      `UPDATE booking.space s SET availability_until = u.month
         FROM unnest($1::uuid[], $2::date[]) AS u(id, month) WHERE s.id = u.id`,
      [until.map((item) => item.spaceId), until.map((item) => item.month)],
    );
    if (this.memo.size > MEMO_LIMIT) this.memo.clear();
    return stale.length;
  }

  /**
   * Brings every space up to date, batch by batch, each batch in its own
   * transaction; then forgets past months. What the periodic worker runs.
   */
  async refreshAll(dataSource: DataSource, now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await dataSource.transaction((manager) => this.refresh(manager, { now }));
      if (done === 0) break;
      total += done;
    }
    // Past months go once per month (and at start), not at every tick: the DELETE scans the table.
    const month = monthOf(localDateOf(now));
    if (this.prunedMonth !== month) {
      await dataSource.transaction((manager) => this.prune(manager, now));
      this.prunedMonth = month;
    }
    return total;
  }

  /** Deletes the months that have passed: searches never look back. */
  async prune(manager: EntityManager, now = new Date()): Promise<number> {
    const rows: unknown[] = await manager.query(`DELETE FROM booking.space_availability WHERE month < $1 RETURNING 1`, [
      monthOf(localDateOf(now)),
    ]);
    return rows.length;
  }

  private windows(space: StaleSpace, rules: OpeningRuleEntity[], month: LocalDate): string {
    const signature = JSON.stringify([
      month,
      space.school_zone,
      hasAlsaceMoselleHolidays(space.commune_insee),
      space.closed_on_public_holidays,
      rules
        .map((r) => [r.weekdays, r.startTime, r.endTime, r.period, r.validFrom, r.validUntil])
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    ]);
    let literal = this.memo.get(signature);
    if (literal === undefined) {
      // No minimum duration here: the search filters by the asked duration, never shorter than the space's minimum.
      const shape = Object.assign(new SpaceEntity(), {
        closedOnPublicHolidays: space.closed_on_public_holidays,
        minDurationMinutes: 0,
      });
      const windows = offerableForSpace(
        shape,
        rules,
        [],
        calendarOf({ schoolZone: space.school_zone, communeInsee: space.commune_insee }),
        localInstant(month, START_OF_DAY),
        localInstant(nextMonth(month), START_OF_DAY),
      );
      literal = multirangeLiteral(windows);
      this.memo.set(signature, literal);
    }
    return literal;
  }
}
