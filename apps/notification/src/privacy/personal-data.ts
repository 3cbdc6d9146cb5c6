import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationPersonalData } from '@salle/contracts';
import { auditEntriesNaming } from '@salle/db';
import type { NotificationHandlers } from '../api/access-policy';

type Data = NotificationPersonalData;

async function phoneOf(manager: EntityManager, accountId: string): Promise<Data['phone']> {
  const [phone] = (await manager.query(
    `SELECT phone, sms_consent_at AS "smsConsentAt" FROM notification.account_phone WHERE account_id = $1`,
    [accountId],
  )) as { phone: string; smsConsentAt: Date | null }[];
  return phone ? { number: phone.phone, smsConsentAt: phone.smsConsentAt?.toISOString() ?? null } : null;
}

async function preferencesOf(manager: EntityManager, accountId: string): Promise<Data['preferences']> {
  const rows = (await manager.query(
    `SELECT kind, channel, enabled, updated_at AS "updatedAt" FROM notification.preference
      WHERE account_id = $1 ORDER BY kind, channel`,
    [accountId],
  )) as (Omit<Data['preferences'][number], 'updatedAt'> & { updatedAt: Date })[];
  return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
}

/**
 * What the notification schema holds about one account (right of access). The account id finds the contact the
 * gateway announced, the phone and SMS consent and the choices of messages; that contact's address finds the recipient lists and the messages; the audit entries naming it. One read-only
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
    const phone = await phoneOf(manager, accountId);
    const preferences = await preferencesOf(manager, accountId);
    const [digest] = (await manager.query(
      `SELECT chosen_at AS "chosenAt" FROM notification.digest_choice WHERE account_id = $1`,
      [accountId],
    )) as { chosenAt: Date }[];
    const dailyDigest = digest ? { chosenAt: digest.chosenAt.toISOString() } : null;
    const recipientOf = (await manager.query(
      `SELECT party_kind AS "partyKind", party_id AS "partyId", email FROM notification.recipient
        WHERE email = $1 ORDER BY created_at`,
      [contact?.email ?? null],
    )) as NotificationPersonalData['recipientOf'];
    const unsubscribed = (await manager.query(
      `SELECT kind, created_at AS at FROM notification.contact_opt_out WHERE email = lower($1) ORDER BY kind`,
      [contact?.email ?? null],
    )) as { kind: string; at: Date }[];
    // The messages sent to their address, and the SMS sent to their phone.
    const messages = (await manager.query(
      `SELECT id, template AS kind, recipient, channel, subject, body_text AS "bodyText", status,
              created_at AS "createdAt"
         FROM notification.message WHERE recipient = ANY($1) ORDER BY created_at, id`,
      [[contact?.email, phone?.number].filter((address) => address !== undefined)],
    )) as (Omit<NotificationPersonalData['messages'][number], 'createdAt'> & { createdAt: Date })[];
    const auditLog = await auditEntriesNaming(manager, 'notification', 'notification', accountId);
    return {
      contact: contact ?? null,
      phone,
      preferences,
      organisationIds,
      establishmentIds,
      dailyDigest,
      recipientOf,
      unsubscribed: unsubscribed.map((row) => ({ ...row, at: row.at.toISOString() })),
      messages: messages.map((message) => ({ ...message, createdAt: message.createdAt.toISOString() })),
      auditLog,
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
