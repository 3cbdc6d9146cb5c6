import type { DataSource } from 'typeorm';
import type { SearchQuery, SearchResultItem, SearchResults } from '@salle/contracts';
import { ClosureEntity, OpeningRuleEntity, SpaceEntity } from '../database/entities';
import { freeIntervals } from '../domain/availability';
import { quote } from '../domain/pricing';
import { eachDate, intersectIntervals, localInstant, weekdayOf, type LocalDate, type LocalTime, type TimeInterval } from '../domain/time';
import { schoolCalendar } from '../bookings/school-calendar';
import { offerableForSpace } from '../bookings/space-rules';
import { findCandidateSpaces, type CandidateSpace } from './candidate-spaces';

const BATCH = 60;
/** Spaces examined for one page at most, so a query that matches little stays bounded. */
const MAX_EXAMINED = 600;
const SLOTS_PER_SPACE = 10;

/** The local day/time window the person asked for, as instants. */
function requestedWindows(query: SearchQuery): TimeInterval[] {
  const windows: TimeInterval[] = [];
  for (const date of eachDate(query.from as LocalDate, query.to as LocalDate)) {
    if (query.weekdays?.length && !query.weekdays.includes(weekdayOf(date))) continue;
    windows.push({
      start: localInstant(date, (query.timeFrom ?? '00:00') as LocalTime),
      end: localInstant(date, (query.timeTo ?? '24:00') as LocalTime),
    });
  }
  return windows;
}

/**
 * Free-slot search: candidate spaces come from one SQL query per batch; their
 * rules, closures and bookings from one query each for the whole batch; the
 * free windows are then computed with interval-set operations. A page ends
 * when it is full or when MAX_EXAMINED spaces were looked at; the cursor
 * resumes from the next candidate.
 */
export class FreeSlotSearch {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: SearchQuery, now = new Date()): Promise<SearchResults> {
    const windows = requestedWindows(query);
    const first = windows[0];
    const last = windows[windows.length - 1];
    const range = first && last ? { start: first.start, end: last.end } : { start: now, end: now };
    const items: SearchResultItem[] = [];
    let offset = Number(query.cursor ?? 0);
    const start = offset;
    let exhausted = false;
    const wantsAll = query.sort === 'date';
    while (offset - start < MAX_EXAMINED && (wantsAll || items.length < query.pageSize)) {
      const batch = await findCandidateSpaces(this.dataSource.manager, query, offset, BATCH);
      if (batch.length === 0) {
        exhausted = true;
        break;
      }
      const results = await this.availability(batch, windows, range, query, now);
      for (const [index, result] of results.entries()) {
        if (!wantsAll && items.length === query.pageSize) {
          offset += index;
          return { items, nextCursor: String(offset) };
        }
        if (result) items.push(result);
      }
      offset += batch.length;
      if (batch.length < BATCH) {
        exhausted = true;
        break;
      }
    }
    if (wantsAll) {
      items.sort((a, b) => (a.slots[0]?.startsAt ?? '').localeCompare(b.slots[0]?.startsAt ?? ''));
      return { items: items.slice(0, query.pageSize), nextCursor: null };
    }
    return { items, nextCursor: exhausted ? null : String(offset) };
  }

  /** Free windows of every space of the batch, in candidate order (null when a space has none). */
  private async availability(
    batch: CandidateSpace[],
    windows: TimeInterval[],
    range: TimeInterval,
    query: SearchQuery,
    now: Date,
  ): Promise<(SearchResultItem | null)[]> {
    const spaceIds = batch.map((space) => space.id);
    const establishmentIds = [...new Set(batch.map((space) => space.establishment_id))];
    const [rules, closures, bookings] = await Promise.all([
      this.dataSource.manager.createQueryBuilder(OpeningRuleEntity, 'r').where('r.space_id = ANY(:spaceIds)', { spaceIds }).getMany(),
      this.dataSource.manager
        .createQueryBuilder(ClosureEntity, 'c')
        .where('c.establishment_id = ANY(:establishmentIds)', { establishmentIds })
        .andWhere('c.starts_at < :end AND c.ends_at > :start', range)
        .getMany(),
      this.dataSource.query(
        `SELECT space_id, starts_at, ends_at FROM booking.booking
          WHERE space_id = ANY($1) AND status IN ('requested', 'approved', 'awaiting_payment', 'confirmed')
            AND tstzrange(starts_at, blocked_until, '[)') && tstzrange($2, $3, '[)')`,
        [spaceIds, range.start, range.end],
      ) as Promise<{ space_id: string; starts_at: Date; ends_at: Date }[]>,
    ]);
    const group = <T>(list: T[], key: (item: T) => string) => {
      const map = new Map<string, T[]>();
      for (const item of list) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
      return map;
    };
    const rulesBySpace = group(rules, (r) => r.spaceId);
    const closuresByEstablishment = group(closures, (c) => c.establishmentId);
    const bookingsBySpace = group(bookings, (b) => b.space_id);
    const duration = query.durationMinutes * 60_000;
    const earliest = now.getTime();

    return batch.map((candidate) => {
      const space = toSpace(candidate);
      const spaceClosures = (closuresByEstablishment.get(candidate.establishment_id) ?? []).filter((c) => !c.spaceId || c.spaceId === candidate.id);
      const noticeFrom = new Date(Math.max(range.start.getTime(), earliest + candidate.min_notice_hours * 3_600_000));
      const horizon = new Date(Math.min(range.end.getTime(), earliest + candidate.max_horizon_days * 86_400_000));
      if (noticeFrom >= horizon) return null;
      const offerable = offerableForSpace(space, rulesBySpace.get(candidate.id) ?? [], spaceClosures, schoolCalendar().forZone(candidate.school_zone), noticeFrom, horizon);
      const busy = (bookingsBySpace.get(candidate.id) ?? []).map((b) => ({ start: b.starts_at, end: b.ends_at }));
      const free = intersectIntervals(freeIntervals(offerable, busy, candidate.buffer_minutes), windows).filter(
        (slot) => slot.end.getTime() - slot.start.getTime() >= duration,
      );
      if (free.length === 0) return null;
      return toResult(candidate, free, query);
    });
  }
}

function toSpace(candidate: CandidateSpace): SpaceEntity {
  return Object.assign(new SpaceEntity(), {
    id: candidate.id,
    establishmentId: candidate.establishment_id,
    closedOnPublicHolidays: candidate.closed_on_public_holidays,
    minDurationMinutes: candidate.min_duration_minutes,
    maxDurationMinutes: candidate.max_duration_minutes,
    minNoticeHours: candidate.min_notice_hours,
    maxHorizonDays: candidate.max_horizon_days,
  });
}

function toResult(candidate: CandidateSpace, free: TimeInterval[], query: SearchQuery): SearchResultItem {
  const first = free[0] as TimeInterval;
  const sample = quote(
    {
      rates: { [query.category]: { hourlyCents: candidate.hourly_cents ?? 0, halfDayCents: candidate.half_day_cents, dayCents: candidate.day_cents } },
      depositCents: candidate.deposit_cents,
    },
    query.category,
    first.start,
    new Date(first.start.getTime() + query.durationMinutes * 60_000),
  );
  return {
    space: {
      id: candidate.id,
      name: candidate.name,
      kind: candidate.kind,
      capacity: candidate.capacity,
      areaM2: candidate.area_m2,
      equipment: candidate.equipment,
      stepFreeAccess: candidate.step_free_access,
      photoUrls: candidate.photo_urls,
    },
    establishment: {
      id: candidate.establishment_id,
      name: candidate.establishment_name,
      communeName: candidate.commune_name,
      latitude: candidate.latitude,
      longitude: candidate.longitude,
    },
    distanceKm: candidate.distance_km === null ? null : Math.round(candidate.distance_km * 10) / 10,
    price: sample.ok
      ? { category: query.category, cents: sample.totalCents, explanation: sample.explanation, depositCents: sample.depositCents ?? 0 }
      : null,
    slots: free.slice(0, SLOTS_PER_SPACE).map((slot) => ({ startsAt: slot.start.toISOString(), endsAt: slot.end.toISOString() })),
  };
}
