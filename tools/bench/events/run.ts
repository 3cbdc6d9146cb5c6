// Events benchmark: outbox insert -> relay -> Redis stream -> consumer commit,
// with one and with two relay+consumer replicas (in this process).
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/events/run.ts
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_DRAIN (events drained from a full outbox,
// default 10000), BENCH_RATE (paced events/s, default 2000), BENCH_SECONDS
// (paced duration, default 5).
//
// Two measures per setup:
// - drain: the outbox is filled first, then the workers start; events/s until
//   every event has its effect committed (throughput);
// - paced: writers add BENCH_RATE events/s, each in its own transaction, while
//   the workers run; latency = the consumer's commit (its `afterCommit` hook)
//   minus the event's occurred_at, taken just before its insert.
import { randomUUID } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import {
  createEventConsumer,
  createEventTablesMigration,
  createOutbox,
  createOutboxRelay,
  type EventConsumer,
  type OutboxRelay,
} from '@salle/events';
import { closeRedis, createRedis } from '@salle/redis';
import { createLogger } from '@salle/runtime';

const env = process.env;
const adminUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const drainCount = Number(env['BENCH_DRAIN'] ?? 10_000);
const rate = Number(env['BENCH_RATE'] ?? 2_000);
const seconds = Number(env['BENCH_SECONDS'] ?? 5);
const concurrency = Number(env['BENCH_CONCURRENCY'] ?? 8);
const batchSize = Number(env['BENCH_BATCH'] ?? 100);
const writers = Number(env['BENCH_WRITERS'] ?? 16);
const logger = createLogger({ service: 'bench-events', level: 'warn' });

class CreateBenchEffects1763900000002 implements MigrationInterface {
  name = 'CreateBenchEffects1763900000002';
  async up(runner: QueryRunner) {
    await runner.query(`CREATE TABLE "payment"."bench_effect" (event_id uuid NOT NULL, booking_id uuid NOT NULL, price_cents integer NOT NULL)`);
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

async function runSetup(databaseUrl: string, replicas: number): Promise<Setup> {
  const keyPrefix = `bench:events:${Date.now().toString(36)}:`;
  const producer = createDataSource({ url: databaseUrl, schema: 'booking', poolSize: writers + 2 });
  await producer.initialize();
  const outbox = createOutbox({ schema: 'booking' });
  const redis = createRedis({ url: redisUrl, keyPrefix: 'bench:' });
  redis.on('error', () => undefined);
  const sources: DataSource[] = [producer];
  await producer.query(`TRUNCATE "booking"."event_outbox"`);
  await producer.query(`TRUNCATE "payment"."event_inbox", "payment"."bench_effect"`);

  let committed = 0;
  let recording = false;
  const latencies: number[] = [];
  // The entry id's time part is when Redis took the XADD: it splits the latency in two.
  const toStream: number[] = [];
  const toCommit: number[] = [];
  // The producer's own transaction (insert + commit), part of the end-to-end figure.
  const producerCommit: number[] = [];
  const occurred = new Map<string, number>();

  const relays: OutboxRelay[] = [];
  const consumers: EventConsumer[] = [];
  for (let r = 0; r < replicas; r++) {
    // Each replica gets pools of its own, as a separate process would.
    const relaySource = createDataSource({ url: databaseUrl, schema: 'booking', poolSize: 2 });
    const consumerSource = createDataSource({ url: databaseUrl, schema: 'payment', poolSize: 10 });
    await relaySource.initialize();
    await consumerSource.initialize();
    sources.push(relaySource, consumerSource);
    relays.push(
      createOutboxRelay({
        dataSource: relaySource,
        redis,
        keyPrefix,
        stream: 'booking',
        consumerGroups: ['payment'],
        logger,
        leaseRetryMs: 500,
      }),
    );
    consumers.push(
      createEventConsumer({
        group: 'payment',
        consumerName: `bench-${r}`,
        dataSource: consumerSource,
        redis,
        keyPrefix,
        logger,
        batchSize,
        concurrency,
        handlers: {
          'booking.approved': async (event, { manager, entryId }) => {
            await manager.query(`INSERT INTO "payment"."bench_effect" (event_id, booking_id, price_cents) VALUES ($1, $2, $3)`, [
              event.id,
              event.payload.bookingId,
              event.payload.priceCents,
            ]);
            occurred.set(entryId, Date.parse(event.occurredAt));
          },
        },
        hooks: {
          afterCommit: (entryIds) => {
            const now = Date.now();
            for (const id of entryIds) {
              const at = occurred.get(id);
              if (at === undefined) continue;
              occurred.delete(id);
              committed++;
              if (!recording) continue;
              const added = Number(id.split('-')[0]);
              latencies.push(now - at);
              toStream.push(added - at);
              toCommit.push(now - added);
            }
          },
        },
      }),
    );
  }

  // Drain: a full outbox, then the workers.
  say(`[${replicas} replica(s)] filling the outbox with ${drainCount} events...`);
  for (let i = 0; i < drainCount; i += 200) {
    await producer.transaction(async (manager) => {
      for (let j = i; j < Math.min(i + 200, drainCount); j++) {
        const bookingId = randomUUID();
        await outbox.add(manager, { type: 'booking.approved', aggregateId: bookingId, payload: payload(bookingId) });
      }
    });
  }
  const drainStart = Date.now();
  await Promise.all([...relays, ...consumers].map((worker) => worker.start()));
  let lastReport = Date.now();
  while (committed < drainCount) {
    await sleep(50);
    if (Date.now() - lastReport >= 1_000) {
      say(`[${replicas} replica(s)] drain: ${committed}/${drainCount} committed`);
      lastReport = Date.now();
    }
    if (Date.now() - drainStart > 120_000) throw new Error('drain did not finish within 120 s');
  }
  const drainPerSecond = drainCount / ((Date.now() - drainStart) / 1000);
  say(`[${replicas} replica(s)] drain: ${drainCount} events in ${((Date.now() - drainStart) / 1000).toFixed(2)} s = ${drainPerSecond.toFixed(0)} events/s`);

  // Paced: writers at `rate` events/s, each event in its own transaction.
  const total = Math.round(rate * seconds);
  const before = committed;
  recording = true;
  const pacedStart = Date.now();
  let written = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = w; i < total; i += writers) {
        const due = pacedStart + (i * 1000) / rate;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        const bookingId = randomUUID();
        const began = Date.now();
        await producer.transaction((manager) =>
          outbox.add(manager, { type: 'booking.approved', aggregateId: bookingId, payload: payload(bookingId) }),
        );
        producerCommit.push(Date.now() - began);
        written++;
        if (written % rate === 0) say(`[${replicas} replica(s)] paced: ${written}/${total} written, ${committed - before} committed`);
      }
    }),
  );
  const writeSeconds = (Date.now() - pacedStart) / 1000;
  const deadline = Date.now() + 30_000;
  while (committed - before < total && Date.now() < deadline) await sleep(20);
  const pacedSeconds = (Date.now() - pacedStart) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const result: Setup = {
    replicas,
    drainPerSecond,
    pacedPerSecond: (committed - before) / pacedSeconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
  say(
    `[${replicas} replica(s)] paced: ${committed - before}/${total} committed; written at ${(total / writeSeconds).toFixed(0)}/s; ` +
      `latency p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms`,
  );
  const part = (values: number[]) => {
    const ordered = [...values].sort((a, b) => a - b);
    return `p50 ${percentile(ordered, 50)} ms, p99 ${percentile(ordered, 99)} ms`;
  };
  say(
    `[${replicas} replica(s)] paced: producer transaction ${part(producerCommit)}; insert -> stream ${part(toStream)}; ` +
      `stream -> consumer commit ${part(toCommit)}`,
  );

  const [{ effects, distinct }] = await producer.query(
    `SELECT count(*)::int AS effects, count(DISTINCT event_id)::int AS distinct FROM "payment"."bench_effect"`,
  );
  if (effects !== distinct || effects !== drainCount + total) {
    throw new Error(`effects check failed: ${effects} effects, ${distinct} distinct, expected ${drainCount + total}`);
  }

  await Promise.all([...relays, ...consumers].map((worker) => worker.stop()));
  const raw = createRedis({ url: redisUrl, keyPrefix: '' });
  const benchKeys = await raw.keys(`${keyPrefix}*`);
  if (benchKeys.length) await raw.del(...benchKeys);
  await Promise.all([closeRedis(raw), closeRedis(redis)]);
  await Promise.all(sources.map((source) => source.destroy()));
  return result;
}

async function main() {
  const name = `bench_events_${Date.now().toString(36)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  try {
    for (const [schema, migrations] of [
      ['booking', [createEventTablesMigration('booking')]],
      ['payment', [createEventTablesMigration('payment'), CreateBenchEffects1763900000002]],
    ] as const) {
      const ds = createDataSource({ url: databaseUrl, schema, migrations: [...migrations] });
      await ds.initialize();
      await migrate(ds);
      await ds.destroy();
    }
    const results: Setup[] = [];
    for (const replicas of [1, 2]) results.push(await runSetup(databaseUrl, replicas));
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
