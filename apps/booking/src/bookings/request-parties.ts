import type { QueryRunner } from 'typeorm';
import { runPrepared } from '@salle/db';
import type { OpeningRuleTimes } from '../availability/space-rules';
import type {
  ClosureEntity,
  EstablishmentEntity,
  OrganisationEntity,
  SpaceEntity,
  TariffEntity,
} from '../database/entities';

/** The organisation's columns a request reads: who it is, and whether it may book. */
export type RequestingOrganisation = Pick<OrganisationEntity, 'id' | 'name' | 'kind' | 'status' | 'insuranceExpiresOn'>;

/** The space's columns a request reads: whether it takes the request, its rules of duration and notice, its approval. */
export type RequestedSpace = Pick<
  SpaceEntity,
  | 'id'
  | 'establishmentId'
  | 'name'
  | 'active'
  | 'allowedCategories'
  | 'bufferMinutes'
  | 'minDurationMinutes'
  | 'maxDurationMinutes'
  | 'minNoticeHours'
  | 'maxHorizonDays'
  | 'closedOnPublicHolidays'
  | 'approvalRequired'
>;

/**
 * The collège's columns a request reads: whether it is open, its calendar, its name; and what its approval on the
 * collège's behalf (a space without approval) reads: its payout account and cancellation policy.
 */
export type RequestedEstablishment = Pick<
  EstablishmentEntity,
  'id' | 'name' | 'status' | 'schoolZone' | 'communeInsee' | 'payoutReady' | 'cancellationPolicy'
>;

export type RequestClosure = Pick<ClosureEntity, 'startsAt' | 'endsAt' | 'reason'>;
export type RequestTariff = Pick<
  TariffEntity,
  'category' | 'hourlyCents' | 'halfDayCents' | 'dayCents' | 'depositCents'
>;

/** Everything a one-off request is checked and priced against; a missing organisation or space is null. */
export interface RequestParties {
  organisation: RequestingOrganisation | null;
  space: RequestedSpace | null;
  establishment: RequestedEstablishment | null;
  rules: OpeningRuleTimes[];
  closures: RequestClosure[];
  tariffs: RequestTariff[];
}

// One round trip instead of six entity reads (organisation, space, collège,
// rules, closures, tariffs): each part is built as JSON by PostgreSQL, with
// the property names the domain functions read, so nothing is hydrated twice.
// Dates stay 'YYYY-MM-DD' and times 'HH:MM:SS' text, as TypeORM gives them.
const PARTIES_SQL = `
  WITH s AS (SELECT * FROM booking.space WHERE id = $2::uuid)
  SELECT
    (SELECT json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'status', o.status,
                              'insuranceExpiresOn', o.insurance_expires_on)
       FROM booking.organisation o WHERE o.id = $1::uuid) AS organisation,
    (SELECT json_build_object('id', s.id, 'establishmentId', s.establishment_id, 'name', s.name, 'active', s.active,
                              'allowedCategories', s.allowed_categories, 'bufferMinutes', s.buffer_minutes,
                              'minDurationMinutes', s.min_duration_minutes, 'maxDurationMinutes', s.max_duration_minutes,
                              'minNoticeHours', s.min_notice_hours, 'maxHorizonDays', s.max_horizon_days,
                              'closedOnPublicHolidays', s.closed_on_public_holidays,
                              'approvalRequired', s.approval_required)
       FROM s) AS space,
    (SELECT json_build_object('id', e.id, 'name', e.name, 'status', e.status, 'schoolZone', e.school_zone,
                              'communeInsee', e.commune_insee, 'payoutReady', e.payout_ready,
                              'cancellationPolicy', e.cancellation_policy)
       FROM s JOIN booking.establishment e ON e.id = s.establishment_id) AS establishment,
    (SELECT coalesce(json_agg(json_build_object('weekdays', r.weekdays, 'startTime', r.start_time,
                                                'endTime', r.end_time, 'period', r.period,
                                                'validFrom', r.valid_from, 'validUntil', r.valid_until)), '[]')
       FROM booking.opening_rule r WHERE r.space_id = $2::uuid) AS rules,
    (SELECT coalesce(json_agg(json_build_object('startsAt', c.starts_at, 'endsAt', c.ends_at, 'reason', c.reason)), '[]')
       FROM s JOIN booking.closure c ON c.establishment_id = s.establishment_id
      WHERE (c.space_id IS NULL OR c.space_id = s.id) AND c.starts_at < $4::timestamptz AND c.ends_at > $3::timestamptz)
      AS closures,
    (SELECT coalesce(json_agg(json_build_object('category', t.category, 'hourlyCents', t.hourly_cents,
                                                'halfDayCents', t.half_day_cents, 'dayCents', t.day_cents,
                                                'depositCents', t.deposit_cents)), '[]')
       FROM booking.tariff t WHERE t.space_id = $2::uuid) AS tariffs`;

type PartiesRow = Omit<RequestParties, 'closures'> & {
  closures: { startsAt: string; endsAt: string; reason: string }[];
};

/**
 * The organisation, the space with its collège, the space's opening rules,
 * the closures touching [from, to) and its tariffs, in one prepared statement
 * on the transaction of `runner`. Call it after taking the space's lock, so
 * that a closure committed meanwhile is seen.
 */
export async function loadRequestParties(
  runner: QueryRunner,
  request: { organisationId: string; spaceId: string; from: Date; to: Date },
): Promise<RequestParties> {
  const {
    rows: [row],
  } = await runPrepared<PartiesRow>(runner, PARTIES_SQL, [
    request.organisationId,
    request.spaceId,
    request.from.toISOString(),
    request.to.toISOString(),
  ]);
  if (!row) throw new Error('the request parties query returned no row');
  return {
    ...row,
    closures: row.closures.map((closure) => ({
      startsAt: new Date(closure.startsAt),
      endsAt: new Date(closure.endsAt),
      reason: closure.reason,
    })),
  };
}
