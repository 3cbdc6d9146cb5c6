import type { BookingMessageView, MessageAttachmentView, MessageAuthorRole } from '@salle/contracts';

/** A message as read from `booking_message m LEFT JOIN booking_message_attachment a`. */
export interface MessageRow {
  id: string;
  bookingId: string;
  seriesId: string | null;
  authorAccountId: string;
  authorRole: MessageAuthorRole;
  authorName: string | null;
  body: string;
  fileName: string | null;
  contentType: MessageAttachmentView['contentType'] | null;
  sizeBytes: number | null;
  createdAt: Date;
}

export const MESSAGE_COLUMNS = `m.id, m.booking_id AS "bookingId", m.series_id AS "seriesId",
  m.author_account_id AS "authorAccountId", m.author_role AS "authorRole", m.author_name AS "authorName", m.body,
  a.file_name AS "fileName", a.content_type AS "contentType", a.size_bytes AS "sizeBytes", m.created_at AS "createdAt"`;

/** The messages of booking $1's thread: its own, and its series' ($2, null outside a series). */
export const THREAD_OF = `(m.booking_id = $1 OR m.series_id = $2::uuid)`;

export function toMessageView(row: MessageRow, accountId: string): BookingMessageView {
  return {
    id: row.id,
    bookingId: row.bookingId,
    seriesId: row.seriesId,
    authorRole: row.authorRole,
    authorName: row.authorName,
    body: row.body,
    attachment:
      row.fileName && row.contentType && row.sizeBytes
        ? { fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes }
        : null,
    createdAt: row.createdAt.toISOString(),
    mine: row.authorAccountId === accountId,
  };
}
