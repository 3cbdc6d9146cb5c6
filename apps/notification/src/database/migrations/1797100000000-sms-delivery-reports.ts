import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OVHcloud's delivery reports: an SMS keeps the id OVHcloud gave it (which
 * its reports name) and when the handset received it. One not delivered is
 * failed, with the report's reason, like any message given up on.
 */
export class SmsDeliveryReports1797100000000 implements MigrationInterface {
  name = 'SmsDeliveryReports1797100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE notification.message ADD COLUMN provider_message_id text, ADD COLUMN delivered_at timestamptz`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX message_provider_message_id ON notification.message (channel, provider_message_id)
        WHERE provider_message_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX notification.message_provider_message_id`);
    await runner.query(`ALTER TABLE notification.message DROP COLUMN provider_message_id, DROP COLUMN delivered_at`);
  }
}
