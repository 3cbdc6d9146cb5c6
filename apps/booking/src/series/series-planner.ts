import type { EntityManager } from 'typeorm';
import type { SeriesOptions, SeriesOccurrenceState, SeriesReason } from '@salle/contracts';
import { loadBookableSpace } from '../bookings/booking-parties';
import { calendarOf } from '../availability/school-calendar';
import { loadSpaceRules, rulesValidOn, spaceTimeStep, toOpeningRules } from '../availability/space-rules';
import {
  BookingEntity,
  OrganisationEntity,
  TariffEntity,
  type EstablishmentEntity,
  type SpaceEntity,
} from '../database/entities';
import { SLOT_HOLDING_STATUSES } from '../domain/lifecycle';
import { quote, tariffOf, type PriceQuote } from '../domain/pricing';
import { previewSeries, type OccurrencePreview, type SeriesOccurrence } from '../domain/series';
import { organisationNotFound, priceRefused } from '../errors';
import type { ExpandedSeries } from './series-rule';

/** The space, its collège and the organisation a series is for, checked as a one-off request checks them. */
export interface SeriesParties {
  space: SpaceEntity;
  establishment: EstablishmentEntity;
  organisation: OrganisationEntity;
}

export interface AssessedOccurrence extends SeriesOccurrence {
  state: SeriesOccurrenceState;
  reasons: SeriesReason[];
  price: PriceQuote;
}

export async function loadSeriesParties(
  manager: EntityManager,
  spaceId: string,
  organisationId: string,
): Promise<SeriesParties> {
  const organisation = await manager.findOneBy(OrganisationEntity, { id: organisationId });
  if (!organisation) throw organisationNotFound();
  const { space, establishment } = await loadBookableSpace(manager, spaceId, organisation);
  return { space, establishment, organisation };
}

/** Slot-holding bookings of the space over the whole series, in one query. */
async function busyIntervals(manager: EntityManager, space: SpaceEntity, from: Date, to: Date) {
  const rows = await manager
    .createQueryBuilder(BookingEntity, 'b')
    .select(['b.id', 'b.startsAt', 'b.endsAt'])
    .where('b.space_id = :spaceId', { spaceId: space.id })
    .andWhere('b.status IN (:...statuses)', { statuses: [...SLOT_HOLDING_STATUSES] })
    .andWhere(`tstzrange(b.starts_at, b.blocked_until, '[)') && tstzrange(:from, :to, '[)')`, { from, to })
    .getMany();
  return rows.map((row) => ({ start: row.startsAt, end: row.endsAt }));
}

function reasonsOf(preview: OccurrencePreview): SeriesReason[] {
  switch (preview.state) {
    case 'free':
      return [];
    case 'conflict':
      return [{ code: 'slot_unavailable', message: preview.message }];
    case 'closed':
      return preview.reasons.map((reason) => ({ code: reason.code, message: reason.message }));
    case 'skipped':
      return [{ code: preview.reason, message: preview.message }];
  }
}

/**
 * What would happen to each occurrence if the series were submitted now:
 * the domain's preview run against the space's rules (each date with the
 * rules valid on it), its closures and the bookings already holding it,
 * with the price of every occurrence. Reads everything in a handful of
 * queries, whatever the number of occurrences.
 */
export async function assessSeries(
  manager: EntityManager,
  parties: SeriesParties,
  series: ExpandedSeries,
  options: SeriesOptions,
  now: Date,
): Promise<AssessedOccurrence[]> {
  const { space, establishment, organisation } = parties;
  const first = series.occurrences[0];
  const last = series.occurrences[series.occurrences.length - 1];
  if (!first || !last) return [];
  const buffer = space.bufferMinutes * 60_000;
  const from = new Date(first.start.getTime() - buffer);
  const to = new Date(last.end.getTime() + buffer);
  const { rules, closures } = await loadSpaceRules(manager, space, from, to);
  const busy = await busyIntervals(manager, space, from, to);
  const tariff = tariffOf(await manager.findBy(TariffEntity, { spaceId: space.id }));
  const calendar = calendarOf(establishment);

  // Rules may start or stop applying during the season: preview each group
  // of dates with the rules valid on them.
  const groups = new Map<string, { valid: typeof rules; dates: Set<string> }>();
  for (const occurrence of series.occurrences) {
    const valid = rulesValidOn(rules, occurrence.date);
    const key = valid
      .map((rule) => rule.id)
      .sort()
      .join(',');
    const group = groups.get(key) ?? { valid, dates: new Set<string>() };
    group.dates.add(occurrence.date);
    groups.set(key, group);
  }
  const byStart = new Map<number, OccurrencePreview>();
  for (const { valid, dates } of groups.values()) {
    const openingRules = { ...toOpeningRules(space, valid, closures), timeStep: spaceTimeStep(space, rules) };
    const previews = previewSeries(series.spec, openingRules, calendar, {
      ...options,
      busy,
      bufferMinutes: space.bufferMinutes,
      now,
    });
    for (const preview of previews) if (dates.has(preview.date)) byStart.set(preview.start.getTime(), preview);
  }

  return series.occurrences.map((occurrence) => {
    const preview = byStart.get(occurrence.start.getTime());
    if (!preview) throw new Error(`series preview lost the occurrence of ${occurrence.date}`);
    const price = quote(tariff, organisation.kind, occurrence.start, occurrence.end);
    if (!price.ok) throw priceRefused(price);
    return {
      date: occurrence.date,
      start: occurrence.start,
      end: occurrence.end,
      state: preview.state,
      reasons: reasonsOf(preview),
      price,
    };
  });
}
