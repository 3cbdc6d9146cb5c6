import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each space offers according to its rules, materialised per local
 * month so that the free-slot search is one SQL statement instead of a
 * per-request computation of weekly windows, school time and public holidays.
 *
 * `space_availability` holds, per space and Europe/Paris month, the opening
 * windows minus school time on term days and minus public holidays when the
 * space closes on them. Closures and bookings change often and are
 * subtracted at query time. `space.availability_until` is the last month
 * materialised; NULL means "to compute" (new spaces, seeded data, changed rules).
 *
 * The triggers make stale windows impossible whoever writes: changing a
 * space's rules, its public-holiday setting or horizon, or its collège's
 * school zone deletes the windows and marks the space, and the application
 * (in the same transaction) or the refresher worker computes them again.
 */
export class MaterializeAvailability1763900100000 implements MigrationInterface {
  name = 'MaterializeAvailability1763900100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.space ADD COLUMN availability_until date`);
    await runner.query(
      `CREATE INDEX space_availability_stale_idx ON booking.space (id) WHERE availability_until IS NULL`,
    );
    await runner.query(`
      CREATE TABLE booking.space_availability (
        space_id uuid NOT NULL REFERENCES booking.space(id) ON DELETE CASCADE,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        windows tstzmultirange NOT NULL,
        PRIMARY KEY (space_id, month)
      )`);

    await runner.query(`
      CREATE FUNCTION booking.forget_availability(p_space_ids uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM booking.space_availability WHERE space_id = ANY(p_space_ids);
        UPDATE booking.space SET availability_until = NULL WHERE id = ANY(p_space_ids) AND availability_until IS NOT NULL;
      $$`);
    await runner.query(`
      CREATE FUNCTION booking.opening_rule_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM booking.forget_availability(ARRAY(
          SELECT DISTINCT id FROM (
            SELECT CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.space_id END AS id
            UNION ALL SELECT CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.space_id END
          ) changed WHERE id IS NOT NULL));
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER opening_rule_changed AFTER INSERT OR UPDATE OR DELETE ON booking.opening_rule
        FOR EACH ROW EXECUTE FUNCTION booking.opening_rule_changed()`);
    await runner.query(`
      CREATE FUNCTION booking.space_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM booking.forget_availability(ARRAY[NEW.id]);
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER space_rules_changed AFTER UPDATE ON booking.space FOR EACH ROW
        WHEN (OLD.closed_on_public_holidays IS DISTINCT FROM NEW.closed_on_public_holidays
              OR OLD.max_horizon_days IS DISTINCT FROM NEW.max_horizon_days)
        EXECUTE FUNCTION booking.space_rules_changed()`);
    await runner.query(`
      CREATE FUNCTION booking.establishment_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM booking.forget_availability(ARRAY(SELECT id FROM booking.space WHERE establishment_id = NEW.id));
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER establishment_zone_changed AFTER UPDATE ON booking.establishment FOR EACH ROW
        WHEN (OLD.school_zone IS DISTINCT FROM NEW.school_zone)
        EXECUTE FUNCTION booking.establishment_zone_changed()`);

    await runner.query(freeSlotsFunctionSql(FIRST_BOOKING_OVERLAP));
    // The search's bounding box finds the establishments near a point through this index.
    await runner.query(
      `CREATE INDEX establishment_location_idx ON booking.establishment USING gist (point(longitude, latitude))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX booking.establishment_location_idx`);
    await runner.query(
      `DROP FUNCTION booking.free_slots(uuid, uuid, integer, timestamptz, timestamptz, tstzmultirange, integer, integer)`,
    );
    await runner.query(`DROP TRIGGER establishment_zone_changed ON booking.establishment`);
    await runner.query(`DROP FUNCTION booking.establishment_zone_changed()`);
    await runner.query(`DROP TRIGGER space_rules_changed ON booking.space`);
    await runner.query(`DROP FUNCTION booking.space_rules_changed()`);
    await runner.query(`DROP TRIGGER opening_rule_changed ON booking.opening_rule`);
    await runner.query(`DROP FUNCTION booking.opening_rule_changed()`);
    await runner.query(`DROP FUNCTION booking.forget_availability(uuid[])`);
    await runner.query(`DROP TABLE booking.space_availability`);
    await runner.query(`DROP INDEX booking.space_availability_stale_idx`);
    await runner.query(`ALTER TABLE booking.space DROP COLUMN availability_until`);
  }
}

/**
 * Free windows of one space: materialised windows within [p_from, p_to) and the
 * requested days and hours, minus closures, minus bookings widened by the turnaround
 * buffer on both sides (a slot keeps that gap to its neighbours, as the exclusion
 * constraint demands), keeping the pieces long enough for the asked duration.
 * A set-returning SQL function with a single SELECT: the planner inlines it into the
 * search statement and plans it once, instead of running it as a black box per space.
 *
 * `bookingOverlap` selects the bookings `b` of the space that reach into
 * [p_from - buffer, max(p_from, p_to) + buffer): its form decides which index
 * serves it (see the SearchBookingIndex migration).
 */
export function freeSlotsFunctionSql(bookingOverlap: string): string {
  return `
      CREATE OR REPLACE FUNCTION booking.free_slots(
        p_space uuid, p_establishment uuid, p_buffer_minutes integer,
        p_from timestamptz, p_to timestamptz, p_requested tstzmultirange,
        p_min_minutes integer, p_limit integer
      ) RETURNS SETOF tstzrange LANGUAGE sql STABLE AS $$
        SELECT slot FROM unnest(
          coalesce((SELECT range_agg(a.windows) FROM booking.space_availability a
                     WHERE a.space_id = p_space
                       AND a.month BETWEEN date_trunc('month', p_from AT TIME ZONE 'Europe/Paris')::date
                                       AND date_trunc('month', p_to AT TIME ZONE 'Europe/Paris')::date),
                   '{}'::tstzmultirange)
          * p_requested
          -- Notice and horizon can leave nothing between p_from and p_to: an empty range then.
          * tstzmultirange(tstzrange(p_from, greatest(p_from, p_to), '[)'))
          - coalesce((SELECT range_agg(tstzrange(b.starts_at - make_interval(mins => p_buffer_minutes),
                                                 b.ends_at + make_interval(mins => p_buffer_minutes), '[)'))
                        FROM booking.booking b
                       WHERE b.space_id = p_space
                         AND b.status IN ('requested', 'approved', 'awaiting_payment', 'confirmed')
                         AND ${bookingOverlap}),
                     '{}'::tstzmultirange)
          - coalesce((SELECT range_agg(tstzrange(c.starts_at, c.ends_at, '[)'))
                        FROM booking.closure c
                       WHERE c.establishment_id = p_establishment
                         AND (c.space_id IS NULL OR c.space_id = p_space)
                         AND c.starts_at < p_to AND c.ends_at > p_from),
                     '{}'::tstzmultirange)
        ) AS slot
        WHERE upper(slot) - lower(slot) >= make_interval(mins => p_min_minutes)
        ORDER BY lower(slot)
        LIMIT p_limit
      $$`;
}

/** The overlap test of the first version, served by the GiST exclusion index. */
export const FIRST_BOOKING_OVERLAP = `tstzrange(b.starts_at, b.blocked_until, '[)')
                             && tstzrange(p_from - make_interval(mins => p_buffer_minutes),
                                          greatest(p_from, p_to) + make_interval(mins => p_buffer_minutes), '[)')`;
