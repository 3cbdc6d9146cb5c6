import { backoffDelay, createRetryScheduler } from './retry-scheduler';

const delivery = (entryId: string) => ({ stream: 'booking', entryId, fields: [], attempt: 1 });

describe('retry scheduler', () => {
  it('doubles the backoff at each attempt, up to its cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, 200, 10_000))).toEqual([
      200, 400, 800, 1_600, 3_200, 6_400, 10_000,
    ]);
    expect(createRetryScheduler({ initialMs: 50, maxMs: 120 }).delayFor(3)).toBe(120);
  });

  it('gives the retries due, the next due time, and keeps one retry per entry', () => {
    const retries = createRetryScheduler({ initialMs: 200, maxMs: 10_000 });
    expect(retries.nextDueAt()).toBe(Infinity);
    const now = Date.now();
    retries.later(delivery('1-0'), 0, true);
    retries.later(delivery('2-0'), 60_000, false);
    retries.later({ ...delivery('2-0'), attempt: 2 }, 30_000, true);
    expect(retries.due(now + 1_000).map((retry) => retry.delivery.entryId)).toEqual(['1-0']);
    expect(retries.nextDueAt()).toBeLessThanOrEqual(now + 1_000);
    retries.forget(delivery('1-0'));
    expect(retries.due(now + 1_000)).toEqual([]);
    const [later] = retries.due(now + 31_000);
    expect(later).toMatchObject({ delivery: { entryId: '2-0', attempt: 2 }, counts: true });
    expect(retries.nextDueAt()).toBeGreaterThanOrEqual(now + 30_000);
    retries.clear();
    expect(retries.nextDueAt()).toBe(Infinity);
  });

  it('pauses reading for the given time', () => {
    const retries = createRetryScheduler({ initialMs: 200, maxMs: 10_000 });
    expect(retries.pausedUntil).toBe(0);
    const before = Date.now();
    retries.pauseReading(1_000);
    expect(retries.pausedUntil).toBeGreaterThanOrEqual(before + 1_000);
    expect(retries.pausedUntil).toBeLessThanOrEqual(Date.now() + 1_000);
  });
});
