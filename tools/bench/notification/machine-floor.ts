// What any other work costs the booking latency on this machine, at the lowest CPU priority there is.
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/notification/machine-floor.ts
//
// The notification bench asks the booking latency to stay unchanged while messages go out. The notification
// replicas, the mail sandbox stand-in and their threads all run at niceness 10; what is left of the difference
// might be their priority, or the machine itself. This bench tells which: the same sequential, paced
// `POST /bookings` (booking-latency.ts) sampled alone, then beside busy loops that ask for nothing but CPU, at
// the lowest priority Linux has (SCHED_IDLE through `chrt`, where present, and niceness 19), then alone again,
// then beside the same loops at the normal priority. A kernel that shares cores perfectly gives the idle-priority
// loops no CPU a booking request wants: whatever the latency still rises beside them is the machine's floor (on
// a virtual machine, cores shared with the host's other work, caches, memory), which no priority can lower.
//
// Environment: DATABASE_URL, REDIS_URL (as every bench), BENCH_FLOOR_MS (each phase, default 20000),
// BENCH_FLOOR_LOOPS (busy loops, default one per core).
import os from 'node:os';
import { sleep } from '@salle/runtime';
import { describeSample, startBookingProbe, type BookingSample } from './booking-latency';
import { LOWEST_PRIORITY, sampleBesideLoops } from './busy-loops';
import { percentile } from '../isere-stack/stack';

const phaseMs = Number(process.env['BENCH_FLOOR_MS'] ?? 20_000);
const loops = Number(process.env['BENCH_FLOOR_LOOPS'] ?? os.cpus().length);
const say = (line: string) => process.stdout.write(`${line}\n`);

const figures = (sample: BookingSample) =>
  `${percentile(sample.times, 50).toFixed(1)}/${percentile(sample.times, 90).toFixed(1)} ms`;

async function main(): Promise<void> {
  const [load] = os.loadavg();
  say(
    `machine floor: booking POST /bookings alone and beside ${loops} busy loop(s), ${phaseMs / 1000} s a phase; ` +
      `load average ${load?.toFixed(1)} on ${os.cpus().length} cores; lowest priority: ${LOWEST_PRIORITY}`,
  );
  const probe = await startBookingProbe(Math.ceil((4 * phaseMs) / 100) + 50);
  const phase = async (name: string, lowest?: boolean): Promise<BookingSample> => {
    const sample =
      lowest === undefined
        ? await probe.sample(sleep(phaseMs))
        : await sampleBesideLoops(probe, phaseMs, lowest, loops);
    say(`  ${name.padEnd(34)} ${describeSample(sample)}`);
    return sample;
  };
  try {
    const alone = await phase('alone');
    const lowest = await phase('beside lowest-priority loops', true);
    const again = await phase('alone again');
    const normal = await phase('beside normal-priority loops', false);
    const aloneTimes = [...alone.times, ...again.times];
    const rise = (sample: BookingSample, q: number) =>
      (percentile(sample.times, q) - percentile(aloneTimes, q)).toFixed(1);
    say(
      `summary: booking p50/p90 alone ${figures(alone)} and ${figures(again)}; beside lowest-priority loops ` +
        `${figures(lowest)} (+${rise(lowest, 50)}/+${rise(lowest, 90)} ms: the machine's floor); beside ` +
        `normal-priority loops ${figures(normal)} (+${rise(normal, 50)}/+${rise(normal, 90)} ms)`,
    );
  } finally {
    await probe.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
