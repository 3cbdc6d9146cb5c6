import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each person chose to receive, and the one-click unsubscription:
 * - preference: one row per (account, kind, channel) the person changed
 *   from the default (every kind on, by e-mail, and by SMS once they agreed);
 * - message.unsubscribe_url: the signed link an optional e-mail carries in
 *   `List-Unsubscribe`, written when the message is planned.
 */
export class AddPreferences1796620000000 implements MigrationInterface {
  name = 'AddPreferences1796620000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification.preference (
        account_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('request_received', 'new_request', 'approved_to_pay', 'refused', 'expired',
          'cancelled_by_establishment', 'cancelled_by_organisation', 'confirmed_free', 'payment_confirmed',
          'payment_received', 'refund_issued')),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, kind, channel)
      )`);
    await runner.query(`ALTER TABLE notification.message ADD COLUMN unsubscribe_url text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.message DROP COLUMN unsubscribe_url`);
    await runner.query(`DROP TABLE notification.preference`);
  }
}
