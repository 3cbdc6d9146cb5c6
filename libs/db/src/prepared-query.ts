import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { QueryFailedError, type DataSource, type QueryRunner } from 'typeorm';
import { BoundedMemo } from '@salle/runtime';

/** A statement PostgreSQL parses and plans once per connection: a named prepared statement. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/** Distinct texts remembered; dynamic statements (search filters) have a few hundred forms at most. */
const namedStatements = new BoundedMemo<string, PreparedStatement>(5_000);

/**
 * Names the statement after its text, so that each distinct text is prepared
 * once per connection. Names are remembered: hashing a search statement's few
 * kilobytes at every request is measurable.
 */
export function preparedStatement(text: string): PreparedStatement {
  return namedStatements.get(text, () => ({
    name: `salle_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`,
    text,
  }));
}

/**
 * Runs a statement as a named prepared statement, on the connection of
 * `runner` (inside its transaction, if one is open) or on any pooled
 * connection of a data source. TypeORM's `query` sends unnamed statements,
 * parsed and planned at every call: for hot statements whose planning costs
 * as much as their execution (the free-slot search), or that run thousands
 * of times a second (the outbox), that is PostgreSQL's CPU spent for nothing.
 * Errors are TypeORM's `QueryFailedError`, as `query` would throw.
 */
export async function runPrepared<Row extends QueryResultRow>(
  on: DataSource | QueryRunner,
  statement: PreparedStatement | string,
  values: readonly unknown[],
): Promise<QueryResult<Row>> {
  const { name, text } = typeof statement === 'string' ? preparedStatement(statement) : statement;
  const target: Pool | PoolClient =
    'connect' in on && 'isTransactionActive' in on
      ? ((await on.connect()) as PoolClient)
      : (on as DataSource & { driver: { master: Pool } }).driver.master;
  try {
    return await target.query<Row>({ name, text, values: [...values] });
  } catch (error) {
    throw new QueryFailedError(text, [...values], error as Error);
  }
}

/** The rows of `runPrepared` on a data source's pool. */
export async function preparedQuery<Row extends QueryResultRow>(
  dataSource: DataSource,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  return (await runPrepared<Row>(dataSource, text, values)).rows;
}
