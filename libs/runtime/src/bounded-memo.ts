/**
 * Remembers the results of a pure computation, at most `limit` of them, and
 * forgets them all when full. Made for hot paths whose distinct inputs are
 * few in practice (a département's tariffs, a service's statements, the days
 * people search) but unbounded in principle: a bounded map that starts over
 * costs less per hit than an LRU's bookkeeping, and a start-over is rare.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The remembered result for `key`, or `compute(key)`'s, remembered. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.entries.get(key);
    if (known !== undefined || this.entries.has(key)) return known as V;
    const value = compute(key);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
