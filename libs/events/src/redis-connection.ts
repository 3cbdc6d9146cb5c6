import type { Redis } from '@salle/redis';

/**
 * A connection of its own for the event system, with the settings of
 * `redis` but no ioredis key prefix (keys are built by ./event-keys). Commands
 * fail at once while Redis is away instead of queueing: the relay and the
 * consumers retry with their own backoff and keep their state in PostgreSQL.
 */
export function eventsRedisConnection(redis: Redis, connectionName: string, commandTimeoutMs: number): Redis {
  const connection = redis.duplicate({
    keyPrefix: '',
    connectionName,
    // A server that stops answering must not stall a loop (nor its stop()).
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
  });
  // Connection errors surface as failed commands; the 'error' event only needs a listener.
  connection.on('error', () => undefined);
  return connection;
}

/** Resolves when the connection is ready, or after `timeoutMs` (the caller's commands will then fail and be retried). */
export function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}

export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.quit(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('quit timeout')), 1_000))),
    ]);
  } catch {
    redis.disconnect();
  } finally {
    // A quit that answered in time must not leave the timer holding the process open.
    clearTimeout(timer);
  }
}

/** Redis error replies start with their code: NOGROUP, BUSYGROUP... */
export function redisErrorCode(error: unknown): string | undefined {
  const message = (error as Error | undefined)?.message;
  return typeof message === 'string' ? /^([A-Z]+)\b/.exec(message)?.[1] : undefined;
}
