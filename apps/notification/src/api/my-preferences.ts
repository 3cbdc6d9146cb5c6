import type { DataSource } from 'typeorm';
import { AppError } from '@salle/http';
import { readPreferences, recordChoices, refusedChoices } from '../preferences/preferences';
import { recordAccountPhone } from '../recipients/recipient-directory';
import type { NotificationHandlers } from './access-policy';

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
          return readPreferences(manager, access.caller.accountId);
        });
      },
    },
  };
}
