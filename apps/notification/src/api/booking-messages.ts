import type { DataSource } from 'typeorm';
import { maySeeBooking } from '@salle/auth';
import type { SentMessage } from '@salle/contracts';
import { AppError } from '@salle/http';
import { readBookingFacts } from '../bookings/booking-facts';
import type { NotificationHandlers } from './access-policy';
import { maskAddress } from './masked-address';

/** Messages to the département's admins about a booking (a payment flag): listed to admins only. */
const ADMIN_ONLY_TEMPLATES = ['payment_flag'];

const bookingNotFound = () => new AppError(404, 'booking_not_found', 'Réservation introuvable.');

interface MessageRow {
  id: string;
  template: string;
  subject: string | null;
  recipient: string;
  channel: SentMessage['channel'];
  status: SentMessage['status'];
  at: Date;
}

/**
 * The messages about one booking, for its parties. Whose booking it is comes
 * from the booking events (`booking_fact`); a booking this service never
 * heard of and one the caller is no party to answer the same 404, so that
 * nobody learns which bookings exist.
 */
export function bookingMessagesHandlers(dataSource: DataSource): Pick<NotificationHandlers, 'bookingMessages'> {
  return {
    bookingMessages: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const booking = await readBookingFacts(dataSource.manager, bookingId);
        if (!booking || !maySeeBooking(access, booking)) throw bookingNotFound();
        // A message about sessions of a series told at once is logged under the earliest: each session lists it.
        // An SMS the provider reported delivered (delivered_at, set by its delivery report) is listed as such.
        const rows = (await dataSource.query(
          `SELECT id, template, subject, recipient, channel,
                  CASE WHEN status = 'sent' AND delivered_at IS NOT NULL THEN 'delivered' ELSE status END AS status,
                  COALESCE(delivered_at, sent_at, failed_at, created_at) AS at
             FROM notification.message
            WHERE (booking_id = $1 OR series_booking_ids @> ARRAY[$1::uuid])
              AND ($2 OR NOT (template = ANY($3::text[])))
            ORDER BY created_at DESC, id LIMIT 500`,
          [bookingId, access.isAdmin, ADMIN_ONLY_TEMPLATES],
        )) as MessageRow[];
        return {
          items: rows.map((row) => ({
            id: row.id,
            kind: row.template,
            subject: row.subject,
            recipient: maskAddress(row.recipient),
            channel: row.channel,
            status: row.status,
            at: row.at.toISOString(),
          })),
        };
      },
    },
  };
}
