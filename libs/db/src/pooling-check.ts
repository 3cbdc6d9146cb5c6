import type { DataSource } from 'typeorm';

async function backendPid(runner: { query(sql: string): Promise<{ pid: number }[]> }): Promise<number> {
  const [row] = await runner.query('SELECT pg_backend_pid() AS pid');
  return Number(row?.pid);
}

/**
 * Whether the connections of `dataSource` go through a pooler in transaction
 * (or statement) mode, where one client connection does not keep one server
 * session: session advisory locks (the migration lock, the relay's publisher
 * lease) and named prepared statements would then be silently wrong.
 *
 * Two client connections: A notes its server process and goes idle; B opens a
 * transaction. Directly or through a session-mode pooler, B never runs on A's
 * server process and A keeps its own. A transaction-mode pooler hands A's idle
 * process to B, or A's next statement to another process: either is seen.
 */
export async function usesTransactionPooling(dataSource: DataSource): Promise<boolean> {
  const a = dataSource.createQueryRunner();
  const b = dataSource.createQueryRunner();
  try {
    await a.connect();
    await b.connect();
    const first = await backendPid(a);
    await b.startTransaction();
    try {
      const other = await backendPid(b);
      if (other === first) return true;
      return (await backendPid(a)) !== first;
    } finally {
      await b.rollbackTransaction();
    }
  } finally {
    await b.release();
    await a.release();
  }
}

export const TRANSACTION_POOLING_REFUSAL =
  'DATABASE_URL goes through a connection pooler in transaction mode, which does not keep the session advisory ' +
  'locks (migrations, event relay lease) and named prepared statements the services rely on: point DATABASE_URL ' +
  'at PostgreSQL itself or at a pooler in session mode (docs/operations.md, "PgBouncer and other poolers").';
