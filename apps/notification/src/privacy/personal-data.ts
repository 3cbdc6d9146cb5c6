import type { DataSource } from 'typeorm';
import type { NotificationPersonalData } from '@salle/contracts';
import type { NotificationHandlers } from '../api/access-policy';

/**
 * What the notification schema holds about one account (right of access). The account id finds the contact the
 * gateway announced; that contact's address finds the recipient lists and the messages. One read-only
 * transaction, queries one after the other (a transaction has one connection).
 */
export async function notificationPersonalData(
  dataSource: DataSource,
  accountId: string,
): Promise<NotificationPersonalData> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const [contact] = (await manager.query(
      `SELECT email, display_name AS "displayName" FROM notification.account_contact WHERE account_id = $1`,
      [accountId],
    )) as { email: string; displayName: string | null }[];
    const ids = async (table: string, column: string) =>
      (
        (await manager.query(`SELECT ${column} AS id FROM notification.${table} WHERE account_id = $1 ORDER BY 1`, [
          accountId,
        ])) as { id: string }[]
      ).map((row) => row.id);
    const organisationIds = await ids('organisation_member', 'organisation_id');
    const establishmentIds = await ids('establishment_manager', 'establishment_id');
    const [digest] = (await manager.query(
      `SELECT chosen_at AS "chosenAt" FROM notification.digest_choice WHERE account_id = $1`,
      [accountId],
    )) as { chosenAt: Date }[];
    const dailyDigest = digest ? { chosenAt: digest.chosenAt.toISOString() } : null;
    if (!contact)
      return { contact: null, organisationIds, establishmentIds, dailyDigest, recipientOf: [], messages: [] };
    const recipientOf = (await manager.query(
      `SELECT party_kind AS "partyKind", party_id AS "partyId", email FROM notification.recipient
        WHERE email = $1 ORDER BY created_at`,
      [contact.email],
    )) as NotificationPersonalData['recipientOf'];
    const messages = (await manager.query(
      `SELECT id, template AS kind, recipient, channel, subject, body_text AS "bodyText", status,
              created_at AS "createdAt"
         FROM notification.message WHERE recipient = $1 ORDER BY created_at`,
      [contact.email],
    )) as (Omit<NotificationPersonalData['messages'][number], 'createdAt'> & { createdAt: Date })[];
    return {
      contact,
      organisationIds,
      establishmentIds,
      dailyDigest,
      recipientOf,
      messages: messages.map((message) => ({ ...message, createdAt: message.createdAt.toISOString() })),
    };
  });
}

/** `GET /me/personal-data`: the caller's own data; the account id comes from the internal token, never the input. */
export function personalDataHandlers(dataSource: DataSource): Pick<NotificationHandlers, 'personalData'> {
  return {
    personalData: {
      access: 'signedIn',
      handle: (_input, { access }) => notificationPersonalData(dataSource, access.caller.accountId),
    },
  };
}
