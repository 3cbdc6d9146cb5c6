import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { notificationKindSchema, type NotificationKind } from '@salle/contracts/notification';

/** The daily digest: not a kind (it is chosen on « Mon compte »), but a message one may stop receiving as well. */
export const DIGEST = 'daily_digest';

/**
 * What an unsubscription link says: whose e-mails of which kind to stop. A
 * member is named by their account; an address listed for an organisation or
 * a collège as such (no account, so no « Mon compte ») by the address itself.
 */
export type Unsubscription =
  | { accountId: string; kind: NotificationKind }
  | { email: string; kind: NotificationKind }
  | { accountId: string; kind: typeof DIGEST };

const AUDIENCE = 'notification-unsubscribe';

const claimsSchema = z.union([
  z.object({ sub: z.uuid(), kind: z.union([notificationKindSchema, z.literal(DIGEST)]) }),
  z.object({ email: z.email(), kind: notificationKindSchema }),
]);

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
      const jwt =
        'email' in subscription
          ? new SignJWT({ kind: subscription.kind, email: subscription.email })
          : new SignJWT({ kind: subscription.kind }).setSubject(subscription.accountId);
      return jwt.setProtectedHeader({ alg: 'HS256' }).setAudience(AUDIENCE).sign(key);
    },
    /** The unsubscription, or null for a token that is not ours or was altered. */
    async verify(token: string): Promise<Unsubscription | null> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: AUDIENCE });
        const claims = claimsSchema.safeParse(payload);
        if (!claims.success) return null;
        return 'email' in claims.data
          ? { email: claims.data.email, kind: claims.data.kind }
          : ({ accountId: claims.data.sub, kind: claims.data.kind } as Unsubscription);
      } catch {
        return null;
      }
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof unsubscribeTokens>;
