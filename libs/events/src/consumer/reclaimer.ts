import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { fieldsToRecord } from '../event-envelope';
import { streamKey } from '../event-keys';
import { compareStreamIds, parseStreamId } from '../stream-id';
import type { ConsumerMetrics, Delivery } from './consumer-types';
import type { RetryScheduler } from './retry-scheduler';

type AutoclaimReply = [string, [string, string[] | null][], string[]?];
type PendingEntry = [string, string, number, number];

export interface ReclaimerDeps {
  group: string;
  consumerName: string;
  prefix: string;
  keys: string[];
  streamOfKey: Map<string, string>;
  claimIdleMs: number;
  batchSize: number;
  retries: RetryScheduler;
  dispatch(deliveries: Delivery[]): Promise<void>;
  commands(): Redis;
  logger: Logger;
  metrics: ConsumerMetrics | undefined;
}

export interface Reclaimer {
  /** Claims back this consumer's retries that are due, and handles them. */
  runDueRetries(): Promise<void>;
  /** Claims messages left pending too long by any consumer of the group, and refreshes the gauges. */
  sweep(): Promise<void>;
  /** Forgets the XAUTOCLAIM cursors, after the streams were recreated. */
  reset(): void;
}

/** Takes pending messages back: this consumer's retries when due, and messages other consumers abandoned. */
export function createReclaimer(deps: ReclaimerDeps): Reclaimer {
  const { group, consumerName, retries, metrics } = deps;
  const claimCursors = new Map<string, string>();

  /** Delivery counts of pending entries of this consumer: the attempt number of their next delivery. */
  async function deliveryCounts(key: string, ids: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (ids.length === 0) return counts;
    const sorted = [...ids].sort((a, b) => compareStreamIds(parseStreamId(a), parseStreamId(b)));
    const entries = (await deps
      .commands()
      .xpending(key, group, sorted[0], sorted[sorted.length - 1], ids.length * 2 + 10, consumerName)) as PendingEntry[];
    for (const [id, , , count] of entries) counts.set(id, Number(count));
    return counts;
  }

  async function runDueRetries() {
    const due = retries.due(Date.now());
    if (due.length === 0) return;
    const deliveries: Delivery[] = [];
    for (const retry of due) {
      const key = streamKey(deps.prefix, retry.delivery.stream);
      const { entryId } = retry.delivery;
      if (!retry.counts) {
        // Keep ownership without counting a delivery.
        const claimed = (await deps.commands().xclaim(key, group, consumerName, 0, entryId, 'JUSTID')) as string[];
        retries.forget(retry.delivery);
        if (claimed.length > 0) deliveries.push(retry.delivery);
        continue;
      }
      const claimed = (await deps.commands().xclaim(key, group, consumerName, 0, entryId)) as [
        string,
        string[] | null,
      ][];
      retries.forget(retry.delivery);
      const entry = claimed[0];
      if (!entry || !entry[1]) continue; // acknowledged meanwhile, or trimmed away
      const counts = await deliveryCounts(key, [entryId]).catch(() => new Map<string, number>());
      deliveries.push({
        ...retry.delivery,
        fields: entry[1],
        attempt: counts.get(entryId) ?? retry.delivery.attempt + 1,
      });
    }
    if (deliveries.length > 0) await deps.dispatch(deliveries);
  }

  async function refreshGauges(key: string, stream: string, gauges: ConsumerMetrics) {
    const groupsInfo = (await deps.commands().xinfo('GROUPS', key)) as (string | number | null)[][];
    for (const flat of groupsInfo) {
      const info = fieldsToRecord(flat.map((value) => (value === null ? '' : String(value))));
      if (info['name'] !== group) continue;
      gauges.lag.set({ stream, group }, Number(info['lag'] || 0));
      gauges.pending.set({ stream, group }, Number(info['pending'] || 0));
    }
  }

  async function sweep() {
    for (const key of deps.keys) {
      const stream = deps.streamOfKey.get(key) ?? key;
      const cursor = claimCursors.get(key) ?? '0-0';
      const reply = await deps
        .commands()
        .xautoclaim(key, group, consumerName, deps.claimIdleMs, cursor, 'COUNT', deps.batchSize);
      const [next, entries] = reply as AutoclaimReply;
      claimCursors.set(key, next);
      const live = entries.filter((entry): entry is [string, string[]] => Array.isArray(entry[1]));
      if (live.length > 0) {
        const counts = await deliveryCounts(
          key,
          live.map(([id]) => id),
        );
        deps.logger.info({ stream, entries: live.length }, 'reclaimed pending events');
        await deps.dispatch(
          live.map(([entryId, fields]) => ({ stream, entryId, fields, attempt: counts.get(entryId) ?? 2 })),
        );
      }
      if (metrics) await refreshGauges(key, stream, metrics);
    }
  }

  return { runDueRetries, sweep, reset: () => claimCursors.clear() };
}
