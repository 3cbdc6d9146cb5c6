import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Registry } from 'prom-client';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { eventPayloadSchema, eventProducer, isEventType, type EventType } from '@salle/contracts';
import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { schemaOf } from './data-source-schema';
import { FIELD, fieldsToRecord, readEnvelope, type ConsumedEvent, type EventEnvelope } from './event-envelope';
import { checkName, DEFAULT_EVENTS_KEY_PREFIX, deadLetterKey, streamKey } from './event-keys';
import { consumerMetrics } from './event-metrics';
import { eventTables } from './event-tables';
import { closeConnection, eventsRedisConnection, redisErrorCode, whenReady } from './redis-connection';
import { compareStreamIds, parseStreamId } from './stream-id';
import { isTransientDatabaseError } from './transient-errors';
import { preparedStatement, runPrepared } from '@salle/db';

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

interface Delivery {
  stream: string;
  entryId: string;
  fields: string[];
  attempt: number;
}

interface Work {
  delivery: Delivery;
  envelope: EventEnvelope<EventType>;
  handler: EventHandler<EventType>;
}

interface Retry {
  delivery: Delivery;
  dueAt: number;
  /** False after an infrastructure failure: the retry then does not count as a delivery. */
  counts: boolean;
}

type ReadReply = [string, [string, string[]][]][] | null;
type AutoclaimReply = [string, [string, string[] | null][], string[]?];
type PendingEntry = [string, string, number, number];

/** The query runner of a transaction's manager (TypeORM's `transaction` always gives one). */
function runnerOf(manager: EntityManager): QueryRunner {
  if (!manager.queryRunner) throw new Error('no query runner on the transaction manager');
  return manager.queryRunner;
}

const INBOX_PRUNE_INTERVAL_MS = 10 * 60_000;
/** Read batches handled at once, whatever their size (see `dispatch` for the bound on transactions). */
const MAX_BATCHES_IN_FLIGHT = 8;

/**
 * Reads the streams of other services in a consumer group and runs the
 * handler of each event inside a transaction that also writes the event id to
 * the inbox: an event already there is skipped, so redeliveries have no
 * second effect. Messages are acknowledged after the commit only. Messages
 * left pending by a dead consumer are reclaimed; failing ones are retried
 * with backoff, then moved to the group's dead-letter stream, like unknown
 * versions and malformed payloads, without stopping the flow.
 */
export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  const group = checkName('consumer group', options.group);
  const consumerName = options.consumerName ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const schema = options.schema ?? schemaOf(options.dataSource);
  const { inbox } = eventTables(schema);
  const prefix = options.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX;
  const handledTypes = Object.keys(options.handlers).filter(isEventType);
  const streams = [...new Set(options.streams ?? handledTypes.map(eventProducer))].map((s) => checkName('stream', s));
  if (streams.length === 0) throw new Error(`consumer ${group}: no stream to read (no handler given)`);
  const keys = streams.map((stream) => streamKey(prefix, stream));
  const streamOfKey = new Map(keys.map((key, i) => [key, streams[i]]));
  const deadKey = deadLetterKey(prefix, group);
  const maxAttempts = options.maxAttempts ?? 5;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const claimIntervalMs = options.claimIntervalMs ?? Math.min(5_000, Math.max(100, Math.floor(claimIdleMs / 2)));
  const retryInitialMs = options.retryDelayMs?.initial ?? 200;
  // A retry must come before the message looks abandoned to the other consumers.
  const retryMaxMs = Math.min(options.retryDelayMs?.max ?? 10_000, Math.floor(claimIdleMs * 0.8));
  const blockMs = options.blockMs ?? 1_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 4;
  const groupCommit = options.groupCommit ?? true;
  const eventsPerTransaction = Math.max(1, options.eventsPerTransaction ?? 16);
  const inboxRetentionMs = options.inboxRetentionMs ?? 30 * 24 * 3600_000;
  const logger = options.logger.child({ worker: 'event-consumer', group, consumer: consumerName });
  const metrics = options.metricsRegistry ? consumerMetrics(options.metricsRegistry) : undefined;
  const name = `event-consumer:${group}`;
  const insertInboxOne = preparedStatement(
    `INSERT INTO ${inbox} (consumer_group, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
  );
  const insertInboxMany = preparedStatement(
    `INSERT INTO ${inbox} (consumer_group, event_id, event_type)
     SELECT $1, t.id, t.type FROM unnest($2::uuid[], $3::text[]) AS t(id, type)
     ON CONFLICT DO NOTHING RETURNING event_id`,
  );

  let blocking: Redis | undefined;
  let commands: Redis | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  /** Reading stops until then after PostgreSQL failed. */
  let pausedUntil = 0;
  const retries = new Map<string, Retry>();
  const aggregateTails = new Map<string, Promise<void>>();
  /** Batches being handled: the next read does not wait for them (see `dispatch`). */
  const inFlight = new Set<Promise<void>>();
  /** Chunks (transactions) of those batches not finished yet. */
  let chunksInFlight = 0;
  const claimCursors = new Map<string, string>();

  const retryKey = (delivery: Pick<Delivery, 'stream' | 'entryId'>) => `${delivery.stream} ${delivery.entryId}`;

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

  function cmd(): Redis {
    if (!commands) throw new Error('consumer not started');
    return commands;
  }

  async function ensureGroups() {
    for (const key of keys) {
      try {
        await cmd().xgroup('CREATE', key, group, '0', 'MKSTREAM');
      } catch (error) {
        if (redisErrorCode(error) !== 'BUSYGROUP') throw error;
      }
    }
  }

  async function deadLetter(delivery: Delivery, reason: string, label: string) {
    const record = fieldsToRecord(delivery.fields);
    const type = record[FIELD.type] ?? '';
    const transaction = cmd().multi();
    transaction.xadd(
      deadKey,
      '*',
      'group',
      group,
      'stream',
      delivery.stream,
      'entry_id',
      delivery.entryId,
      'event_id',
      record[FIELD.id] ?? '',
      'type',
      type,
      'version',
      record[FIELD.version] ?? '',
      'reason',
      reason,
      'attempts',
      String(delivery.attempt),
      'dead_at',
      new Date().toISOString(),
      'consumer',
      consumerName,
      'fields',
      JSON.stringify(record),
    );
    transaction.xack(streamKey(prefix, delivery.stream), group, delivery.entryId);
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('dead-letter transaction discarded');
    retries.delete(retryKey(delivery));
    metrics?.deadLettered.inc({ stream: delivery.stream, group, type: type || 'unknown', reason: label });
    logger.error(
      { eventId: record[FIELD.id], type, stream: delivery.stream, entryId: delivery.entryId, attempts: delivery.attempt, reason },
      'event dead-lettered',
    );
  }

  /** Dead-letters, or when Redis refuses, keeps the message for a later try. */
  async function tryDeadLetter(delivery: Delivery, reason: string, label: string) {
    try {
      await deadLetter(delivery, reason, label);
    } catch (error) {
      logger.warn({ reason: (error as Error).message, entryId: delivery.entryId }, 'cannot dead-letter yet, will retry');
      retries.set(retryKey(delivery), { delivery, dueAt: Date.now() + 1_000, counts: false });
    }
  }

  function retryDelay(attempt: number) {
    return Math.min(retryInitialMs * 2 ** (attempt - 1), retryMaxMs);
  }

  function contextFor(work: Work, manager: EntityManager): HandlerContext {
    let eventLogger: Logger | undefined;
    return {
      manager,
      attempt: work.delivery.attempt,
      // Made on first use: most handlers never log, and a child logger per event is measurable.
      get logger() {
        eventLogger ??= logger.child({ eventId: work.envelope.id, type: work.envelope.type, requestId: work.envelope.requestId });
        return eventLogger;
      },
      stream: work.delivery.stream,
      entryId: work.delivery.entryId,
    };
  }

  function count(work: Work, outcome: 'processed' | 'duplicate') {
    metrics?.consumed.inc({ stream: work.delivery.stream, group, type: work.envelope.type, outcome });
    if (outcome === 'processed') {
      metrics?.delivery.observe({ stream: work.delivery.stream, group }, Math.max(0, Date.now() - Date.parse(work.envelope.occurredAt)) / 1000);
    }
  }

  /** After a failed transaction: retry later (spending an attempt or not), or dead-letter. */
  async function failed(work: Work, error: unknown) {
    const { delivery, envelope } = work;
    const reason = (error as Error)?.message ?? String(error);
    const context = { eventId: envelope.id, type: envelope.type, reason };
    if (isTransientDatabaseError(error)) {
      // PostgreSQL is away: not the event's fault, so no attempt is spent; reading pauses too.
      logger.warn(context, 'database unavailable, event will be retried');
      retries.set(retryKey(delivery), { delivery, dueAt: Date.now() + 1_000, counts: false });
      pausedUntil = Date.now() + 1_000;
      return;
    }
    if (delivery.attempt >= maxAttempts) {
      await tryDeadLetter(delivery, `handler failed after ${delivery.attempt} attempts: ${reason}`, 'handler_failed');
      return;
    }
    const delay = retryDelay(delivery.attempt);
    logger.warn({ ...context, attempt: delivery.attempt, retryInMs: delay }, 'event handler failed, will retry');
    metrics?.retried.inc({ stream: delivery.stream, group, type: envelope.type });
    retries.set(retryKey(delivery), { delivery, dueAt: Date.now() + delay, counts: true });
  }

  /** Runs one event's handler in a transaction with its inbox row. Returns true when done (to acknowledge). */
  async function handleOne(work: Work): Promise<boolean> {
    try {
      let duplicate = false;
      await options.dataSource.transaction(async (manager) => {
        const inserted = await runPrepared(runnerOf(manager), insertInboxOne, [group, work.envelope.id, work.envelope.type]);
        if (inserted.rows.length === 0) {
          duplicate = true;
          return;
        }
        await work.handler(work.envelope as ConsumedEvent<EventType>, contextFor(work, manager));
      });
      count(work, duplicate ? 'duplicate' : 'processed');
      options.hooks?.afterCommit?.([work.delivery.entryId]);
      return true;
    } catch (error) {
      await failed(work, error);
      return false;
    }
  }

  type Together = { ok: true } | { ok: false; culprit?: { work: Work; error: unknown } };

  /**
   * Group commit: a chunk in one transaction (one inbox insert, the handlers
   * in order, one commit). When a handler throws, everything rolls back and
   * that handler's event is reported, so that the caller can fail it alone
   * and run the others again without it.
   */
  async function handleTogether(chunk: Work[]): Promise<Together> {
    const outcomes: { work: Work; outcome: 'processed' | 'duplicate' }[] = [];
    let culprit: { work: Work; error: unknown } | undefined;
    try {
      await options.dataSource.transaction(async (manager) => {
        const types = new Map(chunk.map((work) => [work.envelope.id, work.envelope.type]));
        // Sorted, so that concurrent batches lock inbox keys in one order and cannot deadlock.
        const ids = [...types.keys()].sort();
        const inserted = await runPrepared<{ event_id: string }>(runnerOf(manager), insertInboxMany, [group, ids, ids.map((id) => types.get(id))]);
        const fresh = new Set(inserted.rows.map((row) => row.event_id));
        for (const work of chunk) {
          // A second copy of one event in the same chunk finds its id already taken.
          if (!fresh.delete(work.envelope.id)) {
            outcomes.push({ work, outcome: 'duplicate' });
            continue;
          }
          try {
            await work.handler(work.envelope as ConsumedEvent<EventType>, contextFor(work, manager));
          } catch (error) {
            culprit = { work, error };
            throw error;
          }
          outcomes.push({ work, outcome: 'processed' });
        }
      });
    } catch (error) {
      const blamed = culprit && !isTransientDatabaseError(culprit.error) ? culprit : undefined;
      logger.debug({ reason: (error as Error)?.message, events: chunk.length, blamed: blamed?.work.envelope.id }, 'group commit rolled back');
      return { ok: false, culprit: blamed };
    }
    for (const { work, outcome } of outcomes) count(work, outcome);
    options.hooks?.afterCommit?.(chunk.map((work) => work.delivery.entryId));
    return { ok: true };
  }

  /** Handles a chunk, group-committed when possible; returns the works done (to acknowledge). */
  async function handleChunk(chunk: Work[]): Promise<Work[]> {
    let remaining = chunk;
    while (groupCommit && remaining.length > 1) {
      const result = await handleTogether(remaining);
      if (result.ok) return remaining;
      if (!result.culprit) break;
      const { work, error } = result.culprit;
      await failed(work, error);
      remaining = remaining.filter((other) => other !== work);
    }
    const done: Work[] = [];
    for (const work of remaining) if (await handleOne(work)) done.push(work);
    return done;
  }

  /**
   * Runs a chunk after the chunks of earlier batches that share one of its
   * aggregates: with batches in flight at once, each aggregate's events still
   * run in stream order. Registers itself synchronously, in call order.
   */
  function runChunk(chunk: Work[]): Promise<Work[]> {
    const aggregates = [...new Set(chunk.map((work) => work.envelope.aggregateId))];
    const earlier = aggregates.map((aggregate) => aggregateTails.get(aggregate)).filter((tail) => tail !== undefined);
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    for (const aggregate of aggregates) aggregateTails.set(aggregate, finished);
    return (async () => {
      try {
        if (earlier.length > 0) await Promise.all(earlier);
        return await handleChunk(chunk);
      } finally {
        finish();
        for (const aggregate of aggregates) if (aggregateTails.get(aggregate) === finished) aggregateTails.delete(aggregate);
      }
    })();
  }

  /** Sorts deliveries into acknowledgements, dead letters and work; runs the work; acknowledges. */
  async function processDeliveries(deliveries: Delivery[]) {
    const acks = new Map<string, string[]>();
    const ack = (delivery: Delivery) => {
      const list = acks.get(delivery.stream) ?? [];
      list.push(delivery.entryId);
      acks.set(delivery.stream, list);
    };
    const lanes = new Map<string, Work[]>();
    // Dead letters are written after the work is scheduled: scheduling must not wait (see runChunk).
    const rejected: { delivery: Delivery; reason: string; label: string }[] = [];
    const reject = (delivery: Delivery, reason: string, label: string) => rejected.push({ delivery, reason, label });
    for (const delivery of deliveries) {
      retries.delete(retryKey(delivery));
      const record = fieldsToRecord(delivery.fields);
      const replayFor = record[FIELD.replayFor];
      if (replayFor && replayFor !== group) {
        ack(delivery);
        continue;
      }
      const reading = readEnvelope(record);
      if (!reading.ok) {
        reject(delivery, reading.reason, 'malformed');
        continue;
      }
      const envelope = reading.envelope;
      const handler = isEventType(envelope.type) ? options.handlers[envelope.type] : undefined;
      if (!handler) {
        metrics?.consumed.inc({ stream: delivery.stream, group, type: envelope.type, outcome: 'ignored' });
        ack(delivery);
        continue;
      }
      const schema = eventPayloadSchema(envelope.type, envelope.version);
      if (!schema) {
        reject(delivery, `unknown version: ${envelope.type} v${envelope.version} is not known to this consumer`, 'unknown_version');
        continue;
      }
      const parsed = schema.safeParse(envelope.payload);
      if (!parsed.success) {
        reject(
          delivery,
          `malformed payload: ${envelope.type} v${envelope.version}: ${parsed.error.issues
            .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
            .join('; ')}`,
          'malformed',
        );
        continue;
      }
      if (delivery.attempt > maxAttempts) {
        // Delivered again and again without an outcome: its consumers crashed or timed out on it.
        reject(delivery, `not acknowledged after ${delivery.attempt - 1} deliveries`, 'handler_failed');
        continue;
      }
      const lane = lanes.get(envelope.aggregateId) ?? [];
      lane.push({ delivery, envelope: { ...envelope, payload: parsed.data } as EventEnvelope<EventType>, handler: handler as EventHandler<EventType> });
      lanes.set(envelope.aggregateId, lane);
    }

    // Lanes are spread over up to `concurrency` chunks; a chunk keeps each lane's order.
    const laneList = [...lanes.values()];
    const works = laneList.reduce((sum, lane) => sum + lane.length, 0);
    const wanted = groupCommit ? Math.ceil(works / eventsPerTransaction) : concurrency;
    const chunks: Work[][] = Array.from({ length: Math.min(concurrency, laneList.length, wanted) }, () => []);
    laneList.forEach((lane, i) => chunks[i % chunks.length].push(...lane));
    chunksInFlight += chunks.length;
    const handling = chunks.map(async (chunk) => {
      try {
        for (const work of await runChunk(chunk)) ack(work.delivery);
      } finally {
        chunksInFlight--;
      }
    });
    for (const { delivery, reason, label } of rejected) await tryDeadLetter(delivery, reason, label);
    await Promise.all(handling);

    const ids = [...acks.values()].flat();
    if (ids.length === 0) return;
    await options.hooks?.beforeAck?.(ids);
    const pipeline = cmd().pipeline();
    for (const [stream, entryIds] of acks) pipeline.xack(streamKey(prefix, stream), group, ...entryIds);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    // Unacknowledged entries stay pending and come back through reclaim; the inbox absorbs the repeat.
    if (failed) logger.warn({ reason: (failed[0] as Error).message }, 'acknowledgement failed');
  }

  /** Starts handling a batch; waits only while too many batches are in flight. */
  async function dispatch(deliveries: Delivery[]) {
    const batch = processDeliveries(deliveries).catch((error: unknown) => {
      // Whatever was not acknowledged stays pending and comes back through reclaim.
      logger.warn({ reason: (error as Error)?.message }, 'batch interrupted');
    });
    inFlight.add(batch);
    void batch.finally(() => inFlight.delete(batch));
    // Under load, batches are small and a transaction lasts longer than the gap between two of them:
    // several must overlap, or events wait in the stream for a free slot. The number of transactions
    // at once stays within 2 x `concurrency` (connections the consumer may hold), as with 2 full batches.
    while (inFlight.size >= MAX_BATCHES_IN_FLIGHT || (inFlight.size > 0 && chunksInFlight >= 2 * concurrency)) {
      await Promise.race(inFlight);
    }
  }

  async function deliveryCounts(key: string, ids: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (ids.length === 0) return counts;
    const sorted = [...ids].sort((a, b) => compareStreamIds(parseStreamId(a), parseStreamId(b)));
    const entries = (await cmd().xpending(key, group, sorted[0], sorted[sorted.length - 1], ids.length * 2 + 10, consumerName)) as PendingEntry[];
    for (const [id, , , count] of entries) counts.set(id, Number(count));
    return counts;
  }

  async function runDueRetries() {
    const now = Date.now();
    const due = [...retries.values()].filter((retry) => retry.dueAt <= now);
    if (due.length === 0) return;
    const deliveries: Delivery[] = [];
    for (const retry of due) {
      const key = streamKey(prefix, retry.delivery.stream);
      const { entryId } = retry.delivery;
      if (!retry.counts) {
        // Keep ownership without counting a delivery.
        const claimed = (await cmd().xclaim(key, group, consumerName, 0, entryId, 'JUSTID')) as string[];
        retries.delete(retryKey(retry.delivery));
        if (claimed.length > 0) deliveries.push(retry.delivery);
        continue;
      }
      const claimed = (await cmd().xclaim(key, group, consumerName, 0, entryId)) as [string, string[] | null][];
      retries.delete(retryKey(retry.delivery));
      const entry = claimed[0];
      if (!entry || !entry[1]) continue; // acknowledged meanwhile, or trimmed away
      const counts = await deliveryCounts(key, [entryId]).catch(() => new Map<string, number>());
      deliveries.push({ ...retry.delivery, fields: entry[1], attempt: counts.get(entryId) ?? retry.delivery.attempt + 1 });
    }
    if (deliveries.length > 0) await dispatch(deliveries);
  }

  /** Claims messages left pending too long by any consumer of the group, and refreshes the gauges. */
  async function sweep() {
    for (const key of keys) {
      const stream = streamOfKey.get(key) ?? key;
      const cursor = claimCursors.get(key) ?? '0-0';
      const [next, entries] = (await cmd().xautoclaim(key, group, consumerName, claimIdleMs, cursor, 'COUNT', batchSize)) as AutoclaimReply;
      claimCursors.set(key, next);
      const live = entries.filter((entry): entry is [string, string[]] => Array.isArray(entry[1]));
      if (live.length > 0) {
        const counts = await deliveryCounts(key, live.map(([id]) => id));
        logger.info({ stream, entries: live.length }, 'reclaimed pending events');
        await dispatch(live.map(([entryId, fields]) => ({ stream, entryId, fields, attempt: counts.get(entryId) ?? 2 })));
      }
      if (metrics) {
        const groupsInfo = (await cmd().xinfo('GROUPS', key)) as (string | number | null)[][];
        for (const flat of groupsInfo) {
          const info = fieldsToRecord(flat.map((value) => (value === null ? '' : String(value))));
          if (info['name'] !== group) continue;
          metrics.lag.set({ stream, group }, Number(info['lag'] || 0));
          metrics.pending.set({ stream, group }, Number(info['pending'] || 0));
        }
      }
    }
  }

  async function pruneInbox() {
    await options.dataSource.query(
      `DELETE FROM ${inbox} WHERE (consumer_group, event_id) IN (
         SELECT consumer_group, event_id FROM ${inbox}
         WHERE consumer_group = $1 AND processed_at < now() - ($2::bigint * interval '1 millisecond') LIMIT 10000)`,
      [group, inboxRetentionMs],
    );
  }

  async function run() {
    let failures = 0;
    let groupsReady = false;
    let nextSweep = 0;
    let nextPrune = Date.now() + INBOX_PRUNE_INTERVAL_MS;
    while (running) {
      try {
        if (!groupsReady) {
          await whenReady(cmd(), 1_000);
          await ensureGroups();
          groupsReady = true;
        }
        if (pausedUntil > Date.now()) {
          await pause(pausedUntil - Date.now());
          continue;
        }
        await runDueRetries();
        if (Date.now() >= nextSweep) {
          await sweep();
          nextSweep = Date.now() + claimIntervalMs;
        }
        if (Date.now() >= nextPrune) {
          await pruneInbox();
          nextPrune = Date.now() + INBOX_PRUNE_INTERVAL_MS;
        }
        const nextRetry = Math.min(...[...retries.values()].map((retry) => retry.dueAt));
        const block = Math.max(1, Math.min(blockMs, nextSweep - Date.now(), nextRetry - Date.now()));
        if (!blocking) throw new Error('consumer not started');
        const reply = (await blocking.xreadgroup(
          'GROUP',
          group,
          consumerName,
          'COUNT',
          batchSize,
          'BLOCK',
          Math.ceil(block),
          'STREAMS',
          ...keys,
          ...keys.map(() => '>'),
        )) as ReadReply;
        if (failures > 0) logger.info('consuming again');
        failures = 0;
        if (!reply) continue;
        const deliveries: Delivery[] = [];
        for (const [key, entries] of reply) {
          const stream = streamOfKey.get(key) ?? key;
          for (const [entryId, fields] of entries) deliveries.push({ stream, entryId, fields, attempt: 1 });
        }
        await dispatch(deliveries);
      } catch (error) {
        if (redisErrorCode(error) === 'NOGROUP') {
          // The stream or the group vanished (Redis restarted without its data): recreate and go on.
          logger.warn('consumer group missing, recreating it');
          groupsReady = false;
          claimCursors.clear();
          continue;
        }
        failures++;
        if (failures === 1) logger.warn({ reason: (error as Error).message }, 'cannot consume: will retry');
        await pause(Math.min(100 * 2 ** Math.min(failures, 5), 2_000));
      }
    }
  }

  return {
    name,
    consumerName,
    async start() {
      if (running) return;
      running = true;
      blocking = eventsRedisConnection(options.redis, `${name}:read`, blockMs + 5_000);
      commands = eventsRedisConnection(options.redis, name, 5_000);
      loop = run();
    },
    async stop() {
      if (!running) return;
      running = false;
      wake?.();
      await loop;
      await Promise.all(inFlight);
      retries.clear();
      await Promise.all([blocking, commands].map((connection) => connection && closeConnection(connection)));
      blocking = undefined;
      commands = undefined;
    },
  };
}
