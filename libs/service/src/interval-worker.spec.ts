import { createLogger } from '@salle/runtime';
import { IntervalWorker } from './index';

const logger = createLogger({ service: 'interval-test', level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('IntervalWorker', () => {
  it('runs at once, then again and again, one run at a time', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const worker = new IntervalWorker(
      'counter',
      1,
      async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 3));
        runs++;
        concurrent--;
      },
      logger,
    ).start();
    await Promise.all([until(() => runs >= 3), worker.runOnce()]);
    await worker.stop();
    expect(maxConcurrent).toBe(1);
    const stoppedAt = runs;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(stoppedAt);
  });

  it('keeps going after a failing run', async () => {
    let attempts = 0;
    const worker = new IntervalWorker(
      'flaky',
      1,
      async () => {
        attempts++;
        if (attempts === 1) throw new Error('database unavailable');
      },
      logger,
    ).start();
    await until(() => attempts >= 2);
    await worker.stop();
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('waits for the run in progress when stopped', async () => {
    let finished = false;
    const worker = new IntervalWorker(
      'slow',
      60_000,
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished = true;
      },
      logger,
    ).start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    expect(finished).toBe(true);
  });
});
