import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import { copyInto } from '../src/copy-in';

interface Row {
  id: number;
  label: string | null;
  tags: string[];
  days: number[];
  details: Record<string, unknown>;
  at: Date;
  flag: boolean;
}

describe('COPY FROM STDIN through pg', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('seed_copy');
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`CREATE TABLE item (id integer PRIMARY KEY CHECK (id >= 0), label text, tags text[] NOT NULL, days smallint[] NOT NULL,
                        details jsonb NOT NULL, at timestamptz NOT NULL, flag boolean NOT NULL)`);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  const columns: (keyof Row)[] = ['id', 'label', 'tags', 'days', 'details', 'at', 'flag'];
  const awkward = [
    'tab\there',
    'line\nbreak',
    'back\\slash',
    'quote " and {braces}, comma',
    'accents: éàç — “typographie”',
    '\\N',
    '',
  ];

  it('stores many rows exactly, whatever characters they hold', async () => {
    const rows: Row[] = Array.from({ length: 20_000 }, (_, id) => ({
      id,
      label: id % 7 === 0 ? null : `${awkward[id % awkward.length]} #${id}`,
      tags: [awkward[id % awkward.length] as string, 'plain'],
      days: [1, (id % 7) + 1],
      details: { text: awkward[(id + 1) % awkward.length], n: id },
      at: new Date(Date.UTC(2026, 8, 1) + id * 60_000),
      flag: id % 2 === 0,
    }));
    let seen = 0;
    expect(await copyInto(client, 'item', columns, rows, () => (seen += 1))).toBe(20_000);
    expect(seen).toBe(20_000);
    const stored = await client.query<Row>('SELECT id, label, tags, days, details, at, flag FROM item ORDER BY id');
    expect(stored.rows).toEqual(rows);
  });

  it('rejects with the server’s error when a row is refused, and leaves the connection usable', async () => {
    await client.query('BEGIN');
    const rows = (function* () {
      for (let id = 100_000; id < 160_000; id += 1) {
        yield {
          id: id === 150_000 ? -1 : id,
          label: 'x',
          tags: [],
          days: [],
          details: {},
          at: new Date(),
          flag: true,
        } as Row;
      }
    })();
    await expect(copyInto(client, 'item', columns, rows)).rejects.toThrow(/violates check constraint/);
    await client.query('ROLLBACK');
    expect((await client.query('SELECT count(*)::int AS n FROM item WHERE id >= 100000')).rows[0]).toEqual({ n: 0 });
  });
});
