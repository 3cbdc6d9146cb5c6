// One replica of the events benchmark: an outbox relay (booking stream) and a
// consumer (payment group) in a process of their own, as a deployed service
// replica runs them. Started by ./run.ts through child_process.fork; talks to
// it over the IPC channel:
//   parent -> replica: { kind: 'start' } | { kind: 'record' } | { kind: 'stop' }
//   replica -> parent: { kind: 'ready' } | progress | result (see ReplicaMessage)
// Latency is taken here, right after the consumer's transaction committed
// (its `afterCommit` hook), as now minus the event's occurred_at, which
// outbox.add sets just before its INSERT in the producer's transaction.
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@salle/db';
import {
  createEventConsumer,
  createOutboxRelay,
  type EventConsumerOptions,
  type OutboxRelayOptions,
} from '@salle/events';
import { closeRedis, createRedis } from '@salle/redis';
import { createLogger } from '@salle/runtime';

export type ParentMessage = { kind: 'start' } | { kind: 'record' } | { kind: 'stop' };
export type ReplicaMessage =
  | { kind: 'ready' }
  | { kind: 'progress'; committed: number; lastCommitAt: number; cpuMs: number }
  | {
      kind: 'result';
      committed: number;
      lastCommitAt: number;
      cpuMs: number;
      latencies: number[];
      toStream: number[];
      toCommit: number[];
      commitTimes: number[];
    };

const env = process.env;
const optional = (name: string) => (env[name] ? Number(env[name]) : undefined);
const flag = (name: string) => (env[name] ? env[name] === '1' : undefined);

/** CPU time this process used so far (user + system). */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function send(message: ReplicaMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function main() {
  const databaseUrl = env['BENCH_DATABASE_URL'] ?? '';
  const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const keyPrefix = env['BENCH_KEY_PREFIX'] ?? '';
  const replica = env['BENCH_REPLICA'] ?? '0';
  const logger = createLogger({ service: `bench-events-replica-${replica}`, level: 'warn' });
  // Application names let ./run.ts tell the PostgreSQL CPU of the relay from the consumer's.
  const relaySource = createDataSource({
    url: databaseUrl,
    schema: 'booking',
    poolSize: 2,
    applicationName: 'bench-relay',
  });
  const consumerSource = createDataSource({
    url: databaseUrl,
    schema: 'payment',
    poolSize: optional('BENCH_CONSUMER_POOL') ?? 10,
    applicationName: 'bench-consumer',
  });
  const sources: DataSource[] = [relaySource, consumerSource];
  await Promise.all(sources.map((source) => source.initialize()));
  const redis = createRedis({ url: redisUrl, keyPrefix: 'bench:' });
  redis.on('error', () => undefined);

  let committed = 0;
  let lastCommitAt = 0;
  let recording = false;
  const latencies: number[] = [];
  // The entry id's time part is when Redis took the XADD: it splits the latency in two.
  const toStream: number[] = [];
  const toCommit: number[] = [];
  const commitTimes: number[] = [];
  const occurred = new Map<string, number>();

  // Unset variables leave the library defaults, which are what the services run with.
  const relayTuning: Partial<OutboxRelayOptions> = {};
  if (optional('BENCH_RELAY_BATCH')) relayTuning.batchSize = optional('BENCH_RELAY_BATCH');
  if (optional('BENCH_POLL_MS')) relayTuning.pollIntervalMs = optional('BENCH_POLL_MS');
  if (optional('BENCH_GATHER_MS') !== undefined) relayTuning.gatherMs = optional('BENCH_GATHER_MS');
  if (flag('BENCH_LISTEN') !== undefined) relayTuning.listen = flag('BENCH_LISTEN');
  const consumerTuning: Partial<EventConsumerOptions> = {};
  if (optional('BENCH_BATCH')) consumerTuning.batchSize = optional('BENCH_BATCH');
  if (optional('BENCH_CONCURRENCY')) consumerTuning.concurrency = optional('BENCH_CONCURRENCY');
  if (optional('BENCH_TX_EVENTS')) consumerTuning.eventsPerTransaction = optional('BENCH_TX_EVENTS');

  // With metrics, as the services run them: the gauges cost queries too.
  const metricsRegistry = new Registry();
  const relay = createOutboxRelay({
    metricsRegistry,
    dataSource: relaySource,
    redis,
    keyPrefix,
    stream: 'booking',
    consumerGroups: ['payment'],
    logger,
    leaseRetryMs: 500,
    ...relayTuning,
  });
  const consumer = createEventConsumer({
    metricsRegistry,
    group: 'payment',
    consumerName: `bench-${replica}`,
    dataSource: consumerSource,
    redis,
    keyPrefix,
    logger,
    ...consumerTuning,
    handlers: {
      'booking.approved': async (event, { manager, entryId }) => {
        await manager.query(
          `INSERT INTO "payment"."bench_effect" (event_id, booking_id, price_cents) VALUES ($1, $2, $3)`,
          [event.id, event.payload.bookingId, event.payload.priceCents],
        );
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
          lastCommitAt = now;
          if (!recording) continue;
          const added = Number(id.split('-')[0]);
          latencies.push(now - at);
          toStream.push(added - at);
          toCommit.push(now - added);
          commitTimes.push(now);
        }
      },
    },
  });

  const progress = setInterval(() => void send({ kind: 'progress', committed, lastCommitAt, cpuMs: cpuMs() }), 50);
  process.on('message', (message: ParentMessage) => {
    if (message.kind === 'start') void Promise.all([relay.start(), consumer.start()]);
    if (message.kind === 'record') recording = true;
    if (message.kind === 'stop') {
      void (async () => {
        await Promise.all([relay.stop(), consumer.stop()]);
        clearInterval(progress);
        await send({
          kind: 'result',
          committed,
          lastCommitAt,
          cpuMs: cpuMs(),
          latencies,
          toStream,
          toCommit,
          commitTimes,
        });
        await closeRedis(redis);
        await Promise.all(sources.map((source) => source.destroy()));
        process.exit(0);
      })();
    }
  });
  await send({ kind: 'ready' });
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
