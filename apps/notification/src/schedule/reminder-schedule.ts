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
  if (changes.cancel.length) {
    const parameters = new Parameters();
    await manager.query(cancelReminders(parameters, bookingId, changes.cancel), parameters.values);
  }
  for (const reminder of changes.schedule) {
    const parameters = new Parameters();
    await manager.query(scheduleReminders(parameters, [reminder]), parameters.values);
  }
}

/** The values of one statement being assembled: `add` returns the placeholder (`$3`) of the value it adds. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The booking's reminders of `kinds` still waiting, cancelled. */
function cancelReminders(parameters: Parameters, bookingId: string, kinds: readonly string[]): string {
  return `UPDATE notification.scheduled_message SET state = 'cancelled', settled_at = now()
           WHERE booking_id = ${parameters.add(bookingId)} AND kind = ANY(${parameters.add(kinds)}::text[])
             AND state = 'scheduled'`;
}

/** The columns of a reminder as `scheduleReminders` inserts them, each with its type. */
const REMINDER_COLUMNS: readonly [string, (reminder: Reminder) => unknown][] = [
  ['text', (reminder) => reminder.kind],
  ['uuid', (reminder) => reminder.bookingId],
  ['text', (reminder) => reminder.dedupeKey],
  ['timestamptz', (reminder) => reminder.dueAt.toISOString()],
  ['timestamptz', (reminder) => reminder.expiresAt.toISOString()],
  ['jsonb', (reminder) => JSON.stringify(reminder.planned)],
];

/** Each reminder inserted, or moved when its (kind, key) is still waiting for the same booking. */
function scheduleReminders(parameters: Parameters, reminders: readonly Reminder[]): string {
  const arrays = REMINDER_COLUMNS.map(([type, value]) => `${parameters.add(reminders.map(value))}::${type}[]`);
  return `INSERT INTO notification.scheduled_message AS s (kind, booking_id, dedupe_key, due_at, expires_at, planned)
          SELECT * FROM unnest(${arrays.join(', ')})
          ON CONFLICT (kind, dedupe_key) DO UPDATE
            SET due_at = EXCLUDED.due_at, expires_at = EXCLUDED.expires_at, planned = EXCLUDED.planned
          WHERE s.state = 'scheduled' AND s.booking_id = EXCLUDED.booking_id`;
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
  const parameters = new Parameters();
  const parts: string[] = [];
  if (entries.length) {
    const insert = messageInsert(entries, parameters.values.length + 1);
    parameters.values.push(...insert.values);
    parts.push(`logged AS (${insert.sql})`);
  }
  if (changes.cancel.length) parts.push(`cancelled AS (${cancelReminders(parameters, bookingId, changes.cancel)})`);
  if (changes.schedule.length) parts.push(`scheduled AS (${scheduleReminders(parameters, changes.schedule)})`);
  if (!parts.length) return;
  await runPrepared(manager.queryRunner ?? manager.connection, `WITH ${parts.join(',\n')} SELECT 1`, parameters.values);
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
