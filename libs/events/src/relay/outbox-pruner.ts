import { leaseQuery, type Lease } from './publisher-lease';

/** How often confirmed rows past their retention are deleted. */
export const OUTBOX_PRUNE_INTERVAL_MS = 10 * 60_000;

/** Deletes up to 10,000 rows confirmed more than `retentionMs` ago: a bounded statement, repeated at each interval. */
export async function pruneOutbox(lease: Lease, outbox: string, retentionMs: number): Promise<void> {
  await leaseQuery(
    lease,
    `DELETE FROM ${outbox} WHERE position IN (
       SELECT position FROM ${outbox} WHERE confirmed_at < now() - ($1::bigint * interval '1 millisecond') LIMIT 10000)`,
    [retentionMs],
  );
}
