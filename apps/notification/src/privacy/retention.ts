import type { DataSource } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { AuditLogRetention, RetentionReport } from '@salle/service';

const BATCH = 1_000;

/**
 * Notification's audit log, pseudonymised after NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS by the shared job
 * (@salle/service): most entries are a person's own choices, whose object is their account, which goes too.
 */
export const NOTIFICATION_AUDIT_LOG: AuditLogRetention<'NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS'> = {
  tables: [{ name: 'notification.audit_log' }],
  variable: 'NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS',
};

/** Deletes `due` (a CTE selecting ids with FOR UPDATE SKIP LOCKED, $1 the cutoff, $2 the batch) until none is left. */
async function deleteInBatches(dataSource: DataSource, table: string, due: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const result = (await dataSource.query(
      `WITH due AS (${due} LIMIT $2 FOR UPDATE SKIP LOCKED)
       DELETE FROM notification.${table} t USING due WHERE t.id = due.id`,
      [cutoff, BATCH],
    )) as [unknown[], number];
    total += result[1];
    if (result[1] < BATCH) return total;
  }
}

/**
 * Retention of the send log: the messages sent or failed for good before the period (RETENTION_MESSAGES_MONTHS)
 * and the reminders settled before it are deleted, with their addresses and texts; a message still to send is
 * never touched. Batches claimed with FOR UPDATE SKIP LOCKED, so that replicas running it at once share the rows;
 * idempotent. `now` is a parameter so that tests run it on a simulated clock.
 */
export async function deleteOldMessages(
  dataSource: DataSource,
  months: number,
  report: RetentionReport,
  now = new Date(),
): Promise<{ messages: number; reminders: number }> {
  const cutoff = retentionCutoff(now, months, RETENTION_PERIODS.RETENTION_MESSAGES_MONTHS.unit);
  const messages = await deleteInBatches(
    dataSource,
    'message',
    `SELECT id FROM notification.message WHERE created_at < $1 AND status IN ('sent', 'failed') ORDER BY id`,
    cutoff,
  );
  const reminders = await deleteInBatches(
    dataSource,
    'scheduled_message',
    `SELECT id FROM notification.scheduled_message WHERE settled_at < $1 AND state <> 'scheduled' ORDER BY id`,
    cutoff,
  );
  report('messages', 'deleted', messages);
  report('settled_reminders', 'deleted', reminders);
  return { messages, reminders };
}
