/** A Redis stream entry id `<ms>-<seq>`, comparable. */
export interface StreamId {
  ms: bigint;
  seq: bigint;
}

export function parseStreamId(id: string): StreamId {
  const match = /^(\d+)-(\d+)$/.exec(id);
  if (!match) throw new Error(`not a stream id: ${id}`);
  return { ms: BigInt(match[1]), seq: BigInt(match[2]) };
}

export function formatStreamId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** The id right after `id`. */
export function nextStreamId(id: StreamId): StreamId {
  return { ms: id.ms, seq: id.seq + 1n };
}
