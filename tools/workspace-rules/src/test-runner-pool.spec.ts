// The lanes of `npm test` (tools/test-runner/bin/pool.cjs): every task runs, a failure included, and the first
// failing code is the result.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { pool } from '../../test-runner/bin/pool.cjs';

const after = (ms: number, code: number, log: string[], name: string) => async () => {
  log.push(`${name} starts`);
  await new Promise((resolve) => setTimeout(resolve, ms));
  log.push(`${name} ends`);
  return code;
};

/** A task that ends when the test says so: the order then depends on nothing but pool(). */
function heldTask(name: string, log: string[]) {
  let end: (code: number) => void = () => undefined;
  const ended = new Promise<number>((resolve) => (end = resolve));
  const run = async () => {
    log.push(`${name} starts`);
    const code = await ended;
    log.push(`${name} ends`);
    return code;
  };
  return { run, end: (code = 0) => end(code) };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('npm test’s lanes (pool)', () => {
  it('runs the tasks in order, each lane taking the next as its own ends', async () => {
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => heldTask(name, log)) as [
      ReturnType<typeof heldTask>,
      ReturnType<typeof heldTask>,
      ReturnType<typeof heldTask>,
    ];
    const done = pool([a.run, b.run, c.run], 2);
    await settle();
    expect(log).toEqual(['a starts', 'b starts']);
    b.end();
    await settle();
    expect(log).toEqual(['a starts', 'b starts', 'b ends', 'c starts']);
    c.end();
    a.end();
    expect(await done).toBe(0);
    expect(log.slice(4)).toEqual(['c ends', 'a ends']);
  });

  it('runs every task after a failure, and resolves to the first failing code', async () => {
    const log: string[] = [];
    const code = await pool(
      [after(1, 3, log, 'a'), after(1, 0, log, 'b'), after(1, 5, log, 'c'), after(1, 0, log, 'd')],
      1,
    );
    expect(code).toBe(3);
    expect(log.filter((line) => line.endsWith('ends'))).toEqual(['a ends', 'b ends', 'c ends', 'd ends']);
  });

  it('treats a task resolving to nothing as a success', async () => {
    expect(await pool([async () => undefined as unknown as number], 3)).toBe(0);
  });
});
