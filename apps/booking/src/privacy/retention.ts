import type { DataSource } from 'typeorm';
import { retentionCutoff } from '@salle/contracts';
import type { RetentionReport } from '@salle/service';

const BATCH = 1_000;

/**
 * Retention: audit entries older than `years` lose the account id of whoever acted (the status change, its
 * date and reason stay, for the bookings' history). Batches claimed with FOR UPDATE SKIP LOCKED, so replicas
 * running it at once share the rows instead of waiting; idempotent (a pseudonymised entry is never claimed
 * again). `now` is a parameter so that tests run it on a simulated clock.
 */
export async function pseudonymiseOldAuditEntries(
  dataSource: DataSource,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<number> {
  const before = retentionCutoff(now, years, 'years');
  let total = 0;
  for (;;) {
    const result = (await dataSource.query(
      `WITH due AS (
         SELECT id FROM booking.audit_entry WHERE at < $1 AND actor_account_id IS NOT NULL
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE booking.audit_entry a SET actor_account_id = NULL FROM due WHERE a.id = due.id`,
      [before, BATCH],
    )) as [unknown[], number];
    total += result[1];
    if (result[1] < BATCH) break;
  }
  report('audit_entries', 'pseudonymised', total);
  return total;
}
