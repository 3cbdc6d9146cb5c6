import { relayMetrics } from './event-metrics';
import { closeConnection } from './redis-connection';
import { createConfirmer } from './relay/confirmer';
import { createLeader } from './relay/leader';
import { createPublisher } from './relay/publisher';
import { acquireLease, releaseLease, type Lease } from './relay/publisher-lease';
import { createRelayPause } from './relay/relay-pause';
import { relayRedisConnection, type RelayRedis } from './relay/relay-redis';
import { relaySettings } from './relay/relay-settings';
import type { OutboxRelay, OutboxRelayOptions } from './relay/relay-types';

export { outboxGaugesSql } from './relay/confirmer';
export type { OutboxRelay, OutboxRelayOptions, RelayHooks } from './relay/relay-types';

/**
 * Publishes the outbox of one service schema to its Redis stream. Any number
 * of replicas may run it: one holds a PostgreSQL advisory lock (the publisher
 * lease, on a connection it keeps) and publishes in `position` order, so the
 * stream keeps the order of each aggregate; the others wait to take over when
 * its connection drops. All of the leader's SQL runs on the lease connection:
 * a leader that lost its lease cannot mark anything.
 *
 * This function wires the parts in ./relay together, owns the Redis
 * connection and runs the lease loop: take the lease, lead, give it back.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const settings = relaySettings(options);
  const logger = options.logger.child({ worker: 'outbox-relay', stream: settings.stream });
  const metrics = options.metricsRegistry ? relayMetrics(options.metricsRegistry) : undefined;
  const name = `outbox-relay:${settings.stream}`;

  let redis: RelayRedis | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  let leader = false;
  const isRunning = () => running;
  const pauses = createRelayPause(isRunning);
  const connection = (): RelayRedis => (redis ??= relayRedisConnection(options.redis, name));
  const leaseTarget = { ...settings, dataSource: options.dataSource, onNotify: pauses.wakeUp };
  const publisher = createPublisher({ ...settings, redis: connection, metrics, hooks: options.hooks });
  const confirmer = createConfirmer({ ...settings, redis: connection, metrics });
  const lead = createLeader({ settings, isRunning, redis: connection, publisher, confirmer, pauses, logger });

  async function run() {
    let failures = 0;
    while (running) {
      let lease: Lease | undefined;
      try {
        lease = await acquireLease(leaseTarget);
        if (!lease) {
          await pauses.pause(settings.leaseRetryMs);
          continue;
        }
        leader = true;
        logger.info('publisher lease acquired');
        failures = 0;
        await lead(lease);
      } catch (error) {
        failures++;
        logger.warn({ reason: (error as Error).message }, leader ? 'publisher lease lost' : 'cannot reach PostgreSQL');
        await pauses.pause(Math.min(200 * 2 ** Math.min(failures, 4), 3_000));
      } finally {
        leader = false;
        if (lease) await releaseLease(lease, settings);
      }
    }
  }

  return {
    name,
    isLeader: () => leader,
    async start() {
      if (running) return;
      running = true;
      connection();
      loop = run();
    },
    async stop() {
      if (!running) return;
      running = false;
      pauses.wakeUp();
      await loop;
      if (redis) await closeConnection(redis);
      redis = undefined;
    },
  };
}
