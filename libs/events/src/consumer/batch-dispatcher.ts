import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { streamKey } from '../event-keys';
import { chunkLanes, type ChunkingRules } from './chunking';
import type { ConsumerHooks, Delivery, Rejection, Work } from './consumer-types';
import { ACKNOWLEDGE, sortDelivery, type SorterRules } from './delivery-sorter';
import type { RetryScheduler } from './retry-scheduler';

/** Read batches handled at once, whatever their size (see `dispatch` for the bound on transactions). */
const MAX_BATCHES_IN_FLIGHT = 8;

export interface DispatcherDeps {
  prefix: string;
  sorting: SorterRules;
  chunking: ChunkingRules;
  retries: RetryScheduler;
  runChunk(chunk: Work[]): Promise<Work[]>;
  deadLetter(delivery: Delivery, reason: string, label: string): Promise<void>;
  commands(): Redis;
  logger: Logger;
  hooks: ConsumerHooks | undefined;
}

export interface BatchDispatcher {
  /** Starts handling a batch; waits only while too many batches are in flight. */
  dispatch(deliveries: Delivery[]): Promise<void>;
  /** Resolves once every batch in flight is done. */
  drain(): Promise<void>;
}

/** Handles read batches, several at once: sorts, runs the chunks, dead-letters, acknowledges. */
export function createBatchDispatcher(deps: DispatcherDeps): BatchDispatcher {
  const { group } = deps.sorting;
  const { logger } = deps;
  /** Batches being handled: the next read does not wait for them (see `dispatch`). */
  const inFlight = new Set<Promise<void>>();
  /** Chunks (transactions) of those batches not finished yet. */
  let chunksInFlight = 0;

  /** Sorts deliveries into acknowledgements, dead letters and work; runs the work; acknowledges. */
  async function processDeliveries(deliveries: Delivery[]) {
    const acks = new Map<string, string[]>();
    const ack = (delivery: Delivery) => {
      const list = acks.get(delivery.stream) ?? [];
      list.push(delivery.entryId);
      acks.set(delivery.stream, list);
    };
    const lanes = new Map<string, Work[]>();
    // Dead letters are written after the work is scheduled: scheduling must not wait (see the chunk runner).
    const rejected: Rejection[] = [];
    for (const delivery of deliveries) {
      deps.retries.forget(delivery);
      const sorted = sortDelivery(delivery, deps.sorting);
      if (sorted === ACKNOWLEDGE) ack(delivery);
      else if ('reason' in sorted) rejected.push(sorted);
      else {
        const lane = lanes.get(sorted.envelope.aggregateId) ?? [];
        lane.push(sorted);
        lanes.set(sorted.envelope.aggregateId, lane);
      }
    }

    const chunks = chunkLanes([...lanes.values()], deps.chunking);
    chunksInFlight += chunks.length;
    const handling = chunks.map(async (chunk) => {
      try {
        for (const work of await deps.runChunk(chunk)) ack(work.delivery);
      } finally {
        chunksInFlight--;
      }
    });
    for (const { delivery, reason, label } of rejected) await deps.deadLetter(delivery, reason, label);
    await Promise.all(handling);
    await acknowledge(acks);
  }

  async function acknowledge(acks: Map<string, string[]>) {
    const ids = [...acks.values()].flat();
    if (ids.length === 0) return;
    await deps.hooks?.beforeAck?.(ids);
    const pipeline = deps.commands().pipeline();
    for (const [stream, entryIds] of acks) pipeline.xack(streamKey(deps.prefix, stream), group, ...entryIds);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    // Unacknowledged entries stay pending and come back through reclaim; the inbox absorbs the repeat.
    if (failed) logger.warn({ reason: (failed[0] as Error).message }, 'acknowledgement failed');
  }

  return {
    async dispatch(deliveries) {
      const batch = processDeliveries(deliveries).catch((error: unknown) => {
        // Whatever was not acknowledged stays pending and comes back through reclaim.
        logger.warn({ reason: (error as Error)?.message }, 'batch interrupted');
      });
      inFlight.add(batch);
      void batch.finally(() => inFlight.delete(batch));
      // Under load, batches are small and a transaction lasts longer than the gap between two of them:
      // several must overlap, or events wait in the stream for a free slot. The number of transactions
      // at once stays within 2 x `concurrency` (connections the consumer may hold), as with 2 full batches.
      while (
        inFlight.size >= MAX_BATCHES_IN_FLIGHT ||
        (inFlight.size > 0 && chunksInFlight >= 2 * deps.chunking.concurrency)
      ) {
        await Promise.race(inFlight);
      }
    },
    async drain() {
      await Promise.all(inFlight);
    },
  };
}
