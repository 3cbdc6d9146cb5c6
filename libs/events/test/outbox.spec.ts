import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import {
  createOutbox,
  eventTables,
  EVENT_TABLES_MIGRATION_NAME,
  InvalidEventError,
  OUTBOX_TRACEPARENT_MIGRATION_NAME,
  outboxGaugesSql,
} from '../src';
import { PRODUCER_SCHEMA } from './support/effects';
import { approvedPayload, createEventTestKit, type EventTestKit } from './support/event-test-kit';

describe('outbox', () => {
  let kit: EventTestKit;
  const outbox = createOutbox({ schema: PRODUCER_SCHEMA });

  beforeAll(async () => {
    kit = await createEventTestKit('outbox');
  });
  afterAll(async () => {
    await kit?.close();
  });

  const rows = () =>
    kit.producer.query(
      `SELECT id, type, version, aggregate_id, payload, request_id, occurred_at, published_at FROM "${PRODUCER_SCHEMA}"."event_outbox" ORDER BY position`,
    );

  it('is created by the migration in the service schema', async () => {
    const applied = await kit.producer.query(`SELECT name FROM "${PRODUCER_SCHEMA}"."migrations"`);
    expect(applied.map((row: { name: string }) => row.name)).toEqual([
      EVENT_TABLES_MIGRATION_NAME,
      OUTBOX_TRACEPARENT_MIGRATION_NAME,
    ]);
  });

  it('writes the envelope in the caller transaction, and nothing when it rolls back', async () => {
    await kit.producer.query(`DELETE FROM "${PRODUCER_SCHEMA}"."event_outbox"`);
    const bookingId = randomUUID();
    const occurredAt = new Date('2026-11-20T10:00:00.000Z');
    const id = await kit.producer.transaction((manager) =>
      outbox.add(manager, {
        type: 'booking.approved',
        aggregateId: bookingId,
        payload: approvedPayload(bookingId),
        requestId: 'req-1',
        occurredAt,
      }),
    );
    await expect(
      kit.producer.transaction(async (manager) => {
        await outbox.add(manager, {
          type: 'booking.approved',
          aggregateId: bookingId,
          payload: approvedPayload(bookingId),
        });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    const written = await rows();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      id,
      type: 'booking.approved',
      version: 1,
      aggregate_id: bookingId,
      request_id: 'req-1',
      published_at: null,
      payload: expect.objectContaining({ bookingId, priceCents: 4500 }),
    });
    expect(new Date(written[0].occurred_at).toISOString()).toBe(occurredAt.toISOString());
  });

  it('refuses an invalid payload before writing anything', async () => {
    const before = (await rows()).length;
    const bookingId = randomUUID();
    await expect(
      kit.producer.transaction((manager) =>
        outbox.add(manager, {
          type: 'booking.approved',
          aggregateId: bookingId,
          // A price in euros with decimals instead of integer cents.
          payload: { ...approvedPayload(bookingId), priceCents: 45.5 },
        }),
      ),
    ).rejects.toThrow(InvalidEventError);
    await expect(
      kit.producer.transaction((manager) =>
        outbox.add(manager, {
          type: 'booking.cancelled',
          aggregateId: bookingId,
          payload: {
            bookingId,
            establishmentId: randomUUID(),
            organisationId: randomUUID(),
            cancelledBy: 'organisation',
            refundPercent: 150,
            priceCents: 4500,
            reason: null,
          },
        }),
      ),
    ).rejects.toThrow(/refundPercent/);
    expect((await rows()).length).toBe(before);
  });

  it("fails the caller's transaction with TypeORM's error when PostgreSQL refuses the row", async () => {
    const bookingId = randomUUID();
    const id = await kit.producer.transaction((manager) =>
      outbox.add(manager, { type: 'booking.approved', aggregateId: bookingId, payload: approvedPayload(bookingId) }),
    );
    const again = kit.producer.transaction((manager) =>
      outbox.add(manager, {
        id,
        type: 'booking.approved',
        aggregateId: bookingId,
        payload: approvedPayload(bookingId),
      }),
    );
    await expect(again).rejects.toBeInstanceOf(QueryFailedError);
    await expect(again).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });
    expect((await rows()).filter((row: { id: string }) => row.id === id)).toHaveLength(1);
  });

  it("writes the event in the same statement as the caller's own change, and neither when that change fails", async () => {
    const table = `"${PRODUCER_SCHEMA}"."outbox_spec_change"`;
    await kit.producer.query(`CREATE TABLE IF NOT EXISTS ${table} (id uuid PRIMARY KEY, label text NOT NULL)`);
    const change = (rowId: string, label: string) => ({
      ctes: `changed AS (INSERT INTO ${table} (id, label) VALUES ($1::uuid, $2::text))`,
      values: [rowId, label],
    });
    const bookingId = randomUUID();
    const event = { type: 'booking.approved' as const, aggregateId: bookingId, payload: approvedPayload(bookingId) };
    const id = await kit.producer.transaction((manager) => outbox.addWith(manager, event, change(bookingId, 'first')));
    // The same primary key again: the caller's insert fails, so the statement writes no event either.
    const again = kit.producer.transaction((manager) => outbox.addWith(manager, event, change(bookingId, 'second')));
    await expect(again).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });

    expect(await kit.producer.query(`SELECT label FROM ${table} WHERE id = $1`, [bookingId])).toEqual([
      { label: 'first' },
    ]);
    const events = (await rows()).filter((row: { aggregate_id: string }) => row.aggregate_id === bookingId);
    expect(events).toEqual([expect.objectContaining({ id, type: 'booking.approved', aggregate_id: bookingId })]);
  });

  it('refuses to write outside a transaction', async () => {
    const bookingId = randomUUID();
    await expect(
      outbox.add(kit.producer.manager, {
        type: 'booking.approved',
        aggregateId: bookingId,
        payload: approvedPayload(bookingId),
      }),
    ).rejects.toThrow(/open transaction/);
  });

  it('orders the events of one aggregate by commit, even when the transactions overlap', async () => {
    await kit.producer.query(`DELETE FROM "${PRODUCER_SCHEMA}"."event_outbox"`);
    const bookingId = randomUUID();
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = kit.producer.transaction(async (manager) => {
      const id = await outbox.add(manager, {
        type: 'booking.approved',
        aggregateId: bookingId,
        payload: approvedPayload(bookingId),
      });
      firstWrote();
      await firstMayCommit;
      return id;
    });
    await firstHasWritten;
    // The second transaction waits for the first one's aggregate lock before it takes its position.
    const second = kit.producer.transaction((manager) =>
      outbox.add(manager, { type: 'booking.approved', aggregateId: bookingId, payload: approvedPayload(bookingId) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const other = await kit.producer.transaction((manager) =>
      outbox.add(manager, { type: 'booking.approved', aggregateId: randomUUID(), payload: approvedPayload() }),
    );
    releaseFirst();
    const [firstId, secondId] = await Promise.all([first, second]);
    expect((await rows()).map((row: { id: string }) => row.id)).toEqual([firstId, other, secondId]);
  });

  it("counts the relay's gauges from the partial indexes, never the retained rows", async () => {
    const table = eventTables(PRODUCER_SCHEMA).outbox;
    await kit.producer.query(`DELETE FROM ${table}`);
    const add = () =>
      kit.producer.transaction((manager) =>
        outbox.add(manager, {
          type: 'booking.approved',
          aggregateId: randomUUID(),
          payload: approvedPayload(randomUUID()),
        }),
      );
    for (let i = 0; i < 6; i++) await add();
    // Two confirmed, three published and waiting for acknowledgements, one not published yet.
    await kit.producer.query(`
      UPDATE ${table} SET published_at = now(), stream_ms = position, stream_seq = 0,
             confirmed_at = CASE WHEN position IN (SELECT position FROM ${table} ORDER BY position LIMIT 2) THEN now() END
       WHERE position IN (SELECT position FROM ${table} ORDER BY position LIMIT 5)`);
    const [counts] = await kit.producer.query(outboxGaugesSql(table));
    expect({ unpublished: Number(counts.unpublished), unconfirmed: Number(counts.unconfirmed) }).toEqual({
      unpublished: 1,
      unconfirmed: 3,
    });

    // Whatever the table's size, no plan reads the whole table.
    const plan = await kit.producer.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return (await manager.query(`EXPLAIN ${outboxGaugesSql(table)}`)) as { 'QUERY PLAN': string }[];
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).not.toMatch(/Seq Scan/);
    expect(text).toMatch(/event_outbox_unpublished/);
    expect(text).toMatch(/event_outbox_unconfirmed/);
  });
});
