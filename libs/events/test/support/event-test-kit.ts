import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventPayload } from '@salle/contracts';
import { createDataSource, migrate } from '@salle/db';
import { createRedis, type Redis } from '@salle/redis';
import { createLogger } from '@salle/runtime';
import { createTestDatabase, testRedisUrl, uniqueKeyPrefix, type TestDatabase } from '@salle/testing';
import { eventTablesMigrations, createOutbox } from '../../src';
import { closeConnection } from '../../src/redis-connection';
import { CONSUMER_SCHEMA, CreateEffects1763900000001, PRODUCER_SCHEMA } from './effects';

export const silentLogger = createLogger({ service: 'events-test', level: 'silent' });

export function approvedPayload(bookingId: string = randomUUID()): EventPayload<'booking.approved'> {
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

export interface EventTestKit {
  database: TestDatabase;
  keyPrefix: string;
  redisUrl: string;
  /** A client like a service's: it has its own ioredis key prefix, which the events lib must not depend on. */
  redis: Redis;
  /** Without prefix, to look at the keys themselves. */
  rawRedis: Redis;
  producer: DataSource;
  consumer: DataSource;
  /** Writes `count` booking.approved events, each in its own transaction; returns their ids in order. */
  emit(count: number, aggregateOf?: (i: number) => string): Promise<string[]>;
  /** event id -> number of effects. */
  effects(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function createEventTestKit(label: string, redisUrl = testRedisUrl()): Promise<EventTestKit> {
  const database = await createTestDatabase(label);
  const producer = createDataSource({
    url: database.url,
    schema: PRODUCER_SCHEMA,
    migrations: [...eventTablesMigrations(PRODUCER_SCHEMA)],
    poolSize: 6,
  });
  const consumer = createDataSource({
    url: database.url,
    schema: CONSUMER_SCHEMA,
    migrations: [...eventTablesMigrations(CONSUMER_SCHEMA), CreateEffects1763900000001],
    poolSize: 10,
  });
  await producer.initialize();
  await consumer.initialize();
  await migrate(producer);
  await migrate(consumer);
  const keyPrefix = uniqueKeyPrefix(label);
  const redis = createRedis({ url: redisUrl, keyPrefix: 'service-own-prefix:' });
  const rawRedis = createRedis({ url: redisUrl, keyPrefix: '' });
  for (const client of [redis, rawRedis]) client.on('error', () => undefined);
  const outbox = createOutbox({ schema: PRODUCER_SCHEMA });
  return {
    database,
    keyPrefix,
    redisUrl,
    redis,
    rawRedis,
    producer,
    consumer,
    async emit(count, aggregateOf) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const bookingId = aggregateOf?.(i) ?? randomUUID();
        ids.push(
          await producer.transaction((manager) =>
            outbox.add(manager, {
              type: 'booking.approved',
              aggregateId: bookingId,
              payload: approvedPayload(bookingId),
              requestId: `req-${i}`,
            }),
          ),
        );
      }
      return ids;
    },
    async effects() {
      const rows: { event_id: string; n: string }[] = await consumer.query(
        `SELECT event_id, count(*) AS n FROM "${CONSUMER_SCHEMA}"."effect" GROUP BY event_id`,
      );
      return new Map(rows.map((row) => [row.event_id, Number(row.n)]));
    },
    async close() {
      // Leave nothing behind on the shared Redis (when it is up).
      if (rawRedis.status === 'ready') {
        for await (const keys of rawRedis.scanStream({ match: `${keyPrefix}*`, count: 200 }) as AsyncIterable<
          string[]
        >) {
          if (keys.length) await rawRedis.del(...keys);
        }
      }
      // Not closeRedis: it waits for an 'end' that never comes while the server is down.
      await Promise.all([closeConnection(redis), closeConnection(rawRedis)]);
      await Promise.all([producer.destroy(), consumer.destroy()]);
      await database.drop();
    },
  };
}

/** Polls `check` until it returns true. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Asserts every id has exactly one effect and nothing else has any. */
export function exactlyOnce(
  effects: Map<string, number>,
  ids: string[],
): { missing: string[]; doubled: string[]; unexpected: string[] } {
  const expected = new Set(ids);
  return {
    missing: ids.filter((id) => !effects.has(id)),
    doubled: [...effects].filter(([, n]) => n > 1).map(([id]) => id),
    unexpected: [...effects.keys()].filter((id) => !expected.has(id)),
  };
}
