import type { EntityManager } from 'typeorm';
import type { BookingConfirmationDetails } from '@salle/contracts';
import { feedPath } from '../calendars/ics-feeds';
import type { BookingEntity } from '../database/entities';

/**
 * What `booking.confirmed` carries for the organisation's confirmation message: the organisation's calendar feed
 * (its members may subscribe to it anyway) and how to get into the space, read in the transaction that confirms
 * it, so that the message says what held at that moment. Instructions left empty by the managers are none.
 */
export async function confirmationDetails(
  manager: EntityManager,
  booking: BookingEntity,
): Promise<BookingConfirmationDetails> {
  const [row] = (await manager.query(
    `SELECT o.ics_token AS "icsToken", a.keys, a.alarm, a.caretaker_contact AS "caretakerContact"
       FROM booking.organisation o
       LEFT JOIN booking.space_access_instructions a ON a.space_id = $2
      WHERE o.id = $1`,
    [booking.organisationId, booking.spaceId],
  )) as { icsToken: string; keys: string | null; alarm: string | null; caretakerContact: string | null }[];
  if (!row) throw new Error(`organisation ${booking.organisationId} of booking ${booking.id} not found`);
  const instructions = { keys: row.keys ?? '', alarm: row.alarm ?? '', caretakerContact: row.caretakerContact ?? '' };
  const written = Object.values(instructions).some((text) => text.trim() !== '');
  return { calendarPath: feedPath('organisation', row.icsToken), accessInstructions: written ? instructions : null };
}
