import type { EntityManager } from 'typeorm';
import { runPrepared } from '@salle/db';
import { logMessages, messageInsert, type NewLogEntry } from '../delivery/send-log';
import type { PlannedMessage } from '../messages/message-plan';
import type { Reminder, ReminderChanges, ReminderKind } from './reminder-plan';

/**
 * Applies an event's reminder changes in the consumer's transaction: the
 * booking's reminders of the cancelled kinds still waiting are cancelled,
 * and each scheduled one is inserted, or moved (new due time, deadline,
 * amounts) when its (kind, key) is still waiting for the same booking. A
 * reminder already sent, cancelled or skipped is left as it is.
 */
export async function applyReminderChanges(
  manager: EntityManager,
  bookingId: string,
  changes: ReminderChanges,
): Promise<void> {
  if (changes.cancel.length)
    await manager.query(
      `UPDATE notification.scheduled_message SET state = 'cancelled', settled_at = now()
        WHERE booking_id = $1 AND kind = ANY($2::text[]) AND state = 'scheduled'`,
      [bookingId, changes.cancel],
    );
  for (const reminder of changes.schedule) await schedule(manager, reminder);
}

/**
 * An event's copies in the send log (`logMessages`) and its reminder changes (`applyReminderChanges`), in one
 * statement of data-modifying parts: one round trip per event for all it writes, in the consumer's transaction as
 * before. The parts touch distinct rows (the send log; the reminders of the kinds cancelled; those of the kinds
 * scheduled, one per (kind, key)), so their order within the statement does not matter; changes where they would
 * not (a kind both cancelled and scheduled, a key scheduled twice) are applied one after the other, as before.
 */
export async function logMessagesAndReminders(
  manager: EntityManager,
  entries: readonly NewLogEntry[],
  bookingId: string,
  changes: ReminderChanges,
): Promise<void> {
  const keys = new Set(changes.schedule.map((reminder) => `${reminder.kind} ${reminder.dedupeKey}`));
  if (keys.size < changes.schedule.length || changes.schedule.some(({ kind }) => changes.cancel.includes(kind))) {
    await logMessages(manager, entries);
    await applyReminderChanges(manager, bookingId, changes);
    return;
  }
  const parts: string[] = [];
  const values: unknown[] = [];
  const next = () => `$${values.length + 1}`;
  if (entries.length) {
    const insert = messageInsert(entries, values.length + 1);
    parts.push(`logged AS (${insert.sql})`);
    values.push(...insert.values);
  }
  if (changes.cancel.length) {
    const booking = next();
    values.push(bookingId);
    const kinds = next();
    values.push(changes.cancel);
    parts.push(
      `cancelled AS (UPDATE notification.scheduled_message SET state = 'cancelled', settled_at = now()
                      WHERE booking_id = ${booking} AND kind = ANY(${kinds}::text[]) AND state = 'scheduled')`,
    );
  }
  if (changes.schedule.length) {
    const columns: [string, (reminder: Reminder) => unknown][] = [
      ['text', (reminder) => reminder.kind],
      ['uuid', (reminder) => reminder.bookingId],
      ['text', (reminder) => reminder.dedupeKey],
      ['timestamptz', (reminder) => reminder.dueAt.toISOString()],
      ['timestamptz', (reminder) => reminder.expiresAt.toISOString()],
      ['jsonb', (reminder) => JSON.stringify(reminder.planned)],
    ];
    const arrays = columns.map(([type, value]) => {
      const parameter = `${next()}::${type}[]`;
      values.push(changes.schedule.map(value));
      return parameter;
    });
    parts.push(
      `scheduled AS (INSERT INTO notification.scheduled_message AS s (kind, booking_id, dedupe_key, due_at, expires_at, planned)
                     SELECT * FROM unnest(${arrays.join(', ')})
                     ON CONFLICT (kind, dedupe_key) DO UPDATE
                       SET due_at = EXCLUDED.due_at, expires_at = EXCLUDED.expires_at, planned = EXCLUDED.planned
                     WHERE s.state = 'scheduled' AND s.booking_id = EXCLUDED.booking_id)`,
    );
  }
  if (!parts.length) return;
  await runPrepared(manager.queryRunner ?? manager.connection, `WITH ${parts.join(',\n')} SELECT 1`, values);
}

async function schedule(manager: EntityManager, reminder: Reminder): Promise<void> {
  await manager.query(
    `INSERT INTO notification.scheduled_message AS s (kind, booking_id, dedupe_key, due_at, expires_at, planned)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (kind, dedupe_key) DO UPDATE
       SET due_at = EXCLUDED.due_at, expires_at = EXCLUDED.expires_at, planned = EXCLUDED.planned
     WHERE s.state = 'scheduled' AND s.booking_id = EXCLUDED.booking_id`,
    [
      reminder.kind,
      reminder.bookingId,
      reminder.dedupeKey,
      reminder.dueAt,
      reminder.expiresAt,
      JSON.stringify(reminder.planned),
    ],
  );
}

/** A reminder claimed by this transaction. */
export interface DueReminder {
  id: string;
  kind: ReminderKind;
  bookingId: string;
  dueAt: Date;
  expiresAt: Date;
  planned: PlannedMessage;
}

/**
 * The reminders due at `now`, locked for this transaction: another replica's
 * claim skips them (`SKIP LOCKED`) and finds the next ones, and a replica
 * that dies mid-way releases them with its transaction.
 */
export async function claimDueReminders(manager: EntityManager, now: Date, limit: number): Promise<DueReminder[]> {
  return (await manager.query(
    `SELECT id, kind, booking_id AS "bookingId", due_at AS "dueAt", expires_at AS "expiresAt", planned
       FROM notification.scheduled_message
      WHERE state = 'scheduled' AND due_at <= $1
      ORDER BY due_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED`,
    [now, limit],
  )) as DueReminder[];
}

export async function settleReminder(manager: EntityManager, id: string, state: 'done' | 'skipped'): Promise<void> {
  await manager.query(`UPDATE notification.scheduled_message SET state = $2, settled_at = now() WHERE id = $1`, [
    id,
    state,
  ]);
}
