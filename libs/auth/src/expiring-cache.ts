/**
 * Values that are good until a known instant (internal tokens and what they say), at most `limit` of them: never
 * served at or after their expiry. Past the limit the oldest entry is dropped: internal tokens all live the same
 * 60 s, so the oldest entry is also the one closest to its expiry, which makes insertion order as good as an LRU's
 * without its bookkeeping on each hit.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAtMs: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value kept for `key` if it is good for at least `marginMs` more (0: not yet expired). */
  get(key: string, marginMs = 0): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() + marginMs >= entry.expiresAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` for `key` until `expiresAtMs`; a value already expired is not kept. */
  set(key: string, value: V, expiresAtMs: number): void {
    if (this.now() >= expiresAtMs) return;
    this.entries.delete(key);
    while (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAtMs });
  }
}
