import { jwtVerify, SignJWT } from 'jose';
import { notificationKindSchema, type NotificationKind } from '@salle/contracts/notification';

/** What an unsubscription link says: whose e-mails of which kind to stop. */
export interface Unsubscription {
  accountId: string;
  kind: NotificationKind;
}

const AUDIENCE = 'notification-unsubscribe';

/**
 * Signed links for RFC 8058 one-click unsubscription (HMAC-SHA256 with a
 * secret of this service): the POST carries no cookie and no login, so the
 * link itself must say who and what, and be impossible to forge for someone
 * else. They do not expire: a person may unsubscribe from an old message.
 */
export function unsubscribeTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    sign(subscription: Unsubscription): Promise<string> {
      return new SignJWT({ kind: subscription.kind })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subscription.accountId)
        .setAudience(AUDIENCE)
        .sign(key);
    },
    /** The unsubscription, or null for a token that is not ours or was altered. */
    async verify(token: string): Promise<Unsubscription | null> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: AUDIENCE });
        const kind = notificationKindSchema.safeParse(payload['kind']);
        if (!kind.success || typeof payload.sub !== 'string') return null;
        return { accountId: payload.sub, kind: kind.data };
      } catch {
        return null;
      }
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof unsubscribeTokens>;
