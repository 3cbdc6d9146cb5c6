import type { Logger } from '@salle/runtime';
import { whenReady } from '../redis-connection';
import type { StreamId } from '../stream-id';
import type { Confirmer } from './confirmer';
import { OUTBOX_PRUNE_INTERVAL_MS, pruneOutbox } from './outbox-pruner';
import type { Publisher } from './publisher';
import type { Lease } from './publisher-lease';
import type { RelayPause } from './relay-pause';
import { EpochLost, type RelayRedis } from './relay-redis';
import type { RelaySettings } from './relay-settings';
import { ensureEpoch } from './stream-epoch';

export interface LeaderDeps {
  settings: RelaySettings;
  isRunning(): boolean;
  redis(): RelayRedis;
  publisher: Publisher;
  confirmer: Confirmer;
  pauses: RelayPause;
  logger: Logger;
}

/**
 * What the lease holder does: publish batches, confirm and trim a slice
 * between two batches, prune now and then. Returns a function that runs
 * while the lease is held; it returns when stopped, or throws when the lease
 * connection fails.
 */
export function createLeader(deps: LeaderDeps): (lease: Lease) => Promise<void> {
  const { settings, publisher, confirmer, logger } = deps;
  const { pause } = deps.pauses;

  return async (lease) => {
    let epoch: string | undefined;
    let nextConfirm = 0;
    /** Set while the rows below it are being confirmed, a slice per turn of the loop, between batches. */
    let confirming: StreamId | undefined;
    let nextPrune = Date.now() + OUTBOX_PRUNE_INTERVAL_MS;
    let redisFailures = 0;
    while (deps.isRunning()) {
      try {
        if (!epoch) {
          await whenReady(deps.redis(), 1_000);
          epoch = await ensureEpoch(lease, deps.redis(), settings, logger);
        }
        const published = await publisher.publishBatch(lease, epoch);
        if (!confirming && Date.now() >= nextConfirm) {
          confirming = await confirmer.ackedWatermark(epoch);
          await confirmer.refreshGauges(lease);
          nextConfirm = Date.now() + settings.confirmIntervalMs;
        }
        if (confirming && (await confirmer.confirmSome(lease, confirming))) confirming = undefined;
        if (Date.now() >= nextPrune) {
          await pruneOutbox(lease, settings.outbox, settings.retentionMs);
          nextPrune = Date.now() + OUTBOX_PRUNE_INTERVAL_MS;
        }
        if (redisFailures > 0) logger.info('publishing again');
        redisFailures = 0;
        // After a partial batch, look again soon, once the rows committing now are there to read together.
        if (published > 0 && published < settings.batchSize)
          await pause(Math.min(publisher.publishedAt + settings.gatherMs, nextConfirm) - Date.now(), true);
        else if (published === 0 && !confirming)
          await pause(Math.min(settings.pollIntervalMs, nextConfirm - Date.now()));
      } catch (error) {
        if (error instanceof EpochLost) {
          // Stream ids of the lost epoch mean nothing in the new one.
          epoch = undefined;
          confirming = undefined;
          continue;
        }
        // Tell a failing lease connection (give up the lease) from a failing Redis (keep it and wait).
        await lease.runner.query('SELECT 1');
        redisFailures++;
        if (redisFailures === 1) logger.warn({ reason: (error as Error).message }, 'cannot publish: will retry');
        await pause(Math.min(100 * 2 ** Math.min(redisFailures, 5), 2_000));
      }
    }
  };
}
