import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'request_received', 'new_request', 'approved_to_pay', 'refused', 'expired',
  'cancelled_by_establishment', 'cancelled_by_organisation', 'confirmed_free', 'payment_confirmed',
  'payment_received', 'refund_issued', 'payment_reminder', 'session_reminder', 'decision_reminder',
  'organisation_to_verify', 'organisation_verified', 'organisation_rejected', 'payment_flag', 'account_inactivity'`;
const ADDED = `'booking_message', 'claim_to_arbitrate', 'claim_decided'`;

/**
 * A new message in a booking's conversation and the claims on a verified organisation's number are kinds of
 * `NOTIFICATION_KINDS` too (always sent): the preference table's CHECK lists them. Written out, so that this
 * migration does the same forever. It must run after AccountInactivityKind1797200000000, which rewrites the
 * same CHECK with a fixed list: hence its timestamp right after that one.
 */
export class ConversationAndClaimKinds1797200000001 implements MigrationInterface {
  name = 'ConversationAndClaimKinds1797200000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.preference DROP CONSTRAINT preference_kind_check`);
    await runner.query(
      `ALTER TABLE notification.preference ADD CONSTRAINT preference_kind_check
         CHECK (kind IN (${KINDS_BEFORE}, ${ADDED}))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM notification.preference WHERE kind IN (${ADDED})`);
    await runner.query(`ALTER TABLE notification.preference DROP CONSTRAINT preference_kind_check`);
    await runner.query(
      `ALTER TABLE notification.preference ADD CONSTRAINT preference_kind_check CHECK (kind IN (${KINDS_BEFORE}))`,
    );
  }
}
