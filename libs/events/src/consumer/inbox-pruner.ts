import type { DataSource } from 'typeorm';

/** How often the inbox is pruned. */
export const INBOX_PRUNE_INTERVAL_MS = 10 * 60_000;

/** Deletes up to 10,000 inbox rows of `group` older than `retentionMs`: a bounded statement, repeated at each interval. */
export async function pruneInbox(
  dataSource: DataSource,
  inbox: string,
  group: string,
  retentionMs: number,
): Promise<void> {
  await dataSource.query(
    `DELETE FROM ${inbox} WHERE (consumer_group, event_id) IN (
       SELECT consumer_group, event_id FROM ${inbox}
       WHERE consumer_group = $1 AND processed_at < now() - ($2::bigint * interval '1 millisecond') LIMIT 10000)`,
    [group, retentionMs],
  );
}
