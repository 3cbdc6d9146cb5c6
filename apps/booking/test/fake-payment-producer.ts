import { type DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { eventTablesMigrations, createOutbox, createOutboxRelay, type OutboxRelay } from '@salle/events';
import { createRedis, closeRedis, type Redis } from '@salle/redis';
import { createLogger } from '@salle/runtime';
import { testRedisUrl } from '@salle/testing';
import type { BookingTestService } from './booking-test-service';

/**
 * The payment service's side, played with the real events library: its own
 * schema and outbox in the test database, relayed to the `payment` stream
 * that the booking service consumes.
 */
export async function startFakePaymentProducer(api: BookingTestService) {
  const dataSource: DataSource = createDataSource({
    url: api.databaseUrl,
    schema: 'payment',
    migrations: [...eventTablesMigrations('payment')],
  });
  await dataSource.initialize();
  await migrate(dataSource);
  const redis: Redis = createRedis({ url: testRedisUrl(), keyPrefix: '' });
  const relay: OutboxRelay = createOutboxRelay({
    dataSource,
    redis,
    logger: createLogger({ service: 'payment', level: 'silent' }),
    keyPrefix: api.eventsKeyPrefix,
    stream: 'payment',
    consumerGroups: ['booking'],
  });
  await relay.start();
  const outbox = createOutbox({ schema: 'payment' });
  return {
    redis,
    publish: <T extends Parameters<typeof outbox.add>[1]>(event: T) =>
      dataSource.transaction((manager) => outbox.add(manager, event)),
    async stop() {
      await relay.stop();
      await closeRedis(redis);
      await dataSource.destroy();
    },
  };
}

export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
