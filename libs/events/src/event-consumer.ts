import type { Redis } from '@salle/redis';
import { createBatchDispatcher } from './consumer/batch-dispatcher';
import { createChunkRunner } from './consumer/chunk-runner';
import { consumerSettings } from './consumer/consumer-settings';
import type { EventConsumer, EventConsumerOptions } from './consumer/consumer-types';
import { createDeadLetterer } from './consumer/dead-letterer';
import { createFailureHandler } from './consumer/handler-failure';
import { createInboxTransactions } from './consumer/inbox-transactions';
import { pruneInbox } from './consumer/inbox-pruner';
import { createReadLoop } from './consumer/read-loop';
import { createReclaimer } from './consumer/reclaimer';
import { createRetryScheduler } from './consumer/retry-scheduler';
import { consumerMetrics } from './event-metrics';
import { eventTables } from './event-tables';
import { closeConnection, eventsRedisConnection } from './redis-connection';

export type {
  ConsumerHooks,
  EventConsumer,
  EventConsumerOptions,
  EventHandler,
  EventHandlers,
  HandlerContext,
} from './consumer/consumer-types';

/**
 * Reads the streams of other services in a consumer group and runs the
 * handler of each event inside a transaction that also writes the event id to
 * the inbox: an event already there is skipped, so redeliveries have no
 * second effect. Messages are acknowledged after the commit only. Messages
 * left pending by a dead consumer are reclaimed; failing ones are retried
 * with backoff, then moved to the group's dead-letter stream, like unknown
 * versions and malformed payloads, without stopping the flow.
 *
 * This function only wires the parts in ./consumer together and owns the two
 * Redis connections, opened by start() and closed by stop().
 */
export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  const settings = consumerSettings(options);
  const { group, consumerName } = settings;
  const { inbox } = eventTables(settings.schema);
  const logger = options.logger.child({ worker: 'event-consumer', group, consumer: consumerName });
  const metrics = options.metricsRegistry ? consumerMetrics(options.metricsRegistry) : undefined;
  const name = `event-consumer:${group}`;

  let blocking: Redis | undefined;
  let commands: Redis | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  const connected = (connection: Redis | undefined): Redis => {
    if (!connection) throw new Error('consumer not started');
    return connection;
  };
  const cmd = () => connected(commands);

  const retries = createRetryScheduler({ initialMs: settings.retryInitialMs, maxMs: settings.retryMaxMs });
  const deadLetter = createDeadLetterer({ ...settings, commands: cmd, retries, logger, metrics });
  const failed = createFailureHandler({
    group,
    maxAttempts: settings.maxAttempts,
    retries,
    deadLetter,
    logger,
    metrics,
  });
  const transactions = createInboxTransactions({
    dataSource: options.dataSource,
    inbox,
    group,
    failed,
    logger,
    metrics,
    hooks: options.hooks,
  });
  const runChunk = createChunkRunner({ transactions, groupCommit: settings.groupCommit, failed });
  const dispatcher = createBatchDispatcher({
    prefix: settings.prefix,
    sorting: { group, handlers: options.handlers, maxAttempts: settings.maxAttempts, metrics },
    chunking: settings,
    retries,
    runChunk,
    deadLetter,
    commands: cmd,
    logger,
    hooks: options.hooks,
  });
  const reclaimer = createReclaimer({
    ...settings,
    retries,
    dispatch: dispatcher.dispatch,
    commands: cmd,
    logger,
    metrics,
  });
  const readLoop = createReadLoop({
    settings,
    blocking: () => connected(blocking),
    commands: cmd,
    retries,
    reclaimer,
    dispatch: dispatcher.dispatch,
    pruneInbox: () => pruneInbox(options.dataSource, inbox, group, settings.inboxRetentionMs),
    logger,
  });

  return {
    name,
    consumerName,
    async start() {
      if (running) return;
      running = true;
      blocking = eventsRedisConnection(options.redis, `${name}:read`, settings.blockMs + 5_000);
      commands = eventsRedisConnection(options.redis, name, 5_000);
      loop = readLoop.run();
    },
    async stop() {
      if (!running) return;
      running = false;
      readLoop.stop();
      await loop;
      await dispatcher.drain();
      retries.clear();
      await Promise.all([blocking, commands].map((connection) => connection && closeConnection(connection)));
      blocking = undefined;
      commands = undefined;
    },
  };
}
