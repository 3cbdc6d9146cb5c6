import type { DataSource } from 'typeorm';
import {
  MAX_SLOTS_PER_SPACE,
  type SearchQuery,
  type SearchResultItem,
  type SearchResults,
  type SpacePhotoSummary,
} from '@salle/contracts';
import { preparedQuery } from '@salle/db';
import { BoundedMemo } from '@salle/runtime';
import { multirangeLiteral } from '../availability/space-availability';
import { quote } from '../domain/pricing';
import {
  eachDate,
  END_OF_DAY,
  localInstant,
  parseLocalDate,
  parseLocalTime,
  START_OF_DAY,
  unionIntervals,
  weekdayOf,
  type TimeInterval,
} from '../domain/time';
import { candidateSpacesSql, SqlParameters, type CandidateSpace } from './candidate-spaces';

/** Spaces examined for one page at most, so a query that matches little stays bounded. */
export const MAX_EXAMINED = 600;

/** The local day/time window the person asked for, as instants. */
export function requestedWindows(query: SearchQuery): TimeInterval[] {
  const windows: TimeInterval[] = [];
  const start = query.timeFrom ? parseLocalTime(query.timeFrom) : START_OF_DAY;
  const end = query.timeTo ? parseLocalTime(query.timeTo) : END_OF_DAY;
  for (const date of eachDate(parseLocalDate(query.from, 'from'), parseLocalDate(query.to, 'to'))) {
    if (query.weekdays?.length && !query.weekdays.includes(weekdayOf(date))) continue;
    windows.push({ start: localInstant(date, start), end: localInstant(date, end) });
  }
  return windows;
}

interface RequestedDays {
  start: Date;
  end: Date;
  /** The windows as a `tstzmultirange` literal. */
  multirange: string;
}

/**
 * The last 1,000 distinct (days, weekdays, hours) asked, each a few KB:
 * placing a month of days in Paris time costs more than the rest of the request.
 */
const requestedDaysMemo = new BoundedMemo<string, RequestedDays | null>(1_000);

/** The requested windows' bounds and multirange, or null when no day is left. */
function requestedDays(query: SearchQuery): RequestedDays | null {
  const weekdays = query.weekdays?.length ? [...new Set(query.weekdays)].sort().join(',') : '';
  const key = `${query.from} ${query.to} ${weekdays} ${query.timeFrom ?? '00:00'} ${query.timeTo ?? '24:00'}`;
  return requestedDaysMemo.get(key, () => {
    const windows = requestedWindows(query);
    const first = windows[0];
    const last = windows[windows.length - 1];
    if (!first || !last) return null;
    return { start: first.start, end: last.end, multirange: multirangeLiteral(unionIntervals(windows)) };
  });
}

/**
 * Free windows as two parallel arrays of their starts and ends, in UTC, as
 * PostgreSQL writes a `timestamp[]`: formatting them here costs less than
 * `to_char` and `json_agg` there (see `utcTimestampsToIso`).
 */
type FoundSpace = CandidateSpace & {
  starts: string | null;
  ends: string | null;
  /** The first uploaded photo (`json_build_object`, parsed by pg). */
  photo: SpacePhotoSummary | null;
};

/**
 * The first photo of each space on the page. In the outer statement, so it is read for the page's rows only:
 * in the candidates' SELECT it would run for every match the window functions number (hundreds of spaces).
 */
const FIRST_PHOTO = `(SELECT json_build_object('id', p.id, 'altText', p.alt_text, 'width', p.width, 'height', p.height)
           FROM booking.space_photo p WHERE p.space_id = c.id ORDER BY p.position LIMIT 1)`;

const utcArray = (bound: string) => `array_agg(${bound}(r) AT TIME ZONE 'UTC' ORDER BY lower(r))::text`;

const UTC_TIMESTAMP = String.raw`"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?"`;
/** `{"2026-12-06 18:00:00","2026-12-06 20:30:00.5"}`: a non-empty timestamp[] as PostgreSQL writes it. */
const UTC_TIMESTAMP_ARRAY = new RegExp(`^\\{${UTC_TIMESTAMP}(?:,${UTC_TIMESTAMP})*\\}$`);
const QUOTE = 34;

/**
 * PostgreSQL's text of a non-empty `timestamp[]` of UTC times (DateStyle ISO, which
 * `pg` requires anyway) as ISO 8601 strings exactly like `Date#toISOString`.
 * The array is checked whole, once: a search converts a few hundred of them.
 */
export function utcTimestampsToIso(array: string): string[] {
  if (!UTC_TIMESTAMP_ARRAY.test(array))
    throw new Error(`unexpected timestamp array from PostgreSQL: ${array.slice(0, 80)}`);
  // Whole seconds, as slots always are: each element is `"YYYY-MM-DD hh:mm:ss"`, 22 characters apart with its
  // comma, read in place (twice as fast as splitting, for the 40 arrays of a page); any fraction, the general way.
  const isos: string[] = [];
  for (let at = 2; at < array.length; at += 22) {
    if (array.charCodeAt(at + 19) !== QUOTE) return withFractions(array);
    isos.push(`${array.slice(at, at + 10)}T${array.slice(at + 11, at + 19)}.000Z`);
  }
  return isos;
}

function withFractions(array: string): string[] {
  return array
    .slice(2, -2)
    .split('","')
    .map((text) =>
      text.length === 19
        ? `${text.slice(0, 10)}T${text.slice(11)}.000Z`
        : `${text.slice(0, 10)}T${text.slice(11, 19)}.${`${text.slice(20, 23)}00`.slice(0, 3)}Z`,
    );
}

/**
 * Free-slot search as one SQL statement: the candidate spaces in their
 * order, and for each, `booking.free_slots` (see the MaterializeAvailability
 * migration) intersects its materialised opening windows with the asked days,
 * hours, notice and horizon, and subtracts closures and bookings with their
 * buffer. The planner walks the candidates in order and stops as soon as the
 * page is full. A page ends when full or when MAX_EXAMINED candidates were
 * looked at; the cursor is the position to resume after.
 */
export class FreeSlotSearch {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: SearchQuery, now = new Date()): Promise<SearchResults> {
    const days = requestedDays(query);
    if (!days) return { items: [], nextCursor: null };
    const offset = Number(query.cursor ?? 0);
    const byDate = query.sort === 'date';
    const params = new SqlParameters();
    const candidates = candidateSpacesSql(query, params, offset, MAX_EXAMINED);
    const from = params.add(days.start);
    const to = params.add(days.end);
    const at = params.add(now);
    const slots = `booking.free_slots(c.id, c.establishment_id, c.buffer_minutes,
        greatest(${from}::timestamptz, ${at}::timestamptz + make_interval(hours => c.min_notice_hours)),
        least(${to}::timestamptz, ${at}::timestamptz + make_interval(days => c.max_horizon_days)),
        ${params.add(days.multirange)}::tstzmultirange, ${params.add(query.durationMinutes)}::integer, ${MAX_SLOTS_PER_SPACE})`;
    // By distance, the last examined candidate always comes back (even without slots): it carries `total`, which tells whether more pages exist.
    const keep = byDate ? '' : `OR c.position = least(c.total, ${params.add(offset + MAX_EXAMINED)})`;
    // Prepared: planning this statement costs about as much as running it.
    const rows = await preparedQuery<FoundSpace>(
      this.dataSource,
      `SELECT c.*, f.starts, f.ends, ${FIRST_PHOTO} AS photo
         FROM (${candidates}) c
        CROSS JOIN LATERAL (SELECT ${utcArray('lower')} AS starts, ${utcArray('upper')} AS ends, min(lower(r)) AS first
                              FROM ${slots} r) f
        WHERE f.starts IS NOT NULL ${keep}
        ORDER BY ${byDate ? 'f.first, c.position' : 'c.position'}
        LIMIT ${params.add(query.pageSize + 1)}`,
      params.values,
    );
    const found = rows.filter((row) => row.starts !== null);
    const items = found.slice(0, query.pageSize).map((row) => toResult(row, query));
    if (byDate) return { items, nextCursor: null };
    if (found.length > query.pageSize) return { items, nextCursor: String(found[query.pageSize - 1]?.position) };
    const total = Number(rows[rows.length - 1]?.total ?? 0);
    return { items, nextCursor: offset + MAX_EXAMINED < total ? String(offset + MAX_EXAMINED) : null };
  }
}

/** Distinct (tariff, category, duration) quotes remembered: a département has a few dozen tariffs. */
const quotedPrices = new BoundedMemo<string, SearchResultItem['price']>(10_000);

/**
 * The price of the asked duration, quoted by the domain's tariff rules. Spaces
 * often share a tariff and searches a duration, and a quote depends on nothing
 * else, so each distinct one is computed once and remembered.
 */
function samplePrice(candidate: FoundSpace, query: SearchQuery): SearchResultItem['price'] {
  const key = `${query.category}|${query.durationMinutes}|${candidate.hourly_cents}|${candidate.half_day_cents}|${candidate.day_cents}|${candidate.deposit_cents}`;
  return quotedPrices.get(key, () => {
    // Only the duration matters to a tariff, not the day.
    const start = new Date(0);
    const sample = quote(
      {
        rates: {
          [query.category]: {
            hourlyCents: candidate.hourly_cents ?? 0,
            halfDayCents: candidate.half_day_cents,
            dayCents: candidate.day_cents,
          },
        },
        depositCents: candidate.deposit_cents,
      },
      query.category,
      start,
      new Date(query.durationMinutes * 60_000),
    );
    return sample.ok
      ? {
          category: query.category,
          cents: sample.totalCents,
          explanation: sample.explanation,
          depositCents: sample.depositCents ?? 0,
        }
      : null;
  });
}

function toResult(candidate: FoundSpace, query: SearchQuery): SearchResultItem {
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
      photo: candidate.photo,
    },
    establishment: {
      id: candidate.establishment_id,
      name: candidate.establishment_name,
      communeName: candidate.commune_name,
      latitude: candidate.latitude,
      longitude: candidate.longitude,
    },
    distanceKm: candidate.distance_km === null ? null : Math.round(candidate.distance_km * 10) / 10,
    price: samplePrice(candidate, query),
    slots: slotsOf(candidate),
  };
}

function slotsOf(candidate: FoundSpace): SearchResultItem['slots'] {
  if (candidate.starts === null || candidate.ends === null) return [];
  const ends = utcTimestampsToIso(candidate.ends);
  return utcTimestampsToIso(candidate.starts).map((startsAt, i) => ({ startsAt, endsAt: ends[i] as string }));
}
