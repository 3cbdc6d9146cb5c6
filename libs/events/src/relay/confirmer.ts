import { preparedStatement } from '@salle/db';
import { compareStreamIds, formatStreamId, nextStreamId, parseStreamId, type StreamId } from '../stream-id';
import { leaseQuery, type Lease } from './publisher-lease';
import type { RelayMetrics } from './publisher';
import { epochChecked, type RelayRedis } from './relay-redis';
import { createGroups } from './stream-epoch';

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

/**
 * Reads the acked-prefix script's `ok, (group, state, id)...` reply: below a
 * group's oldest pending id, or past its last-delivered id when nothing is
 * pending, it acknowledged everything. The lowest of these over the groups.
 */
export function watermarkOf(reply: string[]): StreamId | undefined {
  let watermark: StreamId | undefined;
  for (let i = 1; i + 2 < reply.length; i += 3) {
    const state = reply[i + 1];
    const id = parseStreamId(reply[i + 2]);
    const low = state === 'pending' ? id : nextStreamId(id);
    if (!watermark || compareStreamIds(low, watermark) < 0) watermark = low;
  }
  return watermark;
}

export interface ConfirmerDeps {
  /** The qualified outbox table. */
  outbox: string;
  stream: string;
  key: string;
  markerKey: string;
  groups: string[];
  batchSize: number;
  redis(): RelayRedis;
  metrics: RelayMetrics | undefined;
}

export interface Confirmer {
  /** The id below which every consumer group acknowledged everything, or undefined when unknown. */
  ackedWatermark(epoch: string): Promise<StreamId | undefined>;
  /**
   * Confirms up to `batchSize` rows below `watermark`. Returns true once none
   * is left, after trimming from Redis the entries every group acknowledged.
   */
  confirmSome(lease: Lease, watermark: StreamId): Promise<boolean>;
  refreshGauges(lease: Lease): Promise<void>;
}

/** Marks rows confirmed once every consumer group acknowledged them, and trims the stream below them. */
export function createConfirmer(deps: ConfirmerDeps): Confirmer {
  const { outbox, key, batchSize, metrics } = deps;
  // At most `batchSize` rows per statement: the publishing waits for it, and a whole second's rows at once would stall it.
  // The ORDER BY makes PostgreSQL walk the `event_outbox_unconfirmed` index; without it, it may scan the table.
  const confirmSlice = preparedStatement(
    `UPDATE ${outbox} SET confirmed_at = now() WHERE position IN (
       SELECT position FROM ${outbox}
       WHERE published_at IS NOT NULL AND confirmed_at IS NULL AND (stream_ms, stream_seq) < ($1::bigint, $2::bigint)
       ORDER BY stream_ms, stream_seq LIMIT $3)`,
  );
  const gauges = preparedStatement(outboxGaugesSql(outbox));

  return {
    async ackedWatermark(epoch) {
      const reply = await epochChecked(deps.redis().ackedPrefix(key, deps.markerKey, epoch, ...deps.groups));
      if (reply[0] === 'missing') {
        // A listed group (or the stream) vanished without the epoch: recreate, confirm nothing this round.
        await createGroups(deps.redis(), deps);
        return undefined;
      }
      return watermarkOf(reply);
    },
    async confirmSome(lease, watermark) {
      const { affected } = await leaseQuery(lease, confirmSlice, [
        watermark.ms.toString(),
        watermark.seq.toString(),
        batchSize,
      ]);
      if (affected >= batchSize) return false;
      await deps.redis().xtrim(key, 'MINID', '~', formatStreamId(watermark));
      return true;
    },
    async refreshGauges(lease) {
      if (!metrics) return;
      const { records } = await leaseQuery<{ unpublished: string; unconfirmed: string }>(lease, gauges);
      metrics.backlog.set({ stream: deps.stream }, Number(records[0]?.unpublished ?? 0));
      metrics.unconfirmed.set({ stream: deps.stream }, Number(records[0]?.unconfirmed ?? 0));
    },
  };
}
