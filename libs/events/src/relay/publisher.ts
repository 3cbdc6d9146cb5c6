import { preparedStatement } from '@salle/db';
import { encodeEnvelope, ENVELOPE_FIELD_COUNT, type EventEnvelope } from '../event-envelope';
import type { relayMetrics } from '../event-metrics';
import { parseStreamId } from '../stream-id';
import { leaseQuery, type Lease } from './publisher-lease';
import { epochChecked, type RelayRedis } from './relay-redis';
import type { RelayHooks } from './relay-types';

export interface OutboxRow {
  position: string;
  id: string;
  type: string;
  version: number;
  aggregate_id: string;
  payload: unknown;
  request_id: string | null;
  occurred_at: Date;
  traceparent: string | null;
}

export type RelayMetrics = ReturnType<typeof relayMetrics>;

export interface PublisherDeps {
  /** The qualified outbox table. */
  outbox: string;
  stream: string;
  key: string;
  markerKey: string;
  batchSize: number;
  redis(): RelayRedis;
  metrics: RelayMetrics | undefined;
  hooks: RelayHooks | undefined;
}

export interface Publisher {
  /** Publishes the next batch of unpublished rows in `position` order; returns how many. */
  publishBatch(lease: Lease, epoch: string): Promise<number>;
  /** When the last batch reached Redis: the gathering for the next one starts there, marking included. */
  readonly publishedAt: number;
}

/** The envelope of an outbox row, as it goes to the stream. */
export function envelopeOfRow(row: OutboxRow): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    aggregateId: row.aggregate_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    requestId: row.request_id,
    traceparent: row.traceparent,
    payload: row.payload,
  };
}

/**
 * A batch costs three round trips whatever its size: read the rows, XADD
 * them all in one script (checked against the epoch), mark them published
 * with their stream ids in one UPDATE.
 */
export function createPublisher(deps: PublisherDeps): Publisher {
  const { stream, metrics, hooks } = deps;
  let publishedAt = 0;
  // The two statements of every batch, prepared once on the lease connection.
  const selectBatch = preparedStatement(
    `SELECT position, id, type, version, aggregate_id, payload, request_id, occurred_at, traceparent
     FROM ${deps.outbox} WHERE published_at IS NULL ORDER BY position LIMIT $1`,
  );
  const markBatch = preparedStatement(
    `UPDATE ${deps.outbox} AS o
     SET published_at = now(), stream_ms = u.ms, stream_seq = u.seq, publish_count = o.publish_count + 1
     FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS u(position, ms, seq)
     WHERE o.position = u.position AND o.published_at IS NULL`,
  );

  async function publishBatch(lease: Lease, epoch: string): Promise<number> {
    const { records: rows } = await leaseQuery<OutboxRow>(lease, selectBatch, [deps.batchSize]);
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    await hooks?.beforePublish?.(ids);
    const fields = rows.flatMap((row) => encodeEnvelope(envelopeOfRow(row)));
    const entryIds = await epochChecked(
      deps.redis().publishEvents(deps.key, deps.markerKey, epoch, ENVELOPE_FIELD_COUNT * 2, ...fields),
    );
    publishedAt = Date.now();
    await hooks?.afterPublish?.(ids);
    const streamIds = entryIds.map(parseStreamId);
    await leaseQuery(lease, markBatch, [
      rows.map((row) => row.position),
      streamIds.map((id) => id.ms.toString()),
      streamIds.map((id) => id.seq.toString()),
    ]);
    if (metrics) for (const row of rows) metrics.published.inc({ stream, type: row.type });
    return rows.length;
  }

  return {
    publishBatch,
    get publishedAt() {
      return publishedAt;
    },
  };
}
