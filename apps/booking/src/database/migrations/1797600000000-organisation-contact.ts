import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person a collège calls about an organisation's bookings (name, phone,
 * e-mail, all optional), and when the département verified the
 * organisation, for the requester panel a manager reads before deciding.
 * Organisations verified before this migration take their last update as
 * the verification's date.
 */
export class OrganisationContact1797600000000 implements MigrationInterface {
  name = 'OrganisationContact1797600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.organisation
        ADD COLUMN contact_name text,
        ADD COLUMN contact_phone text,
        ADD COLUMN contact_email text,
        ADD COLUMN verified_at timestamptz`);
    await runner.query(`UPDATE booking.organisation SET verified_at = updated_at WHERE status = 'verified'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.organisation
        DROP COLUMN contact_name, DROP COLUMN contact_phone, DROP COLUMN contact_email, DROP COLUMN verified_at`);
  }
}
