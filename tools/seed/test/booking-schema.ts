import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, freePort, spawnBundledApp, testRedisUrl, type TestDatabase } from '@salle/testing';

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env['TEST_PG_URL'] });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface BookingProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real booking service, as a process on loopback, on `databaseUrl` (it applies its migrations at start),
 * with the other `settings` given (its object store, the gateway's keys). Ready when it returns.
 */
export async function startBookingProcess(
  databaseUrl: string,
  settings: Record<string, string> = {},
): Promise<BookingProcess> {
  const port = await freePort();
  const child = await spawnBundledApp('booking', {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl(),
      BOOKING_PORT: String(port),
      BOOKING_METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      BOOKING_SWEEP_INTERVAL_MS: '3600000',
      BOOKING_AVAILABILITY_INTERVAL_MS: '3600000',
      ...settings,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the booking service stopped during start-up: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`the booking service was not ready within 60 s: ${stderr}`);
      const ready = await fetch(`${url}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return { url, stop };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A database whose booking schema was migrated by the booking service
 * itself: the real service is started on it once (it applies its
 * migrations at start), then stopped. The seed relies on exactly that.
 */
export async function bookingSchemaTemplate(): Promise<TestDatabase> {
  const database = await createTestDatabase('seed_template');
  const booking = await startBookingProcess(database.url);
  await booking.stop();
  return database;
}

/** A fresh copy of `template` (PostgreSQL's CREATE DATABASE ... TEMPLATE). */
export async function cloneDatabase(template: TestDatabase, label: string): Promise<TestDatabase> {
  const name = `${template.name.slice(0, 40)}_${label}_${randomBytes(3).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template.name}"`));
  const url = new URL(template.url);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs `sql` on `database` and returns the rows. */
export async function queryRows<T = Record<string, unknown>>(
  database: TestDatabase,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}
