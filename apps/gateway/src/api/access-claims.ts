import type { Caller } from '@salle/auth';
import type { InternalAccessClaim } from '@salle/contracts';
import type { BookingClient } from './booking-client';

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * The organisations and collèges a caller acts for, as the booking service
 * knows them, for services that cannot read them (payment). Kept 30 s per
 * account: internal tokens live 60 s, so a membership change reaches the
 * payment service within about a minute.
 */
export class AccessClaims {
  private readonly cache = new Map<string, { value: InternalAccessClaim; until: number }>();

  constructor(private readonly booking: BookingClient) {}

  async of(caller: Caller, requestId: string, now = Date.now()): Promise<{ access: InternalAccessClaim }> {
    const cached = this.cache.get(caller.accountId);
    if (cached && cached.until > now) return { access: cached.value };
    const me = await this.booking.me(caller, requestId);
    const value: InternalAccessClaim = {
      organisations: (me?.organisations ?? []).map((organisation) => organisation.id),
      establishments: (me?.establishments ?? []).map((establishment) => establishment.id),
    };
    // An unanswered /me grants nothing and is not remembered.
    if (me) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(caller.accountId, { value, until: now + TTL_MS });
    }
    return { access: value };
  }
}
