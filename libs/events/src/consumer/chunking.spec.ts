import { chunkLanes } from './chunking';

/** `count` lanes of `size` events each, named lane:index. */
function lanes(count: number, size: number): string[][] {
  return Array.from({ length: count }, (_, lane) => Array.from({ length: size }, (_, i) => `${lane}:${i}`));
}

describe('chunking a read batch', () => {
  const rules = { groupCommit: true, eventsPerTransaction: 16, concurrency: 4 };

  it('puts up to eventsPerTransaction events in one chunk', () => {
    expect(chunkLanes(lanes(16, 1), rules)).toHaveLength(1);
    expect(chunkLanes(lanes(17, 1), rules)).toHaveLength(2);
  });

  it('makes at most `concurrency` chunks, and no more than lanes', () => {
    expect(chunkLanes(lanes(50, 1), rules)).toHaveLength(4);
    expect(chunkLanes(lanes(2, 20), rules)).toHaveLength(2);
    expect(chunkLanes([], rules)).toEqual([]);
  });

  it('never splits a lane, and keeps its order', () => {
    const chunks = chunkLanes(lanes(5, 8), rules);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toEqual([...lanes(5, 8)[0], ...lanes(5, 8)[3]]);
    expect(chunks.flat().sort()).toEqual(lanes(5, 8).flat().sort());
  });

  it('spreads over `concurrency` chunks without group commit', () => {
    expect(chunkLanes(lanes(3, 1), { ...rules, groupCommit: false })).toHaveLength(3);
    expect(chunkLanes(lanes(10, 1), { ...rules, groupCommit: false })).toHaveLength(4);
  });
});
