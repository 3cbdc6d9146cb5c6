import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the organisation was told its insurance certificate expires soon: set in the transaction that writes the
 * `organisation.insurance_expiring` event, so each certificate is announced once, whichever replica runs the job.
 * A replacement certificate is a new row, announced in its turn.
 */
export class InsuranceExpiryReminder1798200000000 implements MigrationInterface {
  name = 'InsuranceExpiryReminder1798200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.insurance_certificate ADD COLUMN expiry_announced_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.insurance_certificate DROP COLUMN expiry_announced_at`);
  }
}
