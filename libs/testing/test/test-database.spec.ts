import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropTemplates, templateRunId, TEMPLATE_RUN_ENV } from '../src/infra.cjs';
import { createTestDatabase, databaseExists, migrationsKey, type DatabaseTemplate } from '../src/test-database';

async function query(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('gives two concurrent runs separate databases and drops them afterwards', async () => {
    const [first, second] = await Promise.all([createTestDatabase('run'), createTestDatabase('run')]);
    try {
      expect(first.name).not.toBe(second.name);
      await Promise.all([
        query(first.url, `CREATE TABLE booking (id int PRIMARY KEY); INSERT INTO booking VALUES (1), (2)`),
        query(second.url, `CREATE TABLE booking (id int PRIMARY KEY); INSERT INTO booking VALUES (3)`),
      ]);
      expect((await query(first.url, 'SELECT id FROM booking ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
      expect((await query(second.url, 'SELECT id FROM booking ORDER BY id')).rows).toEqual([{ id: 3 }]);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
    expect(await databaseExists(first.name)).toBe(false);
    expect(await databaseExists(second.name)).toBe(false);
  });

  it('drops a database even while a connection is still open', async () => {
    const database = await createTestDatabase('open');
    const client = new Client({ connectionString: database.url });
    client.on('error', () => undefined);
    await client.connect();
    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await client.end().catch(() => undefined);
  });
});

describe('createTestDatabase from a template', () => {
  // A key of its own per test: this worker remembers the templates it already found.
  const tableTemplate = (table: string, calls: string[]): DatabaseTemplate => ({
    key: `spec:${table}:${randomUUID()}`,
    migrate: async (url) => {
      calls.push(url);
      await query(url, `CREATE TABLE ${table} (id int PRIMARY KEY); INSERT INTO ${table} VALUES (1)`);
    },
  });

  it('builds the template once for suites asking at once, and gives each suite its own copy', async () => {
    const calls: string[] = [];
    const template = tableTemplate('space', calls);
    const copies = await Promise.all([1, 2, 3].map(() => createTestDatabase('copy', { template })));
    try {
      expect(calls).toHaveLength(1);
      expect(new URL(calls[0]).pathname).toMatch(new RegExp(`^/tpl_${process.env[TEMPLATE_RUN_ENV]}_`));
      await query(copies[0].url, 'INSERT INTO space VALUES (2)');
      expect((await query(copies[0].url, 'SELECT id FROM space ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
      expect((await query(copies[1].url, 'SELECT id FROM space ORDER BY id')).rows).toEqual([{ id: 1 }]);
      // A later suite of the run copies the same template without building it again.
      const later = await createTestDatabase('later', { template });
      expect((await query(later.url, 'SELECT id FROM space')).rows).toEqual([{ id: 1 }]);
      await later.drop();
      expect(calls).toHaveLength(1);
    } finally {
      await Promise.all(copies.map((copy) => copy.drop()));
    }
    expect(await databaseExists(copies[0].name)).toBe(false);
  });

  it('never copies a template whose build failed, and builds it again on the next call', async () => {
    const calls: string[] = [];
    const working = tableTemplate('closure', calls);
    const failing: DatabaseTemplate = {
      key: working.key,
      migrate: async () => {
        throw new Error('migration failed');
      },
    };
    await expect(createTestDatabase('broken', { template: failing })).rejects.toThrow('migration failed');
    const copy = await createTestDatabase('fixed', { template: working });
    try {
      expect(calls).toHaveLength(1);
      expect((await query(copy.url, 'SELECT id FROM closure')).rows).toEqual([{ id: 1 }]);
    } finally {
      await copy.drop();
    }
  });

  it('starts empty, building nothing, outside a run of the integration preset', async () => {
    const runId = process.env[TEMPLATE_RUN_ENV];
    delete process.env[TEMPLATE_RUN_ENV];
    const calls: string[] = [];
    try {
      const database = await createTestDatabase('plain', { template: tableTemplate('booking', calls) });
      const tables = await query(database.url, "SELECT 1 FROM pg_tables WHERE tablename = 'booking'");
      await database.drop();
      expect(tables.rowCount).toBe(0);
      expect(calls).toEqual([]);
    } finally {
      process.env[TEMPLATE_RUN_ENV] = runId;
    }
  });

  it('keys a template by schema and migration names in order', () => {
    class First {}
    class Second {}
    const key = migrationsKey([{ schema: 'booking', migrations: [First, Second] }]);
    expect(key).toBe('booking:First,Second');
    expect(migrationsKey([{ schema: 'booking', migrations: [Second, First] }])).not.toBe(key);
    expect(migrationsKey([{ schema: 'payment', migrations: [First, Second] }])).not.toBe(key);
  });
});

describe('dropTemplates', () => {
  it("drops the run's templates and those of runs older than 12 hours, keeping other recent runs'", async () => {
    const admin = process.env['TEST_PG_URL'] as string;
    const now = Date.now();
    const ended = templateRunId(now - 60_000);
    const crashedLongAgo = templateRunId(now - 13 * 3_600_000);
    const running = templateRunId(now - 3_600_000);
    const names = [`tpl_${ended}_a1`, `tpl_${ended}_a1_building`, `tpl_${crashedLongAgo}_b2`, `tpl_${running}_c3`];
    for (const name of names) await query(admin, `CREATE DATABASE "${name}"`);
    try {
      const dropped = await dropTemplates(admin, { runId: ended, now });
      // (Another run's leftovers older than 12 hours would go too: only ours are asserted.)
      expect(dropped.filter((name) => names.includes(name)).sort()).toEqual(names.slice(0, 3).sort());
      expect(await Promise.all(names.map((name) => databaseExists(name)))).toEqual([false, false, false, true]);
    } finally {
      await query(admin, `DROP DATABASE IF EXISTS "tpl_${running}_c3"`);
    }
  });
});
