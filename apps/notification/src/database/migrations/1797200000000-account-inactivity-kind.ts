import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'request_received', 'new_request', 'approved_to_pay', 'refused', 'expired',
  'cancelled_by_establishment', 'cancelled_by_organisation', 'confirmed_free', 'payment_confirmed',
  'payment_received', 'refund_issued', 'payment_reminder', 'session_reminder', 'decision_reminder',
  'organisation_to_verify', 'organisation_verified', 'organisation_rejected', 'payment_flag'`;

/**
 * The warning before an unused account is erased (`account_inactivity`) is a kind of `NOTIFICATION_KINDS` too,
 * always sent: the preference table's CHECK lists it. Written out, so that this migration does the same forever.
 */
export class AccountInactivityKind1797200000000 implements MigrationInterface {
  name = 'AccountInactivityKind1797200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.preference DROP CONSTRAINT preference_kind_check`);
    await runner.query(
      `ALTER TABLE notification.preference ADD CONSTRAINT preference_kind_check
         CHECK (kind IN (${KINDS_BEFORE}, 'account_inactivity'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM notification.preference WHERE kind = 'account_inactivity'`);
    await runner.query(`ALTER TABLE notification.preference DROP CONSTRAINT preference_kind_check`);
    await runner.query(
      `ALTER TABLE notification.preference ADD CONSTRAINT preference_kind_check CHECK (kind IN (${KINDS_BEFORE}))`,
    );
  }
}
