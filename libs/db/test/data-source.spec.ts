import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import {
  createDataSource,
  isExclusionViolation,
  isUniqueViolation,
  migrate,
  preparedQuery,
  redactUrl,
  retryTransientConflicts,
} from '../src/index';

class CreateSlots1700000000001 implements MigrationInterface {
  name = 'CreateSlots1700000000001';
  async up(runner: QueryRunner) {
    await runner.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
    await runner.query(`CREATE TABLE "demo"."slot" (
      id serial PRIMARY KEY,
      code text UNIQUE,
      room int NOT NULL,
      during tstzrange NOT NULL,
      EXCLUDE USING gist (room WITH =, during WITH &&)
    )`);
  }
  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE "demo"."slot"');
  }
}

class BrokenMigration1700000000002 implements MigrationInterface {
  name = 'BrokenMigration1700000000002';
  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE "demo"."slot" ADD COLUMN note text`);
    await runner.query('SELECT * FROM "demo"."missing_table"');
  }
  async down() {
    return undefined;
  }
}

class SlowCreation1700000000003 implements MigrationInterface {
  name = 'SlowCreation1700000000003';
  async up(runner: QueryRunner) {
    // Long enough for every replica to reach the lock while the first one migrates.
    await runner.query('SELECT pg_sleep(0.5)');
    await runner.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
    await runner.query('CREATE TABLE "race"."thing" (id int PRIMARY KEY)');
  }
  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE "race"."thing"');
  }
}

describe('migrate from replicas starting together', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('migrate-race');
  });
  afterAll(() => database.drop());

  it('applies the migrations once on an empty database: one replica migrates, the others wait, then find nothing pending', async () => {
    const replicas = Array.from({ length: 4 }, () =>
      createDataSource({ url: database.url, schema: 'race', migrations: [SlowCreation1700000000003] }),
    );
    await Promise.all(replicas.map((replica) => replica.initialize()));
    let waited = 0;
    try {
      const outcomes = await Promise.allSettled(
        replicas.map((replica) => migrate(replica, { onWait: () => waited++ })),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      const applied = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
      expect(applied).toEqual(['SlowCreation1700000000003']);
      expect(waited).toBe(3);
      expect(await replicas[0]?.query('SELECT name FROM race.migrations')).toEqual([
        { name: 'SlowCreation1700000000003' },
      ]);
      // The lock is released: a replica starting later migrates (nothing) without waiting.
      expect(await migrate(replicas[1] ?? replicas[0], { onWait: () => waited++ })).toEqual([]);
      expect(waited).toBe(3);
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
    }
  });
});

describe('createDataSource and migrate', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('db');
  });
  afterAll(() => database.drop());

  it('creates the schema, applies pending migrations once, and never synchronises', async () => {
    const ds = createDataSource({ url: database.url, schema: 'demo', migrations: [CreateSlots1700000000001] });
    expect(ds.options.synchronize).toBe(false);
    await ds.initialize();
    try {
      expect(await migrate(ds)).toEqual(['CreateSlots1700000000001']);
      expect(await migrate(ds)).toEqual([]);
      const tables = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'demo' ORDER BY 1`,
      );
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(['migrations', 'slot']);
    } finally {
      await ds.destroy();
    }
  });

  it('rolls back a failing migration entirely', async () => {
    const ds = createDataSource({
      url: database.url,
      schema: 'demo',
      migrations: [CreateSlots1700000000001, BrokenMigration1700000000002],
    });
    await ds.initialize();
    try {
      await expect(migrate(ds)).rejects.toThrow(/missing_table/);
      const columns = await ds.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'demo' AND table_name = 'slot' AND column_name = 'note'`,
      );
      expect(columns).toEqual([]);
      const applied = await ds.query('SELECT name FROM demo.migrations');
      expect(applied).toEqual([{ name: 'CreateSlots1700000000001' }]);
    } finally {
      await ds.destroy();
    }
  });

  it('recognises exclusion and unique violations', async () => {
    const ds = createDataSource({ url: database.url, schema: 'demo', migrations: [CreateSlots1700000000001] });
    await ds.initialize();
    try {
      await migrate(ds);
      await ds.query(
        `INSERT INTO demo.slot (code, room, during) VALUES ('a', 1, '[2026-01-01 18:00Z, 2026-01-01 20:00Z)')`,
      );
      const overlap = await ds
        .query(`INSERT INTO demo.slot (code, room, during) VALUES ('b', 1, '[2026-01-01 19:00Z, 2026-01-01 21:00Z)')`)
        .catch((error: unknown) => error);
      expect(isExclusionViolation(overlap)).toBe(true);
      expect(isUniqueViolation(overlap)).toBe(false);
      const duplicate = await ds
        .query(`INSERT INTO demo.slot (code, room, during) VALUES ('a', 2, '[2026-01-01 19:00Z, 2026-01-01 21:00Z)')`)
        .catch((error: unknown) => error);
      expect(isUniqueViolation(duplicate)).toBe(true);
      // Adjacent half-open ranges do not overlap.
      await ds.query(
        `INSERT INTO demo.slot (code, room, during) VALUES ('c', 1, '[2026-01-01 20:00Z, 2026-01-01 21:00Z)')`,
      );
    } finally {
      await ds.destroy();
    }
  });

  it('runs hot statements as named prepared statements, planned once per connection', async () => {
    // One connection, so that the check below sees the session that prepared the statement.
    const ds = createDataSource({
      url: database.url,
      schema: 'demo',
      migrations: [CreateSlots1700000000001],
      poolSize: 1,
    });
    await ds.initialize();
    try {
      await migrate(ds);
      await ds.query(
        `INSERT INTO demo.slot (code, room, during) VALUES ('p1', 71, '[2026-03-01 18:00Z, 2026-03-01 20:00Z)'), ('p2', 72, '[2026-03-01 18:00Z, 2026-03-01 20:00Z)')`,
      );
      const text = `SELECT room, upper(during) AS ends FROM demo.slot WHERE room = $1 ORDER BY code`;
      for (const room of [71, 72, 71]) {
        const rows = await preparedQuery<{ room: number }>(ds, text, [room]);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row.room === room)).toBe(true);
      }
      // The statement is now prepared, under its derived name, on the connection that ran it.
      const prepared = await preparedQuery<{ statement: string }>(
        ds,
        `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'salle_%'`,
        [],
      );
      expect(prepared.map((row) => row.statement)).toContain(text);
      // Errors keep PostgreSQL's code, for the service's error mapping.
      const duplicate = await preparedQuery(
        ds,
        `INSERT INTO demo.slot (code, room, during) VALUES ($1, 9, '[2026-02-01 19:00Z, 2026-02-01 21:00Z)')`,
        ['p1'],
      ).catch((error: unknown) => error);
      expect(isUniqueViolation(duplicate)).toBe(true);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses a schema name that could inject SQL', () => {
    expect(() => createDataSource({ url: database.url, schema: 'demo"; DROP TABLE x; --' })).toThrow(
      /invalid schema name/,
    );
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/salle')).toBe('postgres://app:***@db:5432/salle');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('not a url')).toBe('(unparsable URL)');
  });
});

describe('retryTransientConflicts', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('deadlock');
  });
  afterAll(() => database.drop());

  it('runs again a transaction that PostgreSQL aborted to break a deadlock', async () => {
    const ds = createDataSource({ url: database.url, schema: 'demo' });
    await ds.initialize();
    try {
      await ds.query('CREATE SCHEMA IF NOT EXISTS demo');
      await ds.query('CREATE TABLE demo.account (id int PRIMARY KEY, balance int NOT NULL)');
      await ds.query('INSERT INTO demo.account VALUES (1, 0), (2, 0)');
      let attempts = 0;
      let arrived = 0;
      let release: () => void = () => undefined;
      const bothLocked = new Promise<void>((resolve) => (release = resolve));
      // Two transfers locking the same rows in opposite orders: a textbook deadlock on the first try.
      const transfer = (first: number, second: number) =>
        retryTransientConflicts(() =>
          ds.transaction(async (manager) => {
            attempts++;
            await manager.query('UPDATE demo.account SET balance = balance + 1 WHERE id = $1', [first]);
            if (++arrived === 2) release();
            await Promise.race([bothLocked, new Promise((resolve) => setTimeout(resolve, 500))]);
            await manager.query('UPDATE demo.account SET balance = balance + 1 WHERE id = $1', [second]);
          }),
        );
      await Promise.all([transfer(1, 2), transfer(2, 1)]);
      // Two first tries and at least one retry; an unlucky schedule may deadlock the retry once more, which is retried too.
      expect(attempts).toBeGreaterThanOrEqual(3);
      expect(await ds.query('SELECT id, balance FROM demo.account ORDER BY id')).toEqual([
        { id: 1, balance: 2 },
        { id: 2, balance: 2 },
      ]);
      await expect(retryTransientConflicts(() => ds.query('SELECT * FROM demo.missing'))).rejects.toThrow(/missing/);
    } finally {
      await ds.destroy();
    }
  });
});
