import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily digests for collège managers: which bookings await a decision (and
 * until when), who chose the digest, and the digests written, one per person
 * and Paris day (the unique key lets any number of replicas write them once).
 */
export class DailyDigests1797110000000 implements MigrationInterface {
  name = 'DailyDigests1797110000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE notification.booking_fact
         ADD COLUMN awaiting_decision boolean NOT NULL DEFAULT false, ADD COLUMN decision_due_at timestamptz`,
    );
    await runner.query(
      `CREATE INDEX booking_fact_awaiting_idx ON notification.booking_fact (establishment_id) WHERE awaiting_decision`,
    );
    await runner.query(
      `CREATE TABLE notification.digest_choice (
         account_id uuid PRIMARY KEY,
         chosen_at timestamptz NOT NULL DEFAULT now())`,
    );
    await runner.query(
      `CREATE TABLE notification.digest_run (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         account_id uuid NOT NULL,
         day date NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT digest_run_account_day_key UNIQUE (account_id, day))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE notification.digest_run`);
    await runner.query(`DROP TABLE notification.digest_choice`);
    await runner.query(`DROP INDEX notification.booking_fact_awaiting_idx`);
    await runner.query(
      `ALTER TABLE notification.booking_fact DROP COLUMN awaiting_decision, DROP COLUMN decision_due_at`,
    );
  }
}
