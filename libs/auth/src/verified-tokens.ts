import type { Caller } from './internal-token';

interface Verified {
  caller: Caller;
  /** The token's `exp`, in milliseconds: never served from here at or after it. */
  expiresAtMs: number;
}

/**
 * Internal tokens already verified, with their caller, until they expire: a client that sends the same token
 * again (a service calling another with the token it holds, a burst of one page's requests) is not verified with
 * ES256 again. Keyed by the whole token string, so a token differing in any byte (another token, a tampered one)
 * is a miss and goes through full verification. Bounded: past `limit` entries the oldest is dropped; every token
 * lives the same 60 s, so the oldest entry is also the one closest to its expiry, which makes insertion order as
 * good as an LRU's without its bookkeeping on each hit.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The caller of a token verified before and not yet expired (a copy: requests never share one object). */
  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return { ...entry.caller, roles: [...entry.caller.roles] };
  }

  /** Remembers a token that full verification accepted, until `expiresAtSeconds` (its `exp`). */
  remember(token: string, caller: Caller, expiresAtSeconds: number): void {
    const expiresAtMs = expiresAtSeconds * 1000;
    if (this.now() >= expiresAtMs) return;
    this.entries.delete(token);
    while (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(token, { caller: { ...caller, roles: [...caller.roles] }, expiresAtMs });
  }
}
