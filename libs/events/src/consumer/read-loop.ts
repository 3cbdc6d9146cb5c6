import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { redisErrorCode, whenReady } from '../redis-connection';
import type { Delivery } from './consumer-types';
import type { ConsumerSettings } from './consumer-settings';
import { INBOX_PRUNE_INTERVAL_MS } from './inbox-pruner';
import type { Reclaimer } from './reclaimer';
import type { RetryScheduler } from './retry-scheduler';

type ReadReply = [string, [string, string[]][]][] | null;

export interface ReadLoopDeps {
  settings: Pick<
    ConsumerSettings,
    'group' | 'consumerName' | 'keys' | 'streamOfKey' | 'batchSize' | 'blockMs' | 'claimIntervalMs'
  >;
  blocking(): Redis;
  commands(): Redis;
  retries: RetryScheduler;
  reclaimer: Reclaimer;
  dispatch(deliveries: Delivery[]): Promise<void>;
  pruneInbox(): Promise<void>;
  logger: Logger;
}

type ReadSettings = ReadLoopDeps['settings'];

/** Creates the group on every stream (and the stream with it); an existing group is fine. */
async function ensureGroups(redis: Redis, { keys, group }: ReadSettings) {
  for (const key of keys) {
    try {
      await redis.xgroup('CREATE', key, group, '0', 'MKSTREAM');
    } catch (error) {
      if (redisErrorCode(error) !== 'BUSYGROUP') throw error;
    }
  }
}

/** Reads new entries, blocking up to `blockMs`; null when none came. */
async function readBatch(redis: Redis, settings: ReadSettings, blockMs: number): Promise<Delivery[] | null> {
  const { group, keys } = settings;
  const reply = (await redis.xreadgroup(
    'GROUP',
    group,
    settings.consumerName,
    'COUNT',
    settings.batchSize,
    'BLOCK',
    Math.ceil(blockMs),
    'STREAMS',
    ...keys,
    ...keys.map(() => '>'),
  )) as ReadReply;
  if (!reply) return null;
  const deliveries: Delivery[] = [];
  for (const [key, entries] of reply) {
    const stream = settings.streamOfKey.get(key) ?? key;
    for (const [entryId, fields] of entries) deliveries.push({ stream, entryId, fields, attempt: 1 });
  }
  return deliveries;
}

export interface ReadLoop {
  /** Runs until `stop()`; never rejects. */
  run(): Promise<void>;
  /** Ends the loop at its next turn, cutting a pause short. */
  stop(): void;
}

/**
 * The consumer's main loop: creates the groups, runs due retries, sweeps
 * abandoned messages, prunes the inbox, then reads the next batch with a
 * blocking XREADGROUP and hands it to the dispatcher. Pauses with backoff
 * while Redis fails, and while PostgreSQL failed (see the retry scheduler).
 */
export function createReadLoop(deps: ReadLoopDeps): ReadLoop {
  const { settings, retries, reclaimer, logger } = deps;
  let running = false;
  let wake: (() => void) | undefined;

  function pause(ms: number): Promise<void> {
    if (!running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      wake = done;
    });
  }

  async function run() {
    let failures = 0;
    let groupsReady = false;
    let nextSweep = 0;
    let nextPrune = Date.now() + INBOX_PRUNE_INTERVAL_MS;
    while (running) {
      try {
        if (!groupsReady) {
          await whenReady(deps.commands(), 1_000);
          await ensureGroups(deps.commands(), settings);
          groupsReady = true;
        }
        if (retries.pausedUntil > Date.now()) {
          await pause(retries.pausedUntil - Date.now());
          continue;
        }
        await reclaimer.runDueRetries();
        if (Date.now() >= nextSweep) {
          await reclaimer.sweep();
          nextSweep = Date.now() + settings.claimIntervalMs;
        }
        if (Date.now() >= nextPrune) {
          await deps.pruneInbox();
          nextPrune = Date.now() + INBOX_PRUNE_INTERVAL_MS;
        }
        const block = Math.max(1, Math.min(settings.blockMs, nextSweep - Date.now(), retries.nextDueAt() - Date.now()));
        const deliveries = await readBatch(deps.blocking(), settings, block);
        if (failures > 0) logger.info('consuming again');
        failures = 0;
        if (deliveries) await deps.dispatch(deliveries);
      } catch (error) {
        if (redisErrorCode(error) === 'NOGROUP') {
          // The stream or the group vanished (Redis restarted without its data): recreate and go on.
          logger.warn('consumer group missing, recreating it');
          groupsReady = false;
          reclaimer.reset();
          continue;
        }
        failures++;
        if (failures === 1) logger.warn({ reason: (error as Error).message }, 'cannot consume: will retry');
        await pause(Math.min(100 * 2 ** Math.min(failures, 5), 2_000));
      }
    }
  }

  return {
    run() {
      running = true;
      return run();
    },
    stop() {
      running = false;
      wake?.();
    },
  };
}
