import type { DataSource, EntityManager } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { ObjectStore } from '@salle/storage';
import type { RetentionReport } from '@salle/service';

const BATCH = 100;

/**
 * The end of the last session a convention or annex covers (`c` a row of booking.convention): its booking's, or the
 * latest of its series' bookings (null for a framework, which has no booking of its own). Written once for the job
 * and for the download that must not issue it again.
 */
export const CONVENTION_LAST_SESSION_END = `COALESCE(
  (SELECT b.ends_at FROM booking.booking b WHERE b.id = c.booking_id),
  (SELECT max(b.ends_at) FROM booking.booking b WHERE b.series_id = c.series_id))`;

/**
 * The files of a convention in the object store: the issued PDF and, once fully signed, the sealed PDF and evidence,
 * or the scan of the paper signed at the collège (which stands for them, and is kept exactly as long).
 */
export const CONVENTION_FILES = `storage_key AS "storageKey", sealed_storage_key AS "sealedKey",
  evidence_storage_key AS "evidenceKey", paper_storage_key AS "paperKey"`;
export interface ConventionFiles {
  storageKey: string;
  sealedKey: string | null;
  evidenceKey: string | null;
  paperKey: string | null;
}

/** Deletes every file of a convention: the signed copies, their evidence or the paper's scan go with the issued one. */
export async function deleteConventionFiles(store: ObjectStore, files: ConventionFiles): Promise<void> {
  for (const key of [files.storageKey, files.sealedKey, files.evidenceKey, files.paperKey])
    if (key) await store.delete(key);
}

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
        `SELECT c.id, ${CONVENTION_FILES} FROM booking.convention c
          WHERE ${CONVENTION_LAST_SESSION_END} < $1 ORDER BY c.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [cutoff, BATCH],
      )) as ({ id: string } & ConventionFiles)[];
      return deleteRows(manager, store, due);
    });
    total += deleted;
    if (deleted < BATCH) break;
  }
  total += await deleteOldFrameworks(dataSource, store, cutoff);
  report('conventions', 'deleted', total);
  return total;
}

async function deleteRows(manager: EntityManager, store: ObjectStore, due: ({ id: string } & ConventionFiles)[]) {
  for (const convention of due) await deleteConventionFiles(store, convention);
  await manager.query(`DELETE FROM booking.convention WHERE id = ANY($1::uuid[])`, [
    due.map((convention) => convention.id),
  ]);
  return due.length;
}

/**
 * Framework conventions go by the same rule, after their annexes: a framework is due once none of its annexes is
 * left (each deleted `years` after its last session, above, or with its booking), so it is kept `years` after the
 * last session of its last annex. Its issue date (before any of its sessions) stands in for a framework left without
 * an annex at all, which then goes `years` after it was made.
 */
async function deleteOldFrameworks(dataSource: DataSource, store: ObjectStore, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT c.id, ${CONVENTION_FILES} FROM booking.convention c
          WHERE c.kind = 'framework'
            AND c.created_at < $1
            AND NOT EXISTS (SELECT 1 FROM booking.convention a WHERE a.framework_id = c.id)
          ORDER BY c.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [cutoff, BATCH],
      )) as ({ id: string } & ConventionFiles)[];
      return deleteRows(manager, store, due);
    });
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
