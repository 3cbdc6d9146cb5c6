import { Client } from 'pg';
import { createTestDatabase, databaseExists } from '../src/test-database';

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
