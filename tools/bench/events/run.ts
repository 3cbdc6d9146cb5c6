// Events benchmark: outbox insert -> relay -> Redis stream -> consumer commit,
// with one and with two replicas.
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/events/run.ts
//
// Topology: each replica (an outbox relay and a consumer, see ./replica.ts)
// runs in a process of its own, as a deployed service replica does; the
// writers run in this process. The replicas use the library defaults unless
// the BENCH_* tuning variables below are set.
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_DRAIN (events drained from a full outbox,
// default 10000), BENCH_RATE (paced events/s, default 2000), BENCH_SECONDS
// (paced duration, default 10), BENCH_WRITERS (writer connections, default 16),
// BENCH_REPLICAS (setups to run, default "1,2"), BENCH_NOTIFY=1 (the outbox
// NOTIFYs at commit and the relays LISTEN).
// Tuning passed to the replicas: BENCH_BATCH, BENCH_CONCURRENCY, BENCH_TX_EVENTS
// (consumer batchSize, concurrency, eventsPerTransaction), BENCH_RELAY_BATCH,
// BENCH_POLL_MS, BENCH_GATHER_MS, BENCH_LISTEN=0|1 (relay batchSize, pollIntervalMs,
// gatherMs, listen),
// BENCH_CONSUMER_POOL (consumer connections per replica, default 10).
// BENCH_TRACE=1 also prints the worst latency of every 250 ms of the paced run, split where it was spent.
// BENCH_CPU_PROF=<folder> makes each replica write a V8 CPU profile there (open it in Chrome DevTools).
//
// The CPU lines say where the machine's time went (per event: the writers'
// process, the replica processes, PostgreSQL's sessions by application name,
// Redis) and how busy the whole machine was, other people's work included:
// a busy machine explains a bad run.
//
// Two measures per setup:
// - drain: the outbox is filled first, then the workers start; events/s until
//   every event has its effect committed (throughput);
// - paced: the writers add BENCH_RATE events/s, each in its own transaction
//   (BEGIN, outbox insert, COMMIT), while the workers run. Latency = the
//   consumer's commit (its `afterCommit` hook, in the replica process) minus
//   the event's occurred_at, which outbox.add takes just before its INSERT:
//   it includes the producer's own commit.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { eventTablesMigrations, createOutbox } from '@salle/events';
import { closeRedis, createRedis } from '@salle/redis';
import type { ParentMessage, ReplicaMessage } from './replica';

const env = process.env;
const adminUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const drainCount = Number(env['BENCH_DRAIN'] ?? 10_000);
const rate = Number(env['BENCH_RATE'] ?? 2_000);
const seconds = Number(env['BENCH_SECONDS'] ?? 10);
const writers = Number(env['BENCH_WRITERS'] ?? 16);
const setups = (env['BENCH_REPLICAS'] ?? '1,2').split(',').map(Number);
const notify = env['BENCH_NOTIFY'] === '1';

class CreateBenchEffects1763900000002 implements MigrationInterface {
  name = 'CreateBenchEffects1763900000002';
  async up(runner: QueryRunner) {
    await runner.query(
      `CREATE TABLE "payment"."bench_effect" (event_id uuid NOT NULL, booking_id uuid NOT NULL, price_cents integer NOT NULL)`,
    );
  }
  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE "payment"."bench_effect"`);
  }
}

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function payload(bookingId: string) {
  return {
    bookingId,
    establishmentId: randomUUID(),
    organisationId: randomUUID(),
    spaceId: randomUUID(),
    startsAt: '2026-12-01T18:00:00.000Z',
    endsAt: '2026-12-01T20:00:00.000Z',
    priceCents: 4500,
    paymentDueAt: '2026-11-30T18:00:00.000Z',
  };
}

async function withAdmin<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const admin = createDataSource({ url: adminUrl, schema: 'public', poolSize: 1 });
  await admin.initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

interface Setup {
  replicas: number;
  drainPerSecond: number;
  pacedPerSecond: number;
  p50: number;
  p99: number;
  max: number;
}

/** A replica process, and what it last said. */
interface Replica {
  child: ChildProcess;
  committed: number;
  lastCommitAt: number;
  cpuMs: number;
  result?: Extract<ReplicaMessage, { kind: 'result' }>;
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU time (user + system) a process used so far, from /proc; 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return 0;
  }
}

/**
 * CPU used so far by every process of the pipeline that is not Node: the
 * PostgreSQL backends of the bench database and the server's WAL writer, and
 * Redis (shared with whatever else uses it).
 */
async function serverCpu(producer: DataSource, database: string): Promise<Map<string, number>> {
  const rows: { pid: number; role: string }[] = await producer.query(
    `SELECT pid, CASE WHEN datname = $1 THEN coalesce(nullif(application_name, ''), 'other') ELSE 'server' END AS role
     FROM pg_stat_activity WHERE datname = $1 OR backend_type IN ('walwriter', 'background writer', 'checkpointer')`,
    [database],
  );
  const cpu = new Map<string, number>();
  for (const { pid, role } of rows) cpu.set(`pg ${role} ${pid}`, processCpuMs(pid));
  for (const pid of execFileSync('pgrep', ['-x', 'redis-server']).toString().trim().split('\n').filter(Boolean)) {
    cpu.set(`redis ${pid}`, processCpuMs(Number(pid)));
  }
  return cpu;
}

/** Busy and total CPU time of the whole machine so far, from /proc/stat (every process, the kernel included). */
function machineCpu(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const values = ticks.map(Number);
  const idle = values[3] + values[4];
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

function cpuSpent(before: Map<string, number>, after: Map<string, number>, kind: string): number {
  let spent = 0;
  for (const [key, value] of after) if (key.startsWith(kind)) spent += value - (before.get(key) ?? 0);
  return spent;
}

async function startReplicas(count: number, databaseUrl: string, keyPrefix: string): Promise<Replica[]> {
  const replicas = Array.from({ length: count }, (_, r): Replica => {
    const child = fork(path.join(__dirname, 'replica.ts'), [], {
      // BENCH_CPU_PROF=<folder>: each replica writes a V8 CPU profile there when it exits.
      execArgv: [
        ...process.execArgv,
        ...(env['BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${env['BENCH_CPU_PROF']}`] : []),
      ],
      env: {
        ...env,
        BENCH_DATABASE_URL: databaseUrl,
        BENCH_KEY_PREFIX: keyPrefix,
        BENCH_REPLICA: String(r),
        ...(notify ? { BENCH_LISTEN: '1' } : {}),
      },
    });
    const replica: Replica = { child, committed: 0, lastCommitAt: 0, cpuMs: 0 };
    child.on('message', (message: ReplicaMessage) => {
      if (message.kind === 'progress' || message.kind === 'result') {
        replica.committed = message.committed;
        replica.lastCommitAt = message.lastCommitAt;
        replica.cpuMs = message.cpuMs;
      }
      if (message.kind === 'result') replica.result = message;
    });
    return replica;
  });
  await Promise.all(
    replicas.map(
      ({ child }) =>
        new Promise<void>((resolve, reject) => {
          child.once('exit', (code) => reject(new Error(`a replica exited (${code}) before it was ready`)));
          child.on('message', (message: ReplicaMessage) => message.kind === 'ready' && resolve());
        }),
    ),
  );
  return replicas;
}

function tell(replicas: Replica[], message: ParentMessage) {
  for (const { child } of replicas) child.send(message);
}

const committedBy = (replicas: Replica[]) => replicas.reduce((sum, replica) => sum + replica.committed, 0);
const lastCommitOf = (replicas: Replica[]) => Math.max(...replicas.map((replica) => replica.lastCommitAt));
const replicaCpuOf = (replicas: Replica[]) => replicas.reduce((sum, replica) => sum + replica.cpuMs, 0);
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function runSetup(databaseUrl: string, database: string, count: number): Promise<Setup> {
  const label = `[${count} replica(s)]`;
  const keyPrefix = `bench:events:${Date.now().toString(36)}:`;
  const producer = createDataSource({
    url: databaseUrl,
    schema: 'booking',
    poolSize: writers + 2,
    applicationName: 'bench-writers',
  });
  await producer.initialize();
  const outbox = createOutbox({ schema: 'booking', notify });
  await producer.query(`TRUNCATE "booking"."event_outbox"`);
  await producer.query(`TRUNCATE "payment"."event_inbox", "payment"."bench_effect"`);
  const replicas = await startReplicas(count, databaseUrl, keyPrefix);
  // The producer's own transaction (BEGIN, insert, COMMIT), part of the end-to-end figure.
  const producerCommit: number[] = [];

  try {
    // Drain: a full outbox, then the workers.
    say(`${label} filling the outbox with ${drainCount} events...`);
    for (let i = 0; i < drainCount; i += 200) {
      await producer.transaction(async (manager) => {
        for (let j = i; j < Math.min(i + 200, drainCount); j++) {
          const bookingId = randomUUID();
          await outbox.add(manager, { type: 'booking.approved', aggregateId: bookingId, payload: payload(bookingId) });
        }
      });
    }
    const drainCpuBefore = { replicas: replicaCpuOf(replicas), servers: await serverCpu(producer, database) };
    const drainStart = Date.now();
    tell(replicas, { kind: 'start' });
    let lastReport = Date.now();
    while (committedBy(replicas) < drainCount) {
      await sleep(20);
      if (Date.now() - lastReport >= 1_000) {
        say(`${label} drain: ${committedBy(replicas)}/${drainCount} committed`);
        lastReport = Date.now();
      }
      if (Date.now() - drainStart > 120_000) throw new Error('drain did not finish within 120 s');
    }
    const drainSeconds = (lastCommitOf(replicas) - drainStart) / 1000;
    const drainPerSecond = drainCount / drainSeconds;
    await sleep(60); // one more progress message from each replica
    const drainServers = await serverCpu(producer, database);
    say(
      `${label} drain: ${drainCount} events in ${drainSeconds.toFixed(2)} s = ${drainPerSecond.toFixed(0)} events/s; CPU per event: ` +
        `replicas ${((replicaCpuOf(replicas) - drainCpuBefore.replicas) / drainCount).toFixed(3)} ms, ` +
        `PostgreSQL ${(cpuSpent(drainCpuBefore.servers, drainServers, 'pg') / drainCount).toFixed(3)} ms, ` +
        `Redis ${(cpuSpent(drainCpuBefore.servers, drainServers, 'redis') / drainCount).toFixed(3)} ms`,
    );

    // Paced: writers at `rate` events/s, each event in its own transaction.
    const total = Math.round(rate * seconds);
    tell(replicas, { kind: 'record' });
    await sleep(100);
    const before = committedBy(replicas);
    const cpuBefore = {
      writers: ownCpuMs(),
      replicas: replicaCpuOf(replicas),
      servers: await serverCpu(producer, database),
      machine: machineCpu(),
    };
    const pacedStart = Date.now();
    let written = 0;
    let late = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = w; i < total; i += writers) {
          const due = pacedStart + (i * 1000) / rate;
          const wait = due - Date.now();
          if (wait > 0) await sleep(wait);
          else if (wait < -5) late++;
          const bookingId = randomUUID();
          const began = Date.now();
          await producer.transaction((manager) =>
            outbox.add(manager, { type: 'booking.approved', aggregateId: bookingId, payload: payload(bookingId) }),
          );
          producerCommit.push(Date.now() - began);
          written++;
          if (written % rate === 0)
            say(`${label} paced: ${written}/${total} written, ${committedBy(replicas) - before} committed`);
        }
      }),
    );
    const writeSeconds = (Date.now() - pacedStart) / 1000;
    const deadline = Date.now() + 30_000;
    while (committedBy(replicas) - before < total && Date.now() < deadline) await sleep(20);
    const pacedCommitted = committedBy(replicas) - before;
    const pacedSeconds = (lastCommitOf(replicas) - pacedStart) / 1000;
    const machine = machineCpu();
    await sleep(60); // one more progress message from each replica
    const servers = await serverCpu(producer, database);
    const perEvent = (ms: number) => (ms / total).toFixed(3);
    const cpu = {
      writers: ownCpuMs() - cpuBefore.writers,
      replicas: replicaCpuOf(replicas) - cpuBefore.replicas,
      postgres: cpuSpent(cpuBefore.servers, servers, 'pg'),
      redis: cpuSpent(cpuBefore.servers, servers, 'redis'),
      pgWriters: cpuSpent(cpuBefore.servers, servers, 'pg bench-writers'),
      pgRelays: cpuSpent(cpuBefore.servers, servers, 'pg bench-relay'),
      pgConsumers: cpuSpent(cpuBefore.servers, servers, 'pg bench-consumer'),
      pgServer: cpuSpent(cpuBefore.servers, servers, 'pg server'),
      pgOther: cpuSpent(cpuBefore.servers, servers, 'pg other'),
    };
    const machineBusy = (machine.busy - cpuBefore.machine.busy) / (machine.total - cpuBefore.machine.total);

    tell(replicas, { kind: 'stop' });
    const stopDeadline = Date.now() + 15_000;
    while (replicas.some((replica) => !replica.result)) {
      if (Date.now() > stopDeadline) throw new Error('a replica did not report its result');
      await sleep(20);
    }
    const results = replicas.flatMap((replica) => (replica.result ? [replica.result] : []));
    const sorted = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
    const result: Setup = {
      replicas: count,
      drainPerSecond,
      pacedPerSecond: pacedCommitted / pacedSeconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
    };
    say(
      `${label} paced: ${pacedCommitted}/${total} committed in ${pacedSeconds.toFixed(2)} s; written at ${(total / writeSeconds).toFixed(0)}/s ` +
        `(${late} writes started > 5 ms late); latency p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms`,
    );
    const part = (values: number[]) => {
      const ordered = [...values].sort((a, b) => a - b);
      return `p50 ${percentile(ordered, 50)} ms, p99 ${percentile(ordered, 99)} ms`;
    };
    say(
      `${label} paced: producer transaction ${part(producerCommit)}; insert -> stream ${part(results.flatMap((r) => r.toStream))}; ` +
        `stream -> consumer commit ${part(results.flatMap((r) => r.toCommit))}; events per replica ${results.map((r) => r.latencies.length).join('/')}`,
    );

    say(
      `${label} paced: CPU per event: writers ${perEvent(cpu.writers)} ms, replicas ${perEvent(cpu.replicas)} ms, ` +
        `PostgreSQL ${perEvent(cpu.postgres)} ms (writers' sessions ${perEvent(cpu.pgWriters)}, relays' ${perEvent(cpu.pgRelays)}, ` +
        `consumers' ${perEvent(cpu.pgConsumers)}, server and autovacuum ${perEvent(cpu.pgServer + cpu.pgOther)}), Redis ${perEvent(cpu.redis)} ms; ` +
        `all of it ${(((cpu.writers + cpu.replicas + cpu.postgres + cpu.redis) / 1000 / pacedSeconds) * 100).toFixed(0)} % of one core; ` +
        `machine busy ${(machineBusy * 100).toFixed(0)} % of its ${cpus().length} cores (whatever runs on it)`,
    );

    if (env['BENCH_TRACE'] === '1') {
      // Worst latency per 250 ms of commit time: tells steady queueing from stalls.
      // Each worst one as total(insert -> stream + stream -> commit), to tell where it waited.
      const buckets = new Map<number, { total: number; toStream: number; toCommit: number }>();
      for (const r of results)
        r.commitTimes.forEach((at, i) => {
          const bucket = Math.floor((at - pacedStart) / 250);
          if ((buckets.get(bucket)?.total ?? -1) < r.latencies[i])
            buckets.set(bucket, { total: r.latencies[i], toStream: r.toStream[i], toCommit: r.toCommit[i] });
        });
      const worst = [...buckets.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([, w]) => `${w.total}(${w.toStream}+${w.toCommit})`);
      say(`${label} trace (max latency per 250 ms, as insert -> stream + stream -> commit): ${worst.join(' ')}`);
    }

    const [{ effects, distinct }] = await producer.query(
      `SELECT count(*)::int AS effects, count(DISTINCT event_id)::int AS distinct FROM "payment"."bench_effect"`,
    );
    if (effects !== distinct || effects !== drainCount + total) {
      throw new Error(`effects check failed: ${effects} effects, ${distinct} distinct, expected ${drainCount + total}`);
    }
    return result;
  } finally {
    // A replica told to stop exits by itself; one that does not within 5 s is killed.
    await Promise.all(
      replicas.map(({ child }) =>
        child.exitCode !== null || child.signalCode !== null
          ? undefined
          : new Promise<void>((resolve) => {
              const timer = setTimeout(
                () => child.kill('SIGKILL'),
                child.connected && replicas.every((r) => r.result) ? 5_000 : 0,
              );
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
            }),
      ),
    );
    const raw = createRedis({ url: redisUrl, keyPrefix: '' });
    const benchKeys = await raw.keys(`${keyPrefix}*`);
    if (benchKeys.length) await raw.del(...benchKeys);
    await closeRedis(raw);
    await producer.destroy();
  }
}

async function main() {
  const name = `bench_events_${Date.now().toString(36)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  say(
    `events bench: ${rate} events/s for ${seconds} s, ${writers} writer connections in this process` +
      `${notify ? ', outbox NOTIFY + relay LISTEN' : ''}; one process per replica (relay + consumer); ` +
      `latency = consumer commit - occurred_at (taken before the outbox INSERT, so the producer's commit counts)`,
  );
  try {
    for (const [schema, migrations] of [
      ['booking', eventTablesMigrations('booking')],
      ['payment', [...eventTablesMigrations('payment'), CreateBenchEffects1763900000002]],
    ] as const) {
      const ds = createDataSource({ url: databaseUrl, schema, migrations: [...migrations] });
      await ds.initialize();
      await migrate(ds);
      await ds.destroy();
    }
    const results: Setup[] = [];
    for (const replicas of setups) results.push(await runSetup(databaseUrl, name, replicas));
    say(
      'events bench: ' +
        results
          .map(
            (r) =>
              `${r.replicas} replica${r.replicas > 1 ? 's' : ''}: drain ${r.drainPerSecond.toFixed(0)} ev/s, ` +
              `paced ${r.pacedPerSecond.toFixed(0)} ev/s p50 ${r.p50} ms p99 ${r.p99} ms`,
          )
          .join(' | ') +
        ` (target >= 2000 ev/s, p99 <= 50 ms)`,
    );
  } finally {
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

void main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
