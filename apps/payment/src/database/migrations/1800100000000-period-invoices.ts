import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One invoice per series period for public payers: an invoice is either a booking's (booking_id) or a series
 * period's (series_id, period_key: unique, so that two deliveries or two events at once issue one), whose
 * sessions are its lines. A session cancelled after issue is credited on its line (its own credit note number),
 * as an issued invoice is never modified.
 */
export class PeriodInvoices1800100000000 implements MigrationInterface {
  name = 'PeriodInvoices1800100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE payment.invoice ALTER COLUMN booking_id DROP NOT NULL`);
    await runner.query(`ALTER TABLE payment.invoice ADD COLUMN series_id uuid, ADD COLUMN period_key text,
      ADD COLUMN period_label text`);
    await runner.query(`ALTER TABLE payment.invoice ADD CONSTRAINT invoice_of_booking_or_period CHECK (
      (booking_id IS NULL) = (series_id IS NOT NULL AND period_key IS NOT NULL AND period_label IS NOT NULL))`);
    await runner.query(`CREATE UNIQUE INDEX invoice_series_period ON payment.invoice (series_id, period_key)`);
    await runner.query(`
      CREATE TABLE payment.invoice_line (
        invoice_id uuid NOT NULL REFERENCES payment.invoice (id),
        line_no integer NOT NULL CHECK (line_no > 0),
        booking_id uuid NOT NULL UNIQUE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        credit_note_number text UNIQUE,
        cancelled_at timestamptz,
        PRIMARY KEY (invoice_id, line_no),
        CONSTRAINT invoice_line_credited CHECK ((credit_note_number IS NULL) = (cancelled_at IS NULL))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE payment.invoice_line`);
    await runner.query(`DROP INDEX payment.invoice_series_period`);
    await runner.query(`ALTER TABLE payment.invoice DROP CONSTRAINT invoice_of_booking_or_period`);
    await runner.query(`ALTER TABLE payment.invoice DROP COLUMN series_id, DROP COLUMN period_key,
      DROP COLUMN period_label`);
    await runner.query(`ALTER TABLE payment.invoice ALTER COLUMN booking_id SET NOT NULL`);
  }
}
