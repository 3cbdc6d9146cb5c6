import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A collège's contact address has no account: its managers enter its phone
 * number and say that its reader agreed to SMS. Who said so is kept beside
 * when (`sms_consent_at`), as the proof of consent.
 */
export class ContactPhoneConsent1797120000000 implements MigrationInterface {
  name = 'ContactPhoneConsent1797120000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.recipient ADD COLUMN sms_consent_by uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.recipient DROP COLUMN sms_consent_by`);
  }
}
