import { randomUUID } from 'node:crypto';
import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { redisErrorCode } from '../redis-connection';
import { leaseQuery, type Lease } from './publisher-lease';

export interface StreamTarget {
  /** The qualified outbox table. */
  outbox: string;
  key: string;
  markerKey: string;
  groups: string[];
}

/** Creates the stream and every listed consumer group; existing ones are fine. */
export async function createGroups(redis: Redis, target: Pick<StreamTarget, 'key' | 'groups'>): Promise<void> {
  for (const group of target.groups) {
    try {
      await redis.xgroup('CREATE', target.key, group, '0', 'MKSTREAM');
    } catch (error) {
      if (redisErrorCode(error) !== 'BUSYGROUP') throw error;
    }
  }
}

/**
 * Returns the epoch of the stream in Redis. When the marker is missing,
 * Redis never had the stream or lost it (restart without persistence,
 * failover, flush): every row published but not confirmed goes back to
 * the queue before a new epoch is written, so nothing acknowledged by
 * nobody is forgotten. Consumers drop the duplicates by event id.
 */
export async function ensureEpoch(lease: Lease, redis: Redis, target: StreamTarget, logger: Logger): Promise<string> {
  const current = await redis.get(target.markerKey);
  if (current) {
    await createGroups(redis, target);
    return current;
  }
  const { affected } = await leaseQuery(
    lease,
    `UPDATE ${target.outbox} SET published_at = NULL, stream_ms = NULL, stream_seq = NULL
     WHERE published_at IS NOT NULL AND confirmed_at IS NULL`,
  );
  if (affected > 0)
    logger.warn({ events: affected }, 'the stream is missing in Redis: re-publishing events not yet confirmed');
  await createGroups(redis, target);
  const epoch = randomUUID();
  await redis.set(target.markerKey, epoch);
  logger.info({ epoch }, 'stream epoch created');
  return epoch;
}
