import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification service's own tables:
 * - booking_fact: what the events said about each booking (slot, amount,
 *   names), so that a later event carrying only ids can still name things;
 * - recipient: addresses told for an organisation or a collège, as such (a
 *   collège's contact address...);
 * - organisation_member and account_contact: the organisations' members, as
 *   the booking service announces them, and each account's e-mail;
 * - message: the send log, one row per (event, recipient, channel), written
 *   before the attempt and settled after it.
 */
export class CreateNotificationTables1796600000000 implements MigrationInterface {
  name = 'CreateNotificationTables1796600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification.booking_fact (
        booking_id uuid PRIMARY KEY,
        establishment_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        space_id uuid,
        series_id uuid,
        starts_at timestamptz,
        ends_at timestamptz,
        price_cents integer CHECK (price_cents >= 0),
        organisation_name text,
        establishment_name text,
        space_name text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE notification.recipient (
        party_kind text NOT NULL CHECK (party_kind IN ('organisation', 'establishment')),
        party_id uuid NOT NULL,
        email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
        display_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (party_kind, party_id, email)
      )`);
    await runner.query(`
      CREATE TABLE notification.organisation_member (
        organisation_id uuid NOT NULL,
        account_id uuid NOT NULL,
        PRIMARY KEY (organisation_id, account_id)
      )`);
    await runner.query(`
      CREATE TABLE notification.account_contact (
        account_id uuid PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
        display_name text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE notification.message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        booking_id uuid,
        recipient text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email')),
        template text NOT NULL,
        subject text,
        body_text text,
        body_html text,
        status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        provider_response text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT message_event_recipient_channel_key UNIQUE (event_id, recipient, channel)
      )`);
    // The delivery worker's claim: due pending rows, and rows whose sender's lease ran out.
    await runner.query(
      `CREATE INDEX message_due_idx ON notification.message (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query(`CREATE INDEX message_lease_idx ON notification.message (lease_until) WHERE status = 'sending'`);
    await runner.query(
      `CREATE INDEX message_booking_idx ON notification.message (booking_id, created_at) WHERE booking_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE notification.message`);
    await runner.query(`DROP TABLE notification.account_contact`);
    await runner.query(`DROP TABLE notification.organisation_member`);
    await runner.query(`DROP TABLE notification.recipient`);
    await runner.query(`DROP TABLE notification.booking_fact`);
  }
}
