import type { DataSource } from 'typeorm';
import { AppError } from '@salle/http';
import { readDigestChoice, recordDigestChoice } from '../digests/digest-choice';
import type { NotificationHandlers } from './access-policy';
import { accountHolder, recordNotificationAudit } from '../audit/audit.handlers';

const notAManager = () =>
  new AppError(
    403,
    'digest_for_managers',
    'Le récapitulatif quotidien des demandes est réservé aux personnes qui gèrent un collège.',
  );

/**
 * « Mon compte »: the daily digest of the requests instead of one e-mail
 * each. The account is the internal token's; turning it on needs a collège
 * the token says the person manages (turning it off never does).
 */
export function myDigestHandlers(
  dataSource: DataSource,
  hour: number,
): Pick<NotificationHandlers, 'myDigest' | 'updateMyDigest'> {
  return {
    myDigest: {
      access: 'signedIn',
      handle: async (_input, { access }) => ({
        daily: await readDigestChoice(dataSource.manager, access.caller.accountId),
        hour,
      }),
    },
    updateMyDigest: {
      access: 'signedIn',
      handle: ({ body }, { access }) => {
        if (body.daily && access.establishments.size === 0) throw notAManager();
        return dataSource.transaction(async (manager) => {
          await recordDigestChoice(manager, access.caller.accountId, body.daily);
          await recordNotificationAudit(manager, {
            actor: accountHolder(access.caller.accountId),
            action: 'preferences.digest_updated',
            object: { type: 'account', id: access.caller.accountId },
            changes: { daily: { before: null, after: body.daily } },
          });
          return { daily: await readDigestChoice(manager, access.caller.accountId), hour };
        });
      },
    },
  };
}
