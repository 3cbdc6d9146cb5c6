import { retry, withTimeout } from './retry';

describe('retry', () => {
  it('returns as soon as the operation succeeds, backing off between attempts', async () => {
    let calls = 0;
    const delays: number[] = [];
    const value = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`fail ${calls}`);
        return 'ok';
      },
      { attempts: 5, initialDelayMs: 1, maxDelayMs: 3, onRetry: (_e, _a, delay) => delays.push(delay) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([1, 2]);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
        { attempts: 3, initialDelayMs: 1 },
      ),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });
});

describe('withTimeout', () => {
  it('rejects a promise that takes too long', async () => {
    await expect(withTimeout(new Promise(() => undefined), 10, 'too slow')).rejects.toThrow('too slow');
  });

  it('passes a timely value through', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, 'too slow')).resolves.toBe(42);
  });
});
