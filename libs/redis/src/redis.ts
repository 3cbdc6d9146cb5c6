import Redis from 'ioredis';

export type { Redis } from 'ioredis';

export interface RedisOptions {
  url: string;
  /** Every key of this client starts with it, so services (and test runs) never collide. */
  keyPrefix: string;
  connectionName?: string;
}

export function createRedis({ url, keyPrefix, connectionName }: RedisOptions): Redis {
  return new Redis(url, {
    keyPrefix,
    connectionName,
    // Reconnect forever with a capped backoff: readiness reports the outage meanwhile.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    maxRetriesPerRequest: 3,
    lazyConnect: false,
  });
}

/** Quits politely (pending replies first), or drops the connection if the server does not answer; resolves once closed. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  try {
    await Promise.race([
      redis.quit(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('quit timeout')), 1_000)),
    ]);
  } catch {
    redis.disconnect();
  }
  // A client reconnecting to a server that is down may never emit 'end': do not wait forever.
  if ((redis.status as string) !== 'end')
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1_000))]);
}

/** Readiness: the connection is up and the server answers PING. */
export async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
  await redis.ping();
}
