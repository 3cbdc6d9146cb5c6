import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';

export interface RelayHooks {
  /** Called with the batch read from the outbox, before it is written to Redis. For crash tests. */
  beforePublish?(eventIds: string[]): Promise<void> | void;
  /** Called once the batch is in Redis, before the rows are marked published. For crash tests. */
  afterPublish?(eventIds: string[]): Promise<void> | void;
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** The service schema holding the outbox; defaults to the DataSource's schema. */
  schema?: string;
  /** Connection settings to copy: the relay opens its own connection, without key prefix. */
  redis: Redis;
  /** Shared by every service of the deployment. */
  keyPrefix?: string;
  /** The stream this service writes, named after the service (`booking`, `payment`). */
  stream: string;
  /**
   * Every consumer group that reads this stream. The relay creates them with
   * the stream, and a row counts as delivered ("confirmed") only once all of
   * them acknowledged it: until then it is re-sent if Redis loses the stream.
   */
  consumerGroups: string[];
  logger: Logger;
  metricsRegistry?: Registry;
  batchSize?: number;
  /** Polling interval while the outbox is empty (default 20 ms, or 500 ms with `listen`). */
  pollIntervalMs?: number;
  /**
   * After a batch smaller than `batchSize`, how long the relay lets events
   * gather before it reads again (default 5 ms): under load, batches get
   * larger and each event costs fewer round trips to PostgreSQL and Redis,
   * here and in the consumers, for at most this much added latency.
   */
  gatherMs?: number;
  /** LISTEN for the outbox's NOTIFY (an outbox created with `notify: true`) to wake at each commit. */
  listen?: boolean;
  /** How often delivered rows are confirmed, the stream trimmed and the gauges refreshed. */
  confirmIntervalMs?: number;
  /** How often a stand-by replica tries to take over. */
  leaseRetryMs?: number;
  /** Confirmed rows are deleted after this long. */
  outboxRetentionMs?: number;
  hooks?: RelayHooks;
}

export interface OutboxRelay {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while this replica holds the publisher lease. */
  isLeader(): boolean;
}
