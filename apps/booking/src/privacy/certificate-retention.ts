import type { DataSource } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { ObjectStore } from '@salle/storage';
import type { RetentionReport } from '@salle/service';

const BATCH = 100;

/**
 * Retention of the insurance certificates: those expired more than `years` ago
 * (BOOKING_INSURANCE_CERTIFICATE_DELETE_AFTER_YEARS) lose their file and their row; one still in force is never due
 * (the period is at least a year past its expiry). Each batch is claimed with FOR UPDATE SKIP LOCKED, so replicas
 * share the rows; its files are deleted before its rows, in the row's transaction: a failure leaves the rows to
 * retry (deleting a missing file is no error), never a file nobody points at. Idempotent; `now` is for tests.
 */
export async function deleteExpiredCertificates(
  dataSource: DataSource,
  store: ObjectStore,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<number> {
  const cutoff = retentionCutoff(now, years, RETENTION_PERIODS.BOOKING_INSURANCE_CERTIFICATE_DELETE_AFTER_YEARS.unit);
  const lastDay = cutoff.toISOString().slice(0, 10);
  let total = 0;
  for (;;) {
    const deleted = await dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT id, storage_key AS "storageKey" FROM booking.insurance_certificate
          WHERE expires_on < $1::date ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [lastDay, BATCH],
      )) as { id: string; storageKey: string }[];
      for (const certificate of due) await store.delete(certificate.storageKey);
      await manager.query(`DELETE FROM booking.insurance_certificate WHERE id = ANY($1::uuid[])`, [
        due.map((certificate) => certificate.id),
      ]);
      return due.length;
    });
    total += deleted;
    if (deleted < BATCH) break;
  }
  report('insurance_certificates', 'deleted', total);
  return total;
}
