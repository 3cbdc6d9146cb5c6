import type { SearchQuery, SpaceKind } from '@salle/contracts';

/** A space that matches the static filters, with what the availability computation needs. */
export interface CandidateSpace {
  id: string;
  establishment_id: string;
  name: string;
  kind: SpaceKind;
  capacity: number;
  area_m2: number | null;
  equipment: string[];
  step_free_access: boolean;
  photo_urls: string[];
  buffer_minutes: number;
  min_notice_hours: number;
  max_horizon_days: number;
  establishment_name: string;
  commune_name: string;
  latitude: number;
  longitude: number;
  distance_km: number | null;
  hourly_cents: number | null;
  half_day_cents: number | null;
  day_cents: number | null;
  deposit_cents: number | null;
  /** 1-based, over all matches. */
  position: string;
  total: string;
}

/** Positional parameters of one statement, numbered as they are added. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The SELECT of the spaces matching every filter that does not depend on
 * time, nearest first when a point is given, each with its absolute
 * `position` in that order and the `total` number of matches (the cursor is
 * a position). Distances are great-circle (haversine) in kilometres, computed
 * only for the establishments inside the indexed bounding box.
 */
export function candidateSpacesSql(query: SearchQuery, params: SqlParameters, offset: number, limit: number): string {
  const category = params.add(query.category);
  const duration = params.add(query.durationMinutes);
  const where = [
    's.active',
    `e.status = 'active'`,
    `${category} = ANY(s.allowed_categories)`,
    `s.min_duration_minutes <= ${duration}`,
    `s.max_duration_minutes >= ${duration}`,
  ];
  if (query.minCapacity) where.push(`s.capacity >= ${params.add(query.minCapacity)}`);
  if (query.kinds?.length) where.push(`s.kind = ANY(${params.add(query.kinds)}::text[])`);
  if (query.equipment?.length) where.push(`s.equipment @> ${params.add(query.equipment)}::text[]`);
  if (query.stepFree) where.push('s.step_free_access');
  if (query.communeInsee) where.push(`e.commune_insee = ${params.add(query.communeInsee)}`);

  let distance = 'NULL::double precision';
  if (query.latitude !== undefined && query.longitude !== undefined) {
    const lat = params.add(query.latitude);
    const lng = params.add(query.longitude);
    distance = `2 * 6371 * asin(sqrt(power(sin(radians(e.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - ${lng}) / 2), 2)))`;
    const radius = params.add(query.radiusKm);
    // ~111 km per degree of latitude; longitude degrees shrink with cos(latitude). The box uses the GiST index on the location.
    const dLat = `${radius} / 111.0`;
    const dLng = `${radius} / (111.0 * cos(radians(${lat})))`;
    where.push(
      `point(e.longitude, e.latitude) <@ box(point(${lng} - ${dLng}, ${lat} - ${dLat}), point(${lng} + ${dLng}, ${lat} + ${dLat}))`,
    );
    where.push(`${distance} <= ${radius}`);
  }
  return `
    SELECT s.id, s.establishment_id, s.name, s.kind, s.capacity, s.area_m2, s.equipment, s.step_free_access, s.photo_urls,
           s.buffer_minutes, s.min_notice_hours, s.max_horizon_days,
           e.name AS establishment_name, e.commune_name, e.latitude, e.longitude,
           ${distance} AS distance_km,
           t.hourly_cents, t.half_day_cents, t.day_cents, t.deposit_cents,
           row_number() OVER (ORDER BY ${distance} NULLS LAST, e.name, s.name, s.id) AS position,
           count(*) OVER () AS total
      FROM booking.space s
      JOIN booking.establishment e ON e.id = s.establishment_id
      JOIN booking.tariff t ON t.space_id = s.id AND t.category = ${category}
     WHERE ${where.join(' AND ')}
     ORDER BY position
     OFFSET ${params.add(offset)} LIMIT ${params.add(limit)}`;
}
