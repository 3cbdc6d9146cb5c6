import { defineTable, queryOne, queryRows, returnedRows, sqlTextList, type Queryable } from './typed-query';

interface Seat {
  id: string;
  roomId: string;
  bookedAt: Date | null;
}

/** A Queryable that answers what it is given and remembers what it was asked. */
function answering(answer: unknown): Queryable & { calls: [string, unknown[] | undefined][] } {
  const calls: [string, unknown[] | undefined][] = [];
  return {
    calls,
    query: (sql, parameters) => {
      calls.push([sql, parameters]);
      return Promise.resolve(answer);
    },
  };
}

describe('defineTable', () => {
  const seats = defineTable<Seat>('demo.seat', { id: 'id', roomId: 'room_id', bookedAt: 'booked_at' });

  it('derives the SELECT list that turns a row into its object, aliasing only renamed columns', () => {
    expect(seats.name).toBe('demo.seat');
    expect(seats.selectList).toBe('id, room_id AS "roomId", booked_at AS "bookedAt"');
    expect(seats.selectListOf('s')).toBe('s.id, s.room_id AS "roomId", s.booked_at AS "bookedAt"');
  });

  it('reads a cast column through its cast, and picks some properties only', () => {
    const sums = defineTable<{ roomId: string; totalCents: number }>('demo.total', {
      roomId: 'room_id',
      totalCents: { column: 'total_cents', readAs: 'float8' },
    });
    expect(sums.selectList).toBe('room_id AS "roomId", total_cents::float8 AS "totalCents"');
    expect(sums.pick('totalCents')).toBe('total_cents::float8 AS "totalCents"');
    expect(seats.pick('id', 'bookedAt')).toBe('id, booked_at AS "bookedAt"');
    expect(seats.column('roomId')).toBe('room_id');
    expect(() => seats.pick('nope' as 'id')).toThrow('demo.seat has no property nope');
  });

  it('refuses names that are not plain identifiers, since they are pasted into SQL', () => {
    expect(() => defineTable<{ a: string }>('demo.x', { a: 'a; DROP TABLE x' })).toThrow('invalid column mapping');
    expect(() => defineTable<Record<string, string>>('demo.x', { 'a"b': 'a' })).toThrow('invalid column mapping');
    expect(() => seats.selectListOf('s, t')).toThrow('invalid table alias');
  });
});

describe('typed queries', () => {
  it('passes the statement and its parameters through and returns the rows', async () => {
    const db = answering([{ id: '1' }, { id: '2' }]);
    await expect(queryRows<{ id: string }>(db, 'SELECT id FROM demo.seat WHERE room_id = $1', ['r'])).resolves.toEqual([
      { id: '1' },
      { id: '2' },
    ]);
    expect(db.calls).toEqual([['SELECT id FROM demo.seat WHERE room_id = $1', ['r']]]);
  });

  it('gives the first row, or undefined when there is none', async () => {
    await expect(queryOne(answering([{ id: '1' }, { id: '2' }]), 'SELECT 1')).resolves.toEqual({ id: '1' });
    await expect(queryOne(answering([]), 'SELECT 1')).resolves.toBeUndefined();
  });

  it('unwraps the [rows, count] TypeORM answers to UPDATE ... RETURNING, and takes plain rows as they are', async () => {
    await expect(returnedRows(answering([[{ id: '1' }], 1]), 'UPDATE ...')).resolves.toEqual([{ id: '1' }]);
    await expect(returnedRows(answering([[], 0]), 'UPDATE ...')).resolves.toEqual([]);
    await expect(returnedRows(answering([{ id: '1' }]), 'INSERT ...')).resolves.toEqual([{ id: '1' }]);
  });
});

describe('sqlTextList', () => {
  it('writes enumerated values out as an IN list', () => {
    expect(sqlTextList(['creating', 'open'])).toBe(`'creating', 'open'`);
  });

  it('refuses anything but plain words, and an empty list', () => {
    expect(() => sqlTextList([`open') OR ('1' = '1`])).toThrow('not an enumerated value');
    expect(() => sqlTextList([])).toThrow('at least one value');
  });
});
