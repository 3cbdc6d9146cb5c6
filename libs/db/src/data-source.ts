import 'reflect-metadata';
import { DataSource, MigrationExecutor, type MixedList, type EntitySchema } from 'typeorm';

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

/**
 * The advisory lock every service's migrations take, one for the whole database: replicas of a
 * service, and services creating the same extensions, may all start at once.
 */
export const MIGRATION_LOCK_NAME = 'salle:migrations';

export interface MigrateOptions {
  /** Called once when another process holds the migration lock and this one starts waiting for it. */
  onWait?: () => void;
}

/**
 * Creates the service's schema if needed and applies pending migrations, under a PostgreSQL advisory
 * lock: of replicas starting together, one migrates while the others wait, then find nothing pending.
 * The lock is held by a session, so lock, migrations and unlock share one dedicated connection
 * (behind a pooler, that connection must be a session: see the README). Returns the applied names.
 */
export async function migrate(dataSource: DataSource, options: MigrateOptions = {}): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  const session = dataSource.createQueryRunner('master');
  await session.connect();
  try {
    const [{ locked }] = (await session.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
      MIGRATION_LOCK_NAME,
    ])) as [{ locked: boolean }];
    if (!locked) {
      options.onWait?.();
      await session.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK_NAME]);
    }
    try {
      if (schema) await session.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const executor = new MigrationExecutor(dataSource, session);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await session.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [MIGRATION_LOCK_NAME]);
    }
  } finally {
    await session.release();
  }
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
