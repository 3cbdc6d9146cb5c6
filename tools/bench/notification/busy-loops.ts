// Busy loops that ask for nothing but CPU, for the benches that measure what other work costs the booking
// latency (machine-floor.ts, and the notification bench's floor phase in run.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { sleep } from '@salle/runtime';
import type { BookingProbe, BookingSample } from './booking-latency';

/** SCHED_IDLE needs `chrt` (util-linux); without it, the lowest priority is niceness 19 alone. */
export const chrtPresent = spawnSync('chrt', ['--version']).status === 0;

export const LOWEST_PRIORITY = chrtPresent ? 'SCHED_IDLE and niceness 19' : 'niceness 19 (chrt not found)';

function busyLoops(lowest: boolean, count: number): ChildProcess[] {
  const loop = ['sh', '-c', 'while :; do :; done'];
  const command = lowest ? [...(chrtPresent ? ['chrt', '--idle', '0'] : []), 'nice', '-n', '19', ...loop] : loop;
  return Array.from({ length: count }, () =>
    spawn(command[0] as string, command.slice(1), { stdio: 'ignore' }).on('error', (error) => {
      process.stderr.write(`a busy loop could not start: ${error.message}\n`);
    }),
  );
}

/**
 * The probe's sample for `ms` beside `count` busy loops (one per core by default), at the lowest priority there
 * is (`lowest`) or the normal one. A kernel that shared cores perfectly would give the lowest-priority loops no
 * CPU a booking request wants: what the latency still rises beside them is the machine's floor.
 */
export async function sampleBesideLoops(
  probe: BookingProbe,
  ms: number,
  lowest: boolean,
  count = os.cpus().length,
): Promise<BookingSample> {
  const running = busyLoops(lowest, count);
  try {
    const sample = await probe.sample(sleep(ms));
    // A loop that could not start (chrt or nice refused) would make a floor of nothing.
    if (running.some((child) => child.exitCode !== null || child.signalCode !== null))
      throw new Error('a busy loop ended before its phase: the figures beside it would mean nothing');
    return sample;
  } finally {
    for (const child of running) child.kill('SIGKILL');
    await sleep(500);
  }
}
