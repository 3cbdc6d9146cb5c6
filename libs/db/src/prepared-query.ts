import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs `text` as a named prepared statement on the data source's pool, so
 * that PostgreSQL parses and plans it once per connection rather than at
 * every call (TypeORM's `query` sends unnamed statements). Worth it for hot,
 * complex statements whose planning costs as much as their execution; the
 * name derives from the text, so each distinct statement is prepared once.
 */
export async function preparedQuery<Row>(dataSource: DataSource, text: string, values: readonly unknown[]): Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const name = `salle_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  const result = await pool.query({ name, text, values: [...values] });
  return result.rows as Row[];
}
