import type { DataSource } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { AuditLogRetention, RetentionReport } from '@salle/service';

const BATCH = 1_000;

/**
 * Booking's audit tables, pseudonymised after BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS by the shared job
 * (`pseudonymiseOldAuditEntries` of @salle/service): the bookings' status changes (the status change, its date and
 * reason stay, for the bookings' history), then the other changes (catalogue, managers, organisations).
 */
export const BOOKING_AUDIT_LOG: AuditLogRetention<'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS'> = {
  tables: [{ name: 'booking.audit_entry', legacyShape: true }, { name: 'booking.audit_log' }],
  variable: 'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS',
};

/**
 * Deletes the rows of `table` that `due` selects (as `t`, by ctid: read markers have no id; $1 the cutoff) in
 * batches claimed with FOR UPDATE SKIP LOCKED (only the rows of `t`, never the bookings joined), until none is left.
 */
async function deleteInBatches(dataSource: DataSource, table: string, due: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const result = (await dataSource.query(
      `WITH due AS (${due} LIMIT $2 FOR UPDATE OF t SKIP LOCKED)
       DELETE FROM booking.${table} t USING due WHERE t.ctid = due.ctid`,
      [cutoff, BATCH],
    )) as [unknown[], number];
    total += result[1];
    if (result[1] < BATCH) return total;
  }
}

/**
 * Retention of the conversations: the messages and read markers of bookings whose slot ended more than `years`
 * ago (BOOKING_CONVERSATION_DELETE_AFTER_YEARS) are deleted; the booking itself stays (accounting period). Batches
 * claimed with FOR UPDATE SKIP LOCKED so that replicas share the rows; idempotent. `now` is a parameter for tests.
 */
export async function deleteOldConversations(
  dataSource: DataSource,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<{ messages: number; readMarkers: number }> {
  const cutoff = retentionCutoff(now, years, RETENTION_PERIODS.BOOKING_CONVERSATION_DELETE_AFTER_YEARS.unit);
  const ofEndedBookings = (table: string) =>
    `SELECT t.ctid FROM booking.${table} t JOIN booking.booking b ON b.id = t.booking_id
      WHERE b.ends_at < $1 ORDER BY t.booking_id`;
  const messages = await deleteInBatches(dataSource, 'booking_message', ofEndedBookings('booking_message'), cutoff);
  const readMarkers = await deleteInBatches(
    dataSource,
    'booking_message_read',
    ofEndedBookings('booking_message_read'),
    cutoff,
  );
  report('conversation_messages', 'deleted', messages);
  report('conversation_read_markers', 'deleted', readMarkers);
  return { messages, readMarkers };
}
