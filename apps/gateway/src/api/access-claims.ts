import type { Caller } from '@salle/auth';
import type { InternalAccessClaim } from '@salle/contracts';
import type { EventHandlers } from '@salle/events';
import type { Redis } from '@salle/redis';
import type { BookingClient } from './booking-client';

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
/**
 * How long an account's access version outlives its last change. Far above
 * TTL_MS, so that no entry kept under the version before a change (or under
 * none) is still alive when the key expires and the version starts again.
 */
const VERSION_TTL_MS = 24 * 3600_000;

/** Shared by every gateway replica (same Redis prefix): bumped whenever the account's memberships change. */
const versionKey = (accountId: string) => `access-version:${accountId}`;

/**
 * The organisations and collèges a caller acts for, as the booking service
 * knows them, for services that cannot read them (payment). Kept 30 s per
 * account, under the account's access version: the booking service announces
 * every membership change (`organisation.membership_changed`) and every grant or
 * revocation of a collège's manager (`establishment.managers_changed`), the
 * version is bumped, and every replica asks booking again at the account's next
 * request.
 */
export class AccessClaims {
  private readonly cache = new Map<string, { value: InternalAccessClaim; version: string; until: number }>();

  constructor(
    private readonly booking: BookingClient,
    private readonly redis: Redis,
  ) {}

  async of(caller: Caller, requestId: string, now = Date.now()): Promise<{ access: InternalAccessClaim }> {
    // Read before asking booking: a change committed meanwhile bumps the version
    // again, so an answer kept under this one is never taken for a newer one.
    const version = await this.currentVersion(caller.accountId);
    const cached = this.cache.get(caller.accountId);
    if (cached && version !== undefined && cached.version === version && cached.until > now)
      return { access: cached.value };
    const me = await this.booking.me(caller, requestId);
    const value: InternalAccessClaim = {
      organisations: (me?.organisations ?? []).map((organisation) => organisation.id),
      establishments: (me?.establishments ?? []).map((establishment) => establishment.id),
    };
    // An unanswered /me grants nothing and is not remembered; nor is anything without a version to check it by.
    if (me && version !== undefined) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(caller.accountId, { value, version, until: now + TTL_MS });
    }
    return { access: value };
  }

  /** Undefined when Redis does not answer: the cache is then bypassed, never trusted blindly. */
  private async currentVersion(accountId: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(versionKey(accountId))) ?? '0';
    } catch {
      return undefined;
    }
  }
}

/**
 * What the gateway does with the booking service's events: forget the access of an account whose memberships
 * changed, or who became or stopped being a collège's manager.
 */
export function accessEventHandlers(redis: Redis): EventHandlers {
  const forget = async (accountId: string) => {
    const key = versionKey(accountId);
    const results = await redis.multi().incr(key).pexpire(key, VERSION_TTL_MS).exec();
    // Not bumped: the consumer retries the event rather than leave the old access in use.
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('access version not bumped');
  };
  return {
    'organisation.membership_changed': (event) => forget(event.payload.accountId),
    'establishment.managers_changed': (event) => forget(event.payload.accountId),
  };
}
