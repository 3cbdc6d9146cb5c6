import { createRelayPause } from './relay-pause';

/** Resolves with how long `promise` took, in ms. */
async function timed(promise: Promise<void>): Promise<number> {
  const start = Date.now();
  await promise;
  return Date.now() - start;
}

describe('relay pause', () => {
  it('ends a pause at a wake-up, and remembers a wake-up that came between two pauses', async () => {
    const pauses = createRelayPause(() => true);
    const waiting = pauses.pause(5_000);
    pauses.wakeUp();
    expect(await timed(waiting)).toBeLessThan(1_000);
    pauses.wakeUp();
    expect(await timed(pauses.pause(5_000))).toBeLessThan(1_000);
    expect(await timed(pauses.pause(30))).toBeGreaterThanOrEqual(25);
  });

  it('lets a gathering pause run its course despite wake-ups, but not past stop()', async () => {
    let running = true;
    const pauses = createRelayPause(() => running);
    const gathering = pauses.pause(60, true);
    pauses.wakeUp();
    expect(await timed(gathering)).toBeGreaterThanOrEqual(50);
    const stopped = pauses.pause(5_000, true);
    running = false;
    pauses.wakeUp();
    expect(await timed(stopped)).toBeLessThan(1_000);
    expect(await timed(pauses.pause(5_000))).toBeLessThan(1_000);
  });
});
