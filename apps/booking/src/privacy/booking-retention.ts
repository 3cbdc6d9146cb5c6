import type { DataSource, EntityManager } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { ObjectStore } from '@salle/storage';
import type { RetentionReport } from '@salle/service';
import { CONVENTION_FILES, deleteConventionFiles, type ConventionFiles } from './convention-retention';

const BATCH = 100;

/** What one run deleted, by kind of row. */
export interface DeletedBookingRecords {
  bookings: number;
  series: number;
  auditEntries: number;
  conventions: number;
  messages: number;
  readMarkers: number;
}

const nothing = (): DeletedBookingRecords => ({
  bookings: 0,
  series: 0,
  auditEntries: 0,
  conventions: 0,
  messages: 0,
  readMarkers: 0,
});

const count = (result: unknown) => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/**
 * Deletes the bookings `ids` with every row about them: their conventions (file first, so that a failure leaves the
 * row to retry, never a file nobody points at), conversation leftovers, audit entries, then the bookings themselves.
 * The caller holds the bookings' rows locked, in `manager`'s transaction.
 */
async function deleteBookings(
  manager: EntityManager,
  store: ObjectStore,
  ids: string[],
  seriesIds: string[],
  into: DeletedBookingRecords,
): Promise<void> {
  const conventions = (await manager.query(
    `SELECT id, ${CONVENTION_FILES} FROM booking.convention
      WHERE booking_id = ANY($1::uuid[]) OR series_id = ANY($2::uuid[]) FOR UPDATE`,
    [ids, seriesIds],
  )) as ({ id: string } & ConventionFiles)[];
  for (const convention of conventions) await deleteConventionFiles(store, convention);
  const remove = (sql: string, params: unknown[] = [ids]) => manager.query(sql, params).then(count);
  into.conventions += await remove(`DELETE FROM booking.convention WHERE id = ANY($1::uuid[])`, [
    conventions.map((convention) => convention.id),
  ]);
  // A conversation's files normally went with its own, shorter period; any left go with the booking.
  const attachments = (await manager.query(
    `SELECT a.storage_key AS "storageKey" FROM booking.booking_message_attachment a
       JOIN booking.booking_message m ON m.id = a.message_id WHERE m.booking_id = ANY($1::uuid[])`,
    [ids],
  )) as { storageKey: string }[];
  for (const attachment of attachments) await store.delete(attachment.storageKey);
  into.messages += await remove(`DELETE FROM booking.booking_message WHERE booking_id = ANY($1::uuid[])`);
  into.readMarkers += await remove(`DELETE FROM booking.booking_message_read WHERE booking_id = ANY($1::uuid[])`);
  into.auditEntries += await remove(`DELETE FROM booking.audit_entry WHERE booking_id = ANY($1::uuid[])`);
  into.bookings += await remove(`DELETE FROM booking.booking WHERE id = ANY($1::uuid[])`);
}

/** One batch of single bookings (outside any series) whose slot ended before `cutoff`; how many were claimed. */
async function deleteSingleBookings(
  dataSource: DataSource,
  store: ObjectStore,
  cutoff: Date,
  into: DeletedBookingRecords,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const due = (await manager.query(
      `SELECT id FROM booking.booking WHERE series_id IS NULL AND ends_at < $1
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cutoff, BATCH],
    )) as { id: string }[];
    if (due.length > 0)
      await deleteBookings(
        manager,
        store,
        due.map((booking) => booking.id),
        [],
        into,
      );
    return due.length;
  });
}

/**
 * One batch of series whose last session ended before `cutoff` (a series without sessions: created before it), with
 * all their sessions; how many were claimed. The series row is the claim: replicas never share a series.
 */
async function deleteSeries(
  dataSource: DataSource,
  store: ObjectStore,
  cutoff: Date,
  into: DeletedBookingRecords,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const due = (await manager.query(
      `SELECT s.id FROM booking.series s
        WHERE COALESCE((SELECT max(b.ends_at) FROM booking.booking b WHERE b.series_id = s.id), s.created_at) < $1
        ORDER BY s.id LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
      [cutoff, BATCH],
    )) as { id: string }[];
    if (due.length === 0) return 0;
    const seriesIds = due.map((series) => series.id);
    const sessions = (await manager.query(
      `SELECT id FROM booking.booking WHERE series_id = ANY($1::uuid[]) AND ends_at < $2 FOR UPDATE`,
      [seriesIds, cutoff],
    )) as { id: string }[];
    await deleteBookings(
      manager,
      store,
      sessions.map((booking) => booking.id),
      seriesIds,
      into,
    );
    // A session added meanwhile (it ends after the cutoff) keeps its series.
    into.series += count(
      await manager.query(
        `DELETE FROM booking.series s WHERE s.id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM booking.booking b WHERE b.series_id = s.id)`,
        [seriesIds],
      ),
    );
    return due.length;
  });
}

/**
 * Retention of the bookings: those whose last session ended more than `years` ago (BOOKING_RECORDS_DELETE_AFTER_YEARS,
 * never less than the accounting period: the configuration refuses it) are deleted with their series, conventions
 * (file included), conversation leftovers and audit entries. A series goes whole, once its last session is due.
 * Nothing about them stays in this schema: the statistics are computed from the bookings kept, and the payment
 * service keeps the accounting records without any person (its own job). Batches claimed with FOR UPDATE SKIP
 * LOCKED, so replicas share the rows; idempotent (a deleted booking is never found again). `now` is for tests.
 */
export async function deleteOldBookings(
  dataSource: DataSource,
  store: ObjectStore,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<DeletedBookingRecords> {
  const cutoff = retentionCutoff(now, years, RETENTION_PERIODS.BOOKING_RECORDS_DELETE_AFTER_YEARS.unit);
  const deleted = nothing();
  for (let claimed = BATCH; claimed === BATCH;)
    claimed = await deleteSingleBookings(dataSource, store, cutoff, deleted);
  for (let claimed = BATCH; claimed === BATCH;) claimed = await deleteSeries(dataSource, store, cutoff, deleted);
  report('bookings', 'deleted', deleted.bookings);
  report('booking_series', 'deleted', deleted.series);
  report('audit_entries', 'deleted', deleted.auditEntries);
  report('conventions', 'deleted', deleted.conventions);
  report('conversation_messages', 'deleted', deleted.messages);
  report('conversation_read_markers', 'deleted', deleted.readMarkers);
  return deleted;
}
