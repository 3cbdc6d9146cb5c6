import type { DataSource } from 'typeorm';
import { isMandatoryKind, NOTIFICATION_KIND_LABELS } from '@salle/contracts/notification';
import { AppError } from '@salle/http';
import { recordChoices } from '../preferences/preferences';
import type { Unsubscription, UnsubscribeTokens } from '../preferences/unsubscribe-token';
import type { NotificationHandlers } from './access-policy';
import { unsubscribePage } from './unsubscribe-page';

const NB = '\u00a0';

const invalidLink = () =>
  new AppError(
    400,
    'unsubscribe_link_invalid',
    `Ce lien de désabonnement n’est pas valide${NB}: il a pu être tronqué.`,
  );

/**
 * RFC 8058 one-click unsubscription. The GET only asks to confirm (mail
 * scanners follow links); the POST, from the mail client or the page's
 * button, turns that kind of e-mail off for the person the signed token names.
 */
export function unsubscribeHandlers(
  dataSource: DataSource,
  tokens: UnsubscribeTokens,
  webUrl: string,
): Pick<NotificationHandlers, 'unsubscribePage' | 'unsubscribe'> {
  async function unsubscription(token: string): Promise<Unsubscription> {
    const found = await tokens.verify(token);
    // Never signed for a mandatory kind; refused all the same should a secret leak.
    if (!found || isMandatoryKind(found.kind)) throw invalidLink();
    return found;
  }
  return {
    unsubscribePage: {
      access: 'anyone',
      handle: async ({ params: { token } }) => {
        const { kind } = await unsubscription(token);
        return unsubscribePage({ label: NOTIFICATION_KIND_LABELS[kind], done: false, webUrl });
      },
    },
    unsubscribe: {
      access: 'anyone',
      // The one-click body (List-Unsubscribe=One-Click) is form-encoded, not JSON: read raw, and not needed.
      rawBody: { limit: '1kb' },
      handle: async ({ params: { token } }) => {
        const { accountId, kind } = await unsubscription(token);
        await dataSource.transaction((manager) =>
          recordChoices(manager, accountId, [{ kind, channel: 'email', enabled: false }]),
        );
        return unsubscribePage({ label: NOTIFICATION_KIND_LABELS[kind], done: true, webUrl });
      },
    },
  };
}
