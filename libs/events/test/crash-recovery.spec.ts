import { Registry } from 'prom-client';
import { createEventConsumer, createOutboxRelay, streamKey } from '../src';
import { startFixture, type Fixture } from './support/child-process';
import { CONSUMER_SCHEMA, PRODUCER_SCHEMA, recordEffect } from './support/effects';
import { createEventTestKit, exactlyOnce, silentLogger, waitUntil, type EventTestKit } from './support/event-test-kit';

describe('crashes (real processes, SIGKILL)', () => {
  let kit: EventTestKit;
  let env: NodeJS.ProcessEnv;
  const fixtures: Fixture[] = [];
  const workers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    kit = await createEventTestKit('crash');
    env = { DATABASE_URL: kit.database.url, REDIS_URL: kit.redisUrl, EVENTS_KEY_PREFIX: kit.keyPrefix };
  });
  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((fixture) => fixture.kill()));
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await kit.consumer.query(`TRUNCATE "${CONSUMER_SCHEMA}"."effect", "${CONSUMER_SCHEMA}"."event_inbox"`);
    await kit.producer.query(`TRUNCATE "${PRODUCER_SCHEMA}"."event_outbox"`);
    await kit.rawRedis.del(streamKey(kit.keyPrefix, 'booking'), `${streamKey(kit.keyPrefix, 'booking')}:epoch`);
  });
  afterAll(async () => {
    await Promise.all(fixtures.map((fixture) => fixture.kill()));
    await kit?.close();
  });

  const key = () => streamKey(kit.keyPrefix, 'booking');
  const unpublished = async () =>
    Number(
      (
        await kit.producer.query(
          `SELECT count(*) AS n FROM "${PRODUCER_SCHEMA}"."event_outbox" WHERE published_at IS NULL`,
        )
      )[0].n,
    );
  const streamLength = async () => ((await kit.rawRedis.exists(key())) ? kit.rawRedis.xlen(key()) : 0);

  async function fixture(file: string, extra: NodeJS.ProcessEnv = {}) {
    const started = await startFixture(file, { ...env, ...extra });
    fixtures.push(started);
    return started;
  }

  async function start<T extends { start(): Promise<void>; stop(): Promise<void> }>(worker: T): Promise<T> {
    workers.push(worker);
    await worker.start();
    return worker;
  }

  const relay = () =>
    createOutboxRelay({
      dataSource: kit.producer,
      redis: kit.redis,
      keyPrefix: kit.keyPrefix,
      stream: 'booking',
      consumerGroups: ['payment'],
      logger: silentLogger,
      leaseRetryMs: 100,
    });
  const consumer = (name: string, registry?: Registry) =>
    createEventConsumer({
      group: 'payment',
      consumerName: name,
      dataSource: kit.consumer,
      redis: kit.redis,
      keyPrefix: kit.keyPrefix,
      handlers: { 'booking.approved': (event, context) => recordEffect(event, context, name) },
      logger: silentLogger,
      blockMs: 200,
      claimIdleMs: 400,
      metricsRegistry: registry,
    });
  const duplicates = async (registry: Registry) =>
    ((await registry.getMetricsAsJSON()).find((m) => m.name === 'events_consumed_total')?.values ?? [])
      .filter((v) => v.labels['outcome'] === 'duplicate')
      .reduce((sum, v) => sum + v.value, 0);

  it('loses nothing when the relay dies between the commit and the publish', async () => {
    const ids = await kit.emit(5);
    const doomed = await fixture('relay-process.ts', { PAUSE_AT: 'before-publish' });
    const paused = await doomed.line('paused before-publish');
    expect(paused.split(' ')[2].split(',')).toEqual(ids);
    await doomed.kill();
    expect(await streamLength()).toBe(0);
    expect(await unpublished()).toBe(5);

    await start(relay());
    await start(consumer('c1'));
    await waitUntil(async () => (await kit.effects()).size === 5, 8_000, '5 effects');
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });
  });

  it('re-publishes after the relay dies between the publish and the marking, and the inbox drops the copies', async () => {
    const registry = new Registry();
    const ids = await kit.emit(5);
    await start(consumer('c1', registry));
    const doomed = await fixture('relay-process.ts', { PAUSE_AT: 'after-publish' });
    await doomed.line('paused after-publish');
    // Published and consumed, but never marked as published.
    await waitUntil(async () => (await kit.effects()).size === 5, 8_000, 'effects of the first publish');
    expect(await unpublished()).toBe(5);
    await doomed.kill();

    await start(relay());
    // Published a second time (the stream may already be trimmed), and each copy dropped by the inbox.
    await waitUntil(async () => (await duplicates(registry)) === 5, 8_000, 'the 5 copies dropped');
    expect(await unpublished()).toBe(0);
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });
  });

  it('doubles nothing when a consumer dies after its commit and before XACK; another reclaims its messages', async () => {
    const registry = new Registry();
    await start(relay());
    const ids = await kit.emit(5);
    await waitUntil(async () => (await streamLength()) === 5, 5_000, '5 entries');
    const doomed = await fixture('consumer-process.ts', { PAUSE_BEFORE_ACK: '1', CONSUMER_NAME: 'doomed' });
    await doomed.line('committed');
    await waitUntil(async () => (await kit.effects()).size === 5, 5_000, 'effects committed by the doomed consumer');
    await doomed.kill();
    const pending = (await kit.rawRedis.xpending(key(), 'payment')) as [number, string, string, [string, string][]];
    expect(pending[0]).toBe(5);
    expect(pending[3]).toEqual([['doomed', '5']]);

    await start(consumer('survivor', registry));
    await waitUntil(
      async () => (await duplicates(registry)) === 5,
      8_000,
      'the reclaimed messages skipped as duplicates',
    );
    await waitUntil(
      async () => ((await kit.rawRedis.xpending(key(), 'payment')) as [number])[0] === 0,
      2_000,
      'nothing pending',
    );
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });
  });
});
