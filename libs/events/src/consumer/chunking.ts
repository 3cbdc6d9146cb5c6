export interface ChunkingRules {
  groupCommit: boolean;
  eventsPerTransaction: number;
  concurrency: number;
}

/**
 * Spreads lanes (one aggregate's events each, in stream order) over chunks,
 * one transaction each: one chunk per `eventsPerTransaction` events with
 * group commit, `concurrency` without, never more than `concurrency` nor than
 * lanes. A lane is never split, so each chunk keeps its lanes' order.
 */
export function chunkLanes<T>(lanes: T[][], rules: ChunkingRules): T[][] {
  const works = lanes.reduce((sum, lane) => sum + lane.length, 0);
  const wanted = rules.groupCommit ? Math.ceil(works / rules.eventsPerTransaction) : rules.concurrency;
  const chunks: T[][] = Array.from({ length: Math.min(rules.concurrency, lanes.length, wanted) }, () => []);
  lanes.forEach((lane, i) => chunks[i % chunks.length].push(...lane));
  return chunks;
}
