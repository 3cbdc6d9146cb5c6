import { SendWindow } from './send-window';

/** A send log of numbered messages, and sends that finish when the test says so. */
function harness(due: number, size: number) {
  let next = 0;
  const claims: number[] = [];
  const sends = new Map<number, () => void>();
  const window = new SendWindow<number>({
    size,
    claim: (limit) => {
      claims.push(limit);
      const taken = Array.from({ length: Math.min(limit, due - next) }, () => next++);
      return Promise.resolve(taken);
    },
    send: (item) => new Promise<void>((resolve) => sends.set(item, resolve)),
    onError: (error) => {
      throw error;
    },
  });
  const settle = async (...items: number[]) => {
    for (const item of items) {
      sends.get(item)?.();
      sends.delete(item);
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { window, claims, sends, settle, logMore: (count: number) => (due += count) };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the send window', () => {
  it('claims no more than the window holds, and refills once half of it settled rather than after the slowest', async () => {
    const { window, claims, sends, settle } = harness(20, 4);
    window.nudge();
    await flush();
    expect(claims).toEqual([4]);
    expect([...sends.keys()]).toEqual([0, 1, 2, 3]);
    await settle(0);
    expect(claims).toEqual([4]);
    await settle(2);
    // Two free slots, while 1 and 3 are still in flight: two more claimed at once.
    expect(claims).toEqual([4, 2]);
    expect([...sends.keys()].sort((a, b) => a - b)).toEqual([1, 3, 4, 5]);
    expect(window.busy).toBe(4);
  });

  it('stops claiming when a claim finds less than it asked for, until nudged again', async () => {
    const { window, claims, sends, settle, logMore } = harness(1, 4);
    window.nudge();
    await flush();
    await settle(0);
    expect(claims).toEqual([4]);
    logMore(3);
    window.nudge();
    await flush();
    expect(claims).toEqual([4, 4]);
    expect([...sends.keys()]).toEqual([1, 2, 3]);
  });

  it('has room while at least half the window is free and it is open, which lets other replicas sleep', async () => {
    const { window, settle } = harness(20, 4);
    expect(window.hasRoom).toBe(true);
    window.nudge();
    await flush();
    expect(window.busy).toBe(4);
    expect(window.hasRoom).toBe(false);
    await settle(0);
    // One slot of four free: a claim now would wait for a second one.
    expect(window.hasRoom).toBe(false);
    await settle(1);
    // Two free: it claimed them at once, so it is full again.
    expect(window.busy).toBe(4);
    expect(window.hasRoom).toBe(false);
    const closing = window.close();
    await settle(2, 3, 4, 5);
    await closing;
    expect(window.busy).toBe(0);
    expect(window.hasRoom).toBe(false);
  });

  it('closes once every message in flight is settled, and claims nothing after', async () => {
    const { window, claims, settle } = harness(10, 2);
    window.nudge();
    await flush();
    let closed = false;
    const closing = window.close().then(() => (closed = true));
    await settle(0);
    expect(closed).toBe(false);
    await settle(1);
    await closing;
    expect(closed).toBe(true);
    window.nudge();
    await flush();
    expect(claims).toEqual([2]);
  });
});
