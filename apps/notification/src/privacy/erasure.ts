import type { DataSource } from 'typeorm';
import type { ServiceErasureReport } from '@salle/contracts';
import { deleteDeliveredEventsNaming } from '@salle/events';
import type { NotificationHandlers } from '../api/access-policy';
import { eraseFromAuditLog } from '@salle/db';

const affected = (result: unknown) => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/**
 * Erases one account from the notification schema (RGPD art. 17), in one transaction, idempotent: the contact
 * the gateway announced, the phone number and SMS consent they gave, their choices of messages, the memberships it
 * knows, the recipient lists with that address, that address's unsubscriptions as a listed contact
 * (`contact_opt_out`), and the messages sent to it or to that phone (a send log no law
 * requires keeping). Nothing is kept.
 */
export async function eraseFromNotification(dataSource: DataSource, accountId: string): Promise<ServiceErasureReport> {
  return dataSource.transaction(async (manager) => {
    await eraseFromAuditLog(manager, 'notification', accountId);
    const [contact] = (await manager.query(`SELECT email FROM notification.account_contact WHERE account_id = $1`, [
      accountId,
    ])) as { email: string }[];
    const [phone] = (await manager.query(`SELECT phone FROM notification.account_phone WHERE account_id = $1`, [
      accountId,
    ])) as { phone: string }[];
    let removed = 0;
    for (const table of [
      'account_contact',
      'account_phone',
      'preference',
      'organisation_member',
      'establishment_manager',
      'digest_choice',
      'digest_run',
    ])
      removed += affected(await manager.query(`DELETE FROM notification.${table} WHERE account_id = $1`, [accountId]));
    if (contact) {
      removed += affected(await manager.query(`DELETE FROM notification.recipient WHERE email = $1`, [contact.email]));
      // Their address's own unsubscriptions as an organisation's or a collège's contact go with the lists it was on:
      // nothing is sent to it any more, and a later listing of the address (the organisation or the collège
      // entering it again) starts without them, each optional e-mail carrying its one-click link again.
      removed += affected(
        await manager.query(`DELETE FROM notification.contact_opt_out WHERE email = lower($1)`, [contact.email]),
      );
      removed += affected(
        await manager.query(`DELETE FROM notification.message WHERE recipient = $1`, [contact.email]),
      );
    }
    if (phone) {
      removed += affected(await manager.query(`DELETE FROM notification.message WHERE recipient = $1`, [phone.phone]));
    }
    // The events already delivered that name the person only await pruning.
    await deleteDeliveredEventsNaming(manager, 'notification', accountId);
    return { removed, kept: [] };
  });
}

/** Asked by the gateway when an admin executes a person's erasure request. */
export function erasureHandlers(dataSource: DataSource): Pick<NotificationHandlers, 'erasePersonalData'> {
  return {
    erasePersonalData: { access: 'admin', handle: ({ params }) => eraseFromNotification(dataSource, params.accountId) },
  };
}
