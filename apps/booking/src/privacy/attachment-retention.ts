import type { DataSource } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { ObjectStore } from '@salle/storage';
import type { RetentionReport } from '@salle/service';

const BATCH = 100;

/**
 * Retention of the conversations' files: the attachments of bookings whose slot ended more than `years` ago
 * (BOOKING_CONVERSATION_DELETE_AFTER_YEARS, the conversation's own period) lose their file, then their row, before
 * `deleteOldConversations` deletes the messages. Same claiming as the certificates: a failure leaves the rows to
 * retry (deleting a missing file is no error), never a file nobody points at. Idempotent; `now` is for tests.
 */
export async function deleteOldAttachments(
  dataSource: DataSource,
  store: ObjectStore,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<number> {
  const cutoff = retentionCutoff(now, years, RETENTION_PERIODS.BOOKING_CONVERSATION_DELETE_AFTER_YEARS.unit);
  let total = 0;
  for (;;) {
    const deleted = await dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT a.message_id AS "messageId", a.storage_key AS "storageKey"
           FROM booking.booking_message_attachment a
           JOIN booking.booking_message m ON m.id = a.message_id
           JOIN booking.booking b ON b.id = m.booking_id
          WHERE b.ends_at < $1 ORDER BY a.message_id LIMIT $2 FOR UPDATE OF a SKIP LOCKED`,
        [cutoff, BATCH],
      )) as { messageId: string; storageKey: string }[];
      for (const attachment of due) await store.delete(attachment.storageKey);
      await manager.query(`DELETE FROM booking.booking_message_attachment WHERE message_id = ANY($1::uuid[])`, [
        due.map((attachment) => attachment.messageId),
      ]);
      return due.length;
    });
    total += deleted;
    if (deleted < BATCH) break;
  }
  report('conversation_attachments', 'deleted', total);
  return total;
}
