import Redis from 'ioredis';

export type { Redis } from 'ioredis';

export interface RedisOptions {
  /**
   * The server (`redis://`, or `rediss://` for TLS). With `sentinels`, only its credentials, database and
   * scheme count: the Sentinels name the primary, and `rediss://` makes the connections to it use TLS.
   */
  url: string;
  /** Every key of this client starts with it, so services (and test runs) never collide. */
  keyPrefix: string;
  connectionName?: string;
  /** Redis Sentinel: the sentinels (`host:port`) asked for the current primary, which the client follows on failover. */
  sentinels?: readonly string[];
  /** The primary's name in the Sentinels' configuration (`sentinel monitor <name> ...`). */
  sentinelName?: string;
}

/** `host:port` (validated by the configuration) as ioredis wants it; IPv6 brackets dropped. */
function sentinelAddress(entry: string): { host: string; port: number } {
  const colon = entry.lastIndexOf(':');
  return { host: entry.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(entry.slice(colon + 1)) };
}

/** The ioredis options of the Sentinel mode, taken from the URL (credentials, database, TLS). */
function sentinelOptions(url: string, sentinels: readonly string[], name: string) {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1) || '0');
  return {
    sentinels: sentinels.map(sentinelAddress),
    name,
    username: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {}, enableTLSForSentinelMode: true } : {}),
  };
}

export function createRedis({ url, keyPrefix, connectionName, sentinels, sentinelName }: RedisOptions): Redis {
  const common = {
    keyPrefix,
    connectionName,
    // Reconnect forever with a capped backoff: readiness reports the outage meanwhile.
    retryStrategy: (times: number) => Math.min(times * 100, 2_000),
    maxRetriesPerRequest: 3,
    lazyConnect: false,
    // How long a disconnect waits for the socket to close before destroying it (ioredis: 2 s). Its timer is
    // only cleared by the socket's close event, which a socket already closed never fires again: a short
    // wait keeps that timer from holding a stopping process (or jest) open for seconds.
    disconnectTimeout: 200,
  };
  if (sentinels?.length) {
    if (!sentinelName) throw new Error('REDIS_SENTINEL_NAME is required with REDIS_SENTINELS');
    return new Redis({ ...common, ...sentinelOptions(url, sentinels, sentinelName) });
  }
  return new Redis(url, common);
}

/** Resolves with the promise, or rejects after `ms`; the timer is cleared either way, so none outlives the close. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Quits politely (pending replies first), or drops the connection if the server does not answer; resolves once closed. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  try {
    await within(redis.quit(), 1_000);
  } catch {
    redis.disconnect();
  }
  // A client reconnecting to a server that is down may never emit 'end': do not wait forever.
  if ((redis.status as string) !== 'end') await within(ended, 1_000).catch(() => undefined);
}

/** Readiness: the connection is up and the server answers PING. */
export async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
  await redis.ping();
}
