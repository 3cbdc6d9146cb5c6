import type { DataSource, EntityManager } from 'typeorm';
import { isMandatoryKind, NOTIFICATION_KIND_LABELS } from '@salle/contracts/notification';
import { AppError } from '@salle/http';
import { recordDigestChoice } from '../digests/digest-choice';
import { recordChoices, recordContactOptOut } from '../preferences/preferences';
import { DIGEST, type Unsubscription, type UnsubscribeTokens } from '../preferences/unsubscribe-token';
import type { NotificationHandlers } from './access-policy';
import { unsubscribePage } from './unsubscribe-page';
import { recordNotificationAudit } from '../audit/audit.handlers';

const NB = '\u00a0';

/** What the page names: the kind of message, or the digest. */
const labelOf = (found: Unsubscription) =>
  found.kind === DIGEST ? 'Récapitulatif quotidien des demandes' : NOTIFICATION_KIND_LABELS[found.kind];

/** Stops what the link names: a member's kind, a listed address's kind, or a manager's digest (and nothing else). */
async function stop(manager: EntityManager, found: Unsubscription): Promise<void> {
  if (found.kind === DIGEST) {
    if ('accountId' in found) await recordDigestChoice(manager, found.accountId, false);
  } else if ('email' in found) await recordContactOptOut(manager, found.email, found.kind);
  else await recordChoices(manager, found.accountId, [{ kind: found.kind, channel: 'email', enabled: false }]);
  // A listed address without an account is recorded by kind only, without the address.
  const accountId = 'accountId' in found ? found.accountId : null;
  await recordNotificationAudit(manager, {
    actor: { accountId, role: accountId ? 'account_holder' : 'contact_address' },
    action: 'preferences.unsubscribed',
    object: { type: accountId ? 'account' : 'contact_address', id: accountId ?? 'adresse de contact' },
    changes: { [found.kind === DIGEST ? 'digest' : `${found.kind}.email`]: { before: null, after: false } },
  });
}

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
    if (!found || (found.kind !== DIGEST && isMandatoryKind(found.kind))) throw invalidLink();
    return found;
  }
  return {
    unsubscribePage: {
      access: 'anyone',
      handle: async ({ params: { token } }) => {
        const found = await unsubscription(token);
        return unsubscribePage({ label: labelOf(found), done: false, webUrl, hasAccount: 'accountId' in found });
      },
    },
    unsubscribe: {
      access: 'anyone',
      // The one-click body (List-Unsubscribe=One-Click) is form-encoded, not JSON: read raw, and not needed.
      rawBody: { limit: '1kb' },
      handle: async ({ params: { token } }) => {
        const found = await unsubscription(token);
        await dataSource.transaction((manager) => stop(manager, found));
        return unsubscribePage({ label: labelOf(found), done: true, webUrl, hasAccount: 'accountId' in found });
      },
    },
  };
}
