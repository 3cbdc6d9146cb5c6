import type { ChildProcess } from 'node:child_process';
import { spawnBundled } from '@salle/testing';

export interface Fixture {
  child: ChildProcess;
  /** Resolves with the first stdout line starting with `prefix`. */
  line(prefix: string, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

/** Starts a fixture under test/fixtures as a real process (from its cached bundle). */
export async function startFixture(file: string, env: NodeJS.ProcessEnv): Promise<Fixture> {
  const child = await spawnBundled(`libs/events/test/fixtures/${file}`, [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', () => {
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    child,
    async line(prefix, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find((line) => line.startsWith(prefix));
        if (found) return found;
        if (child.exitCode !== null)
          throw new Error(`${file} exited (${child.exitCode}) before "${prefix}": ${stderr}`);
        if (Date.now() > deadline)
          throw new Error(`${file} did not print "${prefix}" within ${timeoutMs} ms: ${stderr}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
