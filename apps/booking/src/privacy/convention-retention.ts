import type { DataSource } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { ObjectStore } from '@salle/storage';
import type { RetentionReport } from '@salle/service';

const BATCH = 100;

/**
 * The end of the last session a convention covers (`c` a row of booking.convention): its booking's, or the latest
 * of its series' bookings. Written once for the job and for the download that must not issue it again.
 */
export const CONVENTION_LAST_SESSION_END = `COALESCE(
  (SELECT b.ends_at FROM booking.booking b WHERE b.id = c.booking_id),
  (SELECT max(b.ends_at) FROM booking.booking b WHERE b.series_id = c.series_id))`;

/** Before this instant a session's convention is no longer kept (BOOKING_CONVENTION_DELETE_AFTER_YEARS). */
export const conventionCutoff = (now: Date, years: number) =>
  retentionCutoff(now, years, RETENTION_PERIODS.BOOKING_CONVENTION_DELETE_AFTER_YEARS.unit);

/**
 * Retention of the issued conventions: those whose last session ended more than `years` ago
 * (BOOKING_CONVENTION_DELETE_AFTER_YEARS, the time a party may still claim under the contract) lose their file and
 * their row. Each batch is claimed with FOR UPDATE SKIP LOCKED, so replicas share the rows; its files are deleted
 * before its rows, in the rows' transaction: a failure leaves the rows to retry (deleting a missing file is no
 * error), never a file nobody points at. Idempotent; `now` is a parameter for tests.
 */
export async function deleteOldConventions(
  dataSource: DataSource,
  store: ObjectStore,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<number> {
  const cutoff = conventionCutoff(now, years);
  let total = 0;
  for (;;) {
    const deleted = await dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT c.id, c.storage_key AS "storageKey" FROM booking.convention c
          WHERE ${CONVENTION_LAST_SESSION_END} < $1 ORDER BY c.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [cutoff, BATCH],
      )) as { id: string; storageKey: string }[];
      for (const convention of due) await store.delete(convention.storageKey);
      await manager.query(`DELETE FROM booking.convention WHERE id = ANY($1::uuid[])`, [
        due.map((convention) => convention.id),
      ]);
      return due.length;
    });
    total += deleted;
    if (deleted < BATCH) break;
  }
  report('conventions', 'deleted', total);
  return total;
}
