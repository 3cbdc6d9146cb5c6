import type { DataSource, EntityManager } from 'typeorm';
import type { BookingMessageView, ConversationView, MessageAuthorRole, UnreadMessagesView } from '@salle/contracts';
import { createOutbox } from '@salle/events';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import { BookingEntity } from '../database/entities';
import { bookingNotFound } from '../errors';

const outbox = createOutbox({ schema: 'booking' });

interface MessageRow {
  id: string;
  bookingId: string;
  authorAccountId: string;
  authorRole: MessageAuthorRole;
  authorName: string | null;
  body: string;
  createdAt: Date;
}

const MESSAGE_COLUMNS = `id, booking_id AS "bookingId", author_account_id AS "authorAccountId",
  author_role AS "authorRole", author_name AS "authorName", body, created_at AS "createdAt"`;

/**
 * Each booking's conversation between its organisation's members and its
 * collège's managers (admins too): plain text, kept with the booking, each
 * message announced as `booking.message_posted` in its transaction, and
 * unread markers from how far each account has read.
 */
export class ConversationDesk {
  constructor(private readonly dataSource: DataSource) {}

  async read(bookingId: string, access: Access): Promise<ConversationView> {
    const manager = this.dataSource.manager;
    const { accountId } = await party(manager, bookingId, access);
    const rows: MessageRow[] = await manager.query(
      `SELECT ${MESSAGE_COLUMNS} FROM booking.booking_message WHERE booking_id = $1 ORDER BY created_at, id`,
      [bookingId],
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

  async post(bookingId: string, body: string, access: Access): Promise<BookingMessageView> {
    return this.dataSource.transaction(async (manager) => {
      const { accountId, role, displayName, booking } = await party(manager, bookingId, access);
      const [row] = (await manager.query(
        `INSERT INTO booking.booking_message (booking_id, author_account_id, author_role, author_name, body)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${MESSAGE_COLUMNS}`,
        [bookingId, accountId, role, displayName, body],
      )) as MessageRow[];
      if (!row) throw new Error('message not inserted');
      // Writing is reading: nothing is unread for the author up to their own message.
      await markRead(manager, bookingId, accountId, row.createdAt);
      await outbox.add(manager, {
        type: 'booking.message_posted',
        aggregateId: bookingId,
        payload: {
          bookingId,
          establishmentId: booking.establishmentId,
          organisationId: booking.organisationId,
          messageId: row.id,
          authorRole: role,
          postedAt: row.createdAt.toISOString(),
        },
      });
      return toMessageView(row, accountId);
    });
  }

  async markRead(bookingId: string, access: Access): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { accountId } = await party(manager, bookingId, access);
      await markRead(manager, bookingId, accountId, new Date());
    });
  }

  /** The bookings of the caller's organisations and collèges with messages from others they have not read. */
  async unread(access: Access): Promise<UnreadMessagesView> {
    const caller = access.requireCaller();
    const items = (await this.dataSource.query(
      `SELECT m.booking_id AS "bookingId", count(*)::int AS unread
         FROM booking.booking_message m
         JOIN booking.booking b ON b.id = m.booking_id
         LEFT JOIN booking.booking_message_read r ON r.booking_id = m.booking_id AND r.account_id = $1
        WHERE m.author_account_id <> $1
          AND (r.read_at IS NULL OR m.created_at > r.read_at)
          AND (b.organisation_id = ANY($2::uuid[]) OR b.establishment_id = ANY($3::uuid[]))
        GROUP BY m.booking_id
        ORDER BY m.booking_id`,
      [caller.accountId, access.organisationIds, access.establishmentIds],
    )) as { bookingId: string; unread: number }[];
    return { items };
  }
}

/** The caller as a party to the booking (its organisation, its collège, an admin); anyone else gets its 404. */
async function party(manager: EntityManager, bookingId: string, access: Access) {
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

async function markRead(manager: EntityManager, bookingId: string, accountId: string, at: Date): Promise<void> {
  await manager.query(
    `INSERT INTO booking.booking_message_read (booking_id, account_id, read_at) VALUES ($1, $2, $3)
     ON CONFLICT (booking_id, account_id)
     DO UPDATE SET read_at = GREATEST(booking.booking_message_read.read_at, EXCLUDED.read_at)`,
    [bookingId, accountId, at],
  );
}

function toMessageView(row: MessageRow, accountId: string): BookingMessageView {
  return {
    id: row.id,
    bookingId: row.bookingId,
    authorRole: row.authorRole,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    mine: row.authorAccountId === accountId,
  };
}
