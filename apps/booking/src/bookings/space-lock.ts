import type { EntityManager, QueryRunner } from 'typeorm';
import { runPrepared } from '@salle/db';

/** The query runner of the transaction `manager` belongs to; a transaction lock outside one would hold nothing. */
export function transactionOf(manager: EntityManager): QueryRunner {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('this needs the EntityManager of an open transaction');
  return runner;
}

/**
 * Serialises, until the end of the caller's transaction, the writers that
 * take slots of one space. The exclusion constraint alone keeps bookings from
 * overlapping, but concurrent inserts of conflicting rows wait on each other
 * inside the GiST index and end in deadlocks, each detected only after
 * PostgreSQL's deadlock_timeout (1 s): 25 people clicking the same slot took a
 * minute. Queued behind this lock, each sees the committed winner at once and
 * gets its 409. Other spaces are not affected (a hash collision only costs a wait).
 * A statement of its own, before any read: a statement's snapshot is taken
 * when it starts, so reads in the same statement would not see what the
 * previous holder committed.
 */
export async function lockSpaceSlots(manager: EntityManager, spaceId: string): Promise<void> {
  await runPrepared(
    transactionOf(manager),
    `SELECT pg_advisory_xact_lock(hashtextextended('booking.space:' || $1, 0))`,
    [spaceId],
  );
}
