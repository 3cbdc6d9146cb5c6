import type { EntityManager } from 'typeorm';
import type { Audience } from '../messages/message-plan';

export interface Recipient {
  email: string;
  displayName: string | null;
}

/**
 * Who is told for an organisation (its members) or a collège (its managers
 * and contact address): the rows of notification.recipient. Read in the
 * consumer's transaction, so that the messages planned for an event name the
 * recipients known when it was handled.
 */
export async function recipientsOf(manager: EntityManager, audience: Audience, partyId: string): Promise<Recipient[]> {
  return (await manager.query(
    `SELECT email, display_name AS "displayName" FROM notification.recipient WHERE party_kind = $1 AND party_id = $2 ORDER BY email`,
    [audience, partyId],
  )) as Recipient[];
}
