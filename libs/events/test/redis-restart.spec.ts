import { startRedisServer } from '@salle/testing';
import { createEventConsumer, createOutboxRelay, epochKey, type EventConsumer, type OutboxRelay } from '../src';
import { PRODUCER_SCHEMA, recordEffect } from './support/effects';
import { createEventTestKit, exactlyOnce, silentLogger, waitUntil, type EventTestKit } from './support/event-test-kit';

describe('a Redis restart that loses everything (no persistence)', () => {
  let server: Awaited<ReturnType<typeof startRedisServer>>;
  let kit: EventTestKit;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  let handled = 0;
  // Holds the handlers back after the first events, so that Redis surely holds unconsumed entries when it dies.
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => (openGate = resolve));

  beforeAll(async () => {
    server = await startRedisServer();
    kit = await createEventTestKit('restart', server.url);
    relay = createOutboxRelay({
      dataSource: kit.producer,
      redis: kit.redis,
      keyPrefix: kit.keyPrefix,
      stream: 'booking',
      consumerGroups: ['payment'],
      logger: silentLogger,
      confirmIntervalMs: 200,
    });
    consumer = createEventConsumer({
      group: 'payment',
      dataSource: kit.consumer,
      redis: kit.redis,
      keyPrefix: kit.keyPrefix,
      handlers: {
        'booking.approved': async (event, context) => {
          if (++handled > 20) await gate;
          await recordEffect(event, context, 'c1');
        },
      },
      logger: silentLogger,
      blockMs: 200,
      batchSize: 10,
    });
    await relay.start();
    await consumer.start();
  });
  afterAll(async () => {
    openGate();
    await consumer?.stop();
    await relay?.stop();
    await kit?.close();
    await server?.stop();
  });

  const unpublished = async () =>
    Number(
      (
        await kit.producer.query(
          `SELECT count(*) AS n FROM "${PRODUCER_SCHEMA}"."event_outbox" WHERE published_at IS NULL`,
        )
      )[0].n,
    );

  it('re-creates the stream and its group and re-publishes what no group had acknowledged', async () => {
    const ids = await kit.emit(100);
    await waitUntil(
      async () => (await unpublished()) === 0 && handled > 20,
      10_000,
      'all published, handlers held back',
    );
    const epochBefore = await kit.rawRedis.get(epochKey(kit.keyPrefix, 'booking'));
    expect(epochBefore).toBeTruthy();

    await server.stop();
    // Written while Redis is down: they wait in the outbox.
    ids.push(...(await kit.emit(100)));
    openGate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await unpublished()).toBe(100);
    const consumedAtCrash = (await kit.effects()).size;
    expect(consumedAtCrash).toBeLessThan(100);
    server = await startRedisServer(server.port);

    await waitUntil(async () => (await kit.effects()).size === 200, 20_000, 'all 200 effects');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(exactlyOnce(await kit.effects(), ids)).toEqual({ missing: [], doubled: [], unexpected: [] });

    // What Redis lost went out a second time, under a new epoch.
    const [row] = await kit.producer.query(
      `SELECT count(*) FILTER (WHERE publish_count > 1) AS again FROM "${PRODUCER_SCHEMA}"."event_outbox"`,
    );
    expect(Number(row.again)).toBeGreaterThanOrEqual(100 - consumedAtCrash);
    const epochAfter = await kit.rawRedis.get(epochKey(kit.keyPrefix, 'booking'));
    expect(epochAfter).toBeTruthy();
    expect(epochAfter).not.toBe(epochBefore);
  });

  it('stops promptly while Redis is down', async () => {
    await server.stop();
    await kit.emit(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await consumer.stop();
    await relay.stop();
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
