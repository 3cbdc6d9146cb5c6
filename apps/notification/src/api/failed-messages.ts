import type { DataSource } from 'typeorm';
import type { FailedMessage } from '@salle/contracts';
import type { NotificationHandlers } from './access-policy';
import { maskAddress } from './masked-address';

interface FailedRow {
  id: string;
  template: string;
  subject: string | null;
  recipient: string;
  channel: FailedMessage['channel'];
  at: Date;
  bookingId: string | null;
  attempts: number;
  reason: string | null;
}

/** The messages given up on, for the département's admins: what to fix (an address, the relay, a template). */
export function failedMessagesHandlers(dataSource: DataSource): Pick<NotificationHandlers, 'failedMessages'> {
  return {
    failedMessages: {
      access: 'admin',
      handle: async ({ query: { limit } }) => {
        const rows = (await dataSource.query(
          `SELECT id, template, subject, recipient, channel, COALESCE(failed_at, created_at) AS at,
                  booking_id AS "bookingId", attempts, last_error AS reason
             FROM notification.message WHERE status = 'failed'
            ORDER BY COALESCE(failed_at, created_at) DESC, id LIMIT $1`,
          [limit],
        )) as FailedRow[];
        return {
          items: rows.map((row) => ({
            id: row.id,
            kind: row.template,
            subject: row.subject,
            recipient: maskAddress(row.recipient),
            channel: row.channel,
            status: 'failed' as const,
            at: row.at.toISOString(),
            bookingId: row.bookingId,
            attempts: row.attempts,
            reason: row.reason,
          })),
        };
      },
    },
  };
}
