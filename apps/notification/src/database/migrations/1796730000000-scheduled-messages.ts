import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders due later (before a payment deadline, a session, a decision
 * deadline), kept in PostgreSQL rather than in timers so that a restart
 * loses none and any number of replicas share them: each is claimed with
 * `FOR UPDATE SKIP LOCKED` and settled in the transaction that logs its messages.
 * - dedupe_key: one reminder per (kind, key): the booking, or for a weekly
 *   series the series and week, so that a series is reminded at most once a week;
 * - planned: the message to write (template, audience, amounts, deadlines);
 * - expires_at: past it the reminder is pointless (the deadline or the session passed) and is skipped.
 */
export class ScheduledMessages1796730000000 implements MigrationInterface {
  name = 'ScheduledMessages1796730000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification.scheduled_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('payment_reminder', 'session_reminder', 'decision_reminder')),
        booking_id uuid NOT NULL,
        dedupe_key text NOT NULL,
        due_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        planned jsonb NOT NULL,
        state text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'done', 'cancelled', 'skipped')),
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz,
        CONSTRAINT scheduled_message_kind_key UNIQUE (kind, dedupe_key)
      )`);
    await runner.query(
      `CREATE INDEX scheduled_message_due_idx ON notification.scheduled_message (due_at) WHERE state = 'scheduled'`,
    );
    await runner.query(`CREATE INDEX scheduled_message_booking_idx ON notification.scheduled_message (booking_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE notification.scheduled_message`);
  }
}
