import type { SentMessage } from './send-log';
import { SettleQueue } from './settle-queue';

const sent = (id: string): SentMessage => ({ id, response: '250 OK', providerId: null, sentAt: new Date(0) });

/** A write that waits until the test lets it finish, and records each group it was given. */
function heldWrites() {
  const groups: string[][] = [];
  const releases: ((error?: Error) => void)[] = [];
  const write = (messages: SentMessage[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push(messages.map((message) => message.id));
      releases.push((error) => (error ? reject(error) : resolve()));
    });
  return { groups, write, release: (index: number, error?: Error) => releases[index]?.(error) };
}

describe('settling sent messages in groups', () => {
  it('writes the first at once and those that come while it is written together next', async () => {
    const writes = heldWrites();
    const queue = new SettleQueue(writes.write);
    const first = queue.settle(sent('a'));
    const others = [queue.settle(sent('b')), queue.settle(sent('c'))];
    expect(writes.groups).toEqual([['a']]);
    writes.release(0);
    await first;
    await Promise.resolve();
    expect(writes.groups).toEqual([['a'], ['b', 'c']]);
    writes.release(1);
    await Promise.all(others);
    // Quiet again: the next one is written alone, at once.
    const last = queue.settle(sent('d'));
    expect(writes.groups).toEqual([['a'], ['b', 'c'], ['d']]);
    writes.release(2);
    await last;
  });

  it('rejects every message of a group whose write failed, and goes on with the next group', async () => {
    const writes = heldWrites();
    const queue = new SettleQueue(writes.write);
    const first = queue.settle(sent('a'));
    const second = queue.settle(sent('b'));
    writes.release(0, new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await Promise.resolve();
    writes.release(1);
    await expect(second).resolves.toBeUndefined();
    expect(writes.groups).toEqual([['a'], ['b']]);
  });

  it('waits a moment after the first so that the messages accepted meanwhile share its write', async () => {
    jest.useFakeTimers();
    try {
      const writes = heldWrites();
      const queue = new SettleQueue(writes.write, 20);
      const settled = [queue.settle(sent('a'))];
      await jest.advanceTimersByTimeAsync(10);
      settled.push(queue.settle(sent('b')), queue.settle(sent('c')));
      expect(writes.groups).toEqual([]);
      await jest.advanceTimersByTimeAsync(10);
      expect(writes.groups).toEqual([['a', 'b', 'c']]);
      writes.release(0);
      await Promise.all(settled);
      // The next group waits its own moment too.
      const later = queue.settle(sent('d'));
      await jest.advanceTimersByTimeAsync(19);
      expect(writes.groups).toEqual([['a', 'b', 'c']]);
      await jest.advanceTimersByTimeAsync(1);
      expect(writes.groups).toEqual([['a', 'b', 'c'], ['d']]);
      writes.release(1);
      await later;
    } finally {
      jest.useRealTimers();
    }
  });
});
