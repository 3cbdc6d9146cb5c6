import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E.164, as `normalisePhoneNumber` of the contracts writes it. */
const E164 = `'^\\+[1-9][0-9]{6,14}$'`;

/**
 * SMS as a second channel:
 * - message.channel takes 'sms' (the recipient is then an E.164 number);
 * - account_phone: the phone number a person gave on « Mon compte », and
 *   when they agreed to receive SMS (null: they did not), kept here because
 *   only this service uses it (the gateway announces the e-mail of the
 *   identity provider, not this);
 * - recipient.phone: the number of a contact listed for an organisation or
 *   a collège as such, with its consent likewise.
 */
export class AddSmsContacts1796610000000 implements MigrationInterface {
  name = 'AddSmsContacts1796610000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.message DROP CONSTRAINT message_channel_check`);
    await runner.query(
      `ALTER TABLE notification.message ADD CONSTRAINT message_channel_check CHECK (channel IN ('email', 'sms'))`,
    );
    await runner.query(`
      CREATE TABLE notification.account_phone (
        account_id uuid PRIMARY KEY,
        phone text NOT NULL CHECK (phone ~ ${E164}),
        sms_consent_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`ALTER TABLE notification.recipient ADD COLUMN phone text CHECK (phone ~ ${E164})`);
    await runner.query(`ALTER TABLE notification.recipient ADD COLUMN sms_consent_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.recipient DROP COLUMN sms_consent_at`);
    await runner.query(`ALTER TABLE notification.recipient DROP COLUMN phone`);
    await runner.query(`DROP TABLE notification.account_phone`);
    await runner.query(`DELETE FROM notification.message WHERE channel = 'sms'`);
    await runner.query(`ALTER TABLE notification.message DROP CONSTRAINT message_channel_check`);
    await runner.query(
      `ALTER TABLE notification.message ADD CONSTRAINT message_channel_check CHECK (channel IN ('email'))`,
    );
  }
}
