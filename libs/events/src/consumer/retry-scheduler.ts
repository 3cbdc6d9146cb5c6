import type { Delivery } from './consumer-types';

export interface Retry {
  delivery: Delivery;
  dueAt: number;
  /** False after an infrastructure failure: the retry then does not count as a delivery. */
  counts: boolean;
}

/** Backoff after the `attempt`-th failed delivery: initial × 2^(attempt−1), capped at `maxMs`. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(initialMs * 2 ** (attempt - 1), maxMs);
}

/** Delay before Redis or PostgreSQL are tried again after they failed, without spending an attempt. */
export const INFRASTRUCTURE_RETRY_MS = 1_000;

export interface RetryScheduler {
  /** The backoff before the next delivery after the `attempt`-th failed. */
  delayFor(attempt: number): number;
  /** Schedules `delivery` again in `delayMs`; replaces a retry already scheduled for it. */
  later(delivery: Delivery, delayMs: number, counts: boolean): void;
  forget(delivery: Pick<Delivery, 'stream' | 'entryId'>): void;
  /** The retries due at `now`, still scheduled: the caller forgets each once it has claimed it. */
  due(now: number): Retry[];
  /** When the earliest retry is due; Infinity when none is scheduled. */
  nextDueAt(): number;
  /** Reading stops until then (`pausedUntil`) after PostgreSQL failed. */
  pauseReading(ms: number): void;
  readonly pausedUntil: number;
  clear(): void;
}

/**
 * The consumer's own retries: failed deliveries it keeps pending and claims
 * back when due, keyed by stream and entry, so that a delivery has at most one.
 */
export function createRetryScheduler(backoff: { initialMs: number; maxMs: number }): RetryScheduler {
  const retries = new Map<string, Retry>();
  let pausedUntil = 0;
  const keyOf = (delivery: Pick<Delivery, 'stream' | 'entryId'>) => `${delivery.stream} ${delivery.entryId}`;
  return {
    delayFor: (attempt) => backoffDelay(attempt, backoff.initialMs, backoff.maxMs),
    later(delivery, delayMs, counts) {
      retries.set(keyOf(delivery), { delivery, dueAt: Date.now() + delayMs, counts });
    },
    forget(delivery) {
      retries.delete(keyOf(delivery));
    },
    due: (now) => [...retries.values()].filter((retry) => retry.dueAt <= now),
    nextDueAt: () => Math.min(...[...retries.values()].map((retry) => retry.dueAt)),
    pauseReading(ms) {
      pausedUntil = Date.now() + ms;
    },
    get pausedUntil() {
      return pausedUntil;
    },
    clear() {
      retries.clear();
    },
  };
}
