import type { EventType } from '@salle/contracts';
import type { EventEnvelope } from '../event-envelope';
import { createChunkRunner } from './chunk-runner';
import type { Work } from './consumer-types';
import type { InboxTransactions, Together } from './inbox-transactions';

function work(id: string, aggregateId: string): Work {
  const envelope = { id, aggregateId, type: 'payment.expired', version: 1 } as EventEnvelope<EventType>;
  return {
    delivery: { stream: 'payment', entryId: `${id}-0`, fields: [], attempt: 1 },
    envelope,
    handler: async () => undefined,
  };
}

/**
 * Transactions that record what they ran, in order, without a database: the
 * chunk runner's job is what it asks of them, not what they write.
 */
function recordingTransactions(outcome: (chunk: Work[]) => Together, gate?: Promise<void>) {
  const log: string[] = [];
  const transactions: InboxTransactions = {
    async handleOne(one) {
      log.push(`one ${one.envelope.id}`);
      return one.envelope.id !== 'bad';
    },
    async handleTogether(chunk) {
      log.push(`together ${chunk.map((w) => w.envelope.id).join(',')}`);
      if (gate) await gate;
      return outcome(chunk);
    },
  };
  return { transactions, log };
}

describe('chunk runner', () => {
  it('fails the handler that threw alone, and commits the rest of the chunk together', async () => {
    const failed: string[] = [];
    const { transactions, log } = recordingTransactions((chunk) => {
      const culprit = chunk.find((w) => w.envelope.id === 'b');
      return culprit ? { ok: false, culprit: { work: culprit, error: new Error('boom') } } : { ok: true };
    });
    const run = createChunkRunner({
      transactions,
      groupCommit: true,
      failed: async (w) => void failed.push(w.envelope.id),
    });
    const done = await run([work('a', 'x'), work('b', 'y'), work('c', 'z')]);
    expect(log).toEqual(['together a,b,c', 'together a,c']);
    expect(failed).toEqual(['b']);
    expect(done.map((w) => w.envelope.id)).toEqual(['a', 'c']);
  });

  it('falls back to one transaction per event when no handler is to blame', async () => {
    const { transactions, log } = recordingTransactions(() => ({ ok: false }));
    const run = createChunkRunner({ transactions, groupCommit: true, failed: async () => undefined });
    const done = await run([work('a', 'x'), work('bad', 'y')]);
    expect(log).toEqual(['together a,bad', 'one a', 'one bad']);
    expect(done.map((w) => w.envelope.id)).toEqual(['a']);
  });

  it('runs one transaction per event without group commit', async () => {
    const { transactions, log } = recordingTransactions(() => ({ ok: true }));
    const run = createChunkRunner({ transactions, groupCommit: false, failed: async () => undefined });
    await run([work('a', 'x'), work('b', 'x')]);
    expect(log).toEqual(['one a', 'one b']);
  });

  it('starts a chunk only after the earlier chunks that share one of its aggregates', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { transactions, log } = recordingTransactions(() => ({ ok: true }), gate);
    const run = createChunkRunner({ transactions, groupCommit: true, failed: async () => undefined });
    const first = run([work('a1', 'a'), work('b1', 'b')]);
    const second = run([work('a2', 'a'), work('c1', 'c')]);
    const unrelated = run([work('d1', 'd'), work('e1', 'e')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['together a1,b1', 'together d1,e1']);
    open();
    await Promise.all([first, second, unrelated]);
    expect(log).toEqual(['together a1,b1', 'together d1,e1', 'together a2,c1']);
  });
});
