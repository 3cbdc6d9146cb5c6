import type { MigrationInterface, QueryRunner } from 'typeorm';

const BOOKING_KINDS = `'request_received', 'new_request', 'approved_to_pay', 'refused', 'expired',
  'cancelled_by_establishment', 'cancelled_by_organisation', 'confirmed_free', 'payment_confirmed',
  'payment_received', 'refund_issued'`;

/**
 * The reminders and the messages about organisations and payment flags are
 * kinds people may choose too (`NOTIFICATION_KINDS` of the contracts): the
 * preference table's CHECK lists them. The list is written out rather than
 * read from the contracts, so that this migration does the same thing forever.
 */
export class PreferenceKinds1796760000000 implements MigrationInterface {
  name = 'PreferenceKinds1796760000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.preference DROP CONSTRAINT preference_kind_check`);
    await runner.query(
      `ALTER TABLE notification.preference ADD CONSTRAINT preference_kind_check CHECK (kind IN (${BOOKING_KINDS},
        'payment_reminder', 'session_reminder', 'decision_reminder', 'organisation_to_verify',
        'organisation_verified', 'organisation_rejected', 'payment_flag'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM notification.preference WHERE NOT (kind IN (${BOOKING_KINDS}))`);
    await runner.query(`ALTER TABLE notification.preference DROP CONSTRAINT preference_kind_check`);
    await runner.query(
      `ALTER TABLE notification.preference ADD CONSTRAINT preference_kind_check CHECK (kind IN (${BOOKING_KINDS}))`,
    );
  }
}
