import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationChannel } from '@salle/contracts';
import { defineTable, preparedStatement, runPrepared } from '@salle/db';

/** A message as the send log holds it. */
export interface LoggedMessage {
  id: string;
  eventId: string;
  channel: NotificationChannel;
  /** An e-mail address, or an E.164 number for an SMS. */
  recipient: string;
  /** Null for an SMS. */
  subject: string | null;
  text: string;
  /** Null for an SMS. */
  html: string | null;
  /** The one-click unsubscription link of an optional e-mail to a member. */
  unsubscribeUrl: string | null;
  attempts: number;
  /** When the event that called for it happened. */
  occurredAt: Date;
  /** Its kind, which decides whether an SMS may go in the quiet hours. */
  template: string;
  /** When the booking's session starts, if known (the same-day exception of the quiet hours). */
  sessionStartsAt: Date | null;
}

/** The message table's columns, read as `LoggedMessage`. */
const messageTable = defineTable<Omit<LoggedMessage, 'sessionStartsAt'>>('notification.message', {
  id: 'id',
  eventId: 'event_id',
  channel: 'channel',
  recipient: 'recipient',
  subject: 'subject',
  text: 'body_text',
  html: 'body_html',
  unsubscribeUrl: 'unsubscribe_url',
  attempts: 'attempts',
  occurredAt: 'occurred_at',
  template: 'template',
});

export interface NewLogEntry {
  eventId: string;
  eventType: string;
  occurredAt: string;
  bookingId: string | null;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  /** The written message (an SMS has text only), or why it could not be written (then recorded as failed, never sent). */
  content: { subject: string | null; text: string; html: string | null } | { renderError: string };
  /** Not sent before (an SMS held through the quiet hours); now when absent. */
  dueAt?: Date;
  /** For `List-Unsubscribe`: an optional e-mail to a member. */
  unsubscribeUrl?: string;
  /** A message about sessions of a series told at once: all of them (`bookingId` is the earliest's). */
  seriesBookingIds?: readonly string[];
}

/**
 * Records a message to send, once per (event, recipient, channel): a
 * redelivered event finds its rows already there and adds nothing.
 */
export async function logMessage(manager: EntityManager, entry: NewLogEntry): Promise<void> {
  await logMessages(manager, [entry]);
}

/** Records messages to send (see `logMessage`), any number in one statement: one round trip per event, not per copy. */
export async function logMessages(manager: EntityManager, entries: readonly NewLogEntry[]): Promise<void> {
  if (!entries.length) return;
  const insert = messageInsert(entries, 1);
  await manager.query(insert.sql, insert.values);
}

/** A statement, or a part of one, and the values of its parameters. */
export interface StatementPart {
  sql: string;
  values: unknown[];
}

/**
 * The send log's insert of `entries` (see `logMessage`), its parameters numbered from `first`: a statement of
 * its own, or a data-modifying part of a larger one (`logMessagesAndReminders`).
 */
export function messageInsert(entries: readonly NewLogEntry[], first: number): StatementPart {
  const column = <T>(value: (entry: NewLogEntry) => T) => entries.map(value);
  const rendered = (entry: NewLogEntry) => ('text' in entry.content ? entry.content : null);
  const failure = (entry: NewLogEntry) => ('renderError' in entry.content ? entry.content.renderError : null);
  const $ = (n: number) => `$${first + n - 1}`;
  return {
    sql: `INSERT INTO notification.message
       (event_id, event_type, occurred_at, booking_id, recipient, channel, template, subject, body_text, body_html, status, last_error, failed_at, next_attempt_at, unsubscribe_url, series_booking_ids)
     SELECT e.event_id, e.event_type, e.occurred_at, e.booking_id, e.recipient, e.channel, e.template, e.subject, e.body_text,
            e.body_html, CASE WHEN e.failure IS NULL THEN 'pending' ELSE 'failed' END, 'template: ' || e.failure,
            CASE WHEN e.failure IS NOT NULL THEN now() END, COALESCE(e.due_at, now()), e.unsubscribe_url,
            string_to_array(e.series_booking_ids, ',')::uuid[]
       FROM unnest(${$(1)}::uuid[], ${$(2)}::text[], ${$(3)}::timestamptz[], ${$(4)}::uuid[], ${$(5)}::text[], ${$(6)}::text[],
                   ${$(7)}::text[], ${$(8)}::text[], ${$(9)}::text[], ${$(10)}::text[], ${$(11)}::text[], ${$(12)}::timestamptz[],
                   ${$(13)}::text[], ${$(14)}::text[])
            AS e(event_id, event_type, occurred_at, booking_id, recipient, channel, template, subject, body_text, body_html,
                 failure, due_at, unsubscribe_url, series_booking_ids)
     ON CONFLICT (event_id, recipient, channel) DO NOTHING`,
    values: [
      column((entry) => entry.eventId),
      column((entry) => entry.eventType),
      column((entry) => entry.occurredAt),
      column((entry) => entry.bookingId),
      column((entry) => entry.recipient),
      column((entry) => entry.channel),
      column((entry) => entry.template),
      column((entry) => rendered(entry)?.subject ?? null),
      column((entry) => rendered(entry)?.text ?? null),
      column((entry) => rendered(entry)?.html ?? null),
      column(failure),
      column((entry) => entry.dueAt?.toISOString() ?? null),
      column((entry) => entry.unsubscribeUrl ?? null),
      // unnest cannot take an array of arrays of different lengths: each list travels as one comma-separated text.
      column((entry) => entry.seriesBookingIds?.join(',') ?? null),
    ],
  };
}

/**
 * Takes up to `limit` messages to send: those whose sender's lease ran out
 * (a worker killed mid-send) first, then due pending ones. SKIP LOCKED lets
 * any number of replicas claim side by side without taking the same row; the
 * lease keeps a claimed row away from the others while it is being sent.
 *
 * Each kind is read by its own ordered, limited scan of its partial index, not
 * by one condition with an OR: PostgreSQL answers an OR with a bitmap scan of
 * both indexes, which cannot mark the entries of rows already claimed and sent
 * as dead, so that every claim visited again every row the index still held
 * until the next vacuum (6,500 rows and 5 ms a claim after 13,000 messages in
 * the notification bench). A plain index scan marks them once and skips them
 * after. Prepared: planned once per connection, not at every claim.
 */
const CLAIM_DUE = preparedStatement(
  `WITH expired AS (
          SELECT id FROM notification.message
           WHERE status = 'sending' AND lease_until < now()
           ORDER BY lease_until
           LIMIT $1
           FOR UPDATE SKIP LOCKED),
        pending AS (
          SELECT id FROM notification.message
           WHERE status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED),
        due AS (SELECT id FROM expired UNION ALL SELECT id FROM pending LIMIT $1)
   UPDATE notification.message m
      SET status = 'sending', attempts = m.attempts + 1, lease_until = now() + make_interval(secs => $2::double precision / 1000)
     FROM due
    WHERE m.id = due.id
    RETURNING ${messageTable.selectListOf('m')},
              (SELECT f.starts_at FROM notification.booking_fact f WHERE f.booking_id = m.booking_id) AS "sessionStartsAt"`,
);

export async function claimDue(dataSource: DataSource, limit: number, leaseMs: number): Promise<LoggedMessage[]> {
  return (await runPrepared<LoggedMessage>(dataSource, CLAIM_DUE, [limit, leaseMs])).rows;
}

/** A message the SMTP server or the SMS provider accepted, and when (which may have given it an id of its own). */
export interface SentMessage {
  id: string;
  response: string;
  providerId: string | null;
  sentAt: Date;
}

const SETTLE_SENT = preparedStatement(
  `UPDATE notification.message m
      SET status = 'sent', sent_at = s.sent_at, lease_until = NULL, provider_response = s.response,
          last_error = NULL, provider_message_id = s.provider_id
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS s(id, response, provider_id, sent_at)
    WHERE m.id = s.id AND m.status = 'sending'`,
);

/**
 * Records messages as sent, any number in one statement (one round trip
 * for a whole group rather than one per message). Only a message still
 * claimed (`sending`) is settled, as before: the claim is what keeps it from
 * being sent twice.
 */
export async function settleSent(dataSource: DataSource, sent: readonly SentMessage[]): Promise<void> {
  if (!sent.length) return;
  await runPrepared(dataSource, SETTLE_SENT, [
    sent.map((message) => message.id),
    sent.map((message) => message.response.slice(0, 1000)),
    sent.map((message) => message.providerId),
    sent.map((message) => message.sentAt.toISOString()),
  ]);
}

/**
 * Tried again after `retryInMs` (and not before `notBefore`, the end of the
 * quiet hours for an SMS), or failed for good when `retryInMs` is null.
 */
export async function settleFailed(
  dataSource: DataSource,
  id: string,
  error: string,
  retryInMs: number | null,
  notBefore: Date | null = null,
): Promise<void> {
  await dataSource.query(
    `UPDATE notification.message
        SET status = CASE WHEN $3::double precision IS NULL THEN 'failed' ELSE 'pending' END,
            next_attempt_at = CASE WHEN $3::double precision IS NULL THEN next_attempt_at
                              ELSE GREATEST(now() + make_interval(secs => $3::double precision / 1000), $4::timestamptz) END,
            failed_at = CASE WHEN $3::double precision IS NULL THEN now() END,
            lease_until = NULL, last_error = $2
      WHERE id = $1 AND status = 'sending'`,
    [id, error.slice(0, 1000), retryInMs, notBefore],
  );
}
