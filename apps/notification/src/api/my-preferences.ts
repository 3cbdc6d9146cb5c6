import type { DataSource } from 'typeorm';
import { AppError } from '@salle/http';
import { readPreferences, recordChoices, refusedChoices } from '../preferences/preferences';
import { recordAccountPhone } from '../recipients/recipient-directory';
import type { NotificationHandlers } from './access-policy';
import { accountHolder, recordNotificationAudit } from '../audit/audit.handlers';

const NB = '\u00a0';

/**
 * « Mon compte »: the signed-in person's contacts and choices. The account
 * comes from the gateway's internal token, never from the request, so a
 * person reads and changes their own only.
 */
export function myPreferencesHandlers(
  dataSource: DataSource,
): Pick<NotificationHandlers, 'myPreferences' | 'updateMyPhone' | 'updateMyPreferences'> {
  return {
    myPreferences: {
      access: 'signedIn',
      handle: (_input, { access }) => readPreferences(dataSource.manager, access.caller.accountId),
    },
    updateMyPhone: {
      access: 'signedIn',
      handle: ({ body }, { access }) =>
        dataSource.transaction(async (manager) => {
          const phone = body.phone ? { number: body.phone, smsConsent: body.smsConsent } : null;
          await recordAccountPhone(manager, access.caller.accountId, phone);
          await recordNotificationAudit(manager, {
            actor: accountHolder(access.caller.accountId),
            action: 'preferences.phone_updated',
            object: { type: 'account', id: access.caller.accountId },
            // Whether a number is set and SMS agreed to, never the number.
            changes: {
              phoneSet: { before: null, after: phone !== null },
              smsConsent: { before: null, after: phone?.smsConsent ?? false },
            },
          });
          return readPreferences(manager, access.caller.accountId);
        }),
    },
    updateMyPreferences: {
      access: 'signedIn',
      handle: ({ body }, { access }) => {
        if (refusedChoices(body.items).length)
          throw new AppError(
            409,
            'mandatory_message',
            `Ce message ne peut pas être désactivé${NB}: la réservation ne peut pas s’en passer.`,
          );
        return dataSource.transaction(async (manager) => {
          await recordChoices(manager, access.caller.accountId, body.items);
          await recordNotificationAudit(manager, {
            actor: accountHolder(access.caller.accountId),
            action: 'preferences.updated',
            object: { type: 'account', id: access.caller.accountId },
            changes: Object.fromEntries(
              body.items.map((item) => [`${item.kind}.${item.channel}`, { before: null, after: item.enabled }]),
            ),
          });
          return readPreferences(manager, access.caller.accountId);
        });
      },
    },
  };
}
