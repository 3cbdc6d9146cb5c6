import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEMPLATE_PREFIX, TEMPLATE_RUN_ENV } from './infra.cjs';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * What a test database starts from: built once per test run by `migrate` (the service's migrations), then
 * copied for each suite by PostgreSQL (`CREATE DATABASE … TEMPLATE`, as fast as creating an empty one) instead of each
 * suite's service applying its whole migration list again (about a second for booking's, more under load).
 */
export interface DatabaseTemplate {
  /** Names what `migrate` builds: same key, same database (see `migrationsKey`). */
  key: string;
  /** Brings an empty database (given by URL) to the state every copy starts from. */
  migrate(url: string): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * Start from a copy of this template rather than empty. The service still runs its migrations at start
   * and finds none pending. Ignored outside a jest run with the integration preset (no run id to name the
   * template after, nobody to drop it): the database is then empty, as without the option.
   */
  template?: DatabaseTemplate;
}

function adminUrl(): string {
  const url = process.env['TEST_PG_URL'];
  if (!url)
    throw new Error('TEST_PG_URL is not set: run the tests through jest (its global setup provides PostgreSQL).');
  return url;
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * The key of a template made of these schemas' migrations: their names in order (a run that adds, removes
 * or reorders a migration gets another template). Migrations are classes, named after their file.
 */
export function migrationsKey(databases: readonly { schema: string; migrations?: unknown }[]): string {
  return databases
    .map(({ schema, migrations }) => {
      const list = Array.isArray(migrations) ? migrations : Object.values((migrations ?? {}) as object);
      const names = list.map((m: unknown) => (typeof m === 'function' ? m.name : String(m)));
      return `${schema}:${names.join(',')}`;
    })
    .join(';');
}

/** Template databases this process already found or built: a second suite in the same worker skips the lock. */
const readyTemplates = new Set<string>();

/**
 * The run's template for `template`, built on first use. Jest workers are separate processes that may all
 * ask at once: a PostgreSQL advisory lock named after the template lets one build while the others wait.
 * It is built under another name and renamed when complete, so a build that crashed halfway is never copied.
 */
async function ensureTemplate(runId: string, template: DatabaseTemplate): Promise<string> {
  const hash = createHash('sha256').update(template.key).digest('hex').slice(0, 12);
  const name = `${TEMPLATE_PREFIX}${runId}_${hash}`;
  if (readyTemplates.has(name)) return name;
  await withAdmin(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 1) return;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      await template.migrate(databaseUrl(building));
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    }
  });
  readyTemplates.add(name);
  return name;
}

/**
 * Creates a database with a unique name for one test suite, so that concurrent runs on one server never
 * see each other's rows: empty, or a copy of the run's `template`. `drop()` removes it, closing any
 * connection left open.
 */
export async function createTestDatabase(label = 'suite', options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 20);
  const name = `test_${safeLabel}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  // Set by the integration preset's global setup, whose teardown drops the run's templates.
  const runId = process.env[TEMPLATE_RUN_ENV];
  const template = options.template && runId ? await ensureTemplate(runId, options.template) : undefined;
  await withAdmin((client) =>
    client.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`),
  );
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export async function databaseExists(name: string): Promise<boolean> {
  return withAdmin(async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

/**
 * A template made of these schemas, each brought up to date by `migrateOne` (e.g. `migrateService` of
 * `@salle/service`, which runs a service's migrations as its start would), in order, in one database.
 */
export function databaseTemplate<D extends { schema: string; migrations?: unknown }>(
  databases: readonly D[],
  migrateOne: (url: string, database: D) => Promise<unknown>,
): DatabaseTemplate {
  return {
    key: migrationsKey(databases),
    migrate: async (url) => {
      for (const database of databases) await migrateOne(url, database);
    },
  };
}
