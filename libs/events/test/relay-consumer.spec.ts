import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { closeRedis, createRedis } from '@salle/redis';
import { startTcpProxy } from '@salle/testing';
import {
  createEventConsumer,
  createOutbox,
  createOutboxRelay,
  streamKey,
  type EventConsumer,
  type OutboxRelay,
} from '../src';
import { CONSUMER_SCHEMA, PRODUCER_SCHEMA, recordEffect } from './support/effects';
import {
  approvedPayload,
  createEventTestKit,
  exactlyOnce,
  silentLogger,
  waitUntil,
  type EventTestKit,
} from './support/event-test-kit';

describe('relay and consumer', () => {
  let kit: EventTestKit;
  const workers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    kit = await createEventTestKit('relay');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await kit.consumer.query(`TRUNCATE "${CONSUMER_SCHEMA}"."effect", "${CONSUMER_SCHEMA}"."event_inbox"`);
    await kit.producer.query(`TRUNCATE "${PRODUCER_SCHEMA}"."event_outbox"`);
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await kit?.close();
  });

  function relay(overrides: Partial<Parameters<typeof createOutboxRelay>[0]> = {}): OutboxRelay {
    const created = createOutboxRelay({
      dataSource: kit.producer,
      redis: kit.redis,
      keyPrefix: kit.keyPrefix,
      stream: 'booking',
      consumerGroups: ['payment'],
      logger: silentLogger,
      confirmIntervalMs: 100,
      leaseRetryMs: 100,
      ...overrides,
    });
    workers.push(created);
    return created;
  }

  function consumer(label: string, overrides: Partial<Parameters<typeof createEventConsumer>[0]> = {}): EventConsumer {
    const created = createEventConsumer({
      group: 'payment',
      consumerName: label,
      dataSource: kit.consumer,
      redis: kit.redis,
      keyPrefix: kit.keyPrefix,
      handlers: { 'booking.approved': (event, context) => recordEffect(event, context, label) },
      logger: silentLogger,
      blockMs: 200,
      claimIdleMs: 1_000,
      ...overrides,
    });
    workers.push(created);
    return created;
  }

  const key = () => streamKey(kit.keyPrefix, 'booking');

  it('delivers every event once, in order per aggregate, then confirms and reports it', async () => {
    const registry = new Registry();
    const aggregates = [randomUUID(), randomUUID(), randomUUID()];
    const ids = await kit.emit(30, (i) => aggregates[i % 3]);
    const entryOf = new Map<string, string>();
    await relay({ metricsRegistry: registry }).start();
    await consumer('c1', {
      metricsRegistry: registry,
      handlers: {
        'booking.approved': async (event, context) => {
          entryOf.set(event.id, context.entryId);
          await recordEffect(event, context, 'c1');
        },
      },
    }).start();
    await waitUntil(async () => (await kit.effects()).size === 30, 10_000, '30 effects');
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });

    // The stream lives under the shared events prefix, not under the service client's own prefix.
    expect(await kit.rawRedis.exists(key())).toBe(1);
    expect(await kit.rawRedis.exists(`service-own-prefix:${key()}`)).toBe(0);
    // The stream holds the events in commit order.
    const byEntry = [...ids].sort((a, b) => {
      const [am, as] = (entryOf.get(a) ?? '').split('-').map(Number);
      const [bm, bs] = (entryOf.get(b) ?? '').split('-').map(Number);
      return am - bm || as - bs;
    });
    expect(byEntry).toEqual(ids);

    const handled: { event_id: string; aggregate_id: string }[] = await kit.consumer.query(
      `SELECT event_id, aggregate_id FROM "${CONSUMER_SCHEMA}"."effect" ORDER BY seq`,
    );
    for (const aggregate of aggregates) {
      const emitted = ids.filter((_, i) => aggregates[i % 3] === aggregate);
      expect(handled.filter((row) => row.aggregate_id === aggregate).map((row) => row.event_id)).toEqual(emitted);
    }

    await waitUntil(
      async () => {
        const [row] = await kit.producer.query(
          `SELECT count(*) FILTER (WHERE confirmed_at IS NULL) AS open FROM "${PRODUCER_SCHEMA}"."event_outbox"`,
        );
        return Number(row.open) === 0;
      },
      5_000,
      'every row confirmed',
    );
    // Entries every group acknowledged are trimmed from Redis.
    await waitUntil(async () => (await kit.rawRedis.xlen(key())) === 0, 5_000, 'the stream trimmed');

    const metrics = await registry.getMetricsAsJSON();
    const total = (name: string, labels: Record<string, string> = {}) =>
      (metrics.find((metric) => metric.name === name)?.values ?? [])
        .filter((value) => Object.entries(labels).every(([label, wanted]) => value.labels[label] === wanted))
        .reduce((sum, value) => sum + value.value, 0);
    expect(total('events_published_total', { stream: 'booking', type: 'booking.approved' })).toBe(30);
    expect(total('events_consumed_total', { group: 'payment', outcome: 'processed' })).toBe(30);
    expect(total('events_outbox_backlog')).toBe(0);
    expect(metrics.map((metric) => metric.name)).toEqual(
      expect.arrayContaining([
        'events_retried_total',
        'events_dead_lettered_total',
        'events_consumer_lag',
        'events_consumer_pending',
      ]),
    );
  });

  it('gives exactly one effect per event with two relays and two consumers of one group, across a relay handover', async () => {
    const relays = [relay(), relay()];
    const consumers = [consumer('c1', { concurrency: 4 }), consumer('c2', { concurrency: 4 })];
    await Promise.all([...relays, ...consumers].map((worker) => worker.start()));
    await waitUntil(() => relays.some((r) => r.isLeader()), 5_000, 'a leader');
    expect(relays.filter((r) => r.isLeader())).toHaveLength(1);

    const emitInParallel = async (count: number) =>
      (await Promise.all(Array.from({ length: 4 }, () => kit.emit(count / 4)))).flat();
    const ids = await emitInParallel(100);
    // The leader goes away mid-stream: the stand-by takes over the lease.
    await relays.find((r) => r.isLeader())?.stop();
    ids.push(...(await emitInParallel(100)));
    await waitUntil(async () => (await kit.effects()).size >= 200, 15_000, '200 effects');
    // Let anything in flight settle before counting doubles.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });
    expect(relays.filter((r) => r.isLeader())).toHaveLength(1);
  });

  it('reclaims messages left pending by a dead consumer and hands them to another', async () => {
    await relay().start();
    const ids = await kit.emit(5);
    await waitUntil(async () => (await kit.rawRedis.xlen(key())) === 5, 5_000, '5 entries in the stream');
    // A consumer of the group reads them, then dies without acknowledging.
    const read = (await kit.rawRedis.xreadgroup('GROUP', 'payment', 'ghost', 'COUNT', 10, 'STREAMS', key(), '>')) as [
      string,
      [string, string[]][],
    ][];
    expect(read[0][1]).toHaveLength(5);

    const attempts: number[] = [];
    const survivor = consumer('survivor', {
      claimIdleMs: 300,
      handlers: {
        'booking.approved': async (event, context) => {
          attempts.push(context.attempt);
          await recordEffect(event, context, 'survivor');
        },
      },
    });
    await survivor.start();
    await waitUntil(async () => (await kit.effects()).size === 5, 5_000, '5 effects');
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });
    expect(attempts).toEqual([2, 2, 2, 2, 2]);
    await waitUntil(
      async () => ((await kit.rawRedis.xpending(key(), 'payment')) as [number])[0] === 0,
      2_000,
      'nothing pending',
    );
  });

  it('confirms more rows than a batch holds a slice at a time, then trims the stream', async () => {
    const ids = await kit.emit(30);
    await relay({ batchSize: 4 }).start();
    await consumer('c1').start();
    await waitUntil(async () => (await kit.effects()).size === 30, 10_000, '30 effects');
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });
    await waitUntil(
      async () => {
        const [row] = await kit.producer.query(
          `SELECT count(*) FILTER (WHERE confirmed_at IS NULL) AS open FROM "${PRODUCER_SCHEMA}"."event_outbox"`,
        );
        return Number(row.open) === 0;
      },
      5_000,
      'every row confirmed',
    );
    await waitUntil(async () => (await kit.rawRedis.xlen(key())) === 0, 5_000, 'the stream trimmed');
  });

  it('commits a small read batch in one transaction and spreads a larger one over `concurrency` transactions', async () => {
    await relay().start();
    const published = async (count: number) => {
      const [row] = await kit.producer.query(
        `SELECT count(*) FILTER (WHERE published_at IS NOT NULL) AS n FROM "${PRODUCER_SCHEMA}"."event_outbox"`,
      );
      return Number(row.n) === count;
    };
    // Each consumer starts once its events are all in the stream, so that it reads them in one batch.
    const transactions = async (label: string, eventsPerTransaction: number | undefined, ids: string[]) => {
      const committed: string[][] = [];
      const reader = consumer(label, {
        concurrency: 4,
        eventsPerTransaction,
        hooks: { afterCommit: (entryIds) => committed.push(entryIds) },
      });
      await reader.start();
      await waitUntil(
        async () => {
          const effects = await kit.effects();
          return ids.every((id) => effects.has(id));
        },
        5_000,
        `the effects of ${label}`,
      );
      await reader.stop();
      return committed.map((entryIds) => entryIds.length).sort((a, b) => a - b);
    };

    const first = await kit.emit(10);
    await waitUntil(() => published(10), 5_000, '10 published');
    // 10 events of 10 aggregates, under the default of 16 events per transaction: one transaction.
    expect(await transactions('c1', undefined, first)).toEqual([10]);

    const second = await kit.emit(10);
    await waitUntil(() => published(20), 5_000, '20 published');
    // At most 3 events per transaction: ceil(10 / 3) = 4 transactions, which `concurrency` allows.
    expect(await transactions('c2', 3, second)).toEqual([2, 2, 3, 3]);
    expect(exactlyOnce(await kit.effects(), [...first, ...second])).toEqual({
      missing: [],
      doubled: [],
      unexpected: [],
    });
  });

  it('stops at once while it lets a batch gather', async () => {
    const gathering = relay({ listen: true, gatherMs: 60_000, pollIntervalMs: 60_000, confirmIntervalMs: 60_000 });
    await gathering.start();
    await consumer('c1').start();
    await waitUntil(() => gathering.isLeader(), 5_000, 'the lease');
    const bookingId = randomUUID();
    const id = await kit.producer.transaction((manager) =>
      createOutbox({ schema: PRODUCER_SCHEMA, notify: true }).add(manager, {
        type: 'booking.approved',
        aggregateId: bookingId,
        payload: approvedPayload(bookingId),
      }),
    );
    // The notified row goes out as a partial batch; the relay then lets rows gather for up to a minute.
    await waitUntil(async () => (await kit.effects()).has(id), 5_000, 'the effect');
    await gathering.stop();
    expect(gathering.isLeader()).toBe(false);
  });

  it('wakes at the commit when the outbox notifies and the relay listens, without waiting for its poll', async () => {
    const sleepy = relay({ listen: true, pollIntervalMs: 60_000, confirmIntervalMs: 60_000 });
    await sleepy.start();
    await consumer('c1').start();
    await waitUntil(() => sleepy.isLeader(), 5_000, 'the lease');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const outbox = createOutbox({ schema: PRODUCER_SCHEMA, notify: true });
    const bookingId = randomUUID();
    const started = Date.now();
    const id = await kit.producer.transaction((manager) =>
      outbox.add(manager, { type: 'booking.approved', aggregateId: bookingId, payload: approvedPayload(bookingId) }),
    );
    await waitUntil(async () => (await kit.effects()).has(id), 3_000, 'the notified event');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('keeps the rows while Redis is unreachable and publishes them once it answers again', async () => {
    const redisUrl = new URL(kit.redisUrl);
    const proxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    const viaProxy = createRedis({ url: proxy.url(kit.redisUrl), keyPrefix: 'service-own-prefix:' });
    viaProxy.on('error', () => undefined);
    try {
      const proxied = relay({ redis: viaProxy });
      await proxied.start();
      await consumer('c1').start();
      const first = await kit.emit(3);
      await waitUntil(async () => (await kit.effects()).size === 3, 5_000, 'first effects');

      proxy.cut();
      const during = await kit.emit(7);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [waiting] = await kit.producer.query(
        `SELECT count(*) AS n FROM "${PRODUCER_SCHEMA}"."event_outbox" WHERE published_at IS NULL`,
      );
      expect(Number(waiting.n)).toBe(7);
      expect(proxied.isLeader()).toBe(true);

      proxy.restore();
      await waitUntil(async () => (await kit.effects()).size === 10, 10_000, 'all effects after the outage');
      expect(exactlyOnce(await kit.effects(), [...first, ...during])).toEqual({
        missing: [],
        doubled: [],
        unexpected: [],
      });
    } finally {
      await Promise.all(workers.splice(0).map((worker) => worker.stop()));
      await closeRedis(viaProxy);
      await proxy.close();
    }
  });
});
