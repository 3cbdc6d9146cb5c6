// A real PgBouncer (the Debian package) in front of the test PostgreSQL, in transaction and in session mode:
// the services refuse to start behind the first with one clear line, and work behind the second.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource, TRANSACTION_POOLING_REFUSAL, usesTransactionPooling } from '@salle/db';
import { createLogger } from '@salle/runtime';
import { createTestDatabase, freePort, waitForPort, type TestDatabase } from '@salle/testing';
import { migrateService, StartupError } from '../src/index';

const PGBOUNCER = '/usr/sbin/pgbouncer';
const available = fs.existsSync(PGBOUNCER);

class CreatePoolNotes1700000000000 implements MigrationInterface {
  name = 'CreatePoolNotes1700000000000';
  async up(runner: QueryRunner) {
    await runner.query(`CREATE TABLE "poolsvc"."note" (id serial PRIMARY KEY)`);
  }
  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE "poolsvc"."note"`);
  }
}

interface Pooler {
  url: string;
  stop(): Promise<void>;
}

/** PgBouncer on a loopback port with a generated configuration, as `nobody` (it refuses to run as root). */
async function startPgBouncer(databaseUrl: string, mode: 'transaction' | 'session'): Promise<Pooler> {
  const target = new URL(databaseUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pgbouncer-${mode}-`));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const config = path.join(dir, 'pgbouncer.ini');
  fs.writeFileSync(
    config,
    [
      '[databases]',
      // The server's password, when it asks for one (the embedded PostgreSQL does), goes with the user.
      `* = host=${target.hostname} port=${target.port || 5432} user=${decodeURIComponent(target.username)}${
        target.password ? ` password=${decodeURIComponent(target.password)}` : ''
      }`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      `pool_mode = ${mode}`,
      'default_pool_size = 4',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
  );
  fs.chmodSync(config, 0o644);
  const args = process.getuid?.() === 0 ? ['-u', 'nobody', config] : [config];
  const child: ChildProcess = spawn(PGBOUNCER, args, { stdio: 'ignore' });
  await waitForPort('127.0.0.1', port, 10_000);
  const url = new URL(databaseUrl);
  url.port = String(port);
  return {
    url: url.toString(),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const logger = createLogger({ service: 'poolsvc-test', level: 'silent' });

(available ? describe : describe.skip)('PostgreSQL behind PgBouncer', () => {
  let database: TestDatabase;
  let transactionPooler: Pooler;
  let sessionPooler: Pooler;

  beforeAll(async () => {
    database = await createTestDatabase('pooler');
    [transactionPooler, sessionPooler] = await Promise.all([
      startPgBouncer(database.url, 'transaction'),
      startPgBouncer(database.url, 'session'),
    ]);
  }, 30_000);

  afterAll(async () => {
    await transactionPooler?.stop();
    await sessionPooler?.stop();
    await database?.drop();
  });

  const options = (databaseUrl: string) => ({
    name: 'poolsvc',
    logger,
    databaseUrl,
    startupAttempts: 1,
    database: { schema: 'poolsvc', migrations: [CreatePoolNotes1700000000000] },
  });

  async function detects(url: string): Promise<boolean> {
    const dataSource = createDataSource({ url, schema: 'poolsvc' });
    await dataSource.initialize();
    try {
      return await usesTransactionPooling(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('tells a transaction-mode pooler from a session-mode one and from PostgreSQL itself', async () => {
    expect(await detects(transactionPooler.url)).toBe(true);
    expect(await detects(sessionPooler.url)).toBe(false);
    expect(await detects(database.url)).toBe(false);
  });

  it('refuses to start behind a transaction-mode pooler, in one line, before migrating anything', async () => {
    const refusal = migrateService(options(transactionPooler.url));
    await expect(refusal).rejects.toBeInstanceOf(StartupError);
    await expect(refusal).rejects.toThrow(TRANSACTION_POOLING_REFUSAL);
    expect(TRANSACTION_POOLING_REFUSAL).not.toContain('\n');
    const { Client } = await import('pg');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT to_regclass('poolsvc.note') AS note`);
      expect(rows[0].note).toBeNull();
    } finally {
      await client.end();
    }
  });

  it('migrates behind a session-mode pooler', async () => {
    expect(await migrateService(options(sessionPooler.url))).toEqual(['CreatePoolNotes1700000000000']);
  });
});
