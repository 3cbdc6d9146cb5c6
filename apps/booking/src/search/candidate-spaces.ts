import type { EntityManager } from 'typeorm';
import type { SearchQuery } from '@salle/contracts';

/** A space that matches the static filters, with what the availability computation needs. */
export interface CandidateSpace {
  id: string;
  establishment_id: string;
  name: string;
  kind: string;
  capacity: number;
  area_m2: number | null;
  equipment: string[];
  step_free_access: boolean;
  photo_urls: string[];
  buffer_minutes: number;
  min_duration_minutes: number;
  max_duration_minutes: number;
  min_notice_hours: number;
  max_horizon_days: number;
  closed_on_public_holidays: boolean;
  establishment_name: string;
  commune_name: string;
  latitude: number;
  longitude: number;
  school_zone: 'A' | 'B' | 'C';
  distance_km: number | null;
  hourly_cents: number | null;
  half_day_cents: number | null;
  day_cents: number | null;
  deposit_cents: number | null;
}

/**
 * One query for a batch of spaces matching every filter that does not
 * depend on time, nearest first when a point is given. Distances are
 * great-circle (haversine) in kilometres; a bounding box lets the planner
 * discard far establishments before computing them.
 */
export async function findCandidateSpaces(manager: EntityManager, query: SearchQuery, offset: number, limit: number): Promise<CandidateSpace[]> {
  const params: unknown[] = [query.category, query.durationMinutes];
  const where = [
    's.active',
    `e.status = 'active'`,
    '$1 = ANY(s.allowed_categories)',
    's.min_duration_minutes <= $2',
    's.max_duration_minutes >= $2',
  ];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.minCapacity) where.push(`s.capacity >= ${add(query.minCapacity)}`);
  if (query.kinds?.length) where.push(`s.kind = ANY(${add(query.kinds)}::text[])`);
  if (query.equipment?.length) where.push(`s.equipment @> ${add(query.equipment)}::text[]`);
  if (query.stepFree) where.push('s.step_free_access');
  if (query.communeInsee) where.push(`e.commune_insee = ${add(query.communeInsee)}`);

  let distance = 'NULL::double precision';
  if (query.latitude !== undefined && query.longitude !== undefined) {
    const lat = add(query.latitude);
    const lng = add(query.longitude);
    distance = `2 * 6371 * asin(sqrt(power(sin(radians(e.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - ${lng}) / 2), 2)))`;
    const radius = add(query.radiusKm);
    // ~111 km per degree of latitude; longitude degrees shrink with cos(latitude).
    where.push(`e.latitude BETWEEN ${lat} - ${radius} / 111.0 AND ${lat} + ${radius} / 111.0`);
    where.push(`e.longitude BETWEEN ${lng} - ${radius} / (111.0 * cos(radians(${lat}))) AND ${lng} + ${radius} / (111.0 * cos(radians(${lat})))`);
    where.push(`${distance} <= ${radius}`);
  }
  const sql = `
    SELECT s.id, s.establishment_id, s.name, s.kind, s.capacity, s.area_m2, s.equipment, s.step_free_access, s.photo_urls,
           s.buffer_minutes, s.min_duration_minutes, s.max_duration_minutes, s.min_notice_hours, s.max_horizon_days,
           s.closed_on_public_holidays,
           e.name AS establishment_name, e.commune_name, e.latitude, e.longitude, e.school_zone,
           ${distance} AS distance_km,
           t.hourly_cents, t.half_day_cents, t.day_cents, t.deposit_cents
      FROM booking.space s
      JOIN booking.establishment e ON e.id = s.establishment_id
      JOIN booking.tariff t ON t.space_id = s.id AND t.category = $1
     WHERE ${where.join(' AND ')}
     ORDER BY distance_km NULLS LAST, e.name, s.name, s.id
     OFFSET ${add(offset)} LIMIT ${add(limit)}`;
  return manager.query(sql, params);
}
