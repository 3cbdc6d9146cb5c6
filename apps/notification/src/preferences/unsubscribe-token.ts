import { jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
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
/** Tokens kept once signed: a few hundred bytes each. */
const SIGNED_TOKENS_KEPT = 10_000;

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
  // A token names no time (no iat, no exp), so the same person and kind always give the same token: the
  // recently signed ones are kept rather than signed again for each message (signing was a tenth of the
  // sender's CPU in the notification bench).
  const signed = new LRUCache<string, Promise<string>>({ max: SIGNED_TOKENS_KEPT });
  return {
    sign(subscription: Unsubscription): Promise<string> {
      const cacheKey = JSON.stringify([
        'email' in subscription ? subscription.email : subscription.accountId,
        subscription.kind,
        'email' in subscription,
      ]);
      const known = signed.get(cacheKey);
      if (known) return known;
      const jwt =
        'email' in subscription
          ? new SignJWT({ kind: subscription.kind, email: subscription.email })
          : new SignJWT({ kind: subscription.kind }).setSubject(subscription.accountId);
      const token = jwt.setProtectedHeader({ alg: 'HS256' }).setAudience(AUDIENCE).sign(key);
      signed.set(cacheKey, token);
      // A failed signature is not kept: the next message tries again.
      token.catch(() => signed.delete(cacheKey));
      return token;
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
