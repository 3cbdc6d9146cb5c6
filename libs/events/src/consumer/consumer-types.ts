import type { Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventType } from '@salle/contracts';
import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import type { ConsumedEvent, EventEnvelope } from '../event-envelope';
import type { consumerMetrics } from '../event-metrics';

export interface HandlerContext {
  /** The transaction that also records the event in the inbox: write the effects through it. */
  manager: EntityManager;
  /** 1 on the first delivery; from the pending entry's delivery count afterwards. */
  attempt: number;
  logger: Logger;
  stream: string;
  entryId: string;
}

export type EventHandler<T extends EventType> = (event: ConsumedEvent<T>, context: HandlerContext) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

export interface ConsumerHooks {
  /** Called after each transaction that handled events committed, with their entry ids. */
  afterCommit?(entryIds: string[]): void;
  /** Called after the batch's transactions committed and before XACK. For crash tests. */
  beforeAck?(entryIds: string[]): Promise<void> | void;
}

export interface EventConsumerOptions {
  /** The consumer group: the name of the consuming service. */
  group: string;
  /** Unique per process; defaults to host, pid and a random suffix. */
  consumerName?: string;
  dataSource: DataSource;
  /** The service schema holding the inbox; defaults to the DataSource's schema. */
  schema?: string;
  /** Connection settings to copy: the consumer opens two connections of its own, without key prefix. */
  redis: Redis;
  keyPrefix?: string;
  /** Streams to read; defaults to the producers of the handled event types. */
  streams?: string[];
  handlers: EventHandlers;
  logger: Logger;
  metricsRegistry?: Registry;
  /** Deliveries of one event before it is dead-lettered. */
  maxAttempts?: number;
  /** Backoff after a handler failure: initial * 2^(attempt-1), capped (and kept under claimIdleMs). */
  retryDelayMs?: { initial: number; max: number };
  /** A message pending this long on any consumer (a dead one, typically) is claimed by another. */
  claimIdleMs?: number;
  /** How often pending messages are reclaimed and the lag gauges refreshed. */
  claimIntervalMs?: number;
  blockMs?: number;
  batchSize?: number;
  /** Events of different aggregates handled at once; one aggregate's events run one after the other. */
  concurrency?: number;
  /**
   * Handle the events of a read batch several per transaction (default true),
   * falling back to one transaction per event when one of them fails. Handlers
   * then share a transaction with other events' handlers: fine for database
   * effects, which roll back together.
   */
  groupCommit?: boolean;
  /**
   * With group commit, a read batch is split into more transactions (up to
   * `concurrency`) only past this many events per transaction: each
   * transaction costs round trips and a commit, which small batches do not
   * need to pay several times.
   */
  eventsPerTransaction?: number;
  /** Inbox rows (ids of handled events) are kept this long: longer than any event can stay unconfirmed. */
  inboxRetentionMs?: number;
  hooks?: ConsumerHooks;
}

export interface EventConsumer {
  readonly name: string;
  readonly consumerName: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A stream entry as this consumer received it. */
export interface Delivery {
  stream: string;
  entryId: string;
  fields: string[];
  attempt: number;
}

/** A delivery whose envelope and payload are valid and whose type has a handler. */
export interface Work {
  delivery: Delivery;
  envelope: EventEnvelope<EventType>;
  handler: EventHandler<EventType>;
}

/** A delivery to move to the dead letters, with the reason people read and the metric's label. */
export interface Rejection {
  delivery: Delivery;
  reason: string;
  label: string;
}

export type ConsumerMetrics = ReturnType<typeof consumerMetrics>;
