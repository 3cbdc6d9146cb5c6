import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { formatLogLine } from './log-format';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export function startNodeApp(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  args: string[] = [],
): ManagedProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', script, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const colour = Boolean(process.stdout.isTTY);
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(`${formatLogLine(name, line, colour)}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** SIGTERM every process, wait for them, SIGKILL whatever is still there after the grace period. */
export async function stopAll(processes: ManagedProcess[], graceMs = 12_000): Promise<void> {
  const running = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  for (const p of running) p.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  }, graceMs);
  await Promise.all(running.map((p) => p.exited));
  clearTimeout(timer);
}
