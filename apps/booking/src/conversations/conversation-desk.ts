import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { BookingMessageView, ConversationView, MessageAuthorRole, UnreadMessagesView } from '@salle/contracts';
import { createOutbox } from '@salle/events';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import { BookingEntity } from '../database/entities';
import { bookingNotFound } from '../errors';
import { MESSAGE_COLUMNS, THREAD_OF, toMessageView, type MessageRow } from './message-rows';

const outbox = createOutbox({ schema: 'booking' });

/** A file already checked and stored, to record with the message that carries it. */
export interface StoredAttachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
}

/**
 * Each booking's conversation between its organisation's members and its
 * collège's managers (admins too): plain text and attachments, kept with the
 * booking, each message announced as `booking.message_posted` in its
 * transaction, and unread markers from how far each account has read. The
 * sessions of a season series share one thread: a message written from any
 * session carries the series and every session shows it.
 */
export class ConversationDesk {
  constructor(private readonly dataSource: DataSource) {}

  async read(bookingId: string, access: Access): Promise<ConversationView> {
    const manager = this.dataSource.manager;
    const { accountId, booking } = await party(manager, bookingId, access);
    const rows: MessageRow[] = await manager.query(
      `SELECT ${MESSAGE_COLUMNS} FROM booking.booking_message m
         LEFT JOIN booking.booking_message_attachment a ON a.message_id = m.id
        WHERE ${THREAD_OF} ORDER BY m.created_at, m.id`,
      [bookingId, booking.seriesId],
    );
    const [read] = (await manager.query(
      `SELECT read_at AS "readAt" FROM booking.booking_message_read WHERE booking_id = $1 AND account_id = $2`,
      [bookingId, accountId],
    )) as { readAt: Date }[];
    const unread = rows.filter(
      (row) => row.authorAccountId !== accountId && (!read || row.createdAt.getTime() > read.readAt.getTime()),
    ).length;
    return {
      items: rows.map((row) => toMessageView(row, accountId)),
      unread,
      lastReadAt: read?.readAt.toISOString() ?? null,
    };
  }

  /** Writes a message (with its attachment, stored beforehand under its id) in the booking's or series' thread. */
  async post(
    bookingId: string,
    body: string,
    access: Access,
    attachment?: StoredAttachment & { messageId: string },
  ): Promise<BookingMessageView> {
    return this.dataSource.transaction(async (manager) => {
      const { accountId, role, displayName, booking } = await party(manager, bookingId, access);
      const id = attachment?.messageId ?? randomUUID();
      const [inserted] = (await manager.query(
        `INSERT INTO booking.booking_message (id, booking_id, series_id, author_account_id, author_role, author_name, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING created_at AS "createdAt"`,
        [id, bookingId, booking.seriesId, accountId, role, displayName, body],
      )) as { createdAt: Date }[];
      if (!inserted) throw new Error('message not inserted');
      if (attachment) {
        await manager.query(
          `INSERT INTO booking.booking_message_attachment (message_id, file_name, content_type, size_bytes, storage_key)
           VALUES ($1, $2, $3, $4, $5)`,
          [id, attachment.fileName, attachment.contentType, attachment.sizeBytes, attachment.storageKey],
        );
      }
      // Writing is reading: nothing is unread for the author up to their own message.
      await markRead(manager, booking, accountId, inserted.createdAt);
      await outbox.add(manager, {
        type: 'booking.message_posted',
        aggregateId: bookingId,
        payload: {
          bookingId,
          establishmentId: booking.establishmentId,
          organisationId: booking.organisationId,
          messageId: id,
          authorRole: role,
          postedAt: inserted.createdAt.toISOString(),
        },
      });
      const [row] = (await manager.query(
        `SELECT ${MESSAGE_COLUMNS} FROM booking.booking_message m
           LEFT JOIN booking.booking_message_attachment a ON a.message_id = m.id WHERE m.id = $1`,
        [id],
      )) as MessageRow[];
      return toMessageView(row as MessageRow, accountId);
    });
  }

  async markRead(bookingId: string, access: Access): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { accountId, booking } = await party(manager, bookingId, access);
      await markRead(manager, booking, accountId, new Date());
    });
  }

  /** The bookings of the caller's organisations and collèges with messages from others they have not read. */
  async unread(access: Access): Promise<UnreadMessagesView> {
    const caller = access.requireCaller();
    const items = (await this.dataSource.query(
      `SELECT b.id AS "bookingId", b.series_id AS "seriesId", count(*)::int AS unread
         FROM booking.booking b
         JOIN booking.booking_message m ON m.booking_id = b.id OR m.series_id = b.series_id
         LEFT JOIN booking.booking_message_read r ON r.booking_id = b.id AND r.account_id = $1
        WHERE m.author_account_id <> $1
          AND (r.read_at IS NULL OR m.created_at > r.read_at)
          AND (b.organisation_id = ANY($2::uuid[]) OR b.establishment_id = ANY($3::uuid[]))
        GROUP BY b.id
        ORDER BY b.id`,
      [caller.accountId, access.organisationIds, access.establishmentIds],
    )) as { bookingId: string; seriesId: string | null; unread: number }[];
    return { items };
  }
}

/** The caller as a party to the booking (its organisation, its collège, an admin); anyone else gets its 404. */
export async function party(manager: EntityManager, bookingId: string, access: Access) {
  const booking = await manager.findOneBy(BookingEntity, { id: bookingId });
  if (!booking) throw bookingNotFound();
  const { journal } = actorFor(booking, access);
  const caller = access.requireCaller();
  // actorFor names people only (admin, manager, member): the roles a message author may have.
  return {
    booking,
    accountId: caller.accountId,
    role: journal.role as MessageAuthorRole,
    displayName: caller.displayName,
  };
}

/** Reading a series' thread from one session reads it for all its sessions: they show the same messages. */
async function markRead(manager: EntityManager, booking: BookingEntity, accountId: string, at: Date): Promise<void> {
  await manager.query(
    `INSERT INTO booking.booking_message_read (booking_id, account_id, read_at)
     SELECT id, $2, $3 FROM booking.booking WHERE id = $1 OR series_id = $4
     ON CONFLICT (booking_id, account_id)
     DO UPDATE SET read_at = GREATEST(booking.booking_message_read.read_at, EXCLUDED.read_at)`,
    [booking.id, accountId, at, booking.seriesId],
  );
}
