import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FIRST_BOOKING_OVERLAP, freeSlotsFunctionSql } from './1763900100000-materialize-availability';

/**
 * The free-slot search reads, for each space of a page, the bookings that
 * reach into the searched period. The GiST exclusion index answered that in
 * about 20 µs per space; a B-tree on (space, end of the blocked time) with the
 * start included answers it from the index alone in a fraction of that, which
 * is a measurable share of a search (see tools/bench/search).
 *
 * For non-empty ranges, `[starts_at, blocked_until) && [lo, hi)` is exactly
 * `blocked_until > lo AND starts_at < hi`: the function keeps its results and
 * only changes the form of the test so that the planner can use the B-tree.
 *
 * Migrations run in a transaction, so the index is built without
 * CONCURRENTLY and blocks writes to `booking` while it builds (seconds per
 * million rows). On a large live table, build it by hand first with
 * `CREATE INDEX CONCURRENTLY` and the definition below: the migration then
 * keeps it (IF NOT EXISTS), unless the build failed and left it invalid, in
 * which case it is dropped and built again here. (An index of that name with
 * another definition would be kept: build this one.)
 */
export class SearchBookingIndex1763900200000 implements MigrationInterface {
  name = 'SearchBookingIndex1763900200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'booking' AND c.relname = 'booking_space_blocked_idx' AND NOT i.indisvalid) THEN
          DROP INDEX booking.booking_space_blocked_idx;
        END IF;
      END $$`);
    await runner.query(`
      CREATE INDEX IF NOT EXISTS booking_space_blocked_idx ON booking.booking (space_id, blocked_until) INCLUDE (starts_at, ends_at)
        WHERE status IN ('requested', 'approved', 'awaiting_payment', 'confirmed')`);
    await runner.query(
      freeSlotsFunctionSql(`b.blocked_until > p_from - make_interval(mins => p_buffer_minutes)
                         AND b.starts_at < greatest(p_from, p_to) + make_interval(mins => p_buffer_minutes)`),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(freeSlotsFunctionSql(FIRST_BOOKING_OVERLAP));
    await runner.query(`DROP INDEX booking.booking_space_blocked_idx`);
  }
}
