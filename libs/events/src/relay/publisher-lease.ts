import type { Notification, PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { runPrepared, type PreparedStatement } from '@salle/db';

/** Class id of the publisher lease (two-key advisory lock), distinct from the outbox's aggregate lock. */
const LEASE_LOCK_CLASS = 0x5e7f;

/** The connection holding the publisher lease: all of the leader's SQL runs on it. */
export interface Lease {
  runner: QueryRunner;
  client: PoolClient;
  onNotification: (message: Notification) => void;
}

export interface LeaseTarget {
  dataSource: DataSource;
  schema: string;
  stream: string;
  /** The outbox's NOTIFY channel. */
  channel: string;
  listen: boolean;
  /** Called on each NOTIFY of the channel. */
  onNotify(): void;
}

/** Runs `sql` on the lease connection: a prepared statement, or plain SQL. */
export async function leaseQuery<T extends object>(
  lease: Lease,
  sql: string | PreparedStatement,
  parameters: unknown[] = [],
): Promise<{ records: T[]; affected: number }> {
  if (typeof sql !== 'string') {
    const result = await runPrepared<T>(lease.runner, sql, parameters);
    return { records: result.rows, affected: result.rowCount ?? 0 };
  }
  const result = await lease.runner.query(sql, parameters, true);
  return { records: result.records as T[], affected: result.affected ?? 0 };
}

/**
 * Takes the publisher lease: a PostgreSQL session advisory lock on a
 * connection kept for as long as it is held. Undefined when another replica
 * holds it.
 */
export async function acquireLease(target: LeaseTarget): Promise<Lease | undefined> {
  const runner = target.dataSource.createQueryRunner('master');
  try {
    const client = (await runner.connect()) as PoolClient;
    const rows: { acquired: boolean }[] = await runner.query(
      `SELECT pg_try_advisory_lock(${LEASE_LOCK_CLASS}, hashtext($1::text)) AS acquired`,
      [`${target.schema}:${target.stream}`],
    );
    if (!rows[0]?.acquired) {
      await runner.release();
      return undefined;
    }
    const onNotification = (message: Notification) => {
      if (message.channel === target.channel) target.onNotify();
    };
    client.on('notification', onNotification);
    if (target.listen) await runner.query(`LISTEN "${target.channel}"`);
    return { runner, client, onNotification };
  } catch (error) {
    await runner.release();
    throw error;
  }
}

export async function releaseLease(lease: Lease, target: Pick<LeaseTarget, 'schema' | 'stream'>): Promise<void> {
  lease.client.removeListener('notification', lease.onNotification);
  try {
    if (!lease.runner.isReleased) {
      await lease.runner.query('UNLISTEN *');
      await lease.runner.query(`SELECT pg_advisory_unlock(${LEASE_LOCK_CLASS}, hashtext($1::text))`, [
        `${target.schema}:${target.stream}`,
      ]);
    }
    await lease.runner.release();
  } catch {
    // The connection is broken: PostgreSQL dropped the lock with the session.
    const runner = lease.runner as QueryRunner & { releasePostgresConnection?: (error: Error) => Promise<void> };
    await (runner.releasePostgresConnection?.(new Error('relay lease lost')) ?? runner.release());
  }
}
