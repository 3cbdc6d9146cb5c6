import type { Work } from './consumer-types';
import type { InboxTransactions } from './inbox-transactions';

export interface ChunkRunnerDeps {
  transactions: InboxTransactions;
  groupCommit: boolean;
  failed(work: Work, error: unknown): Promise<void>;
}

/**
 * Runs chunks of work: each chunk in one transaction with its inbox rows
 * (group commit), or one transaction per event. Returns a function that
 * handles a chunk and resolves to the works done, which may be acknowledged.
 */
export function createChunkRunner(deps: ChunkRunnerDeps): (chunk: Work[]) => Promise<Work[]> {
  const { handleOne, handleTogether } = deps.transactions;
  const aggregateTails = new Map<string, Promise<void>>();

  /** Handles a chunk, group-committed when possible; returns the works done (to acknowledge). */
  async function handleChunk(chunk: Work[]): Promise<Work[]> {
    let remaining = chunk;
    while (deps.groupCommit && remaining.length > 1) {
      const result = await handleTogether(remaining);
      if (result.ok) return remaining;
      if (!result.culprit) break;
      const { work, error } = result.culprit;
      await deps.failed(work, error);
      remaining = remaining.filter((other) => other !== work);
    }
    const done: Work[] = [];
    for (const work of remaining) if (await handleOne(work)) done.push(work);
    return done;
  }

  /**
   * Runs a chunk after the chunks of earlier batches that share one of its
   * aggregates: with batches in flight at once, each aggregate's events still
   * run in stream order. Registers itself synchronously, in call order.
   */
  return (chunk) => {
    const aggregates = [...new Set(chunk.map((work) => work.envelope.aggregateId))];
    const earlier = aggregates.map((aggregate) => aggregateTails.get(aggregate)).filter((tail) => tail !== undefined);
    let finish: (() => void) | undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    for (const aggregate of aggregates) aggregateTails.set(aggregate, finished);
    return (async () => {
      try {
        if (earlier.length > 0) await Promise.all(earlier);
        return await handleChunk(chunk);
      } finally {
        finish?.();
        for (const aggregate of aggregates)
          if (aggregateTails.get(aggregate) === finished) aggregateTails.delete(aggregate);
      }
    })();
  };
}
