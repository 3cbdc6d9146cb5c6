import 'reflect-metadata';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** The Postgres schema that this service owns; created if missing. */
  schema: string;
  // TypeORM's own option types: entity classes and migration classes, listed explicitly (no globs).
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A TypeORM DataSource on PostgreSQL through `pg`. Schema changes happen only
 * through explicit migrations: `synchronize` is never on.
 */
export function createDataSource(options: DatabaseOptions): DataSource {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name: ${options.schema}`);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      // A burst may queue for a connection a while; past this, the request gets a 503 to retry.
      // (A server that is down refuses at once: this wait is only for a busy pool or a hung server.)
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    },
  });
}

/** Creates the service's schema if needed and applies pending migrations. Returns their names. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (schema) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Hides the password of a database or Redis URL before it is printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
