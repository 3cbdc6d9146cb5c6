import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the département rejected an organisation: its retention (BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS)
 * counts from there, not from `updated_at`, which any later edit moves. The organisations already rejected count
 * from their last change, the closest known instant.
 */
export class OrganisationRejectedAt1801200000000 implements MigrationInterface {
  name = 'OrganisationRejectedAt1801200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.organisation ADD COLUMN rejected_at timestamptz`);
    await runner.query(`UPDATE booking.organisation SET rejected_at = updated_at WHERE status = 'rejected'`);
    await runner.query(
      `CREATE INDEX organisation_rejected_at_idx ON booking.organisation (rejected_at) WHERE status = 'rejected'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.organisation DROP COLUMN rejected_at`);
  }
}
