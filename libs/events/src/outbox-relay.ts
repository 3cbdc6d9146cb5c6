import { randomUUID } from 'node:crypto';
import type { PoolClient, Notification } from 'pg';
import type { Registry } from 'prom-client';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { encodeEnvelope, ENVELOPE_FIELD_COUNT } from './event-envelope';
import { checkName, DEFAULT_EVENTS_KEY_PREFIX, epochKey, streamKey } from './event-keys';
import { relayMetrics } from './event-metrics';
import { eventTables } from './event-tables';
import { outboxChannel } from './outbox';
import { closeConnection, eventsRedisConnection, redisErrorCode, whenReady } from './redis-connection';
import { compareStreamIds, nextStreamId, parseStreamId, formatStreamId, type StreamId } from './stream-id';
import { schemaOf } from './data-source-schema';
import { preparedStatement, runPrepared, type PreparedStatement } from '@salle/db';

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

/**
 * The relay's gauges: rows not yet in the stream, and rows in it that not
 * every group acknowledged. Each count reads its own partial index: confirmed
 * rows are kept for days, and a count over the whole table, every second on
 * the publishing connection, would stall publishing as the table grows.
 */
export function outboxGaugesSql(outbox: string): string {
  return `SELECT (SELECT count(*) FROM ${outbox} WHERE published_at IS NULL) AS unpublished,
                 (SELECT count(*) FROM ${outbox} WHERE published_at IS NOT NULL AND confirmed_at IS NULL) AS unconfirmed`;
}

/** Class id of the publisher lease (two-key advisory lock), distinct from the outbox's aggregate lock. */
const LEASE_LOCK_CLASS = 0x5e7f;
const PRUNE_INTERVAL_MS = 10 * 60_000;

// Writes a batch only if the stream's epoch marker is still the one this relay
// knows: when Redis lost its data, nothing is written to the new empty
// instance until the relay has re-queued every unconfirmed row.
const PUBLISH_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return redis.error_reply('EPOCHLOST the stream epoch marker is gone or changed')
end
local width = tonumber(ARGV[2])
local ids = {}
local i = 3
while i <= #ARGV do
  local args = {KEYS[1], '*'}
  for j = 0, width - 1 do args[#args + 1] = ARGV[i + j] end
  ids[#ids + 1] = redis.call('XADD', unpack(args))
  i = i + width
end
return ids
`;

// For each consumer group: everything below the returned id is acknowledged.
// One script, so that the epoch check and the group states are one snapshot.
const ACKED_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return redis.error_reply('EPOCHLOST the stream epoch marker is gone or changed')
end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing', ''} end
local out = {'ok'}
local seen = {}
for _, flat in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local g = {}
  for i = 1, #flat, 2 do g[flat[i]] = flat[i + 1] end
  seen[g['name']] = true
  if tonumber(g['pending']) > 0 then
    local summary = redis.call('XPENDING', KEYS[1], g['name'])
    out[#out + 1] = g['name']
    out[#out + 1] = 'pending'
    out[#out + 1] = summary[2]
  else
    out[#out + 1] = g['name']
    out[#out + 1] = 'delivered'
    out[#out + 1] = g['last-delivered-id']
  end
end
for i = 2, #ARGV do
  if not seen[ARGV[i]] then return {'missing', ARGV[i]} end
end
return out
`;

interface RelayRedis extends Redis {
  publishEvents(...args: (string | number)[]): Promise<string[]>;
  ackedPrefix(...args: (string | number)[]): Promise<string[]>;
}

interface OutboxRow {
  position: string;
  id: string;
  type: string;
  version: number;
  aggregate_id: string;
  payload: unknown;
  request_id: string | null;
  occurred_at: Date;
}

class EpochLost extends Error {}

interface Lease {
  runner: QueryRunner;
  client: PoolClient;
  onNotification: (message: Notification) => void;
}

/**
 * Publishes the outbox of one service schema to its Redis stream. Any number
 * of replicas may run it: one holds a PostgreSQL advisory lock (the publisher
 * lease, on a connection it keeps) and publishes in `position` order, so the
 * stream keeps the order of each aggregate; the others wait to take over when
 * its connection drops. All of the leader's SQL runs on the lease connection:
 * a leader that lost its lease cannot mark anything.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const stream = checkName('stream', options.stream);
  const groups = options.consumerGroups.map((group) => checkName('consumer group', group));
  const schema = options.schema ?? schemaOf(options.dataSource);
  const { outbox } = eventTables(schema);
  const prefix = options.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX;
  const key = streamKey(prefix, stream);
  const markerKey = epochKey(prefix, stream);
  const batchSize = options.batchSize ?? 200;
  const listen = options.listen ?? false;
  const pollIntervalMs = options.pollIntervalMs ?? (listen ? 500 : 20);
  const gatherMs = Math.min(options.gatherMs ?? 5, pollIntervalMs);
  const confirmIntervalMs = options.confirmIntervalMs ?? 1_000;
  const leaseRetryMs = options.leaseRetryMs ?? 1_000;
  const retentionMs = options.outboxRetentionMs ?? 7 * 24 * 3600_000;
  const channel = outboxChannel(schema);
  const logger = options.logger.child({ worker: 'outbox-relay', stream });
  const metrics = options.metricsRegistry ? relayMetrics(options.metricsRegistry) : undefined;
  const name = `outbox-relay:${stream}`;

  let redis: RelayRedis | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  let leader = false;
  let wake: (() => void) | undefined;
  let woken = false;
  /** When the last batch reached Redis: the gathering for the next one starts there, marking included. */
  let publishedAt = 0;

  function wakeUp() {
    if (wake) wake();
    else woken = true;
  }

  /**
   * Waits for `ms`, a NOTIFY from a commit, or stop(). With `gathering`,
   * only stop() cuts the wait short: the commits notified meanwhile are read
   * together when it ends.
   */
  function pause(ms: number, gathering = false): Promise<void> {
    if (!running || (woken && !gathering)) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        woken = false;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      wake = gathering
        ? () => {
            if (!running) done();
          }
        : done;
    });
  }

  function connection(): RelayRedis {
    if (!redis) {
      const created = eventsRedisConnection(options.redis, name, 5_000) as RelayRedis;
      created.defineCommand('publishEvents', { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
      created.defineCommand('ackedPrefix', { numberOfKeys: 2, lua: ACKED_SCRIPT });
      redis = created;
    }
    return redis;
  }

  async function query<T extends object>(lease: Lease, sql: string | PreparedStatement, parameters: unknown[] = []): Promise<{ records: T[]; affected: number }> {
    if (typeof sql !== 'string') {
      const result = await runPrepared<T>(lease.runner, sql, parameters);
      return { records: result.rows, affected: result.rowCount ?? 0 };
    }
    const result = await lease.runner.query(sql, parameters, true);
    return { records: result.records as T[], affected: result.affected ?? 0 };
  }

  async function acquireLease(): Promise<Lease | undefined> {
    const runner = options.dataSource.createQueryRunner('master');
    try {
      const client = (await runner.connect()) as PoolClient;
      const rows: { acquired: boolean }[] = await runner.query(
        `SELECT pg_try_advisory_lock(${LEASE_LOCK_CLASS}, hashtext($1::text)) AS acquired`,
        [`${schema}:${stream}`],
      );
      if (!rows[0]?.acquired) {
        await runner.release();
        return undefined;
      }
      const onNotification = (message: Notification) => {
        if (message.channel === channel) wakeUp();
      };
      client.on('notification', onNotification);
      if (listen) await runner.query(`LISTEN "${channel}"`);
      return { runner, client, onNotification };
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  async function releaseLease(lease: Lease) {
    lease.client.removeListener('notification', lease.onNotification);
    try {
      if (!lease.runner.isReleased) {
        await lease.runner.query('UNLISTEN *');
        await lease.runner.query(`SELECT pg_advisory_unlock(${LEASE_LOCK_CLASS}, hashtext($1::text))`, [`${schema}:${stream}`]);
      }
      await lease.runner.release();
    } catch {
      // The connection is broken: PostgreSQL dropped the lock with the session.
      const runner = lease.runner as QueryRunner & { releasePostgresConnection?: (error: Error) => Promise<void> };
      await (runner.releasePostgresConnection?.(new Error('relay lease lost')) ?? runner.release());
    }
  }

  async function createGroups(conn: Redis) {
    for (const group of groups) {
      try {
        await conn.xgroup('CREATE', key, group, '0', 'MKSTREAM');
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
  async function ensureEpoch(lease: Lease): Promise<string> {
    const conn = connection();
    const current = await conn.get(markerKey);
    if (current) {
      await createGroups(conn);
      return current;
    }
    const { affected } = await query(
      lease,
      `UPDATE ${outbox} SET published_at = NULL, stream_ms = NULL, stream_seq = NULL
       WHERE published_at IS NOT NULL AND confirmed_at IS NULL`,
    );
    if (affected > 0) logger.warn({ events: affected }, 'the stream is missing in Redis: re-publishing events not yet confirmed');
    await createGroups(conn);
    const epoch = randomUUID();
    await conn.set(markerKey, epoch);
    logger.info({ epoch }, 'stream epoch created');
    return epoch;
  }

  // The two statements of every batch, prepared once on the lease connection.
  const selectBatch = preparedStatement(
    `SELECT position, id, type, version, aggregate_id, payload, request_id, occurred_at
     FROM ${outbox} WHERE published_at IS NULL ORDER BY position LIMIT $1`,
  );
  const markBatch = preparedStatement(
    `UPDATE ${outbox} AS o
     SET published_at = now(), stream_ms = u.ms, stream_seq = u.seq, publish_count = o.publish_count + 1
     FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS u(position, ms, seq)
     WHERE o.position = u.position AND o.published_at IS NULL`,
  );

  async function publishBatch(lease: Lease, epoch: string): Promise<number> {
    const { records: rows } = await query<OutboxRow>(lease, selectBatch, [batchSize]);
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    await options.hooks?.beforePublish?.(ids);
    const fields = rows.flatMap((row) =>
      encodeEnvelope({
        id: row.id,
        type: row.type,
        version: row.version,
        aggregateId: row.aggregate_id,
        occurredAt: new Date(row.occurred_at).toISOString(),
        requestId: row.request_id,
        payload: row.payload,
      }),
    );
    let entryIds: string[];
    try {
      entryIds = await connection().publishEvents(key, markerKey, epoch, ENVELOPE_FIELD_COUNT * 2, ...fields);
    } catch (error) {
      if (redisErrorCode(error) === 'EPOCHLOST') throw new EpochLost();
      throw error;
    }
    publishedAt = Date.now();
    await options.hooks?.afterPublish?.(ids);
    const streamIds = entryIds.map(parseStreamId);
    await query(lease, markBatch, [
      rows.map((row) => row.position),
      streamIds.map((id) => id.ms.toString()),
      streamIds.map((id) => id.seq.toString()),
    ]);
    if (metrics) for (const row of rows) metrics.published.inc({ stream, type: row.type });
    return rows.length;
  }

  /** The id below which every consumer group acknowledged everything, or undefined when unknown. */
  async function ackedWatermark(epoch: string): Promise<StreamId | undefined> {
    let reply: string[];
    try {
      reply = await connection().ackedPrefix(key, markerKey, epoch, ...groups);
    } catch (error) {
      if (redisErrorCode(error) === 'EPOCHLOST') throw new EpochLost();
      throw error;
    }
    if (reply[0] === 'missing') {
      // A listed group (or the stream) vanished without the epoch: recreate, confirm nothing this round.
      await createGroups(connection());
      return undefined;
    }
    let watermark: StreamId | undefined;
    for (let i = 1; i + 2 < reply.length; i += 3) {
      const state = reply[i + 1];
      const id = parseStreamId(reply[i + 2]);
      const low = state === 'pending' ? id : nextStreamId(id);
      if (!watermark || compareStreamIds(low, watermark) < 0) watermark = low;
    }
    return watermark;
  }

  // At most `batchSize` rows per statement: the publishing waits for it, and a whole second's rows at once would stall it.
  // The ORDER BY makes PostgreSQL walk the `event_outbox_unconfirmed` index; without it, it may scan the table.
  const confirmSlice = preparedStatement(
    `UPDATE ${outbox} SET confirmed_at = now() WHERE position IN (
       SELECT position FROM ${outbox}
       WHERE published_at IS NOT NULL AND confirmed_at IS NULL AND (stream_ms, stream_seq) < ($1::bigint, $2::bigint)
       ORDER BY stream_ms, stream_seq LIMIT $3)`,
  );

  /**
   * Confirms up to `batchSize` rows below `watermark`. Returns true once none
   * is left, after trimming from Redis the entries every group acknowledged.
   */
  async function confirmSome(lease: Lease, watermark: StreamId): Promise<boolean> {
    const { affected } = await query(lease, confirmSlice, [watermark.ms.toString(), watermark.seq.toString(), batchSize]);
    if (affected >= batchSize) return false;
    await connection().xtrim(key, 'MINID', '~', formatStreamId(watermark));
    return true;
  }

  const gauges = preparedStatement(outboxGaugesSql(outbox));

  async function refreshGauges(lease: Lease) {
    if (!metrics) return;
    const { records } = await query<{ unpublished: string; unconfirmed: string }>(lease, gauges);
    metrics.backlog.set({ stream }, Number(records[0]?.unpublished ?? 0));
    metrics.unconfirmed.set({ stream }, Number(records[0]?.unconfirmed ?? 0));
  }

  async function prune(lease: Lease) {
    await query(
      lease,
      `DELETE FROM ${outbox} WHERE position IN (
         SELECT position FROM ${outbox} WHERE confirmed_at < now() - ($1::bigint * interval '1 millisecond') LIMIT 10000)`,
      [retentionMs],
    );
  }

  /** Publishes while holding the lease; returns when stopped, or throws when the lease connection fails. */
  async function lead(lease: Lease) {
    let epoch: string | undefined;
    let nextConfirm = 0;
    /** Set while the rows below it are being confirmed, a slice per turn of the loop, between batches. */
    let confirming: StreamId | undefined;
    let nextPrune = Date.now() + PRUNE_INTERVAL_MS;
    let redisFailures = 0;
    while (running) {
      try {
        if (!epoch) {
          await whenReady(connection(), 1_000);
          epoch = await ensureEpoch(lease);
        }
        const published = await publishBatch(lease, epoch);
        if (!confirming && Date.now() >= nextConfirm) {
          confirming = await ackedWatermark(epoch);
          await refreshGauges(lease);
          nextConfirm = Date.now() + confirmIntervalMs;
        }
        if (confirming && (await confirmSome(lease, confirming))) confirming = undefined;
        if (Date.now() >= nextPrune) {
          await prune(lease);
          nextPrune = Date.now() + PRUNE_INTERVAL_MS;
        }
        if (redisFailures > 0) logger.info('publishing again');
        redisFailures = 0;
        // After a partial batch, look again soon, once the rows committing now are there to read together.
        if (published > 0 && published < batchSize) await pause(Math.min(publishedAt + gatherMs, nextConfirm) - Date.now(), true);
        else if (published === 0 && !confirming) await pause(Math.min(pollIntervalMs, nextConfirm - Date.now()));
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
  }

  async function run() {
    let failures = 0;
    while (running) {
      let lease: Lease | undefined;
      try {
        lease = await acquireLease();
        if (!lease) {
          await pause(leaseRetryMs);
          continue;
        }
        leader = true;
        logger.info('publisher lease acquired');
        failures = 0;
        await lead(lease);
      } catch (error) {
        failures++;
        logger.warn({ reason: (error as Error).message }, leader ? 'publisher lease lost' : 'cannot reach PostgreSQL');
        await pause(Math.min(200 * 2 ** Math.min(failures, 4), 3_000));
      } finally {
        leader = false;
        if (lease) await releaseLease(lease);
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
      wakeUp();
      await loop;
      if (redis) await closeConnection(redis);
      redis = undefined;
    },
  };
}
