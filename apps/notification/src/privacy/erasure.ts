import type { DataSource } from 'typeorm';
import type { ServiceErasureReport } from '@salle/contracts';
import type { NotificationHandlers } from '../api/access-policy';

const affected = (result: unknown) => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/**
 * Erases one account from the notification schema (RGPD art. 17), in one transaction, idempotent: the contact
 * the gateway announced, the memberships it knows, the recipient lists with that address and the messages sent
 * to it (a send log no law requires keeping). Nothing is kept.
 */
export async function eraseFromNotification(dataSource: DataSource, accountId: string): Promise<ServiceErasureReport> {
  return dataSource.transaction(async (manager) => {
    const [contact] = (await manager.query(`SELECT email FROM notification.account_contact WHERE account_id = $1`, [
      accountId,
    ])) as { email: string }[];
    let removed = 0;
    for (const table of ['account_contact', 'organisation_member', 'establishment_manager'])
      removed += affected(await manager.query(`DELETE FROM notification.${table} WHERE account_id = $1`, [accountId]));
    if (contact) {
      removed += affected(await manager.query(`DELETE FROM notification.recipient WHERE email = $1`, [contact.email]));
      removed += affected(
        await manager.query(`DELETE FROM notification.message WHERE recipient = $1`, [contact.email]),
      );
    }
    return { removed, kept: [] };
  });
}

/** Asked by the gateway when an admin executes a person's erasure request. */
export function erasureHandlers(dataSource: DataSource): Pick<NotificationHandlers, 'erasePersonalData'> {
  return {
    erasePersonalData: { access: 'admin', handle: ({ params }) => eraseFromNotification(dataSource, params.accountId) },
  };
}
