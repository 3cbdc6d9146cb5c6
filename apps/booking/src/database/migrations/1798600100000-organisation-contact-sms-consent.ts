import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the owners agreed that the organisation's contact phone receives the
 * notification service's SMS (null: no consent). Dated, as a person's own
 * consent is, since it is the proof of it; a new number needs it anew.
 */
export class OrganisationContactSmsConsent1798600100000 implements MigrationInterface {
  name = 'OrganisationContactSmsConsent1798600100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.organisation ADD COLUMN contact_sms_consent_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.organisation DROP COLUMN contact_sms_consent_at`);
  }
}
